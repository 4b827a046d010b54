package main

// `render`: what Helm's install and upgrade actions compute before talking to the cluster
// (pkg/action/install.go RunWithContext and pkg/action/action.go renderResources up to
// engine.Render), for Berth's deploy: the chart is rendered for the cluster's own capabilities
// and the raw files come back for Berth to sort into manifests and hooks as Helm does.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"

	ci "helm.sh/helm/v4/pkg/chart"
	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/common/util"
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
	KubeMajor   string   `json:"kubeMajor"`
	KubeMinor   string   `json:"kubeMinor"`
	APIVersions []string `json:"apiVersions"`
	chartValues
	SkipSchemaValidation bool `json:"skipSchemaValidation"`
	// Carry is set on upgrades that carry the previous revision's values over.
	Carry *carryRequest `json:"carry"`
}

// carryRequest is helm upgrade's --reuse-values or --reset-then-reuse-values
// (pkg/action/upgrade.go reuseValues) with the revision being upgraded.
type carryRequest struct {
	// Mode is "reuse", "reset-then-reuse" or "default" (the previous config when no values are given).
	Mode string `json:"mode"`
	// ChartValuesJSON is the values of the chart stored in that revision; ConfigJSON its config.
	ChartValuesJSON string `json:"chartValuesJson"`
	ConfigJSON      string `json:"configJson"`
}

type renderReply struct {
	Files map[string]string `json:"files"`
	// Values is set when values were carried over: the release's new config.
	Values map[string]interface{} `json:"values,omitempty"`
	// Config is the release's config exactly as helm stores it (json.Marshal of the merged user
	// values: int64 from --set keeps every digit), for Berth's release record.
	ConfigJSON string `json:"configJson"`
	// ChartValues are the chart's values as Helm stores them in the release: read by Helm's
	// loader (YAML 1.1), after import-values and, with "reuse", the previous revision's.
	ChartValues map[string]interface{} `json:"chartValues"`
}

func jsonMap(text string) (map[string]interface{}, error) {
	m := map[string]interface{}{}
	if text == "" {
		return m, nil
	}
	if err := json.Unmarshal([]byte(text), &m); err != nil {
		return nil, fmt.Errorf("values are not a JSON object: %w", err)
	}
	if m == nil {
		m = map[string]interface{}{}
	}
	return m, nil
}

// chartValues is the user's values in a request about a chart package: a JSON object (the
// app's values form), then helm install/upgrade's -f files and --set* flags merged over it by
// Helm's own code (values.go, as helm's MergeValues merges them), so --set keeps int64 as
// strvals gives it.
type chartValues struct {
	ValuesJSON   string        `json:"valuesJson"`
	ValueSources *valueOptions `json:"valueSources"`
}

func (v *chartValues) values() *chartValues { return v }

// loadChartRequest decodes a request about a chart package (one that embeds chartValues) into
// req, and gives the package loaded and the request's values merged.
func loadChartRequest(command string, request, blob []byte, req interface{ values() *chartValues }) (ci.Charter, map[string]interface{}, error) {
	if err := json.Unmarshal(request, req); err != nil {
		return nil, nil, err
	}
	if blob == nil {
		return nil, nil, fmt.Errorf("%s needs the chart package", command)
	}
	v := req.values()
	vals, err := jsonMap(v.ValuesJSON)
	if err == nil && v.ValueSources != nil {
		vals, err = v.ValueSources.mergeValuesOver(vals)
	}
	if err != nil {
		return nil, nil, err
	}
	charter, err := loadArchive(blob)
	return charter, vals, err
}

// carryValues is Upgrade.reuseValues for the two modes that merge the previous config.
func carryValues(c *carryRequest, chrt *chart.Chart, vals map[string]interface{}, reply *renderReply) (map[string]interface{}, error) {
	config, err := jsonMap(c.ConfigJSON)
	if err != nil {
		return nil, err
	}
	switch c.Mode {
	case "reuse":
		oldChartValues, err := jsonMap(c.ChartValuesJSON)
		if err != nil {
			return nil, err
		}
		// We have to regenerate the old coalesced values:
		oldVals, err := util.CoalesceValues(&chart.Chart{Metadata: chrt.Metadata, Values: oldChartValues}, config)
		if err != nil {
			return nil, fmt.Errorf("failed to rebuild old values: %w", err)
		}
		vals = util.CoalesceTables(vals, config)
		chrt.Values = oldVals
	case "reset-then-reuse":
		vals = util.CoalesceTables(vals, config)
	case "default":
		if len(vals) == 0 && len(config) > 0 {
			vals = config
		}
	default:
		return nil, fmt.Errorf("unknown way to carry values over: %q", c.Mode)
	}
	reply.Values = vals
	return vals, nil
}

func runRender(request []byte, blob []byte, out io.Writer, _ *response) error {
	var req renderRequest
	charter, vals, err := loadChartRequest("render", request, blob, &req)
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
	var reply renderReply
	if req.Carry != nil {
		if vals, err = carryValues(req.Carry, chrt, vals, &reply); err != nil {
			return err
		}
	}
	if err := chartutil.ProcessDependencies(chrt, vals); err != nil {
		return fmt.Errorf("chart dependencies processing failed: %w", err)
	}
	reply.ChartValues = chrt.Values
	config, err := json.Marshal(vals)
	if err != nil {
		return err
	}
	reply.ConfigJSON = string(config)
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
	files, err := e.Render(chrt, valuesToRender)
	if err != nil {
		return err
	}
	if files, err = postRenderRelease(files); err != nil {
		return err
	}
	reply.Files = files
	return json.NewEncoder(out).Encode(reply)
}
