package main

import (
	"os"
	"runtime/metrics"
	"strconv"
	"time"
)

// Exit codes the supervisor reads (src-main/render/engine.ts): the process ended itself
// because a limit was passed, so the pending call is answered with that limit's sentence.
const (
	exitMemory  = 3
	exitTimeout = 4
)

type limits struct {
	// MaxMemory is the hard cap on the memory the Go runtime holds from the OS, in bytes.
	// GOMEMLIMIT (set by the supervisor at a fraction of it) makes the collector work harder
	// first; passing this ends the process.
	MaxMemory uint64
	// MaxOutput caps one call's stdout (and its warnings), in bytes.
	MaxOutput int
	// Timeout ends a CLI run that takes longer (the sidecar's timeout is the supervisor's).
	Timeout time.Duration
}

func envInt(name string, fallback int64) int64 {
	if v, err := strconv.ParseInt(os.Getenv(name), 10, 64); err == nil && v > 0 {
		return v
	}
	return fallback
}

// limitsFromEnv reads BERTH_ENGINE_MAX_MEMORY_MB, BERTH_ENGINE_MAX_OUTPUT_MB and
// BERTH_ENGINE_TIMEOUT_S, which the supervisor sets from Berth's settings.
func limitsFromEnv() limits {
	return limits{
		MaxMemory: uint64(envInt("BERTH_ENGINE_MAX_MEMORY_MB", 1024)) << 20,
		MaxOutput: int(envInt("BERTH_ENGINE_MAX_OUTPUT_MB", 64)) << 20,
		Timeout:   time.Duration(envInt("BERTH_ENGINE_TIMEOUT_S", 30)) * time.Second,
	}
}

// startMemoryWatchdog samples the runtime's own accounting (no stop-the-world, works on every
// OS) and calls stop once the process holds more than the cap. The supervisor also watches the
// process's RSS from outside, for memory the runtime does not see.
func startMemoryWatchdog(l limits, stop func(msg string)) {
	samples := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	go func() {
		for range time.Tick(20 * time.Millisecond) {
			metrics.Read(samples)
			held := samples[0].Value.Uint64() - samples[1].Value.Uint64()
			if held > l.MaxMemory {
				stop("memory limit of " + strconv.FormatUint(l.MaxMemory>>20, 10) + " MiB exceeded")
			}
		}
	}()
}
