// Package atexit runs the engine's clean-up however a command ends: when it exits on its own
// (Exit: done, Berth's time or memory limit) and at Ctrl-C or SIGTERM. Each registered function
// runs once, last registered first: a lint's unpacked chart is removed (lint_tempdir.go), a
// profiling build writes its last CPU profile (pgo_profile.go).
//
// The signals are caught only while something is registered; with nothing to clean up, Ctrl-C
// and SIGTERM end the process as Go's default does.
package atexit

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
)

type hook struct{ run func() }

var (
	mu      sync.Mutex
	hooks   []*hook
	signals chan os.Signal
	ran     sync.Once
)

// Register adds f to what runs at exit. The returned func takes it off again (without running it).
func Register(f func()) (unregister func()) {
	mu.Lock()
	defer mu.Unlock()
	h := &hook{f}
	hooks = append(hooks, h)
	if signals == nil {
		catchSignals()
	}
	return func() {
		mu.Lock()
		defer mu.Unlock()
		for i, x := range hooks {
			if x == h {
				hooks = append(hooks[:i], hooks[i+1:]...)
				break
			}
		}
		if len(hooks) == 0 && signals != nil {
			signal.Stop(signals)
			close(signals)
			signals = nil
		}
	}
}

// catchSignals (mu held): at SIGINT or SIGTERM, everything registered runs and the process exits
// 130 or 143, as a shell reports a command those signals ended.
func catchSignals() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	signals = ch
	go func() {
		s, ok := <-ch
		if !ok {
			return
		}
		code := 130
		if s == syscall.SIGTERM {
			code = 143
		}
		Exit(code)
	}()
}

// Run runs every registered function, last registered first, once per process: a second
// caller (the signal arriving as the command exits) waits for the first to finish.
func Run() {
	ran.Do(func() {
		mu.Lock()
		todo := hooks
		hooks = nil
		mu.Unlock()
		for i := len(todo) - 1; i >= 0; i-- {
			todo[i].run()
		}
	})
}

// Exit runs what is registered, then exits with code.
func Exit(code int) {
	Run()
	os.Exit(code)
}
