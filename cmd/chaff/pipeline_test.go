package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/clean"
	"github.com/chaff-dev/chaff/internal/model"
	"github.com/chaff-dev/chaff/internal/render"
	"github.com/sirupsen/logrus"
)

// testEnv is an env with buffers for stdin, stdout and stderr.
func testEnv(stdin string) (*env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb, log: logrus.New()}, &out, &errb
}

// runCmd runs chaff with args and returns the exit status and outputs.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	e, out, errb := testEnv(stdin)
	code := run(e, append(args[:1:1], append([]string{"--progress", "never"}, args[1:]...)...))
	return code, out.String(), errb.String()
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gzipBytes(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// article is a short news text with a few typical noise lines.
func article(n int) string {
	return fmt.Sprintf(`Le conseil municipal adopte le budget numéro %d
Par Jeanne Martin, publié le 3 mars 2024 à 10h12
Lire aussi : Les dix villes où il fait bon vivre en 2024
Le conseil municipal a adopté lundi soir le budget de l'année, après quatre heures de débats parfois vifs entre la majorité et l'opposition.
La principale mesure concerne la rénovation des écoles, pour laquelle la ville prévoit d'emprunter près de douze millions d'euros sur cinq ans.

L'opposition a dénoncé une hausse de la dette qu'elle juge excessive et a voté contre l'ensemble du texte présenté par le maire.
Partager sur Facebook
`, n)
}

// warcRecord encodes one WARC record.
func warcRecord(typ, id, uri, ctype, block string, length int) string {
	if length < 0 {
		length = len(block)
	}
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Target-URI: %s\r\nWARC-Date: 2024-01-02T03:04:05Z\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, id, uri, ctype, length, block)
}

func httpHTML(body string) string {
	return "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
}

func htmlPage(title, text string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<!doctype html><html><head><title>%s</title></head><body><article><h1>%s</h1>", title, title)
	for _, p := range strings.Split(strings.TrimSpace(text), "\n") {
		fmt.Fprintf(&b, "<p>%s</p>", p)
	}
	b.WriteString("</article></body></html>")
	return b.String()
}

// cleanText is what the clean command should write for one text document.
func cleanText(t *testing.T, text []byte) []byte {
	t.Helper()
	cl, err := classify.New(classify.Config{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := render.Clean(&b, cl.Classify(text), render.Policy{}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// cleanPage is what the clean command should write for one HTML page.
func cleanPage(t *testing.T, page string) []byte {
	t.Helper()
	return cleanPageWith(t, page, nil)
}

// cleanPageWith is cleanPage with HTML model m (nil: the embedded default).
func cleanPageWith(t *testing.T, page string, m *model.Model) []byte {
	t.Helper()
	cl, err := classify.New(classify.Config{HTMLModel: m})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := cl.ClassifyHTML([]byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := render.Clean(&b, doc, render.Policy{}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// jsonObjects parses JSON lines.
func jsonObjects(t *testing.T, s string) []map[string]json.RawMessage {
	t.Helper()
	var out []map[string]json.RawMessage
	for _, line := range strings.Split(strings.TrimSuffix(s, "\n"), "\n") {
		if line == "" {
			continue
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("output line is not a JSON object: %v\n%s", err, line)
		}
		out = append(out, m)
	}
	return out
}

func str(t *testing.T, raw json.RawMessage) string {
	t.Helper()
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		t.Fatalf("%s is not a string: %v", raw, err)
	}
	return s
}

func readStats(t *testing.T, path string) summary {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var s summary
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func assertBalanced(t *testing.T, s summary) {
	t.Helper()
	if s.RecordsIn != s.DocumentsOut+s.RecordsFailed+s.RecordsSkipped {
		t.Errorf("records in %d != out %d + failed %d + skipped %d", s.RecordsIn, s.DocumentsOut, s.RecordsFailed, s.RecordsSkipped)
	}
	if s.DocumentsRead != s.DocumentsOut+s.DocsFailed+s.DocsAbandoned {
		t.Errorf("documents read %d != out %d + failed %d + abandoned %d", s.DocumentsRead, s.DocumentsOut, s.DocsFailed, s.DocsAbandoned)
	}
}

// TestMixedDirectory cleans a directory of JSONL.gz, WARC.gz, HTML and
// text files in one command into --output DIR.
func TestMixedDirectory(t *testing.T) {
	in := filepath.Join(t.TempDir(), "in")
	outDir := filepath.Join(t.TempDir(), "out")
	jsonl := fmt.Sprintf(`{"id":"a1", "meta": {"lang":"fr","tags":["x", "y"]},"text":%q,"n":1.50}`+"\n"+
		`{"text":%q,"id":"a2","url":"https://example.org/a2","esc":"\u00e9\"<>"}`+"\n", article(1), article(2))
	writeFile(t, filepath.Join(in, "a.jsonl.gz"), gzipBytes(t, []byte(jsonl)))
	warc := warcRecord("warcinfo", "0", "", "application/warc-fields", "software: test\r\n", -1) +
		warcRecord("request", "1", "https://example.org/p1", "application/http; msgtype=request", "GET /p1 HTTP/1.1\r\n\r\n", -1) +
		warcRecord("response", "2", "https://example.org/p1", "application/http; msgtype=response", httpHTML(htmlPage("Budget", article(3))), -1) +
		warcRecord("response", "3", "https://example.org/p2", "application/http; msgtype=response", httpHTML(htmlPage("Écoles", article(4))), -1)
	writeFile(t, filepath.Join(in, "b.warc.gz"), gzipBytes(t, []byte(warc)))
	writeFile(t, filepath.Join(in, "c.html"), []byte(htmlPage("Rénovation", article(5))))
	txt := []byte(article(6))
	writeFile(t, filepath.Join(in, "sub", "d.txt"), txt)
	writeFile(t, filepath.Join(in, "skip", "e.txt"), txt)
	statsPath := filepath.Join(t.TempDir(), "stats.json")

	code, stdout, stderr := runCmd(t, "", "clean", "-j", "2", "--exclude", "skip", "--output", outDir, "--stats", statsPath, in)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if stdout != "" {
		t.Errorf("stdout not empty with --output: %q", stdout)
	}
	var files []string
	filepath.WalkDir(outDir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(outDir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return nil
	})
	want := []string{"a.jsonl", "b.warc.jsonl", "c.html.txt", "sub/d.txt"}
	if strings.Join(files, " ") != strings.Join(want, " ") {
		t.Fatalf("output files %v, want %v (no temporary files left)", files, want)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(outDir, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if got, want := read("sub/d.txt"), string(cleanText(t, txt)); got != want {
		t.Errorf("sub/d.txt = %q, want %q", got, want)
	}
	recs := jsonObjects(t, read("a.jsonl"))
	if len(recs) != 2 || str(t, recs[0]["id"]) != "a1" || str(t, recs[1]["id"]) != "a2" {
		t.Fatalf("a.jsonl records: %v", recs)
	}
	if got, want := str(t, recs[0]["text"]), string(cleanText(t, []byte(article(1)))); got != want {
		t.Errorf("a.jsonl text = %q, want %q", got, want)
	}
	warcRecs := jsonObjects(t, read("b.warc.jsonl"))
	if len(warcRecs) != 2 || str(t, warcRecs[0]["url"]) != "https://example.org/p1" || str(t, warcRecs[1]["id"]) != "<urn:uuid:3>" {
		t.Fatalf("b.warc.jsonl records: %s", read("b.warc.jsonl"))
	}
	if got, want := str(t, warcRecs[0]["text"]), string(cleanPage(t, htmlPage("Budget", article(3)))); got != want {
		t.Errorf("WARC record text = %q, want the cleaned page text %q", got, want)
	}
	if got, want := read("c.html.txt"), string(cleanPage(t, htmlPage("Rénovation", article(5)))); got != want || strings.Contains(got, "<") {
		t.Errorf("c.html.txt = %q, want %q", got, want)
	}
	s := readStats(t, statsPath)
	assertBalanced(t, s)
	// 2 JSONL + 4 WARC (2 skipped) + 1 HTML + 1 text.
	if s.RecordsIn != 8 || s.DocumentsOut != 6 || s.RecordsSkipped != 2 || s.RecordsFailed != 0 {
		t.Errorf("stats: %+v", s)
	}
	if s.Dropped["teaser"] == 0 {
		t.Errorf("no teaser counted as dropped: %v", s.Dropped)
	}
}

// TestJSONLPassthrough checks that every field but the text field keeps
// its bytes, and that the "chaff" field counts the lines.
func TestJSONLPassthrough(t *testing.T) {
	lines := []string{
		fmt.Sprintf(`{ "id" : 7 , "meta":{"a":[1,2.50,"\u00e9"]},  "text":%q ,"z":null}`, article(1)),
		fmt.Sprintf(`{"text":%q,"html":"<b>x</b>","id":"b"}`, article(2)),
	}
	code, stdout, stderr := runCmd(t, strings.Join(lines, "\n")+"\n", "clean", "-")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	outs := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	if len(outs) != len(lines) {
		t.Fatalf("%d output lines for %d records:\n%s", len(outs), len(lines), stdout)
	}
	for i, in := range lines {
		out := outs[i]
		// Everything before the text value and after it (but the closing
		// brace) is kept byte for byte.
		textKey := `"text":`
		start := strings.Index(in, textKey) + len(textKey)
		var v json.RawMessage
		dec := json.NewDecoder(strings.NewReader(in[start:]))
		if err := dec.Decode(&v); err != nil {
			t.Fatal(err)
		}
		end := start + int(dec.InputOffset())
		if !strings.HasPrefix(out, in[:start]) {
			t.Errorf("record %d: prefix changed:\n in: %s\nout: %s", i+1, in[:start], out)
		}
		if !strings.Contains(out, in[end:len(in)-1]) {
			t.Errorf("record %d: suffix %q changed:\n%s", i+1, in[end:len(in)-1], out)
		}
		m := jsonObjects(t, out)[0]
		if got, want := str(t, m["text"]), string(cleanText(t, []byte(article(i+1)))); got != want {
			t.Errorf("record %d: text %q, want %q", i+1, got, want)
		}
		var c clean.Stats
		if err := json.Unmarshal(m["chaff"], &c); err != nil {
			t.Fatal(err)
		}
		dropped := 0
		for _, n := range c.Dropped {
			dropped += n
		}
		if c.Lines != 8 || c.Kept+dropped != 7 || dropped == 0 {
			t.Errorf("record %d: chaff = %s", i+1, m["chaff"])
		}
	}
}

// TestOutputField leaves the text field alone and writes the cleaned
// text to another field.
func TestOutputField(t *testing.T) {
	in := fmt.Sprintf(`{"id":1,"text":%q}`+"\n", article(1))
	code, stdout, stderr := runCmd(t, in, "clean", "--output-field", "clean", "-")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	m := jsonObjects(t, stdout)[0]
	if str(t, m["text"]) != article(1) || str(t, m["clean"]) != string(cleanText(t, []byte(article(1)))) {
		t.Errorf("output: %s", stdout)
	}
}

// TestOrderPreserved runs many records on four workers.
func TestOrderPreserved(t *testing.T) {
	var in strings.Builder
	const n = 120
	for i := range n {
		text := article(i)
		if i%3 == 0 {
			text = strings.Repeat(text, 4) // uneven work
		}
		fmt.Fprintf(&in, `{"id":"doc-%d","text":%q}`+"\n", i, text)
	}
	code, stdout, stderr := runCmd(t, in.String(), "clean", "-j", "4", "-")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	recs := jsonObjects(t, stdout)
	if len(recs) != n {
		t.Fatalf("%d records out, want %d", len(recs), n)
	}
	for i, m := range recs {
		if got := str(t, m["id"]); got != fmt.Sprintf("doc-%d", i) {
			t.Fatalf("record %d has id %s", i, got)
		}
		if !strings.Contains(str(t, m["text"]), fmt.Sprintf("budget numéro %d\n", i)) {
			t.Fatalf("record %d holds another document's text", i)
		}
	}
}

// TestPlainTextUnchanged checks that a text file gives exactly the kept
// lines, as before the pipeline, and that several files do not run into
// each other.
func TestPlainTextUnchanged(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	ta := []byte(strings.ReplaceAll(article(1), "\n", "\r\n") + "\r\n\r\n\r\nFin de l'article, merci de votre lecture attentive.")
	tb := []byte(article(2))
	writeFile(t, a, ta)
	writeFile(t, b, tb)
	code, stdout, stderr := runCmd(t, "", "clean", a)
	if code != exitOK || stdout != string(cleanText(t, ta)) {
		t.Fatalf("exit %d, output %q, want %q\n%s", code, stdout, cleanText(t, ta), stderr)
	}
	// A document whose output does not end with a line end gets one, so
	// that the next document starts on its own line.
	ta = []byte("Le conseil municipal adopte le budget")
	writeFile(t, a, ta)
	if ca := cleanText(t, ta); len(ca) == 0 || ca[len(ca)-1] == '\n' {
		t.Fatalf("the fixture no longer gives a kept last line without line end: %q", ca)
	}
	code, stdout, _ = runCmd(t, "", "clean", a, b)
	if want := string(cleanText(t, ta)) + "\n" + string(cleanText(t, tb)); code != exitOK || stdout != want {
		t.Errorf("two files: %q, want %q", stdout, want)
	}
}

// TestLabelRecords checks the file, record and id fields of label.
func TestLabelRecords(t *testing.T) {
	in := fmt.Sprintf(`{"id":"x","text":%q}`+"\n"+`{"id":"y","text":"Une ligne.\nDeux lignes."}`+"\n", article(1))
	code, stdout, stderr := runCmd(t, in, "label", "-")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	recs := jsonObjects(t, stdout)
	if len(recs) != 10 {
		t.Fatalf("%d label lines, want 8+2", len(recs))
	}
	last := recs[9]
	if str(t, last["file"]) != "-" || string(last["record"]) != "2" || str(t, last["id"]) != "y" || string(last["line"]) != "2" || str(t, last["text"]) != "Deux lignes." {
		t.Errorf("last label line: %v", last)
	}
}

// TestUsageErrors checks exit status 2 for bad flags.
func TestRunUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"clean", "-j", "0"},
		{"clean", "--max-drop", "1.5"},
		{"clean", "--repeated", "--repeated-min", "1"},
		{"clean", "--repeated", "--repeated-scope", "planet"},
		{"clean", "--repeated", "--repeated-two-pass", "-"},
		{"clean", "--format", "pdf"},
		{"label", "--mark"},
	} {
		if code, _, stderr := runCmd(t, "", args...); code != exitUsage {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, stderr)
		}
	}
}

// TestProgressAndAnnotate shows progress when asked and annotates records
// under their file and record number.
func TestProgressAndAnnotate(t *testing.T) {
	in := fmt.Sprintf(`{"id":"x","text":%q}`+"\n", article(1))
	e, out, errb := testEnv(in)
	if code := run(e, []string{"annotate", "--progress", "always", "-"}); code != exitOK {
		t.Fatalf("exit %d\n%s", code, errb)
	}
	if !strings.HasPrefix(out.String(), "==> - #1 x <==\n") || !strings.Contains(out.String(), "Partager sur Facebook") {
		t.Errorf("annotate output:\n%s", out)
	}
	if !strings.Contains(errb.String(), "docs") {
		t.Errorf("no progress on stderr with --progress always:\n%q", errb)
	}
}
