package main

// `helm show chart|values|readme|crds|all`, mirrored from helm.sh/helm/v4 v4.1.4 pkg/action/show.go.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"k8s.io/cli-runtime/pkg/printers"
	"sigs.k8s.io/yaml"

	"helm.sh/helm/v4/pkg/chart/common"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/chart/v2/loader"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
)

type showRequest struct {
	Format string `json:"format"`
	Chart  string `json:"chart"`
	// JSONPath is show values --jsonpath: the values filtered through kubectl's JSONPath printer
	JSONPath string `json:"jsonpath,omitempty"`
}

var readmeFileNames = []string{"readme.md", "readme.txt", "readme"}

func runShow(request []byte, blob []byte, out io.Writer, _ *response) error {
	var req showRequest
	if err := json.Unmarshal(request, &req); err != nil {
		return err
	}
	chrt, err := loadChartV2(req.Chart, blob)
	if err != nil {
		return err
	}
	cf, err := yaml.Marshal(chrt.Metadata)
	if err != nil {
		return err
	}
	all := req.Format == "all"
	if req.Format == "chart" || all {
		fmt.Fprintf(out, "%s\n", cf)
	}
	if (req.Format == "values" || all) && chrt.Values != nil {
		if all {
			fmt.Fprintln(out, "---")
		}
		if req.JSONPath != "" {
			printer, err := printers.NewJSONPathPrinter(req.JSONPath)
			if err != nil {
				return fmt.Errorf("error parsing jsonpath %s: %w", req.JSONPath, err)
			}
			printer.Execute(out, chrt.Values)
		} else {
			for _, f := range chrt.Raw {
				if f.Name == chartutil.ValuesfileName {
					fmt.Fprintln(out, string(f.Data))
				}
			}
		}
	}
	if req.Format == "readme" || all {
		if readme := findReadme(chrt.Files); readme != nil {
			if all {
				fmt.Fprintln(out, "---")
			}
			fmt.Fprintf(out, "%s\n", readme.Data)
		}
	}
	if req.Format == "crds" || all {
		for _, crd := range chrt.CRDObjects() {
			if !bytes.HasPrefix(crd.File.Data, []byte("---")) {
				fmt.Fprintln(out, "---")
			}
			fmt.Fprintf(out, "%s\n", string(crd.File.Data))
		}
	}
	return nil
}

func loadChartV2(ref string, blob []byte) (*chart.Chart, error) {
	if blob != nil {
		return loader.LoadArchive(bytes.NewReader(blob))
	}
	cp, err := locateChart(ref)
	if err != nil {
		return nil, err
	}
	return loader.Load(cp)
}

func findReadme(files []*common.File) *common.File {
	for _, file := range files {
		for _, n := range readmeFileNames {
			if file == nil {
				continue
			}
			if strings.EqualFold(file.Name, n) {
				return file
			}
		}
	}
	return nil
}

func runVersion(_ []byte, _ []byte, out io.Writer, _ *response) error {
	fmt.Fprintf(out, "%#v\n", common.DefaultCapabilities.HelmVersion)
	return nil
}
