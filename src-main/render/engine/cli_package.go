package main

import (
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// newPackageCmd is helm's pkg/cmd/package.go.
func newPackageCmd(l limits) *cobra.Command {
	req := packageRequest{}
	sign := signing{}
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
			collectOnlyNearLimit()
			if err := sign.check(); err != nil {
				return err
			}
			if !sign.sign {
				return runOp("package", &req, nil, l, true)
			}
			return packageAndSign(&req, sign)
		},
	}
	f := cmd.Flags()
	f.StringVar(&req.Version, "version", "", "set the version on the chart to this semver version")
	f.StringVar(&req.AppVersion, "app-version", "", "set the appVersion on the chart to this version")
	f.StringVarP(&req.Destination, "destination", "d", ".", "location to write the chart.")
	addPackageSignFlags(f, &sign)
	return cmd
}

// packageAndSign packages as helm does, signing each archive before its line is printed.
func packageAndSign(req *packageRequest, sign signing) error {
	request, err := json.Marshal(req)
	if err != nil {
		return err
	}
	res, stdout := dispatch("package", request, nil, 0)
	if res.Stderr != "" {
		io.WriteString(os.Stderr, res.Stderr)
	}
	const saved = "Successfully packaged chart and saved it to: "
	for _, line := range strings.SplitAfter(string(stdout), "\n") {
		if strings.HasPrefix(line, saved) {
			if err := sign.clearsign(strings.TrimSpace(strings.TrimPrefix(line, saved))); err != nil {
				return err
			}
		}
		io.WriteString(os.Stdout, line)
	}
	if res.Error != "" {
		return errors.New(res.Error)
	}
	return nil
}
