package aeb

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
)

// TruthFile is the name of the ground-truth file inside a benchmark
// directory, and OutputDir the folder of the systems' outputs.
const (
	TruthFile = "ground-truth.json"
	OutputDir = "output"
)

// Page is the ground truth of one benchmark page.
type Page struct {
	Body string // the article body, the text a perfect extractor returns
	URL  string
}

// Bench is a loaded benchmark.
type Bench struct {
	Name  string          // the set's name: the base name of its directory
	Dir   string          // the directory it was loaded from
	IDs   []string        // every page id, sorted
	Truth map[string]Page // by id
	// Meta holds meta.jsonl's line of each page that has one; it is nil
	// when the set has no meta.jsonl. See MetaOf.
	Meta map[string]Meta
}

// article is one entry of ground-truth.json or of an output file.
type article struct {
	ArticleBody *string `json:"articleBody"`
	URL         string  `json:"url"`
}

// Load reads the benchmark in dir: any folder with the layout of the
// article-extraction benchmark. dir/ground-truth.json is a JSON object that
// maps each page id to {"articleBody": ..., "url": ...}; dir/meta.jsonl,
// when present, describes the pages (see Meta), and an error in it is an
// error of Load.
func Load(dir string) (*Bench, error) {
	path := filepath.Join(dir, TruthFile)
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("aeb: %w", err)
	}
	b, err := parseTruth(path, data)
	if err != nil {
		return nil, err
	}
	b.Dir, b.Name = dir, filepath.Base(filepath.Clean(dir))
	if err := b.loadMeta(dir); err != nil {
		return nil, err
	}
	return b, nil
}

// parseTruth decodes the text of a ground-truth file; path names it in
// messages.
func parseTruth(path string, data []byte) (*Bench, error) {
	var raw map[string]*article
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("aeb: %s: %w", path, err)
	}
	if len(raw) == 0 {
		return nil, fmt.Errorf("aeb: %s: no page", path)
	}
	b := &Bench{IDs: make([]string, 0, len(raw)), Truth: make(map[string]Page, len(raw))}
	for id, a := range raw {
		if a == nil || a.ArticleBody == nil {
			return nil, fmt.Errorf("aeb: %s: page %q has no articleBody", path, id)
		}
		b.IDs = append(b.IDs, id)
		b.Truth[id] = Page{Body: *a.ArticleBody, URL: a.URL}
	}
	sort.Strings(b.IDs)
	return b, nil
}

// LoadOutput reads one system's output file, {"version": ...,
// "output": {id: {"articleBody": ...}}}, and returns the article body by
// id. A null or absent articleBody is read as an empty extraction, as the
// original evaluation does.
func LoadOutput(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("aeb: %w", err)
	}
	return parseOutput(path, data)
}

// parseOutput decodes the text of an output file; path names it in
// messages.
func parseOutput(path string, data []byte) (map[string]string, error) {
	var raw struct {
		Output map[string]*article `json:"output"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("aeb: %s: %w", path, err)
	}
	if raw.Output == nil {
		return nil, fmt.Errorf("aeb: %s: no \"output\" object", path)
	}
	out := make(map[string]string, len(raw.Output))
	for id, a := range raw.Output {
		if a != nil && a.ArticleBody != nil {
			out[id] = *a.ArticleBody
		} else {
			out[id] = ""
		}
	}
	return out, nil
}

// Systems returns the names of the systems that have an output file in
// dir/output (the file names without .json), sorted.
func Systems(dir string) ([]string, error) {
	matches, err := filepath.Glob(filepath.Join(dir, OutputDir, "*.json"))
	if err != nil {
		return nil, fmt.Errorf("aeb: %w", err)
	}
	if len(matches) == 0 {
		return nil, fmt.Errorf("aeb: no output/*.json under %s", dir)
	}
	names := make([]string, len(matches))
	for i, m := range matches {
		names[i] = strings.TrimSuffix(filepath.Base(m), ".json")
	}
	sort.Strings(names)
	return names, nil
}

// OutputPath returns the path of a system's output file in dir.
func OutputPath(dir, system string) string {
	return filepath.Join(dir, OutputDir, system+".json")
}

// DumpTexts returns the naive text dumps (output/html-text.json) of the set
// in dir, one per page in id order, and their total size in bytes: the
// text-mode input the speed benchmarks classify.
func DumpTexts(dir string) (docs [][]byte, size int64, err error) {
	dumps, err := LoadOutput(OutputPath(dir, DumpSystem))
	if err != nil {
		return nil, 0, err
	}
	ids := make([]string, 0, len(dumps))
	for id := range dumps {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for _, id := range ids {
		docs = append(docs, []byte(dumps[id]))
		size += int64(len(dumps[id]))
	}
	return docs, size, nil
}
