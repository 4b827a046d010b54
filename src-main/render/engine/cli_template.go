package main

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
)

// newTemplateCmd is helm's pkg/cmd/template.go (with install's flags that matter client-side).
func newTemplateCmd(l limits) *cobra.Command {
	req := templateRequest{}
	names := nameFlags{}
	cmd := &cobra.Command{
		Use:   "template [NAME] [CHART]",
		Short: "locally render templates",
		Args:  minimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			args, err := releaseArgs(args, names)
			if err != nil {
				return err
			}
			req.Args = args
			req.Namespace = namespaceOr(req.Namespace)
			// helm's --api-versions is a string slice: each value may hold a comma-separated list
			var apis []string
			for _, a := range req.APIVersions {
				for _, p := range strings.Split(a, ",") {
					if p != "" {
						apis = append(apis, p)
					}
				}
			}
			req.APIVersions = apis
			chartArg := args[0]
			if len(args) >= 2 {
				chartArg = args[1]
			}
			// helm's runInstall (pkg/cmd/install.go) logs these with --debug
			slog.Debug("Original chart version", "version", chartVersionConstraint)
			if devel, _ := cmd.Flags().GetBool("devel"); devel && chartVersionConstraint == "" {
				slog.Debug("setting version to >0.0.0-0")
			}
			blob, err := vetChartPath(chartArg)
			if err != nil {
				return err
			}
			if abs, err := filepath.Abs(chartArg); err == nil {
				if _, statErr := os.Stat(abs); statErr == nil {
					slog.Debug("Chart path", "path", abs)
				}
			}
			req.Debug = debugLog
			if outputDir, _ := cmd.Flags().GetString("output-dir"); outputDir != "" {
				useName, _ := cmd.Flags().GetBool("release-name")
				return templateToDir(&req, blob, outputDir, useName)
			}
			return runOp("template", &req, blob, l, req.Debug)
		},
	}
	f := cmd.Flags()
	addNamespaceFlag(f, &req.Namespace)
	addValueOptionsFlags(f, &req.valueOptions)
	f.BoolVar(&req.DisableHooks, "no-hooks", false, "prevent hooks from running during install")
	f.BoolVar(&req.SkipSchemaValidation, "skip-schema-validation", false, "if set, disables JSON schema validation")
	f.StringArrayVarP(&req.ShowOnly, "show-only", "s", []string{}, "only show manifests rendered from the given templates")
	f.BoolVar(&req.IncludeCRDs, "include-crds", false, "include CRDs in the templated output")
	f.BoolVar(&req.SkipTests, "skip-tests", false, "skip tests from templated output")
	f.BoolVar(&req.IsUpgrade, "is-upgrade", false, "set .Release.IsUpgrade instead of .Release.IsInstall")
	f.StringVar(&req.KubeVersion, "kube-version", "", "Kubernetes version used for Capabilities.KubeVersion")
	f.StringSliceVarP(&req.APIVersions, "api-versions", "a", []string{}, "Kubernetes api versions used for Capabilities.APIVersions (multiple can be specified)")
	addTemplateInstallFlags(f, &names)
	return cmd
}
