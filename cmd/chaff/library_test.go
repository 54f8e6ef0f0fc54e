package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff"
)

// libraryCorpus writes a JSONL corpus for comparing the library with the
// command: the labelled fixtures as records whose other fields vary in
// order, spacing and escapes, over three sites, and articles sharing
// lines for --repeated. It returns the file's path.
func libraryCorpus(t *testing.T) string {
	t.Helper()
	texts, err := filepath.Glob("../../fixtures/*/*.txt")
	if err != nil || len(texts) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	sort.Strings(texts)
	var b bytes.Buffer
	hosts := []string{"https://www.example.org/a/", "http://news.example.com/", "https://blog.example.net/p?id="}
	for i, p := range texts {
		text, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		q, _ := json.Marshal(string(text))
		url := fmt.Sprintf("%q", fmt.Sprintf("%s%d", hosts[i%len(hosts)], i))
		switch i % 3 {
		case 0:
			fmt.Fprintf(&b, `{"id":"f%d","url":%s,"text":%s,"meta":{"lang":"x\u00e9\/y","n":[1,2.50,null]}}`+"\n", i, url, q)
		case 1:
			fmt.Fprintf(&b, `{ "text" : %s , "url":%s, "id": %d ,"tags":[] }`+"\n", q, url, i)
		default:
			fmt.Fprintf(&b, `{"source":"fixture","text":%s,"url":%s}`+"\n", q, url)
		}
	}
	for i := range 6 {
		q, _ := json.Marshal(article(i))
		fmt.Fprintf(&b, `{"id":"a%d","url":"https://www.ville.fr/%d","text":%s}`+"\n", i, i, q)
	}
	b.WriteString(`{"id":"empty","text":""}` + "\n")
	path := filepath.Join(t.TempDir(), "corpus.jsonl")
	writeFile(t, path, b.Bytes())
	return path
}

// libraryClean is what the library writes for the records of paths:
// CleanRecord's lines, one after the other.
func libraryClean(t *testing.T, cl *chaff.Classifier, paths []string, opts chaff.CleanOptions) []byte {
	t.Helper()
	var out []byte
	for rec, err := range chaff.Records(context.Background(), paths, chaff.ReadOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		if out, _, err = cl.CleanRecord(out, rec, opts, nil); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestLibraryMatchesClean checks that the library's CleanRecord writes,
// byte for byte, what chaff clean writes for the same records, under the
// flags that change a record's output.
func TestLibraryMatchesClean(t *testing.T) {
	corpus := libraryCorpus(t)
	tests := []struct {
		name string
		args []string
		opts chaff.Options
		co   chaff.CleanOptions
	}{
		{"default", nil, chaff.Options{}, chaff.CleanOptions{}},
		{"mark", []string{"--mark"}, chaff.Options{}, chaff.CleanOptions{Mark: true}},
		{"output-field", []string{"--output-field", "cleaned"}, chaff.Options{}, chaff.CleanOptions{OutputField: "cleaned"}},
		{"max-drop", []string{"--max-drop", "0.3"}, chaff.Options{}, chaff.CleanOptions{MaxDrop: 0.3}},
		{"policy", []string{"--keep", "byline,dateline", "--drop-title", "--threshold", "0.7", "--no-fallback"},
			chaff.Options{Keep: []string{"byline", "dateline"}, DropTitle: true, Threshold: 0.7, NoFallback: true}, chaff.CleanOptions{}},
		{"fast", []string{"--text-model", "fast", "--html-model", "fast"}, chaff.Options{Fast: true}, chaff.CleanOptions{}},
		{"fast mark", []string{"--text-model", "fast", "--mark"}, chaff.Options{Fast: true}, chaff.CleanOptions{Mark: true}},
		{"html", []string{"--html"}, chaff.Options{}, chaff.CleanOptions{ForceHTML: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, want, stderr := runCmd(t, "", append(append([]string{"clean"}, tt.args...), corpus)...)
			if code != exitOK {
				t.Fatalf("chaff clean: exit %d\n%s", code, stderr)
			}
			cl, err := chaff.New(tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := libraryClean(t, cl, []string{corpus}, tt.co); string(got) != want {
				t.Errorf("CleanRecord differs from chaff clean %v:\n%s", tt.args, firstDiff(got, []byte(want)))
			}
		})
	}
}

// TestLibraryMatchesCleanFiles checks CleanRecord against chaff clean for
// whole-file documents: a text file, an HTML page (gzip compressed), with
// and without --mark.
func TestLibraryMatchesCleanFiles(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "a.txt")
	writeFile(t, txt, []byte(article(7)))
	page := filepath.Join(dir, "p.html.gz")
	writeFile(t, page, gzipBytes(t, []byte("<html><head><title>Budget adopted</title></head><body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article><h1>Budget adopted</h1><p>"+strings.Repeat("The council adopted the budget after four hours of debate. ", 8)+"</p><p>Share on Facebook</p></article><footer>© 2024 Example</footer></body></html>")))
	cl, err := chaff.New(chaff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{txt, page} {
		for _, mark := range []bool{false, true} {
			args := []string{"clean", p}
			if mark {
				args = []string{"clean", "--mark", p}
			}
			code, want, stderr := runCmd(t, "", args...)
			if code != exitOK {
				t.Fatalf("%v: exit %d\n%s", args, code, stderr)
			}
			got := libraryClean(t, cl, []string{p}, chaff.CleanOptions{Mark: mark})
			if !mark && len(got) > 0 && got[len(got)-1] != '\n' {
				got = append(got, '\n') // the command's separator after a text
			}
			if string(got) != want {
				t.Errorf("%v: CleanRecord differs:\n%s", args, firstDiff(got, []byte(want)))
			}
		}
	}
}

// TestLibraryMatchesGoldens checks Document.Clean and CleanRecord of a
// whole text file against chaff clean's goldens: the library writes them
// byte for byte.
func TestLibraryMatchesGoldens(t *testing.T) {
	for _, tc := range []struct {
		path, golden string
		fast         bool
	}{
		{seed001, "text/clean_001.golden", false},
		{seed004, "text/clean_004.golden", false},
		{seed001, "text/clean_fast_001.golden", true},
	} {
		t.Run(filepath.Base(tc.golden), func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", tc.golden))
			if err != nil {
				t.Fatal(err)
			}
			cl, err := chaff.New(chaff.Options{Fast: tc.fast})
			if err != nil {
				t.Fatal(err)
			}
			got := libraryClean(t, cl, []string{tc.path}, chaff.CleanOptions{})
			if string(got) != string(want) {
				t.Errorf("CleanRecord differs from %s:\n%s", tc.golden, firstDiff(got, want))
			}
			doc, err := cl.Classify(readSeed(t, tc.path))
			if err != nil {
				t.Fatal(err)
			}
			if got := doc.Clean(); string(got) != string(want) {
				t.Errorf("Document.Clean differs from %s:\n%s", tc.golden, firstDiff(got, want))
			}
		})
	}
}

// TestStreamMatchesRepeated checks that Stream, and CleanRecord given the
// counts of RepeatedKeys, flag the repeated lines chaff clean --repeated
// flags.
func TestStreamMatchesRepeated(t *testing.T) {
	corpus := libraryCorpus(t)
	cl, err := chaff.New(chaff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		ro   chaff.RepeatedOptions
	}{
		{"one pass", []string{"--repeated-min", "2"}, chaff.RepeatedOptions{Min: 2}},
		{"two passes", []string{"--repeated-two-pass"}, chaff.RepeatedOptions{TwoPass: true}},
		{"keep first corpus normalized", []string{"--repeated-two-pass", "--repeated-keep-first", "--repeated-scope", "corpus", "--repeated-normalize"},
			chaff.RepeatedOptions{TwoPass: true, KeepFirst: true, Scope: "corpus", Normalize: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, want, stderr := runCmd(t, "", append(append([]string{"clean", "--repeated"}, tt.args...), corpus)...)
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			if !strings.Contains(want, `"repeated":`) {
				t.Fatalf("nothing repeated: the test corpus does not test it")
			}
			var got []byte
			records := chaff.Records(context.Background(), []string{corpus}, chaff.ReadOptions{})
			err := cl.Stream(context.Background(), records, chaff.StreamOptions{Workers: 2, Repeated: &tt.ro}, func(r *chaff.Result) error {
				if r.Err != nil {
					return r.Err
				}
				got = append(got, r.Output...)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != want {
				t.Errorf("Stream differs from chaff clean --repeated %v:\n%s", tt.args, firstDiff(got, []byte(want)))
			}
		})
	}

	// A distributed pipeline: count the documents of each key, then drop
	// the keys counted in Min documents or more.
	_, want, _ := runCmd(t, "", "clean", "--repeated", "--repeated-two-pass", corpus)
	ro := chaff.RepeatedOptions{}
	counts := map[uint64]int{}
	for rec, err := range chaff.Records(context.Background(), []string{corpus}, chaff.ReadOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		_, keys, err := cl.RepeatedKeys(rec, chaff.CleanOptions{}, ro)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			counts[k]++
		}
	}
	drop := func(k uint64) bool { return counts[k] >= 3 }
	var got []byte
	for rec, err := range chaff.Records(context.Background(), []string{corpus}, chaff.ReadOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		if got, _, err = cl.CleanRecord(got, rec, chaff.CleanOptions{Repeated: ro}, drop); err != nil {
			t.Fatal(err)
		}
	}
	if string(got) != want {
		t.Errorf("RepeatedKeys + CleanRecord differ from chaff clean --repeated --repeated-two-pass:\n%s", firstDiff(got, []byte(want)))
	}
}

// firstDiff shows the first line where got and want differ.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got  %.400s\n want %.400s", i+1, gl, wl)
		}
	}
	return "same lines"
}
