package input

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/warc"
)

func TestDirectory(t *testing.T) {
	dir := t.TempDir()
	jsonl := "{\"id\":\"a\",\"text\":\"alpha\"}\n{\"id\":\"b\",\"text\":\"beta\"}\n"
	trunc := gzipped(jsonl + strings.Repeat("{\"text\":\"filler filler filler\"}\n", 50))
	trunc = trunc[:len(trunc)/2]
	truncZ := zstded(jsonl + strings.Repeat("{\"text\":\"more filler\"}\n", 200))
	truncZ = truncZ[:len(truncZ)-20]
	writeFiles(t, dir, map[string]string{
		"a.jsonl.gz":   gzipped(jsonl),
		"b.txt":        "plain text\n",
		"c.html.zst":   zstded("<p>zstd html</p>"),
		"d/e.jsonl":    "{\"text\":\"nested\"}\n",
		"d/skip/f.txt": "excluded dir",
		"empty.txt":    "",
		"g.bin":        "abc\x00def",
		"h.log":        "excluded by name",
		"i.jsonl.gz":   trunc,
		"j.jsonl.zst":  truncZ,
		"noext":        "<!DOCTYPE html><p>sniffed</p>",
		"page.data":    gzipped("<html>gz sniffed</html>"),
		"z.json":       "[1,2,3]",
	})
	got, counts := collect(t, dir, []string{dir}, Options{Exclude: []string{"*.log", "d/skip"}})
	want := []string{
		`doc a.jsonl.gz#1 a text "alpha"`,
		`doc a.jsonl.gz#2 b text "beta"`,
		`doc b.txt#0  text "plain text\n"`,
		`doc c.html.zst#0  html "<p>zstd html</p>"`,
		`doc d/e.jsonl#1  text "nested"`,
		`doc empty.txt#0  text ""`,
		`err input: g.bin: binary file (NUL byte at offset 3), not read as text`,
	}
	// The truncated gzip and zstd files yield the documents that could be
	// decoded (how many depends on the codec's block boundaries), then an
	// error naming the record reached.
	var tail []string
	for i, g := range got {
		if i >= len(want) {
			tail = append(tail, g)
		}
	}
	checkOutcomes(t, got[:min(len(got), len(want))], want)
	var gzErr, zstdErr bool
	var rest []string
	for _, g := range tail {
		switch {
		case strings.HasPrefix(g, "doc i.jsonl.gz#"), strings.HasPrefix(g, "doc j.jsonl.zst#"):
		case strings.HasPrefix(g, "err input: i.jsonl.gz: record ") && strings.Contains(g, "gzip: damaged member at byte 0: unexpected EOF (truncated stream); no member after it"):
			gzErr = true
		case strings.HasPrefix(g, "err input: j.jsonl.zst: record ") && strings.Contains(g, "zstd: "):
			zstdErr = true
		default:
			rest = append(rest, g)
		}
	}
	if !gzErr || !zstdErr {
		t.Errorf("missing truncation errors (gzip %v, zstd %v) in %q", gzErr, zstdErr, tail)
	}
	checkOutcomes(t, rest, []string{
		`doc noext#0  html "<!DOCTYPE html><p>sniffed</p>"`,
		`doc page.data#0  html "<html>gz sniffed</html>"`,
		`err input: z.json: no records: want an array of objects`,
	})
	if !counts.Balanced() || counts.SourceErrors != 2 || counts.Failed != 2 || counts.Sources != 11 {
		t.Errorf("counts = %+v", counts)
	}
}

func TestIncludeAndExplicitFiles(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.jsonl":     "{\"text\":\"a\"}\n",
		"b.txt":       "b",
		"sub/c.jsonl": "{\"text\":\"c\"}\n",
		"sub/d.txt":   "d",
	})
	got, _ := collect(t, dir, []string{dir}, Options{Include: []string{"*.jsonl"}})
	checkOutcomes(t, got, []string{`doc a.jsonl#1`, `doc sub/c.jsonl#1`})

	got, _ = collect(t, dir, []string{dir}, Options{Include: []string{"sub/*.txt"}})
	checkOutcomes(t, got, []string{`doc sub/d.txt#0`})

	// A file named directly is read even if the patterns would drop it.
	got, _ = collect(t, dir, []string{filepath.Join(dir, "b.txt")}, Options{Include: []string{"*.jsonl"}, Exclude: []string{"*.txt"}})
	checkOutcomes(t, got, []string{`doc b.txt#0  text "b"`})

	got, _ = collect(t, dir, []string{dir}, Options{Include: []string{"[bad"}})
	checkOutcomes(t, got, []string{`err input: bad pattern "[bad"`})
}

func TestMissingPathAndStdin(t *testing.T) {
	dir := t.TempDir()
	got, counts := collect(t, dir, []string{filepath.Join(dir, "nope.jsonl"), "-"}, Options{Stdin: strings.NewReader(gzipped("{\"text\":\"from stdin\"}\n"))})
	checkOutcomes(t, got, []string{`err input: nope.jsonl: stat`, `doc -#1  text "from stdin"`})
	if counts.SourceErrors != 1 || counts.Documents != 1 {
		t.Errorf("counts = %+v", counts)
	}
}

func TestForcedFormatAndLimits(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.jsonl": "{\"text\":\"x\"}\n", "big.txt": strings.Repeat("x", 100)})
	got, _ := collect(t, dir, []string{filepath.Join(dir, "a.jsonl")}, Options{Format: HTML})
	checkOutcomes(t, got, []string{`doc a.jsonl#0  html "{\"text\":\"x\"}\n"`})

	got, counts := collect(t, dir, []string{filepath.Join(dir, "big.txt")}, Options{MaxDocumentSize: 99})
	checkOutcomes(t, got, []string{`err input: big.txt: file larger than the maximum document size of 99B (99 bytes); raise it with --max-document-size`})
	if counts.Failed != 1 || !counts.Balanced() {
		t.Errorf("counts = %+v", counts)
	}
}

func TestWARCDocuments(t *testing.T) {
	dir := t.TempDir()
	html := "<html><body><p>article</p></body></html>"
	records := []string{
		warcRecord("warcinfo", "w", "", "application/warc-fields", "software: x\r\n", -1),
		warcRecord("request", "q", "http://e/a", "application/http; msgtype=request", "GET /a HTTP/1.1\r\n\r\n", -1),
		warcRecord("response", "r", "http://e/a", "application/http; msgtype=response", httpResp("200 OK", "text/html; charset=utf-8", html), -1),
		warcRecord("response", "img", "http://e/i.png", "application/http; msgtype=response", httpResp("200 OK", "image/png", "\x89PNG"), -1),
		warcRecord("response", "404", "http://e/missing", "application/http; msgtype=response", httpResp("404 Not Found", "text/html", "<p>nope</p>"), -1),
		warcRecord("resource", "bad", "http://e/bad", "text/plain", "0123456789", 5),
		warcRecord("conversion", "c", "http://e/c", "text/plain", "wet text", -1),
		warcRecord("response", "junk", "http://e/j", "application/http; msgtype=response", "not http at all", -1),
	}
	// One gzip member per record, as in real crawls.
	var gz string
	for _, rec := range records {
		gz += gzipped(rec)
	}
	writeFiles(t, dir, map[string]string{"crawl.warc.gz": gz})

	var stats []SourceStats
	got, counts := collect(t, dir, []string{filepath.Join(dir, "crawl.warc.gz")}, Options{OnSource: func(s SourceStats) { stats = append(stats, s) }})
	checkOutcomes(t, got, []string{
		`doc crawl.warc.gz#3 <urn:uuid:r> html "` + strings.ReplaceAll(html, `"`, `\"`) + `"`,
		`err input: crawl.warc.gz: record 6: offset `,
		`doc crawl.warc.gz#7 <urn:uuid:c> text "wet text"`,
		`err input: crawl.warc.gz: record 8: response <urn:uuid:junk>: parsing HTTP response`,
	})
	want := Counts{Sources: 1, Records: 8, Documents: 2, Skipped: 4, Failed: 2}
	if counts != want {
		t.Errorf("counts = %+v, want %+v", counts, want)
	}
	if len(stats) != 1 || stats[0].Format != WARC || stats[0].Counts != want {
		t.Errorf("OnSource stats = %+v", stats)
	}

	// The WARC error keeps its details reachable.
	r := NewReader([]string{filepath.Join(dir, "crawl.warc.gz")}, Options{AllStatuses: true})
	var docs int
	for d, err := range r.Documents(context.Background()) {
		if err != nil {
			var re *warc.RecordError
			var ie *Error
			if strings.Contains(err.Error(), "record 6") && (!errors.As(err, &re) || !errors.As(err, &ie) || re.ID != "<urn:uuid:bad>" || ie.Record != 6) {
				t.Errorf("error %v: details not reachable", err)
			}
			continue
		}
		if d.ID == "<urn:uuid:r>" && (d.URL != "http://e/a" || d.ContentType != "text/html; charset=utf-8") {
			t.Errorf("response document = %+v", d)
		}
		docs++
	}
	if docs != 3 {
		t.Errorf("with AllStatuses: %d documents, want 3 (the 404 page included)", docs)
	}
}

func TestErrorMessage(t *testing.T) {
	e := &Error{Source: "data/a.jsonl.gz", Record: 17, Err: errors.New(`text field "text" is not a string`)}
	if got, want := e.Error(), `input: data/a.jsonl.gz: record 17: text field "text" is not a string`; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	e = &Error{Source: "x.txt", Err: os.ErrNotExist}
	if got, want := e.Error(), "input: x.txt: file does not exist"; got != want || !errors.Is(e, os.ErrNotExist) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestCancel(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.jsonl": strings.Repeat("{\"text\":\"x\"}\n", 10), "b.jsonl": "{\"text\":\"y\"}\n"})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var docs int
	var last error
	for d, err := range Documents(ctx, []string{dir}, Options{}) {
		if err != nil {
			last = err
			continue
		}
		if docs++; docs == 3 {
			cancel()
		}
		_ = d
	}
	if docs != 3 || !errors.Is(last, context.Canceled) {
		t.Errorf("after cancel: %d documents, last error %v", docs, last)
	}
}

func TestBreakStopsEarly(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"a.jsonl": strings.Repeat("{\"text\":\"x\"}\n", 10), "b.txt": "b"})
	r := NewReader([]string{dir}, Options{})
	n := 0
	for range r.Documents(context.Background()) {
		if n++; n == 2 {
			break
		}
	}
	if c := r.Total(); c.Documents != 2 || c.Sources != 1 {
		t.Errorf("after break: counts %+v", c)
	}
}

func TestTruncatedAndEmptySources(t *testing.T) {
	rec1 := warcRecord("resource", "a", "http://e/a", "text/html", "<p>a</p>", -1)
	rec2 := warcRecord("resource", "b", "http://e/b", "text/html", strings.Repeat("<p>b</p>", 500), -1)
	// Cut the second member in its middle.
	truncWARC := gzipped(rec1) + gzipped(rec2)[:30]
	tests := []struct {
		name, file, content string
		want                []string
		counts              Counts
	}{
		{"truncated gzip WARC", "t.warc.gz", truncWARC,
			[]string{`doc t.warc.gz#1 <urn:uuid:a> html "<p>a</p>"`, fmt.Sprintf(`err input: t.warc.gz: record 2: offset %d: gzip: damaged member at byte %d: unexpected EOF (truncated stream); no member after it`, len(rec1), len(gzipped(rec1)))},
			Counts{Sources: 1, Records: 2, Documents: 1, Failed: 1}},
		{"empty WARC", "e.warc", "", nil, Counts{Sources: 1}},
		{"empty gzip WARC", "e.warc.gz", gzipped(""), nil, Counts{Sources: 1}},
		{"empty gzip JSONL", "e.jsonl.gz", gzipped(""), nil, Counts{Sources: 1}},
		{"zero-byte gz file", "z.jsonl.gz", "", nil, Counts{Sources: 1}},
		{"gzip magic only", "m.txt.gz", "\x1f\x8b", []string{`err input: m.txt.gz: gzip: damaged member at byte 0: unexpected EOF`}, Counts{Sources: 1, SourceErrors: 1}},
		{"truncated gzip text", "p.txt.gz", gzipped(strings.Repeat("words ", 1000))[:40], []string{`err input: p.txt.gz: gzip: damaged member at byte 0: unexpected EOF (truncated stream)`}, Counts{Sources: 1, SourceErrors: 1}},
		{"NUL in html", "n.html", "<html>\x00</html>", []string{`err input: n.html: binary file (NUL byte at offset 6), not read as html`}, Counts{Sources: 1, Records: 1, Failed: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{tt.file: tt.content})
			got, counts := collect(t, dir, []string{filepath.Join(dir, tt.file)}, Options{})
			checkOutcomes(t, got, tt.want)
			if counts != tt.counts {
				t.Errorf("counts = %+v, want %+v", counts, tt.counts)
			}
			if len(got) > 0 && strings.Contains(got[len(got)-1], "truncated") && !strings.Contains(got[len(got)-1], "gzip") {
				t.Errorf("truncation error does not name the codec: %s", got[len(got)-1])
			}
		})
	}
}

// TestSharedBenchPages reads the shared benchmark pages (gzip-compressed
// HTML) as a smoke test on real data.
func TestSharedBenchPages(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "bench", "aeb", "html")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("shared benchmark data not available at %s: %v", dir, err)
	}
	r := NewReader([]string{dir}, Options{Include: []string{"*.html.gz"}})
	var docs int
	for d, err := range r.Documents(context.Background()) {
		if err != nil {
			t.Error(err)
			continue
		}
		if d.Format != HTML || len(d.Body) == 0 || d.Record != 0 {
			t.Errorf("%s: format %s, %d bytes, record %d", d.Source, d.Format, len(d.Body), d.Record)
		}
		docs++
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.html.gz"))
	c := r.Total()
	if docs != len(files) || c.Documents != docs || c.Sources != docs || !c.Balanced() {
		t.Errorf("%d documents, counts %+v", docs, c)
	}
}

// TestDocumentsFrom checks that a stream the caller opened is read as a
// file of its name would be: format by extension and content, Source set
// to the name, counts kept.
func TestDocumentsFrom(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string // bodies, or "error" for an error
	}{
		{"a.jsonl", `{"text":"one"}` + "\n" + `{"text":2}` + "\n" + `{"text":"three"}` + "\n", []string{"one", "error", "three"}},
		{"page.html", "<html><body><p>hi</p></body></html>", []string{"<html><body><p>hi</p></body></html>"}},
		{"notes.txt", "plain text\n", []string{"plain text\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd := NewReader(nil, Options{})
			var got []string
			for d, err := range rd.DocumentsFrom(context.Background(), tt.name, strings.NewReader(tt.data)) {
				if err != nil {
					var ie *Error
					if !errors.As(err, &ie) || ie.Source != tt.name {
						t.Errorf("error %v does not name %s", err, tt.name)
					}
					got = append(got, "error")
					continue
				}
				if d.Source != tt.name {
					t.Errorf("Source %q, want %q", d.Source, tt.name)
				}
				got = append(got, string(d.Body))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if c := rd.Total(); c.Sources != 1 || !c.Balanced() {
				t.Errorf("counts %+v", c)
			}
		})
	}
}
