package main

// Mirrors helm.sh/helm/v4 pkg/cli/values/options.go (v4.1.4) without remote getters:
// Berth reads values files from disk or takes them inline, never from URLs.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"helm.sh/helm/v4/pkg/chart/v2/loader"
	"helm.sh/helm/v4/pkg/strvals"
)

type valueOptions struct {
	ValueFiles    []string `json:"valueFiles"`    // -f/--values
	ValuesYAML    []string `json:"valuesYaml"`    // inline documents, applied after files (in-process callers)
	StringValues  []string `json:"stringValues"`  // --set-string
	Values        []string `json:"values"`        // --set
	FileValues    []string `json:"fileValues"`    // --set-file
	JSONValues    []string `json:"jsonValues"`    // --set-json
	LiteralValues []string `json:"literalValues"` // --set-literal
}

func (opts *valueOptions) mergeValues() (map[string]interface{}, error) {
	return opts.mergeValuesOver(map[string]interface{}{})
}

// mergeValuesOver is MergeValues starting from base instead of an empty map.
func (opts *valueOptions) mergeValuesOver(base map[string]interface{}) (map[string]interface{}, error) {

	for _, filePath := range opts.ValueFiles {
		raw, err := readValuesFile(filePath)
		if err != nil {
			return nil, err
		}
		currentMap, err := loader.LoadValues(bytes.NewReader(raw))
		if err != nil {
			return nil, fmt.Errorf("failed to parse %s: %w", filePath, err)
		}
		base = loader.MergeMaps(base, currentMap)
	}
	for i, doc := range opts.ValuesYAML {
		currentMap, err := loader.LoadValues(strings.NewReader(doc))
		if err != nil {
			return nil, fmt.Errorf("failed to parse values #%d: %w", i+1, err)
		}
		base = loader.MergeMaps(base, currentMap)
	}

	for _, value := range opts.JSONValues {
		trimmedValue := strings.TrimSpace(value)
		if len(trimmedValue) > 0 && trimmedValue[0] == '{' {
			var jsonMap map[string]interface{}
			if err := json.Unmarshal([]byte(trimmedValue), &jsonMap); err != nil {
				return nil, fmt.Errorf("failed parsing --set-json data JSON: %s", value)
			}
			base = loader.MergeMaps(base, jsonMap)
		} else {
			if err := strvals.ParseJSON(value, base); err != nil {
				return nil, fmt.Errorf("failed parsing --set-json data %s", value)
			}
		}
	}

	for _, value := range opts.Values {
		if err := strvals.ParseInto(value, base); err != nil {
			return nil, fmt.Errorf("failed parsing --set data: %w", err)
		}
	}

	for _, value := range opts.StringValues {
		if err := strvals.ParseIntoString(value, base); err != nil {
			return nil, fmt.Errorf("failed parsing --set-string data: %w", err)
		}
	}

	for _, value := range opts.FileValues {
		reader := func(rs []rune) (interface{}, error) {
			data, err := readValuesFile(string(rs))
			if err != nil {
				return nil, err
			}
			return string(data), err
		}
		if err := strvals.ParseIntoFile(value, base, reader); err != nil {
			return nil, fmt.Errorf("failed parsing --set-file data: %w", err)
		}
	}

	for _, value := range opts.LiteralValues {
		if err := strvals.ParseLiteralInto(value, base); err != nil {
			return nil, fmt.Errorf("failed parsing --set-literal data: %w", err)
		}
	}

	return base, nil
}

// readValuesFile is Helm's readFile for the schemes Berth supports: local paths only.
// (Helm falls back to os.ReadFile for every scheme it has no getter for, as here.)
func readValuesFile(filePath string) ([]byte, error) {
	if strings.HasPrefix(filePath, "http://") || strings.HasPrefix(filePath, "https://") || strings.HasPrefix(filePath, "oci://") {
		return nil, fmt.Errorf("reading values from %s: Berth reads values files from disk only", filePath)
	}
	return os.ReadFile(filePath)
}
