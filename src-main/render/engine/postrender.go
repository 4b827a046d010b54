package main

// helm v4's --post-renderer for `berth template`: the name of a postrenderer/v1 plugin, found in
// helm's plugin folders (HELM_PLUGINS) and run by helm's own pkg/postrenderer, exactly where
// helm runs it (pkg/action/action.go renderResources: the rendered files merged into one stream
// with their file names as annotations, post-rendered, split back). helm v4 takes plugin names
// only; an executable path is refused with helm's own "plugin … not found". Only the engine's
// command line sets it (the app's sidecar never post-renders).
//
// annotateAndMerge, splitAndDeannotate and fixDocSeparators are pkg/action's (unexported there),
// Copyright The Helm Authors, Apache License 2.0.

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"helm.sh/helm/v4/pkg/cli"
	"helm.sh/helm/v4/pkg/postrenderer"
	"sigs.k8s.io/kustomize/kyaml/kio"
	kyaml "sigs.k8s.io/kustomize/kyaml/yaml"
)

// cliPostRenderer is the plugin --post-renderer named, for this process's one render.
var cliPostRenderer postrenderer.PostRenderer

// postRendererOptions are pkg/cmd/flags.go's: the plugin is looked up as the flag is parsed.
type postRendererOptions struct {
	pluginName string
	args       []string
	settings   *cli.EnvSettings
}

type postRendererString struct{ options *postRendererOptions }

func (p *postRendererString) String() string { return p.options.pluginName }
func (p *postRendererString) Type() string   { return "postRendererString" }
func (p *postRendererString) Set(val string) error {
	if val == "" {
		return nil
	}
	if p.options.pluginName != "" {
		return fmt.Errorf("cannot specify --post-renderer flag more than once")
	}
	p.options.pluginName = val
	pr, err := postrenderer.NewPostRendererPlugin(p.options.settings, p.options.pluginName, p.options.args...)
	if err != nil {
		return err
	}
	cliPostRenderer = pr
	return nil
}

type postRendererArgsSlice struct{ options *postRendererOptions }

func (p *postRendererArgsSlice) String() string { return "[" + strings.Join(p.options.args, ",") + "]" }
func (p *postRendererArgsSlice) Type() string   { return "postRendererArgsSlice" }
func (p *postRendererArgsSlice) Set(val string) error {
	p.options.args = append(p.options.args, val)
	if p.options.pluginName == "" {
		return nil
	}
	pr, err := postrenderer.NewPostRendererPlugin(p.options.settings, p.options.pluginName, p.options.args...)
	if err != nil {
		return err
	}
	cliPostRenderer = pr
	return nil
}
func (p *postRendererArgsSlice) Append(val string) error {
	p.options.args = append(p.options.args, val)
	return nil
}
func (p *postRendererArgsSlice) Replace(val []string) error {
	p.options.args = val
	return nil
}
func (p *postRendererArgsSlice) GetSlice() []string { return p.options.args }

// bindPostRenderFlag is pkg/cmd/flags.go's.
func bindPostRenderFlag(f *pflag.FlagSet) {
	p := &postRendererOptions{settings: cli.New()}
	f.Var(&postRendererString{p}, "post-renderer", "the name of a postrenderer type plugin to be used for post rendering. If it exists, the plugin will be used")
	f.Var(&postRendererArgsSlice{p}, "post-renderer-args", "an argument to the post-renderer (can specify multiple)")
}

// postRender runs the plugin over the rendered files as renderResources does.
func postRender(pr postrenderer.PostRenderer, files map[string]string) (map[string]string, error) {
	merged, err := annotateAndMerge(files)
	if err != nil {
		return nil, fmt.Errorf("error merging manifests: %w", err)
	}
	postRendered, err := pr.Run(bytes.NewBufferString(merged))
	if err != nil {
		return nil, fmt.Errorf("error while running post render on files: %w", err)
	}
	files, err = splitAndDeannotate(postRendered.String())
	if err != nil {
		return nil, fmt.Errorf("error while parsing post rendered output: %w", err)
	}
	return files, nil
}

// postRenderRelease is --post-renderer for `berth install|upgrade`: Berth's CLI names the plugin
// to the engine process it starts in BERTH_POST_RENDERER ({"name":…,"args":[…]}); the files
// but NOTES.txt (which helm takes out before post-rendering) go through it, as in helm's
// renderResources, and Berth sorts, records and applies what comes back.
func postRenderRelease(files map[string]string) (map[string]string, error) {
	spec := os.Getenv("BERTH_POST_RENDERER")
	if spec == "" {
		return files, nil
	}
	var want struct {
		Name string   `json:"name"`
		Args []string `json:"args"`
	}
	if err := json.Unmarshal([]byte(spec), &want); err != nil {
		return nil, fmt.Errorf("BERTH_POST_RENDERER: %w", err)
	}
	pr, err := postrenderer.NewPostRendererPlugin(cli.New(), want.Name, want.Args...)
	if err != nil {
		return nil, err
	}
	notes := map[string]string{}
	rest := map[string]string{}
	for k, v := range files {
		if strings.HasSuffix(k, notesFileSuffix) {
			notes[k] = v
		} else {
			rest[k] = v
		}
	}
	out, err := postRender(pr, rest)
	if err != nil {
		return nil, err
	}
	for k, v := range notes {
		out[k] = v
	}
	return out, nil
}

const filenameAnnotation = "postrenderer.helm.sh/postrender-filename"

// fixDocSeparators ensures YAML document separators ("---") are always
// followed by a newline in rendered template content. Go template whitespace
// trimming ({{-) can remove the newline after "---", producing e.g.
// "---apiVersion: v1" which is not a valid YAML document separator.
// This function inserts a newline after any "---" at the start of a line
// that is immediately followed by non-whitespace content.
func fixDocSeparators(content string) string {
	var b strings.Builder
	remaining := content
	for {
		// Find "---" at the start of a line (or start of content).
		idx := strings.Index(remaining, "---")
		if idx == -1 {
			b.WriteString(remaining)
			break
		}
		// "---" must be at the start of a line: either idx==0 or preceded by '\n'.
		if idx > 0 && remaining[idx-1] != '\n' {
			b.WriteString(remaining[:idx+3])
			remaining = remaining[idx+3:]
			continue
		}
		b.WriteString(remaining[:idx+3])
		remaining = remaining[idx+3:]
		// If "---" is followed by non-whitespace (e.g. "---apiVersion"),
		// insert a newline to make it a proper document separator.
		if len(remaining) > 0 && remaining[0] != '\n' && remaining[0] != '\r' && remaining[0] != ' ' && remaining[0] != '\t' {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// annotateAndMerge combines multiple YAML files into a single stream of documents,
// adding filename annotations to each document for later reconstruction.
func annotateAndMerge(files map[string]string) (string, error) {
	var combinedManifests []*kyaml.RNode

	// Get sorted filenames to ensure result is deterministic
	fnames := slices.Sorted(maps.Keys(files))

	for _, fname := range fnames {
		content := files[fname]
		// Skip partials and empty files.
		if strings.HasPrefix(path.Base(fname), "_") || strings.TrimSpace(content) == "" {
			continue
		}

		// Fix document separators where Go template whitespace trimming
		// ({{-) has removed the newline after "---", producing e.g.
		// "---apiVersion: v1" which is not a valid YAML document
		// separator. Insert the missing newline so kio.ParseAll can
		// parse the content correctly.
		content = fixDocSeparators(content)

		manifests, err := kio.ParseAll(content)
		if err != nil {
			return "", fmt.Errorf("parsing %s: %w", fname, err)
		}
		for _, manifest := range manifests {
			if err := manifest.PipeE(kyaml.SetAnnotation(filenameAnnotation, fname)); err != nil {
				return "", fmt.Errorf("annotating %s: %w", fname, err)
			}
			combinedManifests = append(combinedManifests, manifest)
		}
	}

	merged, err := kio.StringAll(combinedManifests)
	if err != nil {
		return "", fmt.Errorf("writing merged docs: %w", err)
	}
	return merged, nil
}

// splitAndDeannotate reconstructs individual files from a merged YAML stream,
// removing filename annotations and grouping documents by their original filenames.
func splitAndDeannotate(postrendered string) (map[string]string, error) {
	manifests, err := kio.ParseAll(postrendered)
	if err != nil {
		return nil, fmt.Errorf("error parsing YAML: %w", err)
	}

	manifestsByFilename := make(map[string][]*kyaml.RNode)
	for i, manifest := range manifests {
		meta, err := manifest.GetMeta()
		if err != nil {
			return nil, fmt.Errorf("getting metadata: %w", err)
		}
		fname := meta.Annotations[filenameAnnotation]
		if fname == "" {
			fname = fmt.Sprintf("generated-by-postrender-%d.yaml", i)
		}
		if err := manifest.PipeE(kyaml.ClearAnnotation(filenameAnnotation)); err != nil {
			return nil, fmt.Errorf("clearing filename annotation: %w", err)
		}
		manifestsByFilename[fname] = append(manifestsByFilename[fname], manifest)
	}

	reconstructed := make(map[string]string, len(manifestsByFilename))
	for fname, docs := range manifestsByFilename {
		fileContents, err := kio.StringAll(docs)
		if err != nil {
			return nil, fmt.Errorf("re-writing %s: %w", fname, err)
		}
		reconstructed[fname] = fileContents
	}
	return reconstructed, nil
}
