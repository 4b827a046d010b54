package main

// Berth's archive safety layer for the CLI (the app's is src-main/chart/archive.ts, with the
// same limits from src-main/chart/limits.ts and the same sentences): every .tgz, and every
// subchart .tgz inside it or inside a chart folder's charts/, is expanded in memory and vetted
// entry by entry before Helm's loader sees it.

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// archiveLimits mirrors ARCHIVE_LIMITS in src-main/chart/limits.ts.
var archiveLimits = struct {
	maxCompressedBytes, maxExpandedBytes, maxFileBytes, maxEntries, maxPathBytes, maxPathDepth, maxNestingDepth int64
}{32 << 20, 100 << 20, 5 << 20, 10_000, 1024, 32, 8}

type vetBudget struct{ expanded, entries int64 }

func mib(n int64) string { return strconv.FormatInt((n+(1<<19))>>20, 10) + " MiB" }

var subchartArchive = regexp.MustCompile(`(^|/)charts/[^/]+\.tgz$`)

func isGzip(b []byte) bool { return len(b) >= 3 && b[0] == 0x1f && b[1] == 0x8b && b[2] == 0x08 }

// vetChartPath returns a vetted package's bytes (for Helm's LoadArchive), nil for folders and
// paths Helm reports on in its own words.
func vetChartPath(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil
	}
	if st.IsDir() {
		return nil, vetSubchartArchives(path, 0)
	}
	if st.Size() > archiveLimits.maxCompressedBytes {
		return nil, fmt.Errorf("%s is %s, more than the %s Berth accepts.", path, mib(st.Size()), mib(archiveLimits.maxCompressedBytes))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !isGzip(data) {
		return nil, nil
	}
	if err := vetArchive(data, &vetBudget{}, path, 0); err != nil {
		return nil, err
	}
	return data, nil
}

func vetSubchartArchives(dir string, depth int64) error {
	entries, err := os.ReadDir(filepath.Join(dir, "charts"))
	if err != nil {
		return nil
	}
	for _, e := range entries {
		p := filepath.Join(dir, "charts", e.Name())
		st, err := os.Stat(p)
		if err != nil {
			continue
		}
		if !st.IsDir() && strings.HasSuffix(e.Name(), ".tgz") {
			if _, err := vetChartPath(p); err != nil {
				return err
			}
		} else if st.IsDir() && depth < archiveLimits.maxNestingDepth {
			if err := vetSubchartArchives(p, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

func vetName(name, label string) (top, rest string, err error) {
	shown := jsonString(firstUTF16Units(name, 200))
	if !utf8.ValidString(name) {
		return "", "", fmt.Errorf("%s holds a file name that is not valid UTF-8.", label)
	}
	if int64(len(name)) > archiveLimits.maxPathBytes {
		return "", "", fmt.Errorf("%s holds a path longer than %d bytes.", label, archiveLimits.maxPathBytes)
	}
	for _, c := range name {
		if c < 0x20 {
			return "", "", fmt.Errorf("%s holds a file name with control characters: %s.", label, shown)
		}
	}
	if strings.HasPrefix(name, "/") || (len(name) >= 3 && name[1] == ':' && (name[2] == '/' || name[2] == '\\')) {
		return "", "", fmt.Errorf("%s holds an absolute path: %s.", label, shown)
	}
	parts := strings.Split(strings.ReplaceAll(name, "\\", "/"), "/")
	var segments []string
	for _, p := range parts {
		if p == ".." {
			return "", "", fmt.Errorf("%s holds a path that climbs out of the chart folder: %s.", label, shown)
		}
		if p != "" && p != "." {
			segments = append(segments, p)
		}
	}
	if int64(len(segments)) > archiveLimits.maxPathDepth {
		return "", "", fmt.Errorf("%s holds a path deeper than %d folders.", label, archiveLimits.maxPathDepth)
	}
	if len(segments) == 0 {
		return "", "", fmt.Errorf("%s holds an entry with an empty name.", label)
	}
	return segments[0], strings.Join(segments[1:], "/"), nil
}

// firstUTF16Units cuts s as JavaScript's s.slice(0, n) does, so both sides show the same name.
func firstUTF16Units(s string, n int) string {
	units := 0
	for i, r := range s {
		w := 1
		if r >= 0x10000 {
			w = 2
		}
		if units+w > n {
			return s[:i]
		}
		units += w
	}
	return s
}

// jsonString quotes s exactly as JavaScript's JSON.stringify does (Go's %q and json.Marshal
// escape differently: \a, \u2028), so the app and the CLI print the same sentence.
func jsonString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\b':
			b.WriteString(`\b`)
		case '\f':
			b.WriteString(`\f`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}

func vetArchive(data []byte, budget *vetBudget, label string, depth int64) error {
	if depth > archiveLimits.maxNestingDepth {
		return fmt.Errorf("%s nests subchart archives deeper than %d levels.", label, archiveLimits.maxNestingDepth)
	}
	if !isGzip(data) {
		return fmt.Errorf("%s is not a gzipped chart archive (.tgz).", label)
	}
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s is not a valid gzip file: %v.", label, err)
	}
	room := archiveLimits.maxExpandedBytes - budget.expanded
	expanded, err := io.ReadAll(io.LimitReader(zr, room+1))
	if err != nil {
		return fmt.Errorf("%s is not a valid gzip file: %v.", label, err)
	}
	if int64(len(expanded)) > room {
		return fmt.Errorf("%s expands to more than %s; Berth refuses it as a possible gzip bomb.", label, mib(archiveLimits.maxExpandedBytes))
	}
	budget.expanded += int64(len(expanded))
	tr := tar.NewReader(bytes.NewReader(expanded))
	seen := map[string]bool{}
	baseDir := ""
	files := 0
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %v.", label, err)
		}
		if h.Typeflag == tar.TypeXGlobalHeader {
			continue
		}
		budget.entries++
		if budget.entries > archiveLimits.maxEntries {
			return fmt.Errorf("%s holds more than %d entries.", label, archiveLimits.maxEntries)
		}
		top, rest, err := vetName(h.Name, label)
		if err != nil {
			return err
		}
		shown := jsonString(h.Name)
		switch h.Typeflag {
		case tar.TypeSymlink, tar.TypeLink:
			return fmt.Errorf("%s holds a link (%s → %s); chart archives may hold only files and folders.", label, shown, jsonString(h.Linkname))
		case tar.TypeReg, tar.TypeRegA, tar.TypeDir:
		default:
			return fmt.Errorf("%s holds a special entry %s (tar type '%c'); chart archives may hold only files and folders.", label, shown, h.Typeflag)
		}
		if baseDir == "" {
			baseDir = top
		} else if top != baseDir {
			return fmt.Errorf("%s holds files outside its top folder \"%s\": %s.", label, baseDir, shown)
		}
		if h.Typeflag == tar.TypeDir {
			continue
		}
		if rest == "" {
			return fmt.Errorf("%s holds a file outside any chart folder: %s.", label, shown)
		}
		if seen[rest] {
			return fmt.Errorf("%s holds %s twice; Berth refuses archives with duplicate entries.", label, shown)
		}
		seen[rest] = true
		if h.Size > archiveLimits.maxFileBytes {
			return fmt.Errorf("%s holds %s of %d bytes, more than the %s a chart file may have.", label, shown, h.Size, mib(archiveLimits.maxFileBytes))
		}
		files++
		if subchartArchive.MatchString(rest) {
			body, err := io.ReadAll(tr)
			if err != nil {
				return fmt.Errorf("%s: %v.", label, err)
			}
			if err := vetArchive(body, budget, label+" › "+rest, depth+1); err != nil {
				return err
			}
		}
	}
	if files == 0 {
		return fmt.Errorf("%s holds no files.", label)
	}
	return nil
}
