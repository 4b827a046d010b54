//go:build js && wasm

// Command helm-engine is Helm v4's own chart code (loader, values, engine, lint, package)
// compiled to WebAssembly for Berth. It exposes one function to JavaScript:
//
//	globalThis.__berthHelmEngine.call(op, requestJSON, blob?) → Promise<[responseJSON, stdoutBytes]>
//
// File access (chart folders, values files, package output) goes through Node's fs,
// which Go's js/wasm runtime uses for package os.
package main

import (
	"encoding/json"
	"fmt"
	"log"
	"log/slog"
	"syscall/js"
)

func main() {
	engine := js.Global().Get("Object").New()
	engine.Set("call", js.FuncOf(call))
	js.Global().Set("__berthHelmEngine", engine)
	if ready := js.Global().Get("__berthHelmReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {}
}

// call runs the operation on a goroutine: Go may not block inside a JS callback, and
// file access through Node's fs is asynchronous.
func call(_ js.Value, args []js.Value) any {
	op := args[0].String()
	request := []byte(args[1].String())
	var blob []byte
	if len(args) > 2 && args[2].Type() == js.TypeObject {
		blob = make([]byte, args[2].Get("length").Int())
		js.CopyBytesToGo(blob, args[2])
	}
	executor := js.FuncOf(func(_ js.Value, p []js.Value) any {
		resolve := p[0]
		go func() {
			res, stdout := dispatch(op, request, blob)
			encoded, _ := json.Marshal(res)
			bytes := js.Global().Get("Uint8Array").New(len(stdout))
			js.CopyBytesToJS(bytes, stdout)
			resolve.Invoke(js.ValueOf([]any{string(encoded), bytes}))
		}()
		return nil
	})
	promise := js.Global().Get("Promise").New(executor)
	executor.Release()
	return promise
}

type bufferWriter struct{ b []byte }

func (w *bufferWriter) Write(p []byte) (int, error) {
	w.b = append(w.b, p...)
	return len(p), nil
}

func dispatch(op string, request []byte, blob []byte) (res response, stdout []byte) {
	out := &bufferWriter{}
	errOut := &bufferWriter{}
	// Helm reports warnings through slog and the standard logger; collect them per call.
	slog.SetDefault(slog.New(slog.NewTextHandler(errOut, &slog.HandlerOptions{Level: slog.LevelWarn})))
	log.SetOutput(errOut)
	log.SetFlags(0)
	defer func() {
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
