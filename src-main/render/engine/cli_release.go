package main

// `berth list|history|get …` and `berth status -o json|yaml`, run by bin/berth straight from the
// shell: helm v4.1.4's own actions (action.List, History, Status, Get, GetValues, GetMetadata)
// with the Kubernetes client helm builds from the kubeconfig and helm's global flags, printed by
// helm's printers (pkg/cmd list.go, history.go, status.go, get_*.go, copied below: pkg/cmd
// itself is not imported, because its status table printer pulls kubectl's `get` package, whose
// initialisation alone costs template and show 20–60 ms). Berth's release records are helm's
// Secrets, so these print exactly what helm prints, without Node's start-up.
// `berth status` as a table stays on Node: Berth shows its workloads' health where helm lists
// the objects. See docs/engine.md.
//
// The printers are Copyright The Helm Authors, Apache License 2.0.

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/gosuri/uitable"
	"github.com/spf13/cobra"
	k8sLabels "k8s.io/apimachinery/pkg/labels"
	// the client auth plugins helm's own main imports (oidc, azure, gcp provider stubs)
	_ "k8s.io/client-go/plugin/pkg/client/auth"

	"helm.sh/helm/v4/pkg/action"
	"helm.sh/helm/v4/pkg/chart/common/util"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/cli"
	"helm.sh/helm/v4/pkg/cli/output"
	"helm.sh/helm/v4/pkg/cmd/require"
	"helm.sh/helm/v4/pkg/kube"
	ri "helm.sh/helm/v4/pkg/release"
	release "helm.sh/helm/v4/pkg/release/v1"
	releaseutil "helm.sh/helm/v4/pkg/release/v1/util"
)

// releaseWords are the first words bin/berth hands to helm's release commands.
var releaseWords = map[string]bool{"list": true, "ls": true, "history": true, "hist": true, "get": true, "status": true}

// runHelmRelease runs helm's release read commands as helm's main runs them, named berth.
func runHelmRelease(args []string) int {
	kube.ManagedFieldsManager = "helm"
	settings := cli.New()
	cfg := action.NewConfiguration()
	root := &cobra.Command{Use: "berth", SilenceUsage: true}
	root.CompletionOptions.DisableDefaultCmd = true
	settings.AddFlags(root.PersistentFlags())
	root.PersistentPreRunE = func(cmd *cobra.Command, _ []string) error {
		switch settings.ColorMode {
		case "never", "auto", "always":
		default:
			return fmt.Errorf("invalid color mode %q: must be one of: never, auto, always", settings.ColorMode)
		}
		if settings.ColorMode == "always" {
			fmt.Fprintln(os.Stderr, "Flag --color has no effect in Berth, which prints plain text")
		}
		debugLog = settings.Debug
		slog.SetDefault(slog.New(helmLogHandler(os.Stderr)))
		cfg.SetLogger(slog.Default().Handler())
		ns := settings.Namespace()
		if l := cmd.Flags().Lookup("all-namespaces"); l != nil && l.Value.String() == "true" {
			ns = ""
		}
		return cfg.Init(settings.RESTClientGetter(), ns, os.Getenv("HELM_DRIVER"))
	}
	out := os.Stdout
	root.AddCommand(newListCmd(cfg, out), newHistoryCmd(cfg, out), newStatusCmd(cfg, out), newGetCmd(cfg, out))
	root.SetArgs(args)
	if err := root.Execute(); err != nil {
		return 1
	}
	return 0
}

// bindOutputFlag is pkg/cmd/flags.go's -o/--output.
func bindOutputFlag(cmd *cobra.Command, varRef *output.Format) {
	*varRef = output.Table
	cmd.Flags().VarP((*outputValue)(varRef), "output", "o",
		fmt.Sprintf("prints the output in the specified format. Allowed values: %s", strings.Join(output.Formats(), ", ")))
}

type outputValue output.Format

func (o *outputValue) String() string { return string(*o) }
func (o *outputValue) Type() string   { return "format" }
func (o *outputValue) Set(s string) error {
	outfmt, err := output.ParseFormat(s)
	if err != nil {
		return err
	}
	*o = outputValue(outfmt)
	return nil
}

func releaserToV1Release(rel ri.Releaser) (*release.Release, error) {
	switch r := rel.(type) {
	case release.Release:
		return &r, nil
	case *release.Release:
		return r, nil
	case nil:
		return nil, nil
	default:
		return nil, fmt.Errorf("unsupported release type: %T", rel)
	}
}

func releaseListToV1List(ls []ri.Releaser) ([]*release.Release, error) {
	rls := make([]*release.Release, 0, len(ls))
	for _, val := range ls {
		rel, err := releaserToV1Release(val)
		if err != nil {
			return nil, err
		}
		rls = append(rls, rel)
	}
	return rls, nil
}

// ---- list.go

func newListCmd(cfg *action.Configuration, out io.Writer) *cobra.Command {
	client := action.NewList(cfg)
	var outfmt output.Format
	cmd := &cobra.Command{
		Use:     "list",
		Short:   "list releases",
		Aliases: []string{"ls"},
		Args:    require.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			client.SetStateMask()
			resultsi, err := client.Run()
			if err != nil {
				return err
			}
			results, err := releaseListToV1List(resultsi)
			if err != nil {
				return err
			}
			if client.Short {
				names := make([]string, 0, len(results))
				for _, res := range results {
					names = append(names, res.Name)
				}
				switch cmd.Flag("output").Value.String() {
				case "json":
					output.EncodeJSON(out, names)
					return nil
				case "yaml":
					output.EncodeYAML(out, names)
					return nil
				case "table":
					for _, res := range results {
						fmt.Fprintln(out, res.Name)
					}
					return nil
				}
			}
			return outfmt.Write(out, newReleaseListWriter(results, client.TimeFormat, client.NoHeaders))
		},
	}
	f := cmd.Flags()
	f.BoolVarP(&client.Short, "short", "q", false, "output short (quiet) listing format")
	f.BoolVarP(&client.NoHeaders, "no-headers", "", false, "don't print headers when using the default output format")
	f.StringVar(&client.TimeFormat, "time-format", "", `format time using golang time formatter. Example: --time-format "2006-01-02 15:04:05Z0700"`)
	f.BoolVarP(&client.ByDate, "date", "d", false, "sort by release date")
	f.BoolVarP(&client.SortReverse, "reverse", "r", false, "reverse the sort order")
	f.BoolVar(&client.Uninstalled, "uninstalled", false, "show uninstalled releases (if 'helm uninstall --keep-history' was used)")
	f.BoolVar(&client.Superseded, "superseded", false, "show superseded releases")
	f.BoolVar(&client.Uninstalling, "uninstalling", false, "show releases that are currently being uninstalled")
	f.BoolVar(&client.Deployed, "deployed", false, "show deployed releases")
	f.BoolVar(&client.Failed, "failed", false, "show failed releases")
	f.BoolVar(&client.Pending, "pending", false, "show pending releases")
	f.BoolVarP(&client.AllNamespaces, "all-namespaces", "A", false, "list releases across all namespaces")
	f.IntVarP(&client.Limit, "max", "m", 256, "maximum number of releases to fetch")
	f.IntVar(&client.Offset, "offset", 0, "next release index in the list, used to offset from start value")
	f.StringVarP(&client.Filter, "filter", "f", "", "a regular expression (Perl compatible). Any releases that match the expression will be included in the results")
	f.StringVarP(&client.Selector, "selector", "l", "", "Selector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Works only for secret(default) and configmap storage backends.")
	bindOutputFlag(cmd, &outfmt)
	return cmd
}

type releaseElement struct {
	Name       string `json:"name"`
	Namespace  string `json:"namespace"`
	Revision   string `json:"revision"`
	Updated    string `json:"updated"`
	Status     string `json:"status"`
	Chart      string `json:"chart"`
	AppVersion string `json:"app_version"`
}

type releaseListWriter struct {
	releases  []releaseElement
	noHeaders bool
}

func newReleaseListWriter(releases []*release.Release, timeFormat string, noHeaders bool) *releaseListWriter {
	elements := make([]releaseElement, 0, len(releases))
	for _, r := range releases {
		element := releaseElement{
			Name:       r.Name,
			Namespace:  r.Namespace,
			Revision:   strconv.Itoa(r.Version),
			Status:     r.Info.Status.String(),
			Chart:      formatChartName(r.Chart),
			AppVersion: formatAppVersion(r.Chart),
		}
		t := "-"
		if tspb := r.Info.LastDeployed; !tspb.IsZero() {
			if timeFormat != "" {
				t = tspb.Format(timeFormat)
			} else {
				t = tspb.String()
			}
		}
		element.Updated = t
		elements = append(elements, element)
	}
	return &releaseListWriter{elements, noHeaders}
}

func (w *releaseListWriter) WriteTable(out io.Writer) error {
	table := uitable.New()
	if !w.noHeaders {
		table.AddRow("NAME", "NAMESPACE", "REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION")
	}
	for _, r := range w.releases {
		table.AddRow(r.Name, r.Namespace, r.Revision, r.Updated, r.Status, r.Chart, r.AppVersion)
	}
	return output.EncodeTable(out, table)
}

func (w *releaseListWriter) WriteJSON(out io.Writer) error { return output.EncodeJSON(out, w.releases) }
func (w *releaseListWriter) WriteYAML(out io.Writer) error { return output.EncodeYAML(out, w.releases) }

// ---- history.go

func newHistoryCmd(cfg *action.Configuration, out io.Writer) *cobra.Command {
	client := action.NewHistory(cfg)
	var outfmt output.Format
	cmd := &cobra.Command{
		Use:     "history RELEASE_NAME",
		Short:   "fetch release history",
		Aliases: []string{"hist"},
		Args:    require.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			history, err := getHistory(client, args[0])
			if err != nil {
				return err
			}
			return outfmt.Write(out, history)
		},
	}
	cmd.Flags().IntVar(&client.Max, "max", 256, "maximum number of revision to include in history")
	bindOutputFlag(cmd, &outfmt)
	return cmd
}

type releaseInfo struct {
	Revision    int        `json:"revision"`
	Updated     *time.Time `json:"updated,omitempty"`
	Status      string     `json:"status"`
	Chart       string     `json:"chart"`
	AppVersion  string     `json:"app_version"`
	Description string     `json:"description"`
}

type releaseHistory []releaseInfo

func (r releaseHistory) WriteJSON(out io.Writer) error { return output.EncodeJSON(out, r) }
func (r releaseHistory) WriteYAML(out io.Writer) error { return output.EncodeYAML(out, r) }
func (r releaseHistory) WriteTable(out io.Writer) error {
	tbl := uitable.New()
	tbl.AddRow("REVISION", "UPDATED", "STATUS", "CHART", "APP VERSION", "DESCRIPTION")
	for _, item := range r {
		updated := time.Time{}
		if item.Updated != nil {
			updated = *item.Updated
		}
		tbl.AddRow(item.Revision, updated.Format(time.ANSIC), item.Status, item.Chart, item.AppVersion, item.Description)
	}
	return output.EncodeTable(out, tbl)
}

func getHistory(client *action.History, name string) (releaseHistory, error) {
	histi, err := client.Run(name)
	if err != nil {
		return nil, err
	}
	hist, err := releaseListToV1List(histi)
	if err != nil {
		return nil, err
	}
	releaseutil.Reverse(hist, releaseutil.SortByRevision)
	var rels []*release.Release
	for i := 0; i < min(len(hist), client.Max); i++ {
		rels = append(rels, hist[i])
	}
	if len(rels) == 0 {
		return releaseHistory{}, nil
	}
	var history releaseHistory
	for i := len(rels) - 1; i >= 0; i-- {
		r := rels[i]
		info := releaseInfo{Revision: r.Version, Status: r.Info.Status.String(), Chart: formatChartName(r.Chart), AppVersion: formatAppVersion(r.Chart), Description: r.Info.Description}
		if !r.Info.LastDeployed.IsZero() {
			t := r.Info.LastDeployed
			info.Updated = &t
		}
		history = append(history, info)
	}
	return history, nil
}

func formatChartName(c *chart.Chart) string {
	if c == nil || c.Metadata == nil {
		return "MISSING"
	}
	return fmt.Sprintf("%s-%s", c.Name(), c.Metadata.Version)
}

func formatAppVersion(c *chart.Chart) string {
	if c == nil || c.Metadata == nil {
		return "MISSING"
	}
	return c.AppVersion()
}

// ---- status.go (JSON and YAML; bin/berth runs the table on Node)

func newStatusCmd(cfg *action.Configuration, out io.Writer) *cobra.Command {
	client := action.NewStatus(cfg)
	var outfmt output.Format
	cmd := &cobra.Command{
		Use:   "status RELEASE_NAME",
		Short: "display the status of the named release",
		Args:  require.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			if outfmt == output.Table {
				return errors.New("berth status prints its table on Node; run it through bin/berth")
			}
			reli, err := client.Run(args[0])
			if err != nil {
				return err
			}
			rel, err := releaserToV1Release(reli)
			if err != nil {
				return err
			}
			rel.Chart = nil
			return outfmt.Write(out, &statusPrinter{release: rel})
		},
	}
	cmd.Flags().IntVar(&client.Version, "revision", 0, "if set, display the status of the named release with revision")
	bindOutputFlag(cmd, &outfmt)
	return cmd
}

type statusPrinter struct {
	release      *release.Release
	debug        bool
	showMetadata bool
}

func (s statusPrinter) WriteJSON(out io.Writer) error { return output.EncodeJSON(out, s.release) }
func (s statusPrinter) WriteYAML(out io.Writer) error { return output.EncodeYAML(out, s.release) }

// WriteTable is helm's, for `get all` (a stored release: no live resources to list).
func (s statusPrinter) WriteTable(out io.Writer) error {
	rel := s.release
	if rel == nil {
		return nil
	}
	fmt.Fprintf(out, "NAME: %s\n", rel.Name)
	if !rel.Info.LastDeployed.IsZero() {
		fmt.Fprintf(out, "LAST DEPLOYED: %s\n", rel.Info.LastDeployed.Format(time.ANSIC))
	}
	fmt.Fprintf(out, "NAMESPACE: %s\n", rel.Namespace)
	fmt.Fprintf(out, "STATUS: %s\n", rel.Info.Status)
	fmt.Fprintf(out, "REVISION: %d\n", rel.Version)
	if s.showMetadata {
		fmt.Fprintf(out, "CHART: %s\n", rel.Chart.Metadata.Name)
		fmt.Fprintf(out, "VERSION: %s\n", rel.Chart.Metadata.Version)
		fmt.Fprintf(out, "APP_VERSION: %s\n", rel.Chart.Metadata.AppVersion)
	}
	fmt.Fprintf(out, "DESCRIPTION: %s\n", rel.Info.Description)
	tests := 0
	for _, h := range rel.Hooks {
		for _, e := range h.Events {
			if e != release.HookTest {
				continue
			}
			tests++
			if h.LastRun.StartedAt.IsZero() {
				continue
			}
			fmt.Fprintf(out, "TEST SUITE:     %s\n%s\n%s\n%s\n", h.Name,
				fmt.Sprintf("Last Started:   %s", h.LastRun.StartedAt.Format(time.ANSIC)),
				fmt.Sprintf("Last Completed: %s", h.LastRun.CompletedAt.Format(time.ANSIC)),
				fmt.Sprintf("Phase:          %s", h.LastRun.Phase))
		}
	}
	if tests == 0 {
		fmt.Fprintln(out, "TEST SUITE: None")
	}
	if s.debug {
		fmt.Fprintln(out, "USER-SUPPLIED VALUES:")
		if err := output.EncodeYAML(out, rel.Config); err != nil {
			return err
		}
		fmt.Fprintln(out)
		cfg, err := util.CoalesceValues(rel.Chart, rel.Config)
		if err != nil {
			return err
		}
		fmt.Fprintln(out, "COMPUTED VALUES:")
		if err := output.EncodeYAML(out, cfg.AsMap()); err != nil {
			return err
		}
		fmt.Fprintln(out)
	}
	if strings.EqualFold(rel.Info.Description, "Dry run complete") || s.debug {
		fmt.Fprintln(out, "HOOKS:")
		for _, h := range rel.Hooks {
			fmt.Fprintf(out, "---\n# Source: %s\n%s\n", h.Path, h.Manifest)
		}
		fmt.Fprintf(out, "MANIFEST:\n%s\n", rel.Manifest)
	}
	if len(rel.Info.Notes) > 0 {
		fmt.Fprintf(out, "NOTES:\n%s\n", strings.TrimSpace(rel.Info.Notes))
	}
	return nil
}

// ---- get.go, get_*.go

func newGetCmd(cfg *action.Configuration, out io.Writer) *cobra.Command {
	cmd := &cobra.Command{Use: "get", Short: "download extended information of a named release", Args: require.NoArgs}
	cmd.AddCommand(newGetAllCmd(cfg, out), newGetValuesCmd(cfg, out), newGetManifestCmd(cfg, out), newGetHooksCmd(cfg, out), newGetNotesCmd(cfg, out), newGetMetadataCmd(cfg, out))
	return cmd
}

// getRelease runs action.Get and hands the v1 release to print.
func getReleaseCmd(cfg *action.Configuration, use, short string, print func(rel *release.Release) error) (*cobra.Command, *action.Get) {
	client := action.NewGet(cfg)
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  require.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			res, err := client.Run(args[0])
			if err != nil {
				return err
			}
			rel, err := releaserToV1Release(res)
			if err != nil {
				return err
			}
			return print(rel)
		},
	}
	cmd.Flags().IntVar(&client.Version, "revision", 0, "get the named release with revision")
	return cmd, client
}

func newGetAllCmd(cfg *action.Configuration, out io.Writer) *cobra.Command {
	var tmpl string
	cmd, _ := getReleaseCmd(cfg, "all RELEASE_NAME", "download all information for a named release", func(rel *release.Release) error {
		if tmpl != "" {
			tt, err := template.New("_").Parse(tmpl)
			if err != nil {
				return err
			}
			return tt.Execute(out, map[string]interface{}{"Release": rel})
		}
		return output.Table.Write(out, &statusPrinter{release: rel, debug: true, showMetadata: true})
	})
	cmd.Flags().StringVar(&tmpl, "template", "", "go template for formatting the output, eg: {{.Release.Name}}")
	return cmd
}

func newGetManifestCmd(cfg *action.Configuration, out io.Writer) *cobra.Command {
	cmd, _ := getReleaseCmd(cfg, "manifest RELEASE_NAME", "download the manifest for a named release", func(rel *release.Release) error {
		fmt.Fprintln(out, rel.Manifest)
		return nil
	})
	return cmd
}

func newGetNotesCmd(cfg *action.Configuration, out io.Writer) *cobra.Command {
	cmd, _ := getReleaseCmd(cfg, "notes RELEASE_NAME", "download the notes for a named release", func(rel *release.Release) error {
		if len(rel.Info.Notes) > 0 {
			fmt.Fprintf(out, "NOTES:\n%s\n", rel.Info.Notes)
		}
		return nil
	})
	return cmd
}

func newGetHooksCmd(cfg *action.Configuration, out io.Writer) *cobra.Command {
	cmd, _ := getReleaseCmd(cfg, "hooks RELEASE_NAME", "download all hooks for a named release", func(rel *release.Release) error {
		for _, hook := range rel.Hooks {
			fmt.Fprintf(out, "---\n# Source: %s\n%s\n", hook.Path, hook.Manifest)
		}
		return nil
	})
	return cmd
}

type valuesWriter struct {
	vals      map[string]interface{}
	allValues bool
}

func (v valuesWriter) WriteTable(out io.Writer) error {
	if v.allValues {
		fmt.Fprintln(out, "COMPUTED VALUES:")
	} else {
		fmt.Fprintln(out, "USER-SUPPLIED VALUES:")
	}
	return output.EncodeYAML(out, v.vals)
}
func (v valuesWriter) WriteJSON(out io.Writer) error { return output.EncodeJSON(out, v.vals) }
func (v valuesWriter) WriteYAML(out io.Writer) error { return output.EncodeYAML(out, v.vals) }

func newGetValuesCmd(cfg *action.Configuration, out io.Writer) *cobra.Command {
	var outfmt output.Format
	client := action.NewGetValues(cfg)
	cmd := &cobra.Command{
		Use:   "values RELEASE_NAME",
		Short: "download the values file for a named release",
		Args:  require.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			vals, err := client.Run(args[0])
			if err != nil {
				return err
			}
			return outfmt.Write(out, &valuesWriter{vals, client.AllValues})
		},
	}
	f := cmd.Flags()
	f.IntVar(&client.Version, "revision", 0, "get the named release with revision")
	f.BoolVarP(&client.AllValues, "all", "a", false, "dump all (computed) values")
	bindOutputFlag(cmd, &outfmt)
	return cmd
}

type metadataWriter struct{ metadata *action.Metadata }

func newGetMetadataCmd(cfg *action.Configuration, out io.Writer) *cobra.Command {
	var outfmt output.Format
	client := action.NewGetMetadata(cfg)
	cmd := &cobra.Command{
		Use:   "metadata RELEASE_NAME",
		Short: "This command fetches metadata for a given release",
		Args:  require.ExactArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			md, err := client.Run(args[0])
			if err != nil {
				return err
			}
			return outfmt.Write(out, &metadataWriter{md})
		},
	}
	cmd.Flags().IntVar(&client.Version, "revision", 0, "specify release revision")
	bindOutputFlag(cmd, &outfmt)
	return cmd
}

func (w metadataWriter) WriteTable(out io.Writer) error {
	applyMethod := func(m string) string {
		switch m {
		case "":
			return "client-side apply (defaulted)"
		case string(release.ApplyMethodClientSideApply):
			return "client-side apply"
		case string(release.ApplyMethodServerSideApply):
			return "server-side apply"
		default:
			return fmt.Sprintf("unknown (%q)", m)
		}
	}
	fmt.Fprintf(out, "NAME: %v\n", w.metadata.Name)
	fmt.Fprintf(out, "CHART: %v\n", w.metadata.Chart)
	fmt.Fprintf(out, "VERSION: %v\n", w.metadata.Version)
	fmt.Fprintf(out, "APP_VERSION: %v\n", w.metadata.AppVersion)
	fmt.Fprintf(out, "ANNOTATIONS: %v\n", k8sLabels.Set(w.metadata.Annotations).String())
	fmt.Fprintf(out, "LABELS: %v\n", k8sLabels.Set(w.metadata.Labels).String())
	fmt.Fprintf(out, "DEPENDENCIES: %v\n", w.metadata.FormattedDepNames())
	fmt.Fprintf(out, "NAMESPACE: %v\n", w.metadata.Namespace)
	fmt.Fprintf(out, "REVISION: %v\n", w.metadata.Revision)
	fmt.Fprintf(out, "STATUS: %v\n", w.metadata.Status)
	fmt.Fprintf(out, "DEPLOYED_AT: %v\n", w.metadata.DeployedAt)
	fmt.Fprintf(out, "APPLY_METHOD: %v\n", applyMethod(w.metadata.ApplyMethod))
	return nil
}
func (w metadataWriter) WriteJSON(out io.Writer) error { return output.EncodeJSON(out, w.metadata) }
func (w metadataWriter) WriteYAML(out io.Writer) error { return output.EncodeYAML(out, w.metadata) }
