package main

// Judging the values someone set against what the templates read (values_usage.go): read,
// read by no template ("unused", with the nearest key that is read), or reached only
// dynamically ("not judged"); and the values the chart's schemas mark deprecated. `berth lint`
// prints these beside Helm's findings; the values form and the upgrade merge ask through the
// valuereads operation.

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"helm.sh/helm/v4/pkg/chart/loader"
	chart "helm.sh/helm/v4/pkg/chart/v2"
	"helm.sh/helm/v4/pkg/chart/v2/lint/support"
)

type valueFinding struct {
	// Status is "unused" or "not-judged".
	Status     string   `json:"status"`
	Path       []string `json:"path"`
	PathText   string   `json:"pathText"`
	Suggestion string   `json:"suggestion,omitempty"`
	Message    string   `json:"message"`
	// For "not-judged": the template and the function (index, get, include, …) that reach
	// the value dynamically, and the path it reaches from (empty: all values).
	File  string `json:"file,omitempty"`
	Via   string `json:"via,omitempty"`
	Reach string `json:"reach,omitempty"`
}

type deprecatedValue struct {
	Path     []string `json:"path"`
	PathText string   `json:"pathText"`
	Reason   string   `json:"reason,omitempty"`
	Message  string   `json:"message"`
}

// setPaths lists the paths of the values set: every scalar, list and empty map.
func setPaths(v interface{}, prefix []string, out [][]string) [][]string {
	if m, ok := v.(map[string]interface{}); ok && len(m) > 0 {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			out = setPaths(m[k], append(clonePath(prefix), k), out)
		}
	} else if len(prefix) > 0 {
		out = append(out, prefix)
	}
	return out
}

func hasPrefix(prefix, path []string) bool {
	if len(prefix) > len(path) {
		return false
	}
	for i := range prefix {
		if prefix[i] != path[i] {
			return false
		}
	}
	return true
}

// pathText writes a path as --set reads it: dots inside keys escaped.
func pathText(p []string) string {
	parts := make([]string, len(p))
	for i, s := range p {
		s = strings.ReplaceAll(s, `\`, `\\`)
		s = strings.ReplaceAll(s, ".", `\.`)
		parts[i] = strings.ReplaceAll(s, "[", `\[`)
	}
	return strings.Join(parts, ".")
}

// editDistance is Levenshtein's, giving up above limit.
func editDistance(a, b string, limit int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > limit || -d > limit {
		return limit + 1
	}
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		best := i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > limit {
			return limit + 1
		}
		prev = cur
	}
	return prev[len(rb)]
}

var tplValuesChain = regexp.MustCompile(`\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)`)

// tplReads are the .Values chains inside strings that templates may render with tpl.
func tplReads(v interface{}, out [][]string) [][]string {
	switch t := v.(type) {
	case string:
		if strings.Contains(t, "{{") {
			for _, m := range tplValuesChain.FindAllStringSubmatch(t, -1) {
				out = append(out, strings.Split(m[1][1:], "."))
			}
		}
	case []interface{}:
		for _, e := range t {
			out = tplReads(e, out)
		}
	case map[string]interface{}:
		for _, e := range t {
			out = tplReads(e, out)
		}
	}
	return out
}

func (d dynamicRead) who() string {
	what := "all values"
	if len(d.Path) > 0 {
		what = pathText(d.Path)
	}
	if d.How == "include" || d.How == "template" || d.How == "dict" {
		return fmt.Sprintf("%s hands %s to a named template", d.File, what)
	}
	return fmt.Sprintf("%s reads %s through %s", d.File, what, d.How)
}

// judgeValues judges each value set in user; near misses are looked for among the keys the
// templates read and the defaults they read.
func judgeValues(r valueReads, user, defaults map[string]interface{}) []valueFinding {
	whole := append([][]string{}, r.Whole...)
	if r.UsesTpl {
		whole = tplReads(defaults, whole)
		whole = tplReads(user, whole)
	}
	isRead := func(p []string) bool {
		for _, w := range whole {
			if hasPrefix(w, p) {
				return true
			}
		}
		for _, t := range r.Touched {
			if hasPrefix(p, t) {
				return true
			}
		}
		return false
	}
	var candidates []string
	nearest := func(p []string) string {
		if candidates == nil {
			seen := map[string]bool{}
			add := func(ps [][]string) {
				for _, c := range ps {
					if len(c) > 0 && !seen[pathKey(c)] {
						seen[pathKey(c)] = true
						candidates = append(candidates, pathText(c))
					}
				}
			}
			add(r.Touched)
			add(whole)
			var readDefaults [][]string
			for _, d := range setPaths(defaults, []string{}, nil) {
				if isRead(d) {
					readDefaults = append(readDefaults, d)
				}
			}
			add(readDefaults)
		}
		text := pathText(p)
		limit := max(1, len(text)/4)
		best, bestDistance := "", limit+1
		for _, c := range candidates {
			if d := editDistance(text, c, limit); d < bestDistance {
				best, bestDistance = c, d
			}
		}
		return best
	}
	findings := []valueFinding{}
	for _, p := range setPaths(user, []string{}, nil) {
		if isRead(p) {
			continue
		}
		text := pathText(p)
		why := r.Everything
		var via *dynamicRead
		if why == "" {
			for i, d := range r.Dynamic {
				if hasPrefix(d.Path, p) {
					why, via = d.who(), &r.Dynamic[i]
					break
				}
			}
		}
		if why != "" {
			f := valueFinding{Status: "not-judged", Path: p, PathText: text, Message: fmt.Sprintf("Whether %s is read cannot be told: %s.", text, why)}
			if via != nil {
				f.File, f.Via, f.Reach = via.File, via.How, pathText(via.Path)
			}
			findings = append(findings, f)
			continue
		}
		f := valueFinding{Status: "unused", Path: p, PathText: text, Suggestion: nearest(p)}
		if f.Suggestion != "" {
			f.Message = fmt.Sprintf("%s is set, but no template reads it; did you mean %s?", text, f.Suggestion)
		} else {
			f.Message = fmt.Sprintf("%s is set, but no template reads it.", text)
		}
		findings = append(findings, f)
	}
	return findings
}

var deprecatedDescription = regexp.MustCompile(`(?i)^deprecated\b`)
var deprecatedLead = regexp.MustCompile(`(?i)^deprecated\b[:.,;\s-]*`)

// deprecatedPaths are the properties the schemas mark `deprecated: true` or describe as
// "Deprecated…" (helm#10732).
func deprecatedPaths(schemas []schemaAt) []deprecatedValue {
	out := []deprecatedValue{}
	var visit func(node interface{}, path []string, depth int)
	visit = func(node interface{}, path []string, depth int) {
		m, ok := node.(map[string]interface{})
		if !ok {
			return
		}
		if depth > 0 {
			desc, _ := m["description"].(string)
			desc = strings.TrimSpace(desc)
			if m["deprecated"] == true || deprecatedDescription.MatchString(desc) {
				out = append(out, deprecatedValue{Path: path, PathText: pathText(path), Reason: desc})
			}
		}
		if props, ok := m["properties"].(map[string]interface{}); ok {
			keys := make([]string, 0, len(props))
			for k := range props {
				keys = append(keys, k)
			}
			sort.Strings(keys)
			for _, k := range keys {
				visit(props[k], append(clonePath(path), k), depth+1)
			}
		}
	}
	for _, s := range schemas {
		var node interface{}
		if json.Unmarshal(s.Schema, &node) == nil {
			visit(node, s.Path, 0)
		}
	}
	return out
}

// deprecatedSet are the deprecated values among those set.
func deprecatedSet(schemas []schemaAt, user map[string]interface{}) []deprecatedValue {
	marked := deprecatedPaths(schemas)
	set := setPaths(user, []string{}, nil)
	out := []deprecatedValue{}
	for _, d := range marked {
		for _, p := range set {
			if hasPrefix(d.Path, p) {
				why := deprecatedLead.ReplaceAllString(d.Reason, "")
				if why != "" {
					d.Message = fmt.Sprintf("%s is deprecated: %s", d.PathText, why)
				} else {
					d.Message = fmt.Sprintf("%s is deprecated.", d.PathText)
				}
				out = append(out, d)
				break
			}
		}
	}
	return out
}

// lintValuesMessages are Berth's values checks for `berth lint`, as lint messages with the
// check id at the end, so --strict fails on them as on Helm's own warnings. Nothing when no
// values are given or the chart cannot be loaded (Helm's own rules report that).
func lintValuesMessages(path string, vals map[string]interface{}) []support.Message {
	if len(vals) == 0 {
		return nil
	}
	charter, err := loader.Load(path)
	if err != nil {
		return nil
	}
	chrt, ok := charter.(*chart.Chart)
	if !ok {
		return nil
	}
	reads := analyzeValueReads(chrt)
	var out []support.Message
	for _, f := range judgeValues(reads, vals, chrt.Values) {
		sev, id := support.WarningSev, "values.unused"
		if f.Status == "not-judged" {
			sev, id = support.InfoSev, "values.not-judged"
		}
		out = append(out, support.NewMessage(sev, "values", errors.New(f.Message+" ["+id+"]")))
	}
	for _, d := range deprecatedSet(chartSchemas(chrt, []string{}, []schemaAt{}), vals) {
		out = append(out, support.NewMessage(support.WarningSev, "values", errors.New(d.Message+" [values.deprecated]")))
	}
	return out
}
