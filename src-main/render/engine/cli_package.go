package main

import (
	"errors"

	"github.com/spf13/cobra"
)

// newPackageCmd is helm's pkg/cmd/package.go.
func newPackageCmd(l limits) *cobra.Command {
	req := packageRequest{}
	cmd := &cobra.Command{
		Use:   "package [CHART_PATH] [...]",
		Short: "package a chart directory into a chart archive",
		RunE: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return errors.New("need at least one argument, the path to the chart")
			}
			for _, p := range args {
				if _, err := vetChartPath(p); err != nil {
					return err
				}
			}
			req.Paths = args
			return runOp("package", &req, nil, l, true)
		},
	}
	f := cmd.Flags()
	f.StringVar(&req.Version, "version", "", "set the version on the chart to this semver version")
	f.StringVar(&req.AppVersion, "app-version", "", "set the appVersion on the chart to this version")
	f.StringVarP(&req.Destination, "destination", "d", ".", "location to write the chart.")
	return cmd
}
