package main

// `valuereads`: which values a chart's templates can read, found from the parse trees Go's
// text/template builds (the same parser Helm's engine uses), without rendering. Berth judges a
// user's values against it: a key no template can read is reported (helm#6422, #8822), a key
// reached only dynamically (index, get, a map handed to include or tpl) is "cannot be judged",
// never a false warning.
//
// The analysis errs towards "read": every guess it makes adds reads, never removes them.

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"io"
	"sort"
	"strings"
	"sync"
	"text/template/parse"

	ci "helm.sh/helm/v4/pkg/chart"
	"helm.sh/helm/v4/pkg/chart/loader"
	chart "helm.sh/helm/v4/pkg/chart/v2"
)

func init() {
	operations["valuereads"] = runValueReads
}

type valueReadsRequest struct {
	valueOptions
	// Chart is a chart folder or package path; without it the blob is the package.
	Chart string `json:"chart"`
	// WithValues asks for the values given (-f, --set, inline YAML) to be judged.
	WithValues bool `json:"withValues"`
}

// schemaAt is a chart's values.schema.json and where its values sit.
type schemaAt struct {
	Path   []string        `json:"path"`
	Schema json.RawMessage `json:"schema"`
}

type valueReadsReply struct {
	valueReads
	// With values: the values given judged against the reads, and the deprecated ones among them.
	Findings   []valueFinding    `json:"findings,omitempty"`
	Deprecated []deprecatedValue `json:"deprecated,omitempty"`
}

// dynamicRead is a values path whose keys a template picks at render time.
type dynamicRead struct {
	Path []string `json:"path"`
	// How is the function or action that reads it: index, get, include, tpl, …
	How  string `json:"how"`
	File string `json:"file"`
}

type valueReads struct {
	// Touched are paths a template looks up (field chains, if/with conditions).
	Touched [][]string `json:"touched"`
	// Whole are paths whose whole subtree a template consumes (printed, toYaml, range, …).
	Whole   [][]string    `json:"whole"`
	Dynamic []dynamicRead `json:"dynamic"`
	// UsesTpl: some template renders strings with tpl, so strings in values may read values.
	UsesTpl bool `json:"usesTpl"`
	// Everything, when set, says why no key can be judged at all.
	Everything string `json:"everything,omitempty"`
}

func runValueReads(request []byte, blob []byte, out io.Writer, _ *response) error {
	var req valueReadsRequest
	if err := json.Unmarshal(request, &req); err != nil {
		return err
	}
	var analysed *analysedChart
	switch {
	case blob != nil:
		// The values form asks on every keystroke: a package never changes under its digest, so
		// the long-running engine keeps the analysis of the last few.
		sum := sha256.Sum256(blob)
		analysed = analysedCache.get(sum)
		if analysed == nil {
			charter, err := loader.LoadArchive(bytes.NewReader(blob))
			if err != nil {
				return err
			}
			if analysed, err = analyse(charter); err != nil {
				return err
			}
			analysedCache.put(sum, analysed)
		}
	case req.Chart != "":
		charter, err := loader.Load(req.Chart)
		if err != nil {
			return err
		}
		if analysed, err = analyse(charter); err != nil {
			return err
		}
	default:
		return errors.New("valuereads needs a chart")
	}
	reply := valueReadsReply{valueReads: analysed.reads}
	if req.WithValues {
		user, err := req.mergeValues()
		if err != nil {
			return err
		}
		reply.Findings = judgeValues(reply.valueReads, user, analysed.defaults)
		reply.Deprecated = deprecatedSet(analysed.schemas, user)
	}
	return json.NewEncoder(out).Encode(reply)
}

type analysedChart struct {
	reads    valueReads
	defaults map[string]interface{}
	schemas  []schemaAt
}

func analyse(charter ci.Charter) (*analysedChart, error) {
	chrt, ok := charter.(*chart.Chart)
	if !ok {
		return nil, errors.New("invalid chart apiVersion")
	}
	return &analysedChart{reads: analyzeValueReads(chrt), defaults: chrt.Values, schemas: chartSchemas(chrt, []string{}, []schemaAt{})}, nil
}

// analysisCache holds the analyses of the last few packages, by sha256.
type analysisCache struct {
	mu      sync.Mutex
	order   [][32]byte
	entries map[[32]byte]*analysedChart
}

var analysedCache = &analysisCache{entries: map[[32]byte]*analysedChart{}}

func (c *analysisCache) get(k [32]byte) *analysedChart {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.entries[k]
}

func (c *analysisCache) put(k [32]byte, a *analysedChart) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.entries[k]; ok {
		return
	}
	c.entries[k] = a
	c.order = append(c.order, k)
	if len(c.order) > 8 {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
}

func chartSchemas(ch *chart.Chart, prefix []string, out []schemaAt) []schemaAt {
	if len(ch.Schema) > 0 && json.Valid(ch.Schema) {
		out = append(out, schemaAt{Path: prefix, Schema: ch.Schema})
	}
	for _, sub := range ch.Dependencies() {
		key := sub.Name()
		for _, dep := range ch.Metadata.Dependencies {
			if dep.Name == sub.Name() && dep.Alias != "" {
				key = dep.Alias
			}
		}
		out = chartSchemas(sub, append(clonePath(prefix), key), out)
	}
	return out
}

type readCollector struct {
	touched map[string][]string
	whole   map[string][]string
	dynamic map[string]dynamicRead
	result  valueReads
}

func pathKey(p []string) string { return strings.Join(p, "\x00") }

func (c *readCollector) touch(p []string) { c.touched[pathKey(p)] = p }
func (c *readCollector) consume(p []string) {
	c.whole[pathKey(p)] = p
}
func (c *readCollector) dynamicAt(p []string, how, file string) {
	k := pathKey(p) + "\x01" + how
	if _, seen := c.dynamic[k]; !seen {
		c.dynamic[k] = dynamicRead{Path: p, How: how, File: file}
	}
}

func analyzeValueReads(root *chart.Chart) valueReads {
	c := &readCollector{touched: map[string][]string{}, whole: map[string][]string{}, dynamic: map[string]dynamicRead{}}
	var prefixes [][]string
	var walk func(ch *chart.Chart, prefix []string)
	var defines []*templateScope
	walk = func(ch *chart.Chart, prefix []string) {
		prefixes = append(prefixes, prefix)
		for _, f := range ch.Templates {
			trees := parseTemplateFile(f.Name, string(f.Data))
			for name, tree := range trees {
				scope := &templateScope{c: c, file: chartFilePath(prefix, f.Name), files: ch}
				if name == f.Name {
					scope.prefix = prefix
					scope.walkTree(tree, true)
				} else {
					// A named template runs with whatever its caller passes; its reads are
					// counted for every chart below, as library charts' helpers are.
					scope.tree = tree
					defines = append(defines, scope)
				}
			}
		}
		// Helm itself reads dependency conditions and tags (chartutil.ProcessDependencies).
		for _, dep := range ch.Metadata.Dependencies {
			for _, cond := range strings.Split(dep.Condition, ",") {
				if cond = strings.TrimSpace(cond); cond != "" {
					c.touch(append(clonePath(prefix), strings.Split(cond, ".")...))
				}
			}
			for _, tag := range dep.Tags {
				c.touch([]string{"tags", tag})
			}
		}
		for _, sub := range ch.Dependencies() {
			names := map[string]bool{}
			for _, dep := range ch.Metadata.Dependencies {
				if dep.Name == sub.Name() {
					if dep.Alias != "" {
						names[dep.Alias] = true
					} else {
						names[dep.Name] = true
					}
				}
			}
			if len(names) == 0 {
				names[sub.Name()] = true
			}
			for n := range names {
				walk(sub, append(clonePath(prefix), n))
			}
		}
	}
	walk(root, []string{})
	// Named templates are walked once, relative to no chart, then their reads are placed under
	// every chart's values.
	shared := &readCollector{touched: map[string][]string{}, whole: map[string][]string{}, dynamic: map[string]dynamicRead{}}
	for _, d := range defines {
		scope := &templateScope{c: shared, file: d.file, files: d.files, prefix: []string{}}
		scope.walkTree(d.tree, false)
	}
	c.result.UsesTpl = c.result.UsesTpl || shared.result.UsesTpl
	for _, p := range prefixes {
		for _, t := range shared.touched {
			c.touch(append(clonePath(p), t...))
		}
		for _, w := range shared.whole {
			c.consume(append(clonePath(p), w...))
		}
		for _, d := range shared.dynamic {
			c.dynamicAt(append(clonePath(p), d.Path...), d.How, d.File)
		}
	}
	r := c.result
	r.Touched = sortedPaths(c.touched)
	r.Whole = sortedPaths(c.whole)
	r.Dynamic = []dynamicRead{}
	for _, d := range c.dynamic {
		r.Dynamic = append(r.Dynamic, d)
	}
	sort.Slice(r.Dynamic, func(i, j int) bool {
		a, b := pathKey(r.Dynamic[i].Path), pathKey(r.Dynamic[j].Path)
		if a != b {
			return a < b
		}
		return r.Dynamic[i].How < r.Dynamic[j].How
	})
	return r
}

func chartFilePath(prefix []string, name string) string {
	if len(prefix) == 0 {
		return name
	}
	return "charts/" + strings.Join(prefix, "/charts/") + "/" + name
}

func clonePath(p []string) []string { return append([]string{}, p...) }

func sortedPaths(m map[string][]string) [][]string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([][]string, 0, len(keys))
	for _, k := range keys {
		out = append(out, m[k])
	}
	return out
}

// parseTemplateFile returns the file's own tree (under its name) and one per define, or nothing
// when Go cannot parse it (Helm's render reports that; here it only means no reads are known).
func parseTemplateFile(name, text string) map[string]*parse.Tree {
	trees := map[string]*parse.Tree{}
	t := parse.New(name)
	// Helm's function map is not needed to find reads; unknown functions are fine here.
	t.Mode = parse.SkipFuncCheck
	if _, err := t.Parse(text, "", "", trees); err != nil {
		return map[string]*parse.Tree{}
	}
	return trees
}

// ref is what a template expression evaluates to, as far as values are concerned.
type refKind int

const (
	refOther  refKind = iota // a string, number, or something not from values
	refRoot                  // the top-level context (.)
	refValues                // a values path
	refFiles                 // .Files or something read from it
	refText                  // a string literal (Text holds it)
)

type ref struct {
	kind refKind
	path []string
	text string
}

type templateScope struct {
	c      *readCollector
	file   string
	files  *chart.Chart
	prefix []string
	tree   *parse.Tree
}

// Functions that look into a map by keys chosen at render time, or hand a value on to code
// this analysis does not follow: a values path passed to them cannot be judged below it.
var dynamicFuncs = map[string]bool{
	"index": true, "get": true, "pluck": true, "dig": true, "hasKey": true, "pick": true, "omit": true,
	"set": true, "unset": true, "merge": true, "mergeOverwrite": true, "mustMerge": true, "mustMergeOverwrite": true,
	"deepCopy": true, "mustDeepCopy": true, "dict": true, "include": true, "tpl": true, "fromYaml": true,
}

// Functions that print the whole of their argument, so passing the root context reads every value.
var serializeFuncs = map[string]bool{
	"toYaml": true, "toJson": true, "toPrettyJson": true, "toRawJson": true, "toToml": true,
	"mustToJson": true, "mustToPrettyJson": true, "mustToRawJson": true, "toYamlPretty": true,
}

type vars map[string]ref

func (v vars) clone() vars {
	out := vars{}
	for k, r := range v {
		out[k] = r
	}
	return out
}

func (s *templateScope) walkTree(tree *parse.Tree, topLevel bool) {
	if tree == nil || tree.Root == nil {
		return
	}
	dot := ref{kind: refRoot}
	if !topLevel {
		// A define's dot is what its caller passes: usually the root context, but unknown.
		dot = ref{kind: refOther}
	}
	s.walk(tree.Root, dot, vars{"$": {kind: refRoot}})
}

func (s *templateScope) walk(node parse.Node, dot ref, vs vars) {
	switch n := node.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, item := range n.Nodes {
			s.walk(item, dot, vs)
		}
	case *parse.ActionNode:
		r := s.pipe(n.Pipe, dot, vs)
		if len(n.Pipe.Decl) == 0 {
			s.consumeRef(r, "")
		}
	case *parse.IfNode:
		s.pipe(n.Pipe, dot, vs.clone())
		s.walk(n.List, dot, vs.clone())
		s.walk(n.ElseList, dot, vs.clone())
	case *parse.WithNode:
		inner := vs.clone()
		r := s.pipe(n.Pipe, dot, inner)
		s.walk(n.List, r, inner)
		s.walk(n.ElseList, dot, vs.clone())
	case *parse.RangeNode:
		inner := vs.clone()
		r := s.pipeValue(n.Pipe, dot, inner)
		// Ranging consumes every key or element of the collection.
		s.consumeRef(r, "")
		for _, d := range n.Pipe.Decl {
			inner[d.Ident[0]] = ref{kind: refOther}
		}
		s.walk(n.List, ref{kind: refOther}, inner)
		s.walk(n.ElseList, dot, vs.clone())
	case *parse.TemplateNode:
		if n.Pipe != nil {
			r := s.pipe(n.Pipe, dot, vs)
			s.passOn(r, "template")
		}
	}
}

// pipe evaluates a pipeline and binds its declared variables.
func (s *templateScope) pipe(p *parse.PipeNode, dot ref, vs vars) ref {
	r := s.pipeValue(p, dot, vs)
	for _, d := range p.Decl {
		vs[d.Ident[0]] = r
	}
	return r
}

func (s *templateScope) pipeValue(p *parse.PipeNode, dot ref, vs vars) ref {
	if p == nil {
		return ref{}
	}
	var last ref
	for i, cmd := range p.Cmds {
		var piped *ref
		if i > 0 {
			prev := last
			piped = &prev
		}
		last = s.command(cmd, dot, vs, piped)
	}
	return last
}

func (s *templateScope) command(cmd *parse.CommandNode, dot ref, vs vars, piped *ref) ref {
	if len(cmd.Args) == 0 {
		return ref{}
	}
	if fn, ok := cmd.Args[0].(*parse.IdentifierNode); ok {
		args := make([]ref, 0, len(cmd.Args))
		for _, a := range cmd.Args[1:] {
			args = append(args, s.eval(a, dot, vs))
		}
		if piped != nil {
			args = append(args, *piped)
		}
		return s.call(fn.Ident, args)
	}
	head := s.eval(cmd.Args[0], dot, vs)
	if len(cmd.Args) == 1 && piped == nil {
		return head
	}
	// A method call such as .Files.Get "x" or .Capabilities.APIVersions.Has "y".
	for _, a := range cmd.Args[1:] {
		s.consumeRef(s.eval(a, dot, vs), "")
	}
	if piped != nil {
		s.consumeRef(*piped, "")
	}
	if head.kind == refFiles {
		return ref{kind: refFiles}
	}
	return ref{}
}

func (s *templateScope) call(fn string, args []ref) ref {
	switch {
	case fn == "tpl":
		if len(args) > 0 {
			s.tplText(args[0])
		}
		for _, a := range args[1:] {
			s.passOn(a, fn)
		}
		return ref{}
	case dynamicFuncs[fn]:
		for _, a := range args {
			s.passOn(a, fn)
		}
		return ref{}
	}
	for _, a := range args {
		s.consumeRef(a, fn)
	}
	if fn == "required" || fn == "default" || fn == "coalesce" || fn == "ternary" {
		// These return one of their arguments; what is done with it was already counted.
		return ref{}
	}
	for _, a := range args {
		if a.kind == refFiles {
			return ref{kind: refFiles}
		}
	}
	return ref{}
}

// tplText notes what tpl renders: values strings, a literal, a chart file, or something unknown.
func (s *templateScope) tplText(r ref) {
	s.c.result.UsesTpl = true
	switch r.kind {
	case refValues:
		s.c.consume(r.path)
	case refText:
		s.subTemplate(r.text)
	case refFiles:
		// tpl over a chart file: read every file of the chart as a template in the root context.
		for _, f := range s.files.Files {
			if bytes.Contains(f.Data, []byte("{{")) {
				s.subTemplate(string(f.Data))
			}
		}
	}
	// Anything else reached tpl through a variable or a define's argument: it came from values
	// that were passed on (and are judged as such) or from a string built in a template.
}

func (s *templateScope) subTemplate(text string) {
	for _, tree := range parseTemplateFile(s.file+"#tpl", text) {
		sub := &templateScope{c: s.c, file: s.file, files: s.files, prefix: s.prefix}
		sub.walkTree(tree, true)
	}
}

// passOn records a value handed to something that reads it by keys chosen at render time.
func (s *templateScope) passOn(r ref, how string) {
	switch r.kind {
	case refValues:
		s.c.dynamicAt(r.path, how, s.file)
	case refRoot:
		if how != "include" && how != "template" && how != "tpl" && how != "dict" {
			s.c.dynamicAt(s.prefix, how, s.file)
		}
	}
}

// consumeRef records a value used as a whole: printed, compared, serialized, ranged over.
func (s *templateScope) consumeRef(r ref, fn string) {
	switch r.kind {
	case refValues:
		s.c.consume(r.path)
		if g := s.globalOf(r.path); g != nil {
			s.c.consume(g)
		}
	case refRoot:
		if serializeFuncs[fn] {
			s.c.consume(s.prefix)
		}
	}
}

func (s *templateScope) eval(n parse.Node, dot ref, vs vars) ref {
	switch n := n.(type) {
	case *parse.FieldNode:
		return s.fields(dot, n.Ident)
	case *parse.VariableNode:
		base, ok := vs[n.Ident[0]]
		if !ok {
			base = ref{kind: refOther}
		}
		return s.fields(base, n.Ident[1:])
	case *parse.ChainNode:
		var base ref
		if p, ok := n.Node.(*parse.PipeNode); ok {
			base = s.pipeValue(p, dot, vs)
		} else {
			base = s.eval(n.Node, dot, vs)
		}
		return s.fields(base, n.Field)
	case *parse.DotNode:
		return dot
	case *parse.PipeNode:
		return s.pipeValue(n, dot, vs.clone())
	case *parse.StringNode:
		return ref{kind: refText, text: n.Text}
	}
	return ref{}
}

// fields follows .a.b.c from base, recording each values path it looks up.
func (s *templateScope) fields(base ref, idents []string) ref {
	if len(idents) == 0 {
		return base
	}
	var path []string
	switch base.kind {
	case refValues:
		path = append(clonePath(base.path), idents...)
	case refRoot:
		switch idents[0] {
		case "Values":
			path = s.valuesPath(idents[1:])
		case "Files":
			return ref{kind: refFiles}
		default:
			return ref{}
		}
	default:
		// Unknown base, such as a define's dot or a dict's field: ".context.Values.x" and
		// "$top.Values.x" still read x from the root values.
		for i, id := range idents {
			if id == "Values" {
				path = s.valuesPath(idents[i+1:])
				break
			}
			if id == "Files" {
				return ref{kind: refFiles}
			}
		}
		if path == nil {
			return ref{}
		}
	}
	s.c.touch(path)
	return ref{kind: refValues, path: path}
}

// valuesPath is a path in the chart's .Values as a path in the top-level values; a subchart's
// globals are the parent's (Helm copies them down), so both are counted.
func (s *templateScope) valuesPath(rel []string) []string {
	path := append(clonePath(s.prefix), rel...)
	if g := s.globalOf(path); g != nil {
		s.c.touch(g)
	}
	return path
}

// globalOf is a subchart's path under global as the top-level path, or nil.
func (s *templateScope) globalOf(path []string) []string {
	n := len(s.prefix)
	if n == 0 || len(path) <= n || path[n] != "global" {
		return nil
	}
	for i, p := range s.prefix {
		if path[i] != p {
			return nil
		}
	}
	return clonePath(path[n:])
}
