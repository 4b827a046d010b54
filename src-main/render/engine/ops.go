package main

import "io"

// response is what every operation returns besides its stdout bytes.
type response struct {
	// Error is Helm's error text, exactly as `helm` prints it after "Error: ".
	Error string `json:"error,omitempty"`
	// Stderr collects warnings Helm would print.
	Stderr string `json:"stderr,omitempty"`
	// Notes is the rendered NOTES.txt (template only).
	Notes string `json:"notes,omitempty"`
	// Path is the written package (package only).
	Path string `json:"path,omitempty"`
	// Count is how many items were answered (ed25519verify only).
	Count int `json:"count,omitempty"`
}

type operation func(request []byte, blob []byte, out io.Writer, res *response) error

var operations = map[string]operation{
	"template": runTemplate,
	"lint":     runLint,
	"package":  runPackage,
	"show":     runShow,
	"version":  runVersion,
	"render":   runRender,
	"values":   runValues,
	"crds":     runCRDs,
}
