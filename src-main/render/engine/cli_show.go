package main

import (
	"log/slog"

	"github.com/spf13/cobra"
)

// newShowCmd is helm's pkg/cmd/show.go: show all|chart|readme|values|crds.
func newShowCmd(l limits) *cobra.Command {
	cmd := &cobra.Command{
		Use:     "show",
		Short:   "show information of a chart",
		Aliases: []string{"inspect"},
		Args:    cobra.NoArgs,
	}
	for _, sub := range []struct{ format, short string }{
		{"all", "show all information of the chart"},
		{"chart", "show the chart's definition"},
		{"readme", "show the chart's README"},
		{"values", "show the chart's values"},
		{"crds", "show the chart's CRDs"},
	} {
		format := sub.format
		var jsonpath string
		sc := &cobra.Command{
			Use:   format + " [CHART]",
			Short: sub.short,
			Args:  exactArgs(1),
			RunE: func(_ *cobra.Command, args []string) error {
				slog.Debug("original chart version", "version", chartVersionConstraint)
				if _, err := vetChartPath(args[0]); err != nil {
					return err
				}
				return runOp("show", &showRequest{Format: format, Chart: args[0], JSONPath: jsonpath}, nil, l, false)
			},
		}
		// pkg/cmd/show.go addShowFlags: where the chart comes from (Berth reads files and folders)
		f := sc.Flags()
		f.String("version", "", "specify a version constraint for the chart version to use")
		f.Bool("devel", false, "use development versions, too")
		f.Bool("verify", false, "verify the package before using it")
		f.String("keyring", defaultKeyring(), "location of public keys used for verification")
		f.String("repo", "", "chart repository url where to locate the requested chart")
		f.String("username", "", "chart repository username where to locate the requested chart")
		f.String("password", "", "chart repository password where to locate the requested chart")
		f.String("cert-file", "", "identify HTTPS client using this SSL certificate file")
		f.String("key-file", "", "identify HTTPS client using this SSL key file")
		f.String("ca-file", "", "verify certificates of HTTPS-enabled servers using this CA bundle")
		f.Bool("insecure-skip-tls-verify", false, "skip tls certificate checks for the chart download")
		f.Bool("plain-http", false, "use insecure HTTP connections for the chart download")
		f.Bool("pass-credentials", false, "pass credentials to all domains")
		if format == "values" {
			f.StringVar(&jsonpath, "jsonpath", "", "supply a JSONPath expression to filter the output")
		}
		cmd.AddCommand(sc)
	}
	return cmd
}
