package main

// `helm template`, mirrored from helm.sh/helm/v4 v4.1.4:
//   pkg/cmd/template.go      (newTemplateCmd: hooks, --show-only, --skip-tests)
//   pkg/cmd/install.go       (runInstall, checkIfInstallable)
//   pkg/action/install.go    (Install.NameAndChart, Install.RunWithContext in client-only dry-run mode)
//   pkg/action/action.go     (Configuration.renderResources without output dir; --post-renderer in postrender.go)
// pkg/action itself cannot be compiled to WebAssembly (it pulls in terminal and signal code),
// so the steps are repeated here, in the same order and with the same messages.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	ci "helm.sh/helm/v4/pkg/chart"
	"helm.sh/helm/v4/pkg/chart/common"
	"helm.sh/helm/v4/pkg/chart/common/util"
	"helm.sh/helm/v4/pkg/chart/loader"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
	"helm.sh/helm/v4/pkg/engine"
	release "helm.sh/helm/v4/pkg/release/v1"
	releaseutil "helm.sh/helm/v4/pkg/release/v1/util"
)

const notesFileSuffix = "NOTES.txt"

type templateRequest struct {
	valueOptions
	// Args are helm template's positional arguments: [NAME] CHART. With a blob, CHART is only a label.
	Args                 []string `json:"args"`
	Namespace            string   `json:"namespace"`
	KubeVersion          string   `json:"kubeVersion"`
	APIVersions          []string `json:"apiVersions"`
	IncludeCRDs          bool     `json:"includeCrds"`
	SkipTests            bool     `json:"skipTests"`
	DisableHooks         bool     `json:"disableHooks"`
	IsUpgrade            bool     `json:"isUpgrade"`
	SkipSchemaValidation bool     `json:"skipSchemaValidation"`
	ShowOnly             []string `json:"showOnly"`
	// Debug is helm's --debug: the manifests rendered before an error are printed anyway.
	Debug bool `json:"debug,omitempty"`
}

func runTemplate(request []byte, blob []byte, out io.Writer, res *response) error {
	var req templateRequest
	if err := json.Unmarshal(request, &req); err != nil {
		return err
	}
	var kubeVersion *common.KubeVersion
	if req.KubeVersion != "" {
		parsed, err := common.ParseKubeVersion(req.KubeVersion)
		if err != nil {
			return fmt.Errorf("invalid kube version '%s': %s", req.KubeVersion, err)
		}
		kubeVersion = parsed
	}
	if len(req.Args) < 1 {
		return errors.New("\"helm template\" requires at least 1 argument")
	}

	rel, err := runInstall(&req, kubeVersion, blob)
	if err != nil && !req.Debug {
		if rel != nil {
			return fmt.Errorf("%w\n\nUse --debug flag to render out invalid YAML", err)
		}
		return err
	}
	if rel == nil {
		return err
	}
	// with --debug helm prints what it rendered even when it is not valid, then fails
	renderErr := err
	res.Notes = rel.Info.Notes

	var manifests bytes.Buffer
	fmt.Fprintln(&manifests, strings.TrimSpace(rel.Manifest))
	if !req.DisableHooks {
		for _, m := range rel.Hooks {
			if req.SkipTests && isTestHook(m) {
				continue
			}
			fmt.Fprintf(&manifests, "---\n# Source: %s\n%s\n", m.Path, m.Manifest)
		}
	}

	if len(req.ShowOnly) == 0 {
		fmt.Fprintf(out, "%s", manifests.String())
		return renderErr
	}
	// This is necessary to ensure consistent manifest ordering when using --show-only
	// with globs or directory names.
	splitManifests := releaseutil.SplitManifests(manifests.String())
	manifestsKeys := make([]string, 0, len(splitManifests))
	for k := range splitManifests {
		manifestsKeys = append(manifestsKeys, k)
	}
	sort.Sort(releaseutil.BySplitManifestsOrder(manifestsKeys))

	manifestNameRegex := regexp.MustCompile("# Source: [^/]+/(.+)")
	var manifestsToRender []string
	for _, f := range req.ShowOnly {
		missing := true
		f = filepath.ToSlash(f)
		for _, manifestKey := range manifestsKeys {
			manifest := splitManifests[manifestKey]
			submatch := manifestNameRegex.FindStringSubmatch(manifest)
			if len(submatch) == 0 {
				continue
			}
			manifestPath := strings.Join(strings.Split(submatch[1], "/"), "/")
			if matched, _ := filepath.Match(f, manifestPath); !matched {
				continue
			}
			manifestsToRender = append(manifestsToRender, manifest)
			missing = false
		}
		if missing {
			return fmt.Errorf("could not find template %s in chart", f)
		}
	}
	for _, m := range manifestsToRender {
		fmt.Fprintf(out, "---\n%s\n", m)
	}
	return renderErr
}

func isTestHook(h *release.Hook) bool {
	return slices.Contains(h.Events, release.HookTest)
}

// nameAndChart is Install.NameAndChart with helm template's default release name.
func nameAndChart(args []string) (string, string, error) {
	if len(args) > 2 {
		return args[0], args[1], fmt.Errorf("expected at most two arguments, unexpected arguments: %v", strings.Join(args[2:], ", "))
	}
	if len(args) == 2 {
		return args[0], args[1], nil
	}
	return "release-name", args[0], nil
}

// loadChart loads CHART from disk as Helm's LocateChart + loader.Load do, or from the
// in-memory archive Berth's safety layer has already vetted.
func loadChart(ref string, blob []byte) (ci.Charter, error) {
	if blob != nil {
		return loadArchive(blob)
	}
	cp, err := locateChart(ref)
	if err != nil {
		return nil, err
	}
	return loader.Load(cp)
}

func runInstall(req *templateRequest, kubeVersion *common.KubeVersion, blob []byte) (*release.Release, error) {
	name, chartRef, err := nameAndChart(req.Args)
	if err != nil {
		return nil, err
	}
	vals, err := req.mergeValues()
	if err != nil {
		return nil, err
	}
	chartRequested, err := loadChart(chartRef, blob)
	if err != nil {
		return nil, err
	}
	ac, err := ci.NewAccessor(chartRequested)
	if err != nil {
		return nil, err
	}
	if err := checkIfInstallable(ac); err != nil {
		return nil, err
	}
	if ac.Deprecated() {
		warn("this chart is deprecated")
	}
	if reqs := ac.MetaDependencies(); len(reqs) > 0 {
		if err := checkDependencies(chartRequested, reqs); err != nil {
			return nil, fmt.Errorf("an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: %w", err)
		}
	}
	chrt, ok := chartRequested.(*chart.Chart)
	if !ok {
		return nil, errors.New("invalid chart apiVersion")
	}
	return installDryRun(req, name, chrt, vals, kubeVersion)
}

func checkIfInstallable(ch ci.Accessor) error {
	meta := ch.MetadataAsMap()
	switch meta["Type"] {
	case "", "application":
		return nil
	}
	return fmt.Errorf("%s charts are not installable", meta["Type"])
}

// installDryRun is Install.RunWithContext for DryRunClient: no cluster, default capabilities.
func installDryRun(req *templateRequest, releaseName string, chrt *chart.Chart, vals map[string]interface{}, kubeVersion *common.KubeVersion) (*release.Release, error) {
	if err := chartutil.ValidateReleaseName(releaseName); err != nil {
		return nil, fmt.Errorf("release name check failed: %w", fmt.Errorf("release name %q: %w", releaseName, err))
	}
	if err := chartutil.ProcessDependencies(chrt, vals); err != nil {
		return nil, fmt.Errorf("chart dependencies processing failed: %w", err)
	}

	caps := common.DefaultCapabilities.Copy()
	if kubeVersion != nil {
		caps.KubeVersion = *kubeVersion
	}
	caps.APIVersions = append(caps.APIVersions, common.VersionSet(req.APIVersions)...)

	isUpgrade := req.IsUpgrade
	options := common.ReleaseOptions{
		Name:      releaseName,
		Namespace: req.Namespace,
		Revision:  1,
		IsInstall: !isUpgrade,
		IsUpgrade: isUpgrade,
	}
	valuesToRender, err := util.ToRenderValuesWithSchemaValidation(chrt, vals, options, caps, req.SkipSchemaValidation)
	if err != nil {
		return nil, err
	}

	rel := &release.Release{Name: releaseName, Namespace: req.Namespace, Chart: chrt, Config: vals, Info: &release.Info{}, Version: 1}
	hooks, manifestDoc, notes, err := renderResources(chrt, caps, valuesToRender, req.IncludeCRDs)
	rel.Hooks = hooks
	rel.Info.Notes = notes
	if manifestDoc != nil {
		rel.Manifest = manifestDoc.String()
	}
	if err != nil {
		return rel, err
	}
	return rel, nil
}

// renderResources is Configuration.renderResources for helm template: the command line's
// --post-renderer plugin (postrender.go), no output dir, no subchart notes, secrets shown.
func renderResources(ch *chart.Chart, caps *common.Capabilities, values common.Values, includeCrds bool) ([]*release.Hook, *bytes.Buffer, string, error) {
	var hs []*release.Hook
	b := bytes.NewBuffer(nil)

	if ch.Metadata.KubeVersion != "" {
		if !chartutil.IsCompatibleRange(ch.Metadata.KubeVersion, caps.KubeVersion.String()) {
			return hs, b, "", fmt.Errorf("chart requires kubeVersion: %s which is incompatible with Kubernetes %s", ch.Metadata.KubeVersion, caps.KubeVersion.Version)
		}
	}

	var e engine.Engine
	files, err := e.Render(ch, values)
	if err != nil {
		return hs, b, "", err
	}

	var notesBuffer bytes.Buffer
	for k, v := range files {
		if strings.HasSuffix(k, notesFileSuffix) {
			if k == path.Join(ch.Name(), "templates", notesFileSuffix) {
				if notesBuffer.Len() > 0 {
					notesBuffer.WriteString("\n")
				}
				notesBuffer.WriteString(v)
			}
			delete(files, k)
		}
	}
	notes := notesBuffer.String()

	if cliPostRenderer != nil {
		if files, err = postRender(cliPostRenderer, files); err != nil {
			return hs, b, notes, err
		}
	}

	hs, manifests, err := releaseutil.SortManifests(files, nil, releaseutil.InstallOrder)
	if err != nil {
		for name, content := range files {
			if strings.TrimSpace(content) == "" {
				continue
			}
			fmt.Fprintf(b, "---\n# Source: %s\n%s\n", name, content)
		}
		return hs, b, "", err
	}

	if includeCrds {
		for _, crd := range ch.CRDObjects() {
			fmt.Fprintf(b, "---\n# Source: %s\n%s\n", crd.Filename, string(crd.File.Data[:]))
		}
	}
	for _, m := range manifests {
		fmt.Fprintf(b, "---\n# Source: %s\n%s\n", m.Name, m.Content)
	}
	return hs, b, notes, nil
}
