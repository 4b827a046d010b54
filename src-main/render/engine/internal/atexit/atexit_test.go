package atexit

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The child process each case runs in: it registers three functions that append their name to
// $ATEXIT_LOG, takes the middle one off, and ends as $ATEXIT_END says.
func TestMain(m *testing.M) {
	end := os.Getenv("ATEXIT_END")
	if end == "" {
		os.Exit(m.Run())
	}
	log := os.Getenv("ATEXIT_LOG")
	say := func(name string) func() {
		return func() {
			f, err := os.OpenFile(log, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
			if err != nil {
				os.Exit(99)
			}
			f.WriteString(name + "\n")
			f.Close()
		}
	}
	offA := Register(say("a"))
	offB := Register(say("b"))
	offC := Register(say("c"))
	offB()
	switch end {
	case "exit":
		// two exits at once (a signal as the command ends): each function still runs once
		var wg sync.WaitGroup
		for range 2 {
			wg.Add(1)
			go func() { defer wg.Done(); Exit(3) }()
		}
		wg.Wait()
	case "sigterm", "sigint":
		sig := syscall.SIGTERM
		if end == "sigint" {
			sig = syscall.SIGINT
		}
		syscall.Kill(os.Getpid(), sig)
	case "nothing-registered":
		offA()
		offC()
		syscall.Kill(os.Getpid(), syscall.SIGTERM)
	}
	time.Sleep(10 * time.Second)
	os.Exit(98)
}

func child(t *testing.T, end string) (code int, signaled bool, log string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "log")
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), "ATEXIT_END="+end, "ATEXIT_LOG="+path)
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatal(err)
	}
	status := cmd.ProcessState.Sys().(syscall.WaitStatus)
	b, _ := os.ReadFile(path)
	return cmd.ProcessState.ExitCode(), status.Signaled(), string(b)
}

func TestExitRunsEachRegisteredFunctionOnceLastFirst(t *testing.T) {
	code, _, log := child(t, "exit")
	if code != 3 || log != "c\na\n" {
		t.Fatalf("exit %d, ran %q; want exit 3, ran \"c\\na\\n\"", code, log)
	}
}

func TestSignalsRunEveryRegisteredFunction(t *testing.T) {
	for end, want := range map[string]int{"sigterm": 143, "sigint": 130} {
		code, _, log := child(t, end)
		if code != want || log != "c\na\n" {
			t.Fatalf("%s: exit %d, ran %q; want exit %d, ran \"c\\na\\n\"", end, code, log, want)
		}
	}
}

func TestWithNothingRegisteredASignalEndsTheProcessAsGoDoes(t *testing.T) {
	_, signaled, log := child(t, "nothing-registered")
	if !signaled || log != "" {
		t.Fatalf("signaled %v, ran %q; want killed by SIGTERM, nothing run", signaled, log)
	}
}
