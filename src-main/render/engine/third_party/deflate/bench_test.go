//go:build unix

package deflate_test

import (
	"bytes"
	stdgzip "compress/gzip"
	"io"
	"os"
	"sort"
	"syscall"
	"testing"
	"time"

	berthgzip "berth.dev/deflate/gzip"
)

// kube-prometheus-stack's tar stream, the package the chart bench finds slowest.
func kpsStream(b *testing.B) []byte {
	raw, err := os.ReadFile("/work/shared/corpus/render/charts/kube-prometheus-stack-88.5.3.tgz")
	if err != nil {
		b.Skip(err)
	}
	zr, _ := stdgzip.NewReader(bytes.NewReader(raw))
	s, _ := io.ReadAll(zr)
	return s
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkPairedKPS gzips the stream with Berth's copy and Go's alternately and reports the
// median CPU of each and the median ratio of the pairs (CPU time: steadier than wall under load).
func BenchmarkPairedKPS(b *testing.B) {
	s := kpsStream(b)
	var ours, std, ratio []float64
	run := func(w io.WriteCloser) float64 {
		t0 := cpuTime()
		w.Write(s)
		w.Close()
		return float64(cpuTime()-t0) / 1e6
	}
	for b.Loop() {
		o := run(berthgzip.NewWriter(io.Discard))
		g := run(stdgzip.NewWriter(io.Discard))
		ours, std, ratio = append(ours, o), append(std, g), append(ratio, o/g)
	}
	med := func(x []float64) float64 { sort.Float64s(x); return x[len(x)/2] }
	b.ReportMetric(med(ours), "berth-cpu-ms")
	b.ReportMetric(med(std), "go-cpu-ms")
	b.ReportMetric(med(ratio), "ratio")
}
