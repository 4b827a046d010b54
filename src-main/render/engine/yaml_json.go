package main

// `yamljson`: YAML documents (rendered manifests) decoded to JSON as Kubernetes decodes them
// (sigs.k8s.io/yaml, what kubectl and Helm's kube client use), for `berth validate`. Several
// times faster than parsing the same text in Node; a document that does not decode comes back
// as null with its error, and the caller decides.

import (
	"encoding/json"
	"io"

	"sigs.k8s.io/yaml"
)

func init() {
	operations["yamljson"] = runYAMLJSON
}

type yamlJSONRequest struct {
	Docs []string `json:"docs"`
}

type yamlJSONDoc struct {
	Object json.RawMessage `json:"object,omitempty"`
	Error  string          `json:"error,omitempty"`
}

func runYAMLJSON(request []byte, _ []byte, out io.Writer, _ *response) error {
	var req yamlJSONRequest
	if err := json.Unmarshal(request, &req); err != nil {
		return err
	}
	docs := make([]yamlJSONDoc, len(req.Docs))
	for i, d := range req.Docs {
		j, err := yaml.YAMLToJSON([]byte(d))
		if err != nil {
			docs[i].Error = err.Error()
			continue
		}
		docs[i].Object = j
	}
	return json.NewEncoder(out).Encode(docs)
}
