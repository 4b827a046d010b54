package main

// `render`: what Helm's install and upgrade actions compute before talking to the cluster
// (pkg/action/install.go RunWithContext and pkg/action/action.go renderResources up to
// engine.Render), for Berth's deploy: the chart is rendered for the cluster's own capabilities
// and the raw files come back for Berth to sort into manifests and hooks as Helm does.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	ci "helm.sh/helm/v4/pkg/chart"
	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/common/util"
	"helm.sh/helm/v4/pkg/chart/loader"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/engine"
)

type renderRequest struct {
	ReleaseName string `json:"releaseName"`
	Namespace   string `json:"namespace"`
	Revision    int    `json:"revision"`
	IsUpgrade   bool   `json:"isUpgrade"`
	// KubeVersion and APIVersions are the target cluster's (not helm template's defaults).
	KubeVersion string `json:"kubeVersion"`
	// KubeMajor and KubeMinor are the server's /version fields, which Helm takes as they are
	// (e.g. "27+" on some clouds) instead of parsing them from KubeVersion.
	KubeMajor            string   `json:"kubeMajor"`
	KubeMinor            string   `json:"kubeMinor"`
	APIVersions          []string `json:"apiVersions"`
	ValuesJSON           string   `json:"valuesJson"`
	SkipSchemaValidation bool     `json:"skipSchemaValidation"`
}

type renderReply struct {
	Files map[string]string `json:"files"`
}

func runRender(request []byte, blob []byte, out io.Writer, _ *response) error {
	var req renderRequest
	if err := json.Unmarshal(request, &req); err != nil {
		return err
	}
	if blob == nil {
		return errors.New("render needs the chart package")
	}
	vals := map[string]interface{}{}
	if req.ValuesJSON != "" {
		if err := json.Unmarshal([]byte(req.ValuesJSON), &vals); err != nil {
			return fmt.Errorf("values are not a JSON object: %w", err)
		}
	}
	charter, err := loader.LoadArchive(bytes.NewReader(blob))
	if err != nil {
		return err
	}
	ac, err := ci.NewAccessor(charter)
	if err != nil {
		return err
	}
	if err := checkIfInstallable(ac); err != nil {
		return err
	}
	if reqs := ac.MetaDependencies(); len(reqs) > 0 {
		if err := checkDependencies(charter, reqs); err != nil {
			return fmt.Errorf("an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: %w", err)
		}
	}
	chrt, ok := charter.(*chart.Chart)
	if !ok {
		return errors.New("invalid chart apiVersion")
	}
	if err := chartutil.ValidateReleaseName(req.ReleaseName); err != nil {
		return fmt.Errorf("release name check failed: %w", fmt.Errorf("release name %q: %w", req.ReleaseName, err))
	}
	if err := chartutil.ProcessDependencies(chrt, vals); err != nil {
		return fmt.Errorf("chart dependencies processing failed: %w", err)
	}
	caps := common.DefaultCapabilities.Copy()
	if req.KubeVersion != "" {
		kv, err := common.ParseKubeVersion(req.KubeVersion)
		if err != nil {
			return fmt.Errorf("invalid kube version '%s': %s", req.KubeVersion, err)
		}
		caps.KubeVersion = *kv
		if req.KubeMajor != "" && req.KubeMinor != "" {
			// pkg/action/action.go getCapabilities: the server's GitVersion, Major and Minor.
			caps.KubeVersion = common.KubeVersion{Version: req.KubeVersion, Major: req.KubeMajor, Minor: req.KubeMinor}
		}
	}
	if req.APIVersions != nil {
		caps.APIVersions = common.VersionSet(req.APIVersions)
	}
	revision := req.Revision
	if revision == 0 {
		revision = 1
	}
	options := common.ReleaseOptions{Name: req.ReleaseName, Namespace: req.Namespace, Revision: revision, IsInstall: !req.IsUpgrade, IsUpgrade: req.IsUpgrade}
	valuesToRender, err := util.ToRenderValuesWithSchemaValidation(chrt, vals, options, caps, req.SkipSchemaValidation)
	if err != nil {
		return err
	}
	if chrt.Metadata.KubeVersion != "" && !chartutil.IsCompatibleRange(chrt.Metadata.KubeVersion, caps.KubeVersion.String()) {
		return fmt.Errorf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s", chrt.Metadata.KubeVersion, caps.KubeVersion.Version)
	}
	var e engine.Engine
	e.CustomTemplateFuncs = fastCryptoFuncs()
	files, err := e.Render(chrt, valuesToRender)
	if err != nil {
		return err
	}
	return json.NewEncoder(out).Encode(renderReply{Files: files})
}
