package main

// The sidecar protocol (the supervisor's side is src-main/render/engine.ts). Both directions
// are frames of two big-endian uint32 lengths followed by a JSON header and raw bytes:
//
//	request:  [len(header)][len(blob)] {"op":"template","request":{…}}  <chart .tgz bytes>
//	response: [len(header)][len(out)]  {"error":…,"stderr":…,…}          <stdout bytes>
//
// Charts travel as bytes, never as base64 in JSON. One request is handled at a time.

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"runtime/metrics"

	"helm.sh/helm/v4/pkg/chart/common/util"
	"helm.sh/helm/v4/pkg/engine"
	releaseutil "helm.sh/helm/v4/pkg/release/v1/util"
)

type frameHeader struct {
	Op      string          `json:"op"`
	Request json.RawMessage `json:"request"`
}

type frame struct {
	header frameHeader
	blob   []byte
	err    error
}

// maxFrame bounds what a request may claim, so a corrupt length cannot make us allocate GBs.
const maxFrame = 256 << 20

func readFrame(r io.Reader) (frame, error) {
	var lens [8]byte
	if _, err := io.ReadFull(r, lens[:]); err != nil {
		return frame{}, err
	}
	hl, bl := binary.BigEndian.Uint32(lens[:4]), binary.BigEndian.Uint32(lens[4:])
	if hl > maxFrame || bl > maxFrame {
		return frame{}, fmt.Errorf("request frame too large (%d+%d bytes)", hl, bl)
	}
	buf := make([]byte, int(hl)+int(bl))
	if _, err := io.ReadFull(r, buf); err != nil {
		return frame{}, err
	}
	var f frame
	if err := json.Unmarshal(buf[:hl], &f.header); err != nil {
		f.err = fmt.Errorf("malformed request: %w", err)
	}
	if bl > 0 {
		f.blob = buf[hl:]
	}
	return f, nil
}

func writeFrame(w *bufio.Writer, header []byte, body []byte) error {
	var lens [8]byte
	binary.BigEndian.PutUint32(lens[:4], uint32(len(header)))
	binary.BigEndian.PutUint32(lens[4:], uint32(len(body)))
	w.Write(lens[:])
	w.Write(header)
	w.Write(body)
	return w.Flush()
}

// parseCacheSets and parseCacheBytes bound the parsed templates a sidecar keeps between renders
// (the overlay's parseCache in helm's pkg/engine): the template sets of the last 8 charts, at most
// 16 MiB of template text in all (kube-prometheus-stack, the largest corpus chart, has 1.6 MiB).
const (
	parseCacheSets  = 8
	parseCacheBytes = 16 << 20
	// unpacked packages: kube-prometheus-stack is 0.9 MB packed, 7.4 MB unpacked
	unpackCachePackages = 8
	unpackCacheBytes    = 32 << 20
	// compiled values schemas (a chart and its subcharts may each have one)
	schemaCacheSchemas = 32
	// bitnami's nginx makes two certificates per render; each key is ~65 ms of CPU to make
	rsaKeysAhead = 6
	// rendered documents whose parsed heads are kept (argo-cd renders 2.4 MB)
	headCacheBytes = 16 << 20
)

func serve(in io.Reader, out io.Writer, l limits) {
	// The app renders the same chart again and again (values form, review, deploy): keep its
	// parsed templates, so a second render skips Helm's template parse.
	engine.EnableParseCache(parseCacheSets, parseCacheBytes)
	// and the files of its package, so a second render skips gunzip and untar (loadcache.go)
	enableUnpackCache(unpackCachePackages, unpackCacheBytes)
	// and its compiled values schema (overlay helm-chart-values-schema.go.overlay)
	util.EnableSchemaCache(schemaCacheSchemas)
	// RSA keys made ahead for sprig's genCA, genSelfSignedCert and genSignedCert (the overlay's keyPool)
	engine.EnableKeyPool(rsaKeysAhead)
	// what the head of each rendered document parsed to (overlay helm-release-manifest-sorter.go.overlay)
	releaseutil.EnableHeadCache(headCacheBytes)
	frames := make(chan frame)
	// Reading runs beside rendering so that a closed stdin (the app quit or died) ends this
	// process at once, even in the middle of a render: the engine never outlives Berth.
	go func() {
		r := bufio.NewReaderSize(in, 1<<16)
		for {
			f, err := readFrame(r)
			if err != nil {
				if !errors.Is(err, io.EOF) && !errors.Is(err, io.ErrUnexpectedEOF) {
					fmt.Fprintf(os.Stderr, "berth-engine: %v\n", err)
				}
				exit(0)
			}
			frames <- f
		}
	}()
	w := bufio.NewWriterSize(out, 1<<16)
	for f := range frames {
		var res response
		var stdout []byte
		if f.err != nil {
			res.Error = f.err.Error()
		} else {
			res, stdout = dispatch(f.header.Op, f.header.Request, f.blob, l.MaxOutput)
		}
		releaseMemory()
		header, _ := json.Marshal(res)
		if err := writeFrame(w, header, stdout); err != nil {
			exit(0)
		}
	}
}

// releaseMemory gives a large render's memory back to the OS at once, so an idle engine's RSS
// stays small instead of waiting for the scavenger.
func releaseMemory() {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}, {Name: "/memory/classes/heap/free:bytes"}}
	metrics.Read(s)
	if s[0].Value.Uint64()+s[1].Value.Uint64()+s[2].Value.Uint64() > 128<<20 {
		debug.FreeOSMemory()
	}
}
