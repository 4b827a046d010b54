package deflate_test

// Byte identity with the standard library: Berth's copy of compress/flate (faster match search,
// see README.berth.md) must write exactly the bytes Go's writes, or the chart packages would
// differ from helm's.

import (
	"archive/tar"
	"bytes"
	stdflate "compress/flate"
	"compress/gzip"
	stdgzip "compress/gzip"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"berth.dev/deflate/flate"
	berthgzip "berth.dev/deflate/gzip"
)

var levels = []int{-2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9}

// compress writes data in chunks of `chunk` bytes (0: all at once), with a Flush after the
// first chunk when flush is set, through both writers at `level`.
func compress(t *testing.T, data []byte, level, chunk int, flush bool) (ours, std []byte) {
	t.Helper()
	var a, b bytes.Buffer
	wa, err := flate.NewWriter(&a, level)
	if err != nil {
		t.Fatal(err)
	}
	wb, err := stdflate.NewWriter(&b, level)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []interface {
		io.Writer
		Flush() error
		Close() error
	}{wa, wb} {
		rest := data
		first := true
		for len(rest) > 0 {
			n := len(rest)
			if chunk > 0 && chunk < n {
				n = chunk
			}
			if _, err := w.Write(rest[:n]); err != nil {
				t.Fatal(err)
			}
			rest = rest[n:]
			if first && flush {
				if err := w.Flush(); err != nil {
					t.Fatal(err)
				}
			}
			first = false
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return a.Bytes(), b.Bytes()
}

func same(t *testing.T, name string, data []byte, levels []int, chunks ...int) {
	t.Helper()
	if len(chunks) == 0 {
		chunks = []int{0}
	}
	for _, level := range levels {
		for _, chunk := range chunks {
			ours, std := compress(t, data, level, chunk, chunk == 1000)
			if !bytes.Equal(ours, std) {
				t.Fatalf("%s (%d bytes), level %d, chunks of %d: %d bytes, Go's %d", name, len(data), level, chunk, len(ours), len(std))
			}
		}
	}
	// and it still inflates to the input
	ours, _ := compress(t, data, -1, 0, false)
	back, err := io.ReadAll(stdflate.NewReader(bytes.NewReader(ours)))
	if err != nil || !bytes.Equal(back, data) {
		t.Fatalf("%s: does not inflate back (%v)", name, err)
	}
}

// corpusDir is the shared corpus's chart packages (BERTH_CORPUS_CHARTS, else found from here).
func corpusDir(t *testing.T) string {
	if d := os.Getenv("BERTH_CORPUS_CHARTS"); d != "" {
		return d
	}
	for _, d := range []string{"../../../../../../shared/corpus/render/charts", "/work/shared/corpus/render/charts"} {
		if _, err := os.Stat(d); err == nil {
			return d
		}
	}
	t.Skip("no corpus charts (set BERTH_CORPUS_CHARTS)")
	return ""
}

// Every file of every corpus chart at the default level, and each chart's whole tar stream (what
// helm package gzips) at the default level, written at once and in 64 KiB pieces, and at the best.
func TestCorpusChartsIdentical(t *testing.T) {
	dir := corpusDir(t)
	charts, _ := filepath.Glob(filepath.Join(dir, "*.tgz"))
	if len(charts) < 20 {
		t.Fatalf("only %d corpus charts in %s", len(charts), dir)
	}
	files := 0
	for _, c := range charts {
		raw, err := os.ReadFile(c)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		stream, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		same(t, filepath.Base(c)+" tar stream", stream, []int{-1}, 0, 65536)
		same(t, filepath.Base(c)+" tar stream", stream, []int{9})
		tr := tar.NewReader(bytes.NewReader(stream))
		for {
			h, err := tr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(tr)
			same(t, filepath.Base(c)+": "+h.Name, body, []int{-1})
			files++
		}
	}
	t.Logf("%d charts, %d files", len(charts), files)
}

// Random, repetitive and mixed inputs at every level (written at once, and in 1000-byte pieces
// with a Flush after the first), periods around the match limits and the window size.
func TestGeneratedInputsIdentical(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	random := func(n int, alphabet int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(r.IntN(alphabet))
		}
		return b
	}
	inputs := map[string][]byte{
		"empty":        {},
		"one byte":     {7},
		"zeros 256k":   make([]byte, 1<<18),
		"random 100k":  random(100_000, 256),
		"binary 2-ary": random(100_000, 2),
		"4-ary":        random(100_000, 4),
		"text-like":    []byte(strings.Repeat("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-x\n", 3000)),
	}
	// repeats of every period around the min/max match lengths and the window size
	for _, period := range []int{1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 257, 258, 259, 4095, 4096, 4097, 32767, 32768, 32769} {
		unit := random(period, 256)
		var b bytes.Buffer
		for b.Len() < 80_000 {
			b.Write(unit)
			if r.IntN(4) == 0 {
				b.WriteByte(byte(r.IntN(256))) // a mutation now and then
			}
		}
		inputs["period "+itoa(period)] = b.Bytes()
	}
	// mixed: random runs copied from earlier at random distances
	mixed := random(4096, 256)
	for len(mixed) < 200_000 {
		if r.IntN(3) == 0 {
			mixed = append(mixed, random(1+r.IntN(40), 256)...)
		} else {
			from := len(mixed) - 1 - r.IntN(min(len(mixed)-1, 40_000))
			n := 3 + r.IntN(300)
			for k := 0; k < n; k++ {
				mixed = append(mixed, mixed[from+k])
			}
		}
	}
	inputs["mixed"] = mixed
	for name, data := range inputs {
		same(t, name, data, levels, 0, 1000)
	}
	for n := 0; n < 600; n++ {
		same(t, "short "+itoa(n), random(n, 3), []int{-1})
	}
}

// The gzip writer as helm's Save uses it (default level, header fields set).
func TestGzipIdentical(t *testing.T) {
	data := bytes.Repeat([]byte("values:\n  image: nginx\n"), 20_000)
	var a, b bytes.Buffer
	wa, wb := berthgzip.NewWriter(&a), stdgzip.NewWriter(&b)
	for _, h := range []*berthgzip.Header{&wa.Header} {
		h.Extra, h.Comment, h.Name, h.ModTime = []byte("+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=Helm"), "", "", time.Unix(0, 0)
	}
	wb.Header.Extra, wb.Header.ModTime = []byte("+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=Helm"), time.Unix(0, 0)
	for _, w := range []io.WriteCloser{wa, wb} {
		if _, err := w.Write(data); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("gzip streams differ")
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// Packages written by Berth's engine (BERTH_PACKAGES: a folder of .tgz files, made by
// test/unit/cli/package-gzip.test.ts) are exactly what Go's own gzip makes of their tar stream
// with the same header: the bytes helm package writes for the same files and times.
func TestEnginePackagesAreGoGzip(t *testing.T) {
	dir := os.Getenv("BERTH_PACKAGES")
	if dir == "" {
		t.Skip("BERTH_PACKAGES not set")
	}
	packages, _ := filepath.Glob(filepath.Join(dir, "*.tgz"))
	if len(packages) == 0 {
		t.Fatalf("no packages in %s", dir)
	}
	for _, p := range packages {
		raw, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		zr, err := stdgzip.NewReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		stream, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		var again bytes.Buffer
		w := stdgzip.NewWriter(&again)
		w.Header = zr.Header
		if _, err := w.Write(stream); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(again.Bytes(), raw) {
			t.Errorf("%s: %d bytes, Go's gzip makes %d of the same stream", filepath.Base(p), len(raw), again.Len())
		}
	}
	t.Logf("%d packages", len(packages))
}
