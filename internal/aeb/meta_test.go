package aeb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeSet writes a benchmark folder of files (name -> text) and returns
// its path.
func writeSet(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "myset")
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const twoPages = `{"a": {"articleBody": "A", "url": "https://www.Example.org/x"}, "b": {"articleBody": "B"}}`

func TestLoadMeta(t *testing.T) {
	tests := []struct {
		name    string
		meta    *string // nil: no meta.jsonl
		want    map[string]Meta
		wantErr string // part of the error, "" for none
	}{
		{name: "no meta.jsonl", meta: nil, want: nil},
		{
			name: "every page, unknown fields ignored, blank lines skipped",
			meta: ptr(`{"id": "a", "lang": "en", "page_type": "forum", "publisher": "P", "url": "u", "synthetic": true, "title": "T", "truth_chars": 3}` + "\n\n" +
				`{"id": "b", "lang": "zh"}` + "\n"),
			want: map[string]Meta{"a": {Lang: "en", PageType: "forum", Publisher: "P", URL: "u", Synthetic: true}, "b": {Lang: "zh"}},
		},
		{name: "some pages", meta: ptr(`{"id": "b", "page_type": "product"}`), want: map[string]Meta{"b": {PageType: "product"}}},
		{name: "empty file", meta: ptr(""), want: map[string]Meta{}},
		{name: "bad JSON", meta: ptr(`{"id": "a"}` + "\n" + `{"id": `), wantErr: "meta.jsonl:2:"},
		{name: "no id", meta: ptr(`{"lang": "en"}`), wantErr: `meta.jsonl:1: no "id"`},
		{name: "unknown page", meta: ptr(`{"id": "c"}`), wantErr: `meta.jsonl:1: page "c" is not in ground-truth.json`},
		{name: "page twice", meta: ptr(`{"id": "a"}` + "\n" + `{"id": "a"}`), wantErr: `meta.jsonl:2: page "a" described twice`},
		{name: "wrong type", meta: ptr(`{"id": "a", "lang": 3}`), wantErr: "meta.jsonl:1:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{TruthFile: twoPages}
			if tt.meta != nil {
				files[MetaFile] = *tt.meta
			}
			b, err := Load(writeSet(t, files))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Load: error %v, want one with %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if b.Name != "myset" {
				t.Errorf("Name = %q, want myset", b.Name)
			}
			if (b.Meta == nil) != (tt.want == nil) || len(b.Meta) != len(tt.want) {
				t.Fatalf("Meta = %+v, want %+v", b.Meta, tt.want)
			}
			for id, m := range tt.want {
				if b.Meta[id] != m {
					t.Errorf("Meta[%q] = %+v, want %+v", id, b.Meta[id], m)
				}
			}
		})
	}
}

func ptr(s string) *string { return &s }

func TestMetaOfAndGroup(t *testing.T) {
	b := &Bench{
		Truth: map[string]Page{"a": {URL: "https://www.Example.org/x"}, "b": {}, "c": {URL: "u"}, "d": {URL: "http://news.example.org/1"}, "e": {URL: "::bad"}},
		Meta:  map[string]Meta{"b": {Publisher: "Taz", URL: "https://taz.de/1"}, "c": {URL: "https://example.org/y", Lang: "de"}},
	}
	tests := []struct {
		id, url, group, site string
	}{
		{"a", "https://www.Example.org/x", "host:example.org", "example.org"}, // the truth's URL, www. dropped, lower case
		{"b", "https://taz.de/1", "publisher:Taz", "taz.de"},                  // the publisher before the host; the site is the host
		{"c", "https://example.org/y", "host:example.org", "example.org"},     // meta's URL before the truth's
		{"d", "http://news.example.org/1", "host:news.example.org", "news.example.org"},
		{"e", "::bad", "page:e", ""}, // no host: the page alone
		{"z", "", "page:z", ""},
	}
	for _, tt := range tests {
		if got := b.MetaOf(tt.id).URL; got != tt.url {
			t.Errorf("MetaOf(%q).URL = %q, want %q", tt.id, got, tt.url)
		}
		if got := b.Group(tt.id); got != tt.group {
			t.Errorf("Group(%q) = %q, want %q", tt.id, got, tt.group)
		}
		if got := b.Site(tt.id); got != tt.site {
			t.Errorf("Site(%q) = %q, want %q", tt.id, got, tt.site)
		}
	}
	if b.MetaOf("c").Lang != "de" {
		t.Errorf("MetaOf(c) lost the language: %+v", b.MetaOf("c"))
	}
}

// TestOnlyDumpOutput loads a set whose output/ holds the naive dump only,
// as the new sets do.
func TestOnlyDumpOutput(t *testing.T) {
	dir := writeSet(t, map[string]string{
		TruthFile:                        twoPages,
		"output/" + DumpSystem + ".json": `{"version": "x", "output": {"a": {"articleBody": "A"}, "b": {"articleBody": ""}}}`,
	})
	sys, err := Systems(dir)
	if err != nil || len(sys) != 1 || sys[0] != DumpSystem {
		t.Fatalf("Systems = %q, %v; want [%s]", sys, err, DumpSystem)
	}
	b, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	out, err := LoadOutput(OutputPath(dir, DumpSystem))
	if err != nil {
		t.Fatal(err)
	}
	if sc := Evaluate(b.Truth, out, b.IDs); sc.Docs != 2 || sc.Precision != 1 || sc.Recall != 0.5 {
		t.Errorf("the dump scores %+v, want precision 1 and recall 0.5 over 2 pages", sc)
	}
}

func FuzzParseMeta(f *testing.F) {
	f.Add([]byte(`{"id": "a", "lang": "en"}` + "\n" + `{"id": "b", "page_type": "x"}`))
	f.Add([]byte("\n\n{\"id\": null}"))
	f.Add([]byte(`{"id": "a"}{"id": "b"}`))
	truth := map[string]Page{"a": {}, "b": {}}
	f.Fuzz(func(t *testing.T, data []byte) {
		meta, err := parseMeta("fuzz.jsonl", data, truth)
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.jsonl") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		for id := range meta {
			if _, ok := truth[id]; !ok {
				t.Fatalf("meta of page %q, which has no truth", id)
			}
		}
	})
}

func TestBreakdown(t *testing.T) {
	b := &Bench{
		Truth: map[string]Page{"a": {Body: "w x y z"}, "b": {Body: "p q r s"}, "c": {Body: "k l m n"}},
		Meta:  map[string]Meta{"a": {PageType: "forum", Lang: "en"}, "b": {PageType: "forum"}, "c": {Lang: "zh"}},
	}
	pred := map[string]string{"a": "w x y z", "b": "", "c": "k l m n"}
	docs := PerDoc(b.Truth, pred, []string{"a", "b", "c"})
	tests := []struct {
		key  string
		want map[string]Score
	}{
		{"page_type", map[string]Score{"forum": {Precision: 1, Recall: 0.5, F1: 2.0 / 3, Docs: 2, Empty: 1}}},
		{"lang", map[string]Score{"en": {Precision: 1, Recall: 1, F1: 1, Docs: 1}, "zh": {Precision: 1, Recall: 1, F1: 1, Docs: 1}}},
		{"publisher", nil},
	}
	for _, tt := range tests {
		got := Breakdown(b, docs, tt.key)
		if len(got) != len(tt.want) || (got == nil) != (tt.want == nil) {
			t.Errorf("Breakdown by %s = %+v, want %+v", tt.key, got, tt.want)
			continue
		}
		for v, w := range tt.want {
			if g := got[v]; !near(g.F1, w.F1) || g.Precision != w.Precision || g.Recall != w.Recall || g.Docs != w.Docs || g.Empty != w.Empty {
				t.Errorf("Breakdown by %s [%s] = %+v, want %+v", tt.key, v, g, w)
			}
		}
	}
}
