package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/chaff-dev/chaff/internal/golden"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/label"
)

func buildSmall() *Report {
	b := NewBuilder(Options{})
	for _, d := range smallDocs() {
		b.Add(d)
	}
	b.AddError()
	return b.Build()
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

// TestSmallReportNumbers checks every number of the report of smallDocs
// against values worked out by hand (see the comments).
func TestSmallReportNumbers(t *testing.T) {
	r := buildSmall()
	// Lines: 5+3+3+0+6; non-blank 4+3+3+0+6; dropped 2+3+1+0+5; kept 2+0+2+0+1.
	// Bytes: "Title"5 "Home"4 "Body text here."15 "By Jane"7 = 31;
	// 14+17+4 = 35; 5+15+4 = 24; 0; 5×6+20 = 50 → 140, of which noise
	// 11+35+4+0+30 = 80.
	want := Totals{Documents: 5, InputErrors: 1, Lines: 17, TextLines: 16, NoiseLines: 11, KeptLines: 5,
		Bytes: 140, NoiseBytes: 80, NoiseLineShare: 11.0 / 16, NoiseByteShare: 80.0 / 140, EmptyDocuments: 1}
	if r.Totals != want {
		t.Errorf("totals:\n got %+v\nwant %+v", r.Totals, want)
	}

	wantSites := []Site{
		{Site: "news.test", Documents: 1, TextLines: 6, NoiseLines: 5, Bytes: 50, NoiseBytes: 30, NoiseLineShare: 5.0 / 6, NoiseByteShare: 30.0 / 50, Failures: 1},
		{Site: "example.com", Documents: 2, TextLines: 7, NoiseLines: 5, Bytes: 66, NoiseBytes: 46, NoiseLineShare: 5.0 / 7, NoiseByteShare: 46.0 / 66, Failures: 1},
		{Site: "(no url)", Documents: 1, TextLines: 3, NoiseLines: 1, Bytes: 24, NoiseBytes: 4, NoiseLineShare: 1.0 / 3, NoiseByteShare: 4.0 / 24, Failures: 1},
		{Site: "d.txt", Documents: 1, Failures: 1},
	}
	if !reflect.DeepEqual(r.Sites, wantSites) {
		t.Errorf("sites:\n got %+v\nwant %+v", r.Sites, wantSites)
	}

	wantCats := []CategoryStat{
		{Category: "navigation", Lines: 8, Bytes: 42, Documents: 4, Share: 8.0 / 11},
		{Category: "byline", Lines: 1, Bytes: 7, Documents: 1, Share: 1.0 / 11},
		{Category: "legal", Lines: 1, Bytes: 14, Documents: 1, Share: 1.0 / 11},
		{Category: "script-warning", Lines: 1, Bytes: 17, Documents: 1, Share: 1.0 / 11},
	}
	if !reflect.DeepEqual(r.Categories, wantCats) {
		t.Errorf("categories:\n got %+v\nwant %+v", r.Categories, wantCats)
	}

	// Shares 1/2, 1, 1/3, 5/6; the empty document is in no bucket.
	hist := map[int]int{3: 1, 5: 1, 8: 1, 9: 1}
	for i, b := range r.Histogram {
		if b.Documents != hist[i] || !near(b.From, float64(i)/10) || !near(b.To, float64(i+1)/10) {
			t.Errorf("bucket %d = %+v, want %d documents", i, b, hist[i])
		}
	}

	wantTop := []FrequentLine{
		{Text: "Menu 1", Key: "menu 0", Category: "navigation", Count: 5, Documents: 1, Examples: []string{"e.warc:7"}},
		{Text: "Home", Key: "home", Category: "navigation", Count: 3, Documents: 3, Examples: []string{"a.jsonl:1", "a.jsonl:2", "c.jsonl:2"}},
	}
	if !reflect.DeepEqual(r.TopLines, wantTop) {
		t.Errorf("top lines:\n got %+v\nwant %+v", r.TopLines, wantTop)
	}

	f := r.Failures
	wantCounts := []KindCount{{NoContent, 2}, {MostlyNoise, 1}, {Wall, 1}, {Duplicate, 1}}
	if f.Documents != 4 || f.Omitted != 0 || !reflect.DeepEqual(f.Counts, wantCounts) {
		t.Errorf("failures: %d documents, %d omitted, counts %+v", f.Documents, f.Omitted, f.Counts)
	}
	wantListed := []struct {
		name   string
		kinds  []string
		detail string
	}{
		{"a.jsonl:2", []string{NoContent, Wall}, "all 3 lines are noise; 2 of 3 lines are script warnings or legal notices"},
		{"c.jsonl:2", []string{Duplicate}, "same kept text as a.jsonl:1"},
		{"dir/d.txt", []string{NoContent}, "empty document"},
		{"e.warc:7", []string{MostlyNoise}, "5 of 6 lines are noise"},
	}
	if len(f.Listed) != len(wantListed) {
		t.Fatalf("listed %d failures, want %d", len(f.Listed), len(wantListed))
	}
	for i, w := range wantListed {
		g := f.Listed[i]
		if g.Doc.Name != w.name || !reflect.DeepEqual(g.Kinds, w.kinds) || g.Detail != w.detail {
			t.Errorf("failure %d = %s %v %q, want %s %v %q", i, g.Doc.Name, g.Kinds, g.Detail, w.name, w.kinds, w.detail)
		}
	}

	// Failures first, worst first, then the other documents.
	var order []string
	for _, d := range r.Documents {
		order = append(order, d.Doc.Name)
	}
	if want := []string{"a.jsonl:2", "e.warc:7", "c.jsonl:2", "dir/d.txt", "a.jsonl:1"}; !reflect.DeepEqual(order, want) {
		t.Errorf("drill-down order %v, want %v", order, want)
	}
	a := r.Documents[4]
	if len(a.Lines) != 5 || a.Lines[1].Label != "drop" || a.Lines[1].Class != "navigation" || a.Lines[1].Text != "Home" ||
		a.Lines[1].Reasons != "test:navigation: made by hand" || a.Lines[2].Label != "blank" || a.Lines[0].Class != "title" {
		t.Errorf("drill-down lines of a.jsonl:1: %+v", a.Lines)
	}
	if len(r.Notes) != 0 {
		t.Errorf("notes %v, want none", r.Notes)
	}
}

// TestJSONShape checks that the report marshals with arrays, never null.
func TestJSONShape(t *testing.T) {
	r := NewBuilder(Options{}).Build()
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{`"sites":[]`, `"categories":[]`, `"top_lines":[]`, `"listed":[]`, `"documents":[]`, `"notes":[]`} {
		if !bytes.Contains(b, []byte(k)) {
			t.Errorf("empty report JSON lacks %s: %s", k, b)
		}
	}
	var back Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
}

func TestSite(t *testing.T) {
	tests := []struct {
		d    DocInfo
		want string
	}{
		{DocInfo{File: "x/a.txt"}, "a.txt"},
		{DocInfo{File: "a.jsonl", Record: 3}, "(no url)"},
		{DocInfo{File: "a.jsonl", Record: 3, URL: "https://WWW.Example.COM:8080/p?q"}, "example.com"},
		{DocInfo{File: "a.jsonl", Record: 3, URL: "not a url"}, "(bad url)"},
		{DocInfo{File: "a.jsonl", Record: 3, URL: "http://[::1"}, "(bad url)"},
		{DocInfo{File: "-", Record: 0}, "-"},
	}
	for _, tt := range tests {
		if got := tt.d.Site(); got != tt.want {
			t.Errorf("Site(%+v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Lire aussi :", "lire aussi"},
		{"LIRE   AUSSI", "lire aussi"},
		{"5 min read", "0 min read"},
		{"Mis à jour le 12/03/2024", "mis a jour le 00 00 0000"},
		{"···", ""},
	}
	for _, tt := range tests {
		if got := string(normalize(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCaps checks that every cap holds and is reported.
func TestCaps(t *testing.T) {
	b := NewBuilder(Options{MaxSites: 3, MaxLineKeys: 10, TopLines: 2, MaxFailuresListed: 2,
		SampleWorst: 2, SampleFailures: 1, MaxSampleLines: 2, MaxLineRunes: 4, MaxHashes: 1})
	for i := range 20 {
		b.Add(DocInfo{File: "f.jsonl", Record: i + 1, URL: fmt.Sprintf("https://s%d.test/", i), Lines: mkLines(
			ln(fmt.Sprintf("-ad:unique ad %c%c", 'a'+i, 'a'+i)), "-ad:Advertisement", ln(fmt.Sprintf("k:body %c", 'a'+i%3)))})
	}
	r := b.Build()
	if len(r.Sites) != 4 || r.Sites[len(r.Sites)-1].Site != otherSites && !hasSite(r.Sites, otherSites) {
		t.Errorf("sites %+v, want 3 and %q", r.Sites, otherSites)
	}
	if n := siteDocs(r.Sites, otherSites); n != 17 {
		t.Errorf("%q has %d documents, want 17", otherSites, n)
	}
	if len(r.TopLines) != 1 || r.TopLines[0].Count != 20 || r.TopLines[0].Key != "advertisement" {
		t.Errorf("top lines %+v: want advertisement ×20 (the other lines occur once)", r.TopLines)
	}
	if len(r.Failures.Listed) != 2 || r.Failures.Omitted != r.Failures.Documents-2 {
		t.Errorf("failures listed %d, omitted %d of %d", len(r.Failures.Listed), r.Failures.Omitted, r.Failures.Documents)
	}
	// Every document has share 2/3 and the same three kept texts cycle,
	// but only one hash is remembered: the body-a documents after the
	// first are duplicates, body-b and body-c never are.
	if got := r.Failures.Counts[3].Documents; got != 6 {
		t.Errorf("duplicates %d, want 6", got)
	}
	if len(r.Documents) != 3 {
		t.Errorf("drill-down has %d documents, want 1 failure + 2 worst", len(r.Documents))
	}
	for _, d := range r.Documents {
		if len(d.Lines) != 2 || d.LinesOmitted != 1 {
			t.Errorf("%s: %d lines, %d omitted; want 2 and 1", d.Doc.Name, len(d.Lines), d.LinesOmitted)
		}
		if d.Lines[0].Text != "uniq…" {
			t.Errorf("line text %q not shortened to 4 runes", d.Lines[0].Text)
		}
	}
	if len(r.Notes) != 4 {
		t.Errorf("notes %q, want sites, pruning, hashes and failures", r.Notes)
	}
}

func hasSite(s []Site, name string) bool { return siteDocs(s, name) > 0 }

func siteDocs(s []Site, name string) int {
	for _, x := range s {
		if x.Site == name {
			return x.Documents
		}
	}
	return 0
}

// TestSampleBudget checks that the drill-down stops at its byte budget.
func TestSampleBudget(t *testing.T) {
	b := NewBuilder(Options{SampleBytes: 1000})
	long := "-ad:" + strings.Repeat("x", 150)
	for i := range 10 {
		b.Add(DocInfo{File: fmt.Sprint(i), Lines: mkLines(ln(long), ln(long), ln(long), "k:body")})
	}
	r := b.Build()
	total, omitted := 0, 0
	for _, d := range r.Documents {
		for i := range d.Lines {
			total += lineCost(&d.Lines[i])
		}
		omitted += d.LinesOmitted
	}
	if total > 1000 || total < 1000-300 || omitted == 0 {
		t.Errorf("drill-down lines cost %d bytes with %d omitted; want at most 1000, nearly all used", total, omitted)
	}
}

func TestWriteTextGolden(t *testing.T) {
	var out bytes.Buffer
	if err := buildSmall().WriteText(&out); err != nil {
		t.Fatal(err)
	}
	golden.Compare(t, "small.txt", out.Bytes())
}

// TestHTMLEscapes feeds markup through every field that reaches the page.
func TestHTMLEscapes(t *testing.T) {
	evil := `<script>alert(1)</script>`
	b := NewBuilder(Options{})
	for i := range 2 {
		lines := mkLines(ln("-ad:"+evil), ln("k:"+evil+fmt.Sprint(i)), `-navigation:"><img src=x onerror=alert(2)>`)
		lines[0].Reasons = []classify.Reason{{Code: "x", Text: `" onmouseover="alert(3)`}}
		b.Add(DocInfo{File: `<b>f</b>.txt`, URL: `https://evil.test/"><script>alert(4)</script>`, Lines: lines})
	}
	var out bytes.Buffer
	if err := b.Build().WriteHTML(&out, "report "+evil); err != nil {
		t.Fatal(err)
	}
	page := out.String()
	if n := strings.Count(strings.ToLower(page), "<script"); n != 1 {
		t.Errorf("page has %d <script tags, want only its own", n)
	}
	for _, bad := range []string{"<img", `" onmouseover="`, "<b>f</b>"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains unescaped %q", bad)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Error("the scraped line is not shown escaped")
	}
}

// TestHTMLSizeBound builds a report of 10,000 varied documents of 60
// lines with long lines and checks the page stays under 5 MB.
func TestHTMLSizeBound(t *testing.T) {
	const limit = 5 << 20
	b := NewBuilder(Options{})
	cats := label.Categories()
	for i := range 10000 {
		descs := make([]ln, 60)
		for j := range descs {
			text := fmt.Sprintf("line %d of document %d %s", j, i, strings.Repeat("word ", (i*7+j*13)%60))
			switch (i + j) % 4 {
			case 0, 1:
				descs[j] = ln(fmt.Sprintf("-%s:%s", cats[(i+j)%len(cats)], text))
			case 2:
				descs[j] = ln("k:" + text)
			}
		}
		b.Add(DocInfo{File: "corpus.jsonl", Record: i + 1, URL: fmt.Sprintf("https://site%d.example/%d", i%700, i), Lines: mkLines(descs...)})
	}
	r := b.Build()
	var out bytes.Buffer
	if err := r.WriteHTML(&out, "size"); err != nil {
		t.Fatal(err)
	}
	js, _ := json.Marshal(r)
	t.Logf("10,000 documents: HTML %d bytes, JSON %d bytes, %d drill-down documents", out.Len(), len(js), len(r.Documents))
	if out.Len() > limit || len(js) > limit {
		t.Errorf("HTML %d bytes, JSON %d bytes: over the %d-byte bound", out.Len(), len(js), limit)
	}
	if r.Totals.Documents != 10000 || len(r.Documents) < 200 {
		t.Errorf("%d documents, %d in the drill-down", r.Totals.Documents, len(r.Documents))
	}
}
