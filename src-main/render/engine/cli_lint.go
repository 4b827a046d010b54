package main

import "github.com/spf13/cobra"

// newLintCmd is helm's pkg/cmd/lint.go.
func newLintCmd(l limits) *cobra.Command {
	req := lintRequest{}
	cmd := &cobra.Command{
		Use:   "lint PATH",
		Short: "examine a chart for possible issues",
		// helm v4 requires the path (require.MinimumNArgs(1)); it no longer lints "." by default
		Args: minimumNArgs(1),
		RunE: func(_ *cobra.Command, args []string) error {
			req.Paths = args
			for _, p := range req.Paths {
				if _, err := vetChartPath(p); err != nil {
					return err
				}
			}
			req.Namespace = namespaceOr(req.Namespace)
			// chart-testing's cases (ci/*-values.yaml) are linted too, each named as ct lint names it
			req.CiValues = true
			return runOp("lint", &req, nil, l, true)
		},
	}
	f := cmd.Flags()
	addNamespaceFlag(f, &req.Namespace)
	f.BoolVar(&req.Strict, "strict", false, "fail on lint warnings")
	f.BoolVar(&req.WithSubcharts, "with-subcharts", false, "lint dependent charts")
	f.BoolVar(&req.Quiet, "quiet", false, "print only warnings and errors")
	f.BoolVar(&req.SkipSchemaValidation, "skip-schema-validation", false, "if set, disables JSON schema validation")
	f.StringVar(&req.KubeVersion, "kube-version", "", "Kubernetes version used for capabilities and deprecation checks")
	addValueOptionsFlags(f, &req.valueOptions)
	return cmd
}
