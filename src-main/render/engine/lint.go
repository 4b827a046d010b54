package main

// `helm lint`, mirrored from helm.sh/helm/v4 v4.1.4 pkg/cmd/lint.go and pkg/action/lint.go.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/v2/lint"
	"helm.sh/helm/v4/pkg/chart/v2/lint/support"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
)

type lintRequest struct {
	valueOptions
	Paths                []string `json:"paths"`
	Strict               bool     `json:"strict"`
	Namespace            string   `json:"namespace"`
	WithSubcharts        bool     `json:"withSubcharts"`
	Quiet                bool     `json:"quiet"`
	SkipSchemaValidation bool     `json:"skipSchemaValidation"`
	KubeVersion          string   `json:"kubeVersion"`
	// CiValues: also lint with each ci/*-values.yaml of a chart folder (berth lint, lint_ci.go).
	CiValues bool `json:"ciValues"`
}

type lintResult struct {
	TotalChartsLinted int
	Messages          []support.Message
	Errors            []error
}

func runLint(request []byte, _ []byte, out io.Writer, _ *response) error {
	var req lintRequest
	if err := json.Unmarshal(request, &req); err != nil {
		return err
	}
	paths := req.Paths
	var kubeVersion *common.KubeVersion
	if req.KubeVersion != "" {
		parsed, err := common.ParseKubeVersion(req.KubeVersion)
		if err != nil {
			return fmt.Errorf("invalid kube version '%s': %s", req.KubeVersion, err)
		}
		kubeVersion = parsed
	}
	if req.WithSubcharts {
		for _, p := range paths {
			filepath.Walk(filepath.Join(p, "charts"), func(path string, info os.FileInfo, _ error) error {
				if info != nil {
					if info.Name() == "Chart.yaml" {
						paths = append(paths, filepath.Dir(path))
					} else if strings.HasSuffix(path, ".tgz") || strings.HasSuffix(path, ".tar.gz") {
						paths = append(paths, path)
					}
				}
				return nil
			})
		}
	}
	vals, err := req.mergeValues()
	if err != nil {
		return err
	}

	var message strings.Builder
	failed := 0
	errorsOrWarnings := 0
	var cases []ciCase
	for _, path := range paths {
		result := lintRun(&req, kubeVersion, path, vals)
		hasWarningsOrErrors := hasWarningsOrErrors(result)
		if hasWarningsOrErrors {
			errorsOrWarnings++
		}
		if req.Quiet && !hasWarningsOrErrors {
			continue
		}
		fmt.Fprintf(&message, "==> Linting %s\n", path)
		if len(result.Messages) == 0 {
			for _, err := range result.Errors {
				fmt.Fprintf(&message, "Error %s\n", err)
			}
		}
		for _, msg := range result.Messages {
			if !req.Quiet || msg.Severity > support.InfoSev {
				fmt.Fprintf(&message, "%s\n", msg)
			}
		}
		if len(result.Errors) != 0 {
			failed++
		}
		fmt.Fprint(&message, "\n")
		if req.CiValues {
			more, err := lintCiCases(&req, kubeVersion, path, &message)
			cases = append(cases, more...)
			if err != nil {
				fmt.Fprint(out, message.String())
				return err
			}
		}
	}
	fmt.Fprint(out, message.String())
	fmt.Fprint(out, ciSummary(cases))

	summary := fmt.Sprintf("%d chart(s) linted, %d chart(s) failed", len(paths), failed)
	ciFailed := 0
	for _, c := range cases {
		if c.failed {
			ciFailed++
		}
	}
	if ciFailed > 0 {
		summary += fmt.Sprintf(", %d of %d ci values file(s) failed", ciFailed, len(cases))
	}
	if failed > 0 || ciFailed > 0 {
		return errors.New(summary)
	}
	if !req.Quiet || errorsOrWarnings > 0 {
		fmt.Fprintln(out, summary)
	}
	return nil
}

func lintRun(req *lintRequest, kubeVersion *common.KubeVersion, path string, vals map[string]interface{}) *lintResult {
	lowestTolerance := support.ErrorSev
	if req.Strict {
		lowestTolerance = support.WarningSev
	}
	result := &lintResult{}
	linter, err := lintChart(path, vals, req.Namespace, kubeVersion, req.SkipSchemaValidation)
	if err != nil {
		result.Errors = append(result.Errors, err)
		return result
	}
	// Berth's values checks (values_judge.go) join Helm's, so --strict counts them too.
	linter.Messages = append(linter.Messages, lintValuesMessages(path, vals)...)
	result.Messages = append(result.Messages, linter.Messages...)
	result.TotalChartsLinted++
	for _, msg := range linter.Messages {
		if msg.Severity >= lowestTolerance {
			result.Errors = append(result.Errors, msg.Err)
		}
	}
	return result
}

func hasWarningsOrErrors(result *lintResult) bool {
	for _, msg := range result.Messages {
		if msg.Severity > support.InfoSev {
			return true
		}
	}
	return len(result.Errors) > 0
}

// expandForLint unpacks a chart package into a new temp dir, in memory where it can
// (lintTempBases), else where helm does; done removes it.
func expandForLint(path string) (tempDir string, done func(), err error) {
	bases := lintTempBases()
	for i, base := range bases {
		last := i == len(bases)-1
		tempDir, err = os.MkdirTemp(base, "helm-lint")
		if err != nil {
			if last {
				return "", nil, fmt.Errorf("unable to create temp dir to extract tarball: %w", err)
			}
			continue
		}
		done = removeOnExit(tempDir)
		file, err := os.Open(path)
		if err != nil {
			done()
			return "", nil, fmt.Errorf("unable to open tarball: %w", err)
		}
		err = chartutil.Expand(tempDir, file)
		file.Close()
		if err == nil {
			return tempDir, done, nil
		}
		done()
		// a memory filesystem may be too small for the chart: try the next place
		if last || !errors.Is(err, syscall.ENOSPC) {
			return "", nil, fmt.Errorf("unable to extract tarball: %w", err)
		}
	}
	return "", nil, errors.New("unable to create temp dir to extract tarball")
}

func lintChart(path string, vals map[string]interface{}, namespace string, kubeVersion *common.KubeVersion, skipSchemaValidation bool) (support.Linter, error) {
	var chartPath string
	linter := support.Linter{}

	if strings.HasSuffix(path, ".tgz") || strings.HasSuffix(path, ".tar.gz") {
		tempDir, done, err := expandForLint(path)
		if err != nil {
			return linter, err
		}
		defer done()

		files, err := os.ReadDir(tempDir)
		if err != nil {
			return linter, fmt.Errorf("unable to read temporary output directory %s: %w", tempDir, err)
		}
		if !files[0].IsDir() {
			return linter, fmt.Errorf("unexpected file %s in temporary output directory %s", files[0].Name(), tempDir)
		}
		chartPath = filepath.Join(tempDir, files[0].Name())
	} else {
		chartPath = path
	}

	if _, err := os.Stat(filepath.Join(chartPath, "Chart.yaml")); err != nil {
		return linter, fmt.Errorf("unable to check Chart.yaml file in chart: %w", err)
	}

	return lint.RunAll(
		chartPath,
		vals,
		namespace,
		lint.WithKubeVersion(kubeVersion),
		lint.WithSkipSchemaValidation(skipSchemaValidation),
	), nil
}
