package main

// `berth-engine __locate CHART [helm's chart-path flags]`: prints the local path of CHART as
// helm install/upgrade locate it (pkg/action ChartPathOptions.LocateChart): a file or folder as
// it is; `repo/chart` from helm's repositories.yaml and cache (chartrepo.go); `oci://…` pulled
// with helm's registry client and registry.json (chartoci.go); --repo URL through helm's own
// repository lookup. Downloads are vetted like any package. Berth's Node CLI runs it for
// `berth install|upgrade` with a chart reference, then installs the file.

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"helm.sh/helm/v4/pkg/action"
)

func newLocateCmd() *cobra.Command {
	var repoURL string
	var devel bool
	cmd := &cobra.Command{
		Use:    "__locate CHART",
		Hidden: true,
		Args:   exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if chartVersionConstraint == "" && devel {
				chartVersionConstraint = ">0.0.0-0"
			}
			var cp string
			var err error
			if repoURL != "" {
				cp, err = locateWithRepoURL(args[0], repoURL)
			} else {
				cp, err = locateChart(args[0])
			}
			if err != nil {
				return err
			}
			if _, err := vetChartPath(cp); err != nil {
				return err
			}
			fmt.Fprintln(os.Stdout, cp)
			return nil
		},
	}
	f := cmd.Flags()
	f.String("version", "", "specify a version constraint for the chart version to use")
	f.BoolVar(&devel, "devel", false, "use development versions, too. Equivalent to version '>0.0.0-0'. If --version is set, this is ignored")
	f.StringVar(&repoURL, "repo", "", "chart repository url where to locate the requested chart")
	for _, s := range []string{"username", "password", "cert-file", "key-file", "ca-file", "keyring"} {
		f.String(s, "", s)
	}
	for _, b := range []string{"insecure-skip-tls-verify", "plain-http", "pass-credentials", "verify"} {
		f.Bool(b, false, b)
	}
	return cmd
}

// locateWithRepoURL is helm's LocateChart with --repo: the chart found in that repository's index.
func locateWithRepoURL(name, repoURL string) (string, error) {
	settings := helmSettings()
	client := action.NewInstall(action.NewConfiguration())
	client.ChartPathOptions = chartPathFlags
	client.ChartPathOptions.RepoURL = repoURL
	client.ChartPathOptions.Version = chartVersionConstraint
	rc, err := newRegistryClient(settings, client.ChartPathOptions)
	if err != nil {
		return name, fmt.Errorf("missing registry client: %w", err)
	}
	client.SetRegistryClient(rc)
	return client.LocateChart(name, settings)
}

// newPostRendererCheckCmd is `berth-engine __check-post-renderer --post-renderer NAME`: the flag
// parsed as helm parses it (the plugin looked up then), so `berth install|upgrade` refuse a
// missing plugin with helm's words before anything reaches the cluster.
func newPostRendererCheckCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:    "__check-post-renderer",
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE:   func(*cobra.Command, []string) error { return nil },
	}
	bindPostRenderFlag(cmd.Flags())
	return cmd
}
