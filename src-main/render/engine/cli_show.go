package main

import "github.com/spf13/cobra"

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
		cmd.AddCommand(&cobra.Command{
			Use:   format + " [CHART]",
			Short: sub.short,
			Args:  exactArgs(1),
			RunE: func(_ *cobra.Command, args []string) error {
				if _, err := vetChartPath(args[0]); err != nil {
					return err
				}
				return runOp("show", &showRequest{Format: format, Chart: args[0]}, nil, l, false)
			},
		})
	}
	return cmd
}
