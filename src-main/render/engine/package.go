package main

// `helm package`, mirrored from helm.sh/helm/v4 v4.1.4 pkg/cmd/package.go and pkg/action/package.go
// (without signing and dependency update, which need keyrings and repositories).

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/Masterminds/semver/v3"

	ci "helm.sh/helm/v4/pkg/chart"
	"helm.sh/helm/v4/pkg/chart/loader"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	chartutil "helm.sh/helm/v4/pkg/chart/v2/util"
)

type packageRequest struct {
	Paths       []string `json:"paths"`
	Version     string   `json:"version"`
	AppVersion  string   `json:"appVersion"`
	Destination string   `json:"destination"`
}

func runPackage(request []byte, _ []byte, out io.Writer, res *response) error {
	var req packageRequest
	if err := json.Unmarshal(request, &req); err != nil {
		return err
	}
	if len(req.Paths) == 0 {
		return fmt.Errorf("need at least one argument, the path to the chart")
	}
	if req.Destination == "" {
		req.Destination = "."
	}
	for _, arg := range req.Paths {
		path, err := filepath.Abs(arg)
		if err != nil {
			return err
		}
		if _, err := os.Stat(arg); err != nil {
			return err
		}
		p, err := packageRun(&req, path)
		if err != nil {
			return err
		}
		res.Path = p
		fmt.Fprintf(out, "Successfully packaged chart and saved it to: %s\n", p)
	}
	return nil
}

func packageRun(p *packageRequest, path string) (string, error) {
	chrt, err := loader.LoadDir(path)
	if err != nil {
		return "", err
	}
	var ch *chart.Chart
	switch c := chrt.(type) {
	case *chart.Chart:
		ch = c
	case chart.Chart:
		ch = &c
	default:
		return "", errors.New("invalid chart apiVersion")
	}

	ac, err := ci.NewAccessor(ch)
	if err != nil {
		return "", err
	}
	if p.Version != "" {
		ch.Metadata.Version = p.Version
	}
	if err := validateVersion(ch.Metadata.Version); err != nil {
		return "", err
	}
	if p.AppVersion != "" {
		ch.Metadata.AppVersion = p.AppVersion
	}
	if reqs := ac.MetaDependencies(); len(reqs) > 0 {
		if err := checkDependencies(ch, reqs); err != nil {
			return "", err
		}
	}

	var dest string
	if p.Destination == "." {
		dest, err = os.Getwd()
		if err != nil {
			return "", err
		}
	} else {
		dest = p.Destination
	}

	name, err := chartutil.Save(ch, dest)
	if err != nil {
		return "", fmt.Errorf("failed to save: %w", err)
	}
	return name, nil
}

// validateVersion is action.validateVersion.
func validateVersion(ver string) error {
	if _, err := semver.NewVersion(ver); err != nil {
		return err
	}
	return nil
}
