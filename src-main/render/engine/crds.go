package main

// `crds`: the CustomResourceDefinition files `helm install` creates before rendering
// (pkg/action/install.go RunWithContext: ProcessDependencies, then chrt.CRDObjects()), so
// subcharts packed as charts/*.tgz count and subcharts disabled by a condition or tag do not.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	chart "helm.sh/helm/v4/pkg/chart/v2"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
)

type crdsRequest struct {
	chartValues
}

type crdFile struct {
	// Name is the file's path in its own chart (crds/…); Filename is its full path, e.g.
	// "parent/charts/sub/crds/a.yaml", as Helm reports it.
	Name     string `json:"name"`
	Filename string `json:"filename"`
	Data     string `json:"data"`
}

func runCRDs(request []byte, blob []byte, out io.Writer, _ *response) error {
	var req crdsRequest
	charter, vals, err := loadChartRequest("crds", request, blob, &req)
	if err != nil {
		return err
	}
	chrt, ok := charter.(*chart.Chart)
	if !ok {
		return errors.New("invalid chart apiVersion")
	}
	if err := chartutil.ProcessDependencies(chrt, vals); err != nil {
		return fmt.Errorf("chart dependencies processing failed: %w", err)
	}
	files := []crdFile{}
	for _, c := range chrt.CRDObjects() {
		files = append(files, crdFile{Name: c.Name, Filename: c.Filename, Data: string(c.File.Data)})
	}
	return json.NewEncoder(out).Encode(files)
}
