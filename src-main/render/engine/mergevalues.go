package main

// `values`: the user-supplied values as `helm install|upgrade|template` merge them from
// -f files and --set, --set-string, --set-json, --set-file and --set-literal (Helm's own
// strvals parser, see values.go), returned as JSON for Berth's deploy verbs.

import (
	"encoding/json"
	"io"
)

func runValues(request []byte, _ []byte, out io.Writer, _ *response) error {
	var req valueOptions
	if err := json.Unmarshal(request, &req); err != nil {
		return err
	}
	vals, err := req.mergeValues()
	if err != nil {
		return err
	}
	return json.NewEncoder(out).Encode(vals)
}
