//go:build berth_pgo

package main

import (
	"berth.dev/helm-engine/internal/atexit"
	"berth.dev/helm-engine/internal/pgoprofile"
)

// A profiling build (scripts/engine-pgo.mjs) writes its CPU profile out before it exits, Ctrl-C and SIGTERM included.
func init() { atexit.Register(pgoprofile.Stop) }
