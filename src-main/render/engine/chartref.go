package main

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	ci "helm.sh/helm/v4/pkg/chart"
)

func warn(msg string, args ...any) {
	slog.Warn(msg, args...)
}

// locateChart is ChartPathOptions.LocateChart for local charts. Berth resolves charts from
// disk (or from the catalog, in memory); repository references get Helm's own messages.
func locateChart(name string) (string, error) {
	name = strings.TrimSpace(name)
	if _, err := os.Stat(name); err == nil {
		return filepath.Abs(name)
	}
	if filepath.IsAbs(name) || strings.HasPrefix(name, ".") {
		return name, fmt.Errorf("path %q not found", name)
	}
	if strings.HasPrefix(name, "oci://") {
		return locateOCIChart(name)
	}
	if strings.Contains(name, "://") {
		return name, fmt.Errorf("Berth loads charts from local folders and archives only, not from %s", name)
	}
	repo, _, found := strings.Cut(name, "/")
	if !found {
		return name, fmt.Errorf("non-absolute URLs should be in form of repo_name/path_to_chart, got: %s", name)
	}
	return locateRepoChart(name, repo)
}

// checkDependencies is action.CheckDependencies.
func checkDependencies(ch ci.Charter, reqs []ci.Dependency) error {
	ac, err := ci.NewAccessor(ch)
	if err != nil {
		return err
	}
	var missing []string
OUTER:
	for _, r := range reqs {
		rac, err := ci.NewDependencyAccessor(r)
		if err != nil {
			return err
		}
		for _, d := range ac.Dependencies() {
			dac, err := ci.NewAccessor(d)
			if err != nil {
				return err
			}
			if dac.Name() == rac.Name() {
				continue OUTER
			}
		}
		missing = append(missing, rac.Name())
	}
	if len(missing) > 0 {
		return fmt.Errorf("found in Chart.yaml, but missing in charts/ directory: %s", strings.Join(missing, ", "))
	}
	return nil
}
