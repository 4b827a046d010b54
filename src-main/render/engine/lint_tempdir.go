package main

import (
	"os"
	"runtime"

	"berth.dev/helm-engine/internal/atexit"
)

// lintTempBase is where `lint CHART.tgz` unpacks the package (helm's pkg/action/lint.go does the
// same in os.MkdirTemp("", "helm-lint")). On Linux, when the user set no TMPDIR, that is /dev/shm:
// a memory filesystem, where creating, writing and removing a chart's few hundred files costs a
// fraction of the kernel work a disk filesystem's /tmp does (lint of kube-prometheus-stack
// ~0.7x the CPU, a small chart ~0.8x; docs/engine.md, session 6). "" is the system's temp dir.
// The sidecar (TMPDIR set by the supervisor, which may SIGKILL it mid-call) keeps its TMPDIR.
func lintTempBases() []string {
	if runtime.GOOS == "linux" && os.Getenv("TMPDIR") == "" {
		if st, err := os.Stat("/dev/shm"); err == nil && st.IsDir() {
			return []string{"/dev/shm", ""}
		}
	}
	return []string{""}
}

// removeOnExit removes dir however this command ends: as it returns (the caller's defer), at
// Berth's time or memory limit (exit), or at Ctrl-C or SIGTERM (internal/atexit, which runs the
// other clean-up too), so that no unpacked chart stays behind in memory. The returned func
// removes dir and undoes the registration.
func removeOnExit(dir string) func() {
	remove := func() { os.RemoveAll(dir) }
	unregister := atexit.Register(remove)
	return func() {
		unregister()
		remove()
	}
}
