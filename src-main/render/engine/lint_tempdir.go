package main

import (
	"os"
	"os/signal"
	"runtime"
	"syscall"
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
// Berth's time or memory limit (exit), or at Ctrl-C or SIGTERM, so that no unpacked chart stays
// behind in memory. The returned func undoes the registration.
func removeOnExit(dir string) func() {
	remove := func() { os.RemoveAll(dir) }
	atExit = append(atExit, remove)
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-signals:
			remove()
			code := 130
			if s == syscall.SIGTERM {
				code = 143
			}
			os.Exit(code)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
		remove()
		atExit = atExit[:len(atExit)-1]
	}
}
