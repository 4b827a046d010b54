//go:build berth_pgo

// Package pgoprofile records a CPU profile of every process of a profiling build of the engine
// (`go build -tags berth_pgo`, made by scripts/engine-pgo.mjs): the profile behind default.pgo,
// the profile-guided optimisation of the shipped engine. It is never part of the shipped engine.
//
// Its init starts the profile before the packages of helm and Kubernetes initialise (Go
// initialises packages in import-path order once their imports are: berth.dev sorts before
// github.com, golang.org, helm.sh, k8s.io and sigs.k8s.io), so start-up is in the profile.
// Profiles go to Dir (set with -ldflags -X, as the sidecar gets no environment of its own),
// one file per process and period: the supervisor ends a sidecar with SIGKILL, so a long-lived
// process writes a new file every second and loses at most the last one.
package pgoprofile

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"sync"
	"time"
)

// Dir is where the profiles go; none are written when empty.
var Dir string

// Hz is the sampling rate: a command that starts in 14 ms gets a few samples, not one.
const Hz = 1000

var (
	mu   sync.Mutex
	file *os.File
	seq  int
)

func init() {
	if Dir == "" {
		return
	}
	mu.Lock()
	defer mu.Unlock()
	start()
	go func() {
		for range time.Tick(time.Second) {
			mu.Lock()
			stop()
			start()
			mu.Unlock()
		}
	}()
}

func start() {
	f, err := os.Create(filepath.Join(Dir, fmt.Sprintf("%d-%d.pprof", os.Getpid(), seq)))
	if err != nil {
		return
	}
	seq++
	// pprof.StartCPUProfile asks for 100 Hz and then warns that the rate is set already: harmless
	runtime.SetCPUProfileRate(Hz)
	if pprof.StartCPUProfile(f) != nil {
		f.Close()
		return
	}
	file = f
}

func stop() {
	if file != nil {
		pprof.StopCPUProfile()
		file.Close()
		file = nil
	}
}

// Stop writes out the profile so far; the process is about to exit.
func Stop() {
	mu.Lock()
	defer mu.Unlock()
	stop()
}
