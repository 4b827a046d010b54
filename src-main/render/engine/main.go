// Command berth-engine is Helm v4's own chart code (loader, values, engine, lint, package),
// built natively for Berth. It runs in one of two ways:
//
//	berth-engine template|lint|package|show …   helm's commands with helm's flags (cli.go)
//	berth-engine __serve                          Berth's supervised sidecar: framed requests on stdin (serve.go)
//
// Each process handles one request at a time: Helm reports warnings through process-wide
// loggers (slog, log), so parallel renders need parallel processes, which Berth's supervisor
// (src-main/render/engine.ts) keeps in a small pool.
package main

import (
	"fmt"
	"io"
	"log"
	"log/slog"
	"os"
	"runtime/debug"

	"berth.dev/helm-engine/internal/atexit"
)

// serveWord starts the sidecar; it cannot clash with a helm command name.
const serveWord = "__serve"

func main() {
	// A template that recurses without end (tpl calling itself, see overlay/engine.go) must fail
	// long before Go's default 1 GB stack; Helm's deepest real charts use a few MB.
	debug.SetMaxStack(64 << 20)
	limits := limitsFromEnv()
	if len(os.Args) > 1 && os.Args[1] == serveWord {
		gcAfterStart(100)
		startMemoryWatchdog(limits, func(msg string) {
			fmt.Fprintf(os.Stderr, "berth-engine: %s\n", msg)
			os.Exit(exitMemory)
		})
		serve(os.Stdin, os.Stdout, limits)
		return
	}
	if len(os.Args) > 1 && releaseWords[os.Args[1]] {
		// helm's own release commands talk to the cluster: no render limits apply
		gcAfterStart(100)
		exit(runHelmRelease(os.Args[1:]))
	}
	tuneShortLivedGC(limits)
	exit(runCLI(os.Args[1:], limits))
}

// exit runs the engine's clean-up (internal/atexit: a lint's unpacked chart, a profiling build's
// last CPU profile), then exits with code.
func exit(code int) { atexit.Exit(code) }

// tuneShortLivedGC: a CLI run lives for one command, so the collector may let the heap grow
// further between cycles (GOGC 200 instead of 100: about 10-25 % less CPU on large charts on a
// loaded machine, ~5 MiB more peak RSS; 400 saved little more and cost ~40 MiB), while a soft limit at 75 % of the memory cap (as the supervisor gives the
// sidecar through GOMEMLIMIT) makes it collect hard before the watchdog's cap is reached.
// GOGC or GOMEMLIMIT in the environment win.
func tuneShortLivedGC(l limits) {
	gcAfterStart(200)
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(int64(l.MaxMemory / 4 * 3))
	}
}

// gcAtStartVar marks a GOGC=off that Berth's launchers set (bin/berth, bin/berth.cjs, the
// supervisor in engine.ts), not the user: the collector stays off while the packages initialise.
// Helm's and Kubernetes' client packages allocate ~5 MiB in their init functions (API schemes,
// regular expressions), which the collector chased from its 4 MiB starting goal: a quarter of a
// command's start-up CPU (about 22 -> 14 ms). gcAfterStart turns it on before any work.
const gcAtStartVar = "BERTH_ENGINE_GC_AT_START"

// gcAfterStart sets the collector's GOGC percent for the work ahead, unless the user gave GOGC,
// and removes the launcher's GOGC=off from the environment, so no process the engine starts (a
// post-renderer) inherits it.
func gcAfterStart(percent int) {
	if os.Getenv(gcAtStartVar) != "" {
		os.Unsetenv(gcAtStartVar)
		os.Unsetenv("GOGC")
		debug.SetGCPercent(percent)
		return
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(percent)
	} else {
		userGOGC = true
	}
}

// userGOGC: the user gave GOGC; the engine then never changes the collector's setting.
var userGOGC bool

// collectOnlyNearLimit turns the collector off for `package`, leaving the soft memory limit
// (tuneShortLivedGC: 75 % of the cap) to make Go collect if the heap ever nears it. A package
// reads the chart's files, which stay live until the archive is written, and makes little
// garbage besides (peak heap ≈ the files plus the compressor): on kube-prometheus-stack the
// collector's two cycles were ~9 % of the command's CPU (paired, 178 vs 195 ms) and lowered the
// peak RSS by 1–2 MiB of 61. With GOGC 200 the heap could grow to 3× what is live anyway.
func collectOnlyNearLimit() {
	if !userGOGC {
		debug.SetGCPercent(-1)
	}
}

// debugLog is helm's --debug for the engine's command line: its DEBUG lines on stderr too.
var debugLog bool

// helmLogHandler writes slog records as helm's logger does (internal/logging): text without the time.
func helmLogHandler(w io.Writer) slog.Handler {
	level := slog.LevelWarn
	if debugLog {
		level = slog.LevelDebug
	}
	return slog.NewTextHandler(w, &slog.HandlerOptions{Level: level, ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}})
}

type bufferWriter struct {
	b     []byte
	limit int
}

// errOutputLimit is returned once a render's output passes the output cap.
type errOutputLimit struct{ limit int }

func (e errOutputLimit) Error() string {
	return fmt.Sprintf("the output is larger than %d MiB, Berth's limit", e.limit>>20)
}

func (w *bufferWriter) Write(p []byte) (int, error) {
	if w.limit > 0 && len(w.b)+len(p) > w.limit {
		return 0, errOutputLimit{w.limit}
	}
	w.b = append(w.b, p...)
	return len(p), nil
}

func dispatch(op string, request []byte, blob []byte, outputLimit int) (res response, stdout []byte) {
	out := &bufferWriter{limit: outputLimit}
	errOut := &bufferWriter{limit: outputLimit}
	// Helm reports warnings through slog and the standard logger; collect them per call.
	slog.SetDefault(slog.New(helmLogHandler(errOut)))
	log.SetOutput(errOut)
	log.SetFlags(0)
	defer func() {
		// A panic in Helm's code or a template function fails this call, not the process.
		if r := recover(); r != nil {
			res.Error = fmt.Sprintf("internal error in Helm engine: %v", r)
		}
		res.Stderr = string(errOut.b)
		stdout = out.b
	}()
	run, ok := operations[op]
	if !ok {
		res.Error = fmt.Sprintf("unknown engine operation %q", op)
		return
	}
	if err := run(request, blob, out, &res); err != nil {
		res.Error = err.Error()
	}
	return
}
