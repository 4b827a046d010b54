package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/v2/lint/support"
)

// The chart-testing matrix in `berth lint` (issue 17): every ci/*-values.yaml of a chart folder is
// a case, linted with that file as chart-testing's `ct lint` does (helm lint --values FILE, after
// the line "Linting chart with values file …"), after Helm's own block for the chart. A summary
// names each file with its result, in ct's ✔︎/✖︎ lines. Only the CLI asks for it (lintRequest.CiValues),
// so the in-process lint the UI and the report use prints what helm lint prints.

// ciValuesFiles lists a chart folder's chart-testing cases, sorted; none for a packaged chart.
func ciValuesFiles(chartPath string) []string {
	if info, err := os.Stat(chartPath); err != nil || !info.IsDir() {
		return nil
	}
	files, _ := filepath.Glob(filepath.Join(chartPath, "ci", "*-values.yaml"))
	sort.Strings(files)
	return files
}

type ciCase struct {
	chart  string
	file   string
	failed bool
}

// lintCiCases lints the chart once per ci values file (the user's -f/--set on top), writing
// each block as helm lint writes one.
func lintCiCases(req *lintRequest, kubeVersion *common.KubeVersion, path string, message *strings.Builder) ([]ciCase, error) {
	var cases []ciCase
	for _, file := range ciValuesFiles(path) {
		opts := req.valueOptions
		opts.ValueFiles = append([]string{file}, req.ValueFiles...)
		vals, err := opts.mergeValues()
		if err != nil {
			return cases, err
		}
		result := lintRun(req, kubeVersion, path, vals)
		rel, _ := filepath.Rel(path, file)
		c := ciCase{chart: path, file: filepath.ToSlash(rel), failed: len(result.Errors) != 0}
		cases = append(cases, c)
		if req.Quiet && !hasWarningsOrErrors(result) {
			continue
		}
		fmt.Fprintf(message, "Linting chart with values file %q...\n\n", file)
		fmt.Fprintf(message, "==> Linting %s\n", path)
		if len(result.Messages) == 0 {
			for _, err := range result.Errors {
				fmt.Fprintf(message, "Error %s\n", err)
			}
		}
		for _, msg := range result.Messages {
			if !req.Quiet || msg.Severity > support.InfoSev {
				fmt.Fprintf(message, "%s\n", msg)
			}
		}
		fmt.Fprint(message, "\n")
	}
	return cases, nil
}

// ciSummary is chart-testing's closing table, one line per values file.
func ciSummary(cases []ciCase) string {
	if len(cases) == 0 {
		return ""
	}
	line := strings.Repeat("-", 120)
	var b strings.Builder
	fmt.Fprintln(&b, line)
	for _, c := range cases {
		mark := "✔︎"
		if c.failed {
			mark = "✖︎"
		}
		fmt.Fprintf(&b, " %s %s => (values file: %q)\n", mark, c.chart, c.file)
	}
	fmt.Fprintln(&b, line)
	return b.String()
}
