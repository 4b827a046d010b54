package main

// loadArchive is Helm's loader.LoadArchive for a package held in memory (pkg/chart/loader/load.go,
// v4.1.4), with one difference for the long-lived sidecar: the files of the last few packages it
// unpacked are kept, so a second render of the same package skips gunzip and untar. A package is
// recognised by its bytes (compared in full), and Helm's loader then reads the kept files exactly
// as it reads freshly unpacked ones (each call gets its own BufferedFile structs; Helm's loader
// renames subcharts' files in place, and never writes into their contents). Everything after the
// unpacking — Chart.yaml, values, the chart's structure — is read again on every call, because
// Helm's code changes a loaded chart while rendering it (dependencies, imported values).

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"

	ci "helm.sh/helm/v4/pkg/chart"
	"helm.sh/helm/v4/pkg/chart/loader"
	"helm.sh/helm/v4/pkg/chart/loader/archive"
	c2 "helm.sh/helm/v4/pkg/chart/v2"
	c2load "helm.sh/helm/v4/pkg/chart/v2/loader"
	"sigs.k8s.io/yaml"
)

// unpacked is one package's bytes and its files as Helm's archive reader returned them.
type unpacked struct {
	blob  []byte
	files []*archive.BufferedFile
	size  int
}

// unpackCache: most recently used last; off (max 0) unless the sidecar enables it.
var unpackCache struct {
	max, maxBytes int
	kept          []*unpacked
}

// enableUnpackCache keeps the files of up to `packages` packages, `maxBytes` unpacked in all.
func enableUnpackCache(packages, maxBytes int) {
	unpackCache.max, unpackCache.maxBytes = packages, maxBytes
	unpackCache.kept = nil
}

func unpackedFiles(blob []byte) ([]*archive.BufferedFile, error) {
	for i, u := range unpackCache.kept {
		if bytes.Equal(u.blob, blob) {
			unpackCache.kept = append(append(unpackCache.kept[:i:i], unpackCache.kept[i+1:]...), u)
			files := make([]*archive.BufferedFile, len(u.files))
			for j, f := range u.files {
				files[j] = &archive.BufferedFile{Name: f.Name, ModTime: f.ModTime, Data: f.Data}
			}
			return files, nil
		}
	}
	files, err := archive.LoadArchiveFiles(bytes.NewReader(blob))
	if err != nil || unpackCache.max <= 0 {
		return files, err
	}
	size := len(blob)
	kept := make([]*archive.BufferedFile, len(files))
	for j, f := range files {
		size += len(f.Name) + len(f.Data)
		kept[j] = &archive.BufferedFile{Name: f.Name, ModTime: f.ModTime, Data: f.Data}
	}
	if size > unpackCache.maxBytes {
		return files, nil
	}
	unpackCache.kept = append(unpackCache.kept, &unpacked{blob: bytes.Clone(blob), files: kept, size: size})
	total := 0
	for _, u := range unpackCache.kept {
		total += u.size
	}
	for len(unpackCache.kept) > unpackCache.max || total > unpackCache.maxBytes {
		total -= unpackCache.kept[0].size
		unpackCache.kept = unpackCache.kept[1:]
	}
	return files, nil
}

// loadArchive is loader.LoadArchive(bytes.NewReader(blob)): same steps, same errors.
func loadArchive(blob []byte) (ci.Charter, error) {
	files, err := unpackedFiles(blob)
	if err != nil {
		if errors.Is(err, gzip.ErrHeader) {
			return nil, fmt.Errorf("stream does not appear to be a valid chart file (details: %w)", err)
		}
		return nil, fmt.Errorf("unable to load chart archive: %w", err)
	}

	for _, f := range files {
		if f.Name == "Chart.yaml" {
			c := new(chartBase)
			if err := yaml.Unmarshal(f.Data, c); err != nil {
				return c, fmt.Errorf("cannot load Chart.yaml: %w", err)
			}
			switch c.APIVersion {
			case c2.APIVersionV1, c2.APIVersionV2, "":
				return c2load.LoadFiles(files)
			default:
				// apiVersion v3 (its loader is internal to Helm's module) and the unsupported ones
				return loader.LoadArchive(bytes.NewReader(blob))
			}
		}
	}

	return nil, errors.New("unable to detect chart version, no Chart.yaml found")
}

// chartBase is loader's chartBase: only the apiVersion, to pick the loader.
type chartBase struct {
	APIVersion string `json:"apiVersion,omitempty"`
}
