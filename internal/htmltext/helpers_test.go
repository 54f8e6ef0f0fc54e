package htmltext

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chaff-dev/chaff/internal/lines"
)

// benchDir is the shared article-extraction benchmark, beside the repo.
const benchDir = "../../../shared/bench/aeb"

// splitLines splits Text into its lines (Text has no CR, so LF is the only
// terminator).
func splitLines(text []byte) []string {
	if len(text) == 0 {
		return nil
	}
	return strings.Split(string(text), "\n")
}

// checkPage asserts the invariants every Page must hold.
func checkPage(tb testing.TB, p *Page) {
	tb.Helper()
	if !utf8.Valid(p.Text) {
		tb.Fatalf("Text is not valid UTF-8")
	}
	if n := len(lines.Split(p.Text)); n != len(p.Lines) {
		tb.Fatalf("Text has %d lines, Lines has %d", n, len(p.Lines))
	}
	if bytes.IndexByte(p.Text, '\r') >= 0 {
		tb.Fatalf("Text contains a carriage return")
	}
	for i, l := range splitLines(p.Text) {
		if strings.TrimSpace(l) == "" {
			tb.Fatalf("line %d is empty or white space only: %q", i+1, l)
		}
	}
	for i, b := range p.Lines {
		if b.LinkDensity < 0 || b.LinkDensity > 1 {
			tb.Fatalf("line %d: link density %v", i+1, b.LinkDensity)
		}
		if len(b.Path) > pathMax {
			tb.Fatalf("line %d: path of %d bytes", i+1, len(b.Path))
		}
		if b.Element < 0 || int(b.Element) >= len(p.Parents) {
			tb.Fatalf("line %d: element %d outside the tree of %d elements", i+1, b.Element, len(p.Parents))
		}
	}
	for k, parent := range p.Parents {
		if parent < -1 || parent >= int32(k) {
			tb.Fatalf("element %d: parent %d, want -1 or a smaller index", k, parent)
		}
	}
	if p.Headline < -1 || p.Headline >= len(p.Lines) {
		tb.Fatalf("headline %d outside the %d lines", p.Headline, len(p.Lines))
	}
	if !utf8.ValidString(p.Title) || !utf8.ValidString(p.Lang) {
		tb.Fatalf("title or lang is not valid UTF-8")
	}
}

type benchPage struct {
	id   string
	html []byte
}

// loadBenchPages reads every benchmark page, sorted by id, or skips.
func loadBenchPages(tb testing.TB) []benchPage {
	tb.Helper()
	files, _ := filepath.Glob(filepath.Join(benchDir, "html", "*.html.gz"))
	if len(files) == 0 {
		tb.Skipf("benchmark pages not found in %s (the shared folder is absent)", benchDir)
	}
	sort.Strings(files)
	pages := make([]benchPage, 0, len(files))
	for _, f := range files {
		pages = append(pages, benchPage{
			id:   strings.TrimSuffix(filepath.Base(f), ".html.gz"),
			html: readGzip(tb, f),
		})
	}
	return pages
}

func readGzip(tb testing.TB, name string) []byte {
	tb.Helper()
	f, err := os.Open(name)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		tb.Fatalf("%s: %v", name, err)
	}
	return b
}

// loadGroundTruth returns the benchmark's article bodies by page id.
func loadGroundTruth(tb testing.TB) map[string]string {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join(benchDir, "ground-truth.json"))
	if err != nil {
		tb.Skipf("ground truth not found: %v", err)
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(b, &gt); err != nil {
		tb.Fatalf("ground-truth.json: %v", err)
	}
	out := make(map[string]string, len(gt))
	for id, v := range gt {
		out[id] = v.ArticleBody
	}
	return out
}

// checkLines extracts page (with go-readability) and fails unless its
// lines are want.
func checkLines(t *testing.T, page string, want []string) {
	t.Helper()
	p, err := Extract([]byte(page), "", Options{Readability: true})
	if err != nil {
		t.Fatal(err)
	}
	checkPage(t, p)
	got := strings.Split(strings.TrimSuffix(string(p.Text), "\n"), "\n")
	for i := range p.Lines {
		if p.Lines[i].Tags&InHidden != 0 {
			got[i] = hiddenMark + got[i]
		}
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines %q, want %q", got, want)
	}
}

// hiddenMark starts the lines checkLines expects flagged InHidden.
const hiddenMark = "[hidden] "
