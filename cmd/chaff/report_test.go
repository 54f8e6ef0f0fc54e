package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/linescan"
	"github.com/chaff-dev/chaff/internal/model"
	"github.com/chaff-dev/chaff/internal/report"
	"github.com/sirupsen/logrus"
)

// runReportCmd runs "chaff report args..." and returns the exit status,
// stdout and stderr.
func runReportCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, log: logrus.New()}
	code := run(e, append([]string{"report"}, args...))
	return code, out.String(), errb.String()
}

const reportJSONL = `{"id":"a","url":"https://www.news.test/a","text":"Harbour reopens after storm\n\nThe harbour reopened on Monday after three days of repairs to the main quay, the port authority said.\n"}
{"id":"b","url":"https://shop.test/b","text":""}
{"id":"c","url":"https://news.test/c","text":42}
{"id":"d","text":"Accept all cookies\n"}
`

func TestReportJSON(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "pages.jsonl")
	if err := os.WriteFile(in, []byte(reportJSONL), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runReportCmd(t, "--format", "json", "-j", "2", in)
	if code != exitFail {
		t.Errorf("exit %d, want %d for the record whose text is not a string", code, exitFail)
	}
	if !strings.Contains(errs, "record 3") {
		t.Errorf("stderr does not name the bad record:\n%s", errs)
	}
	var r report.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("stdout is not a JSON report: %v\n%s", err, out)
	}
	if r.Totals.Documents != 3 || r.Totals.InputErrors != 1 || r.Totals.EmptyDocuments != 1 {
		t.Errorf("totals %+v: want 3 documents, 1 input error, 1 empty", r.Totals)
	}
	sites := map[string]int{}
	for _, s := range r.Sites {
		sites[s.Site] = s.Documents
	}
	if sites["news.test"] != 1 || sites["shop.test"] != 1 || sites["(no url)"] != 1 || len(sites) != 3 {
		t.Errorf("sites %v: want news.test, shop.test and (no url)", sites)
	}
	if r.Failures.Counts[0].Kind != report.NoContent || r.Failures.Counts[0].Documents < 1 {
		t.Errorf("the empty record is not a no-content failure: %+v", r.Failures)
	}
}

func TestReportTextAndHTML(t *testing.T) {
	dir := t.TempDir()
	doc := filepath.Join(dir, "page.txt")
	os.WriteFile(doc, []byte("Menu\nHome\n\nThe harbour reopened on Monday after three days of repairs.\n<script>alert(1)</script>\n"), 0o644)
	page := filepath.Join(dir, "out", "report.html")
	os.Mkdir(filepath.Dir(page), 0o755)
	code, out, errs := runReportCmd(t, "--html", page, "--title", "QA <run>", doc)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, "chaff report: 1 document,") || !strings.Contains(out, "page.txt") {
		t.Errorf("text summary:\n%s", out)
	}
	html, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	s := string(html)
	if !strings.Contains(s, "<title>QA &lt;run&gt;</title>") || !strings.Contains(s, "<svg") || strings.Count(s, "<script") != 1 {
		t.Errorf("HTML page lacks its title, charts or escaping")
	}
	entries, _ := os.ReadDir(filepath.Dir(page))
	if len(entries) != 1 {
		t.Errorf("the HTML directory holds %d entries, want only the page (no temporary file left)", len(entries))
	}
}

func TestReportUsage(t *testing.T) {
	for _, args := range [][]string{
		{"--format", "xml", "x"},
		{"--input-format", "pdf", "x"},
		{"-j", "0", "x"},
		{"--text-field", "", "x"},
		{"--keep", "nonsense", "x"},
	} {
		if code, _, _ := runReportCmd(t, args...); code != exitUsage {
			t.Errorf("report %v: exit %d, want %d", args, code, exitUsage)
		}
	}
	if code, _, _ := runReportCmd(t, filepath.Join(t.TempDir(), "missing.txt")); code != exitFail {
		t.Errorf("a missing input: exit %d, want %d", code, exitFail)
	}
}

// TestFastScoresWhereShown checks that the commands that show scores
// give the fast model's full scores, summed over every tree, while clean
// may stop a line's trees early (classify.Config.StopEarly).
func TestFastScoresWhereShown(t *testing.T) {
	const path = "../../fixtures/en/en_blog_sqlite_wal.txt"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("fixture: %v", err)
	}
	m, err := model.Embedded(model.FastText)
	if err != nil {
		t.Fatal(err)
	}
	var scores model.FastScores
	m.ScoreFast(&scores, linescan.Build(data, lines.Split(data)))
	want := scores.P
	check := func(cmd string, line int, score float64) {
		t.Helper()
		if line < 1 || line > len(want) || score != want[line-1] {
			t.Errorf("%s: line %d scores %v, the fast model %v", cmd, line, score, want[min(max(line, 1), len(want))-1])
		}
	}
	_, out, errs := runReportCmd(t, "--format", "json", "--text-model", "fast", path)
	var r report.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Documents) != 1 {
		t.Fatalf("report: %v, %d documents\n%s", err, len(r.Documents), errs)
	}
	for _, l := range r.Documents[0].Lines {
		if l.Label != "blank" {
			check("report", l.Number, l.Score)
		}
	}
	code, out, errs := runCmd(t, "", "label", "--text-model", "fast", path)
	if code != 0 {
		t.Fatalf("label: exit %d\n%s", code, errs)
	}
	n := 0
	for row := range strings.Lines(out) {
		var l struct {
			Line  int     `json:"line"`
			Label string  `json:"label"`
			Score float64 `json:"score"`
		}
		if err := json.Unmarshal([]byte(row), &l); err != nil {
			t.Fatalf("label: %v: %s", err, row)
		}
		if l.Label != "blank" {
			check("label", l.Line, l.Score)
			n++
		}
	}
	if n == 0 {
		t.Fatal("label wrote no line")
	}
}

// TestReportBoundsFailAlone checks that in report a record with more
// lines than --max-lines, or an HTML record with more tags than
// --max-tags, fails alone: named by file, record and flag, counted as an
// input error, exit status 1, the other records reported.
func TestReportBoundsFailAlone(t *testing.T) {
	page := func(n int) string {
		return "<html><body>" + strings.Repeat("<p>Some words of a paragraph here.</p>", n) + "</body></html>"
	}
	tests := []struct {
		name  string
		flags []string
		long  string // record 2
		want  string // in the error
	}{
		{"max-lines", []string{"--max-lines", "40"}, strings.Repeat("a\n", 50), "more than 40 lines"},
		{"max-tags", []string{"--html-input", "--max-tags", "30"}, page(40), "too much markup"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, last := article(1), article(2)
			if tt.name == "max-tags" {
				first, last = page(2), page(3)
			}
			in := filepath.Join(t.TempDir(), "pages.jsonl")
			writeFile(t, in, fmt.Appendf(nil, "{\"id\":\"1\",\"text\":%q}\n{\"id\":\"2\",\"text\":%q}\n{\"id\":\"3\",\"text\":%q}\n", first, tt.long, last))
			code, out, stderr := runReportCmd(t, append(append([]string{"--format", "json"}, tt.flags...), in)...)
			if code != exitFail {
				t.Errorf("exit %d, want %d", code, exitFail)
			}
			if !strings.Contains(stderr, "file="+in) || !strings.Contains(stderr, "record=2") || !strings.Contains(stderr, tt.want) || !strings.Contains(stderr, "--"+tt.name) {
				t.Errorf("the error does not name the file, record, cause and flag:\n%s", stderr)
			}
			var r report.Report
			if err := json.Unmarshal([]byte(out), &r); err != nil {
				t.Fatalf("stdout is not a JSON report: %v\n%s", err, out)
			}
			if r.Totals.Documents != 2 || r.Totals.InputErrors != 1 {
				t.Errorf("totals %+v: want 2 documents and 1 input error", r.Totals)
			}
			for _, d := range r.Documents {
				if d.Doc.Record == 2 {
					t.Errorf("the failed record is in the drill-down: %+v", d.Doc)
				}
			}
		})
	}
	for _, flag := range []string{"--max-lines", "--max-tags"} {
		if code, _, stderr := runReportCmd(t, flag, "-1", "-"); code != exitUsage || !strings.Contains(stderr, flag) {
			t.Errorf("%s -1: exit %d, %s", flag, code, stderr)
		}
	}
}
