package main

import (
	"bytes"
	"cmp"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/clean"
	"github.com/chaff-dev/chaff/internal/lines"
)

// TestBadRecords checks that each kind of bad record is reported with its
// file and record, gives exit 1, and that the other records are written.
func TestBadRecords(t *testing.T) {
	good := func(id string) string {
		return fmt.Sprintf(`{"id":%q,"text":%q}`, id, strings.Repeat(article(len(id)*7919)+id+"\n", 40))
	}
	full := []byte(good("g1") + "\n" + good("g2") + "\n" + good("g3") + "\n")
	truncated := gzipBytes(t, full)
	truncated = truncated[:len(truncated)*2/3]
	// The records that can still be decompressed whole must come out.
	var survivors []string
	if zr, err := gzip.NewReader(bytes.NewReader(truncated)); err == nil {
		part, _ := io.ReadAll(zr)
		for i, l := range strings.SplitAfter(string(part), "\n") {
			if strings.HasSuffix(l, "\n") {
				survivors = append(survivors, fmt.Sprintf("g%d", i+1))
			}
		}
	}
	if len(survivors) == 0 || len(survivors) == 3 {
		t.Fatalf("the truncated gzip fixture keeps %d records, want 1 or 2", len(survivors))
	}
	page := httpHTML(htmlPage("Budget", article(1)))
	tests := []struct {
		name    string
		file    string
		data    []byte
		wantMsg string // in stderr, besides the file name
		wantIDs []string
	}{
		{"malformed JSONL", "bad.jsonl", []byte(good("g1") + "\n" + `{"id":"b","text":"x"` + "\n" + good("g3") + "\n"),
			"record=2", []string{"g1", "g3"}},
		{"text not a string", "num.jsonl", []byte(good("g1") + "\n" + `{"id":"b","text":42}` + "\n" + good("g3") + "\n"),
			`not a string" file=`, []string{"g1", "g3"}},
		{"WARC wrong length", "bad.warc", []byte(
			warcRecord("response", "1", "https://example.org/1", "application/http; msgtype=response", page, -1) +
				warcRecord("response", "2", "https://example.org/2", "application/http; msgtype=response", page, len(page)+4000) +
				warcRecord("response", "3", "https://example.org/3", "application/http; msgtype=response", page, -1)),
			"record=2", []string{"<urn:uuid:1>", "<urn:uuid:3>"}},
		{"truncated gzip", "cut.jsonl.gz", truncated, "unexpected EOF", survivors},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tc.file)
			writeFile(t, path, tc.data)
			stats := filepath.Join(dir, "stats.json")
			code, stdout, stderr := runCmd(t, "", "clean", "--stats", stats, path)
			if code != exitFail {
				t.Errorf("exit %d, want 1", code)
			}
			if !strings.Contains(stderr, "level=error") || !strings.Contains(stderr, path) || !strings.Contains(stderr, tc.wantMsg) {
				t.Errorf("stderr does not name the file and record (%q):\n%s", tc.wantMsg, stderr)
			}
			var ids []string
			for _, m := range jsonObjects(t, stdout) {
				ids = append(ids, str(t, m["id"]))
			}
			if strings.Join(ids, ",") != strings.Join(tc.wantIDs, ",") {
				t.Errorf("records written %v, want %v", ids, tc.wantIDs)
			}
			s := readStats(t, stats)
			assertBalanced(t, s)
			if s.Errors == 0 {
				t.Errorf("no error counted: %+v", s)
			}
		})
	}
}

// TestSummaryAddsUp mixes good, blank, skipped and bad records and checks
// the account of the run.
func TestSummaryAddsUp(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.jsonl"), []byte(fmt.Sprintf(`{"id":"1","text":%q}`+"\n\n"+`{"id":"2","text":null}`+"\n"+`{"id":"3","text":%q}`+"\n"+"not json\n", article(1), article(2))))
	page := httpHTML(htmlPage("Budget", article(3)))
	writeFile(t, filepath.Join(dir, "b.warc"), []byte(
		warcRecord("request", "1", "https://example.org/1", "application/http; msgtype=request", "GET / HTTP/1.1\r\n\r\n", -1)+
			warcRecord("response", "2", "https://example.org/1", "application/http; msgtype=response", page, -1)))
	writeFile(t, filepath.Join(dir, "c.txt"), []byte(article(4)))
	writeFile(t, filepath.Join(dir, "d.txt"), []byte("binary\x00data"))
	stats := filepath.Join(t.TempDir(), "stats.json")
	code, _, stderr := runCmd(t, "", "clean", "-j", "2", "--stats", stats, dir)
	if code != exitFail {
		t.Fatalf("exit %d, want 1\n%s", code, stderr)
	}
	s := readStats(t, stats)
	assertBalanced(t, s)
	// a.jsonl: 5 records (2 out, 1 blank, 2 failed); b.warc: 2 (1 out, 1
	// skipped); c.txt: 1 out; d.txt: 1 failed.
	if s.RecordsIn != 9 || s.DocumentsOut != 4 || s.RecordsFailed != 3 || s.RecordsSkipped != 2 || s.Errors != 3 {
		t.Errorf("summary: %+v", s)
	}
	if !strings.Contains(stderr, "msg=summary") || !strings.Contains(stderr, "records_in=9") {
		t.Errorf("no summary on stderr:\n%s", stderr)
	}
}

// siteCorpus is JSONL pages of one host (plus one page of another host)
// that all carry the same footer line among their own text.
func siteCorpus(n int) (string, string) {
	const footer = "Le Journal de Riverside est édité par le groupe Riverside Médias depuis mille neuf cent douze."
	var b strings.Builder
	for i := range n {
		text := fmt.Sprintf("Article numéro %d sur la vie locale\nLe marché couvert numéro %d rouvre ses portes après deux ans de travaux importants.\n%s\n", i, i, footer)
		fmt.Fprintf(&b, `{"id":"p%d","url":"https://www.riverside.example/a/%d","text":%q}`+"\n", i, i, text)
	}
	text := "Un autre site\nUne autre histoire racontée par un autre journal de la région voisine.\n" + footer + "\n"
	fmt.Fprintf(&b, `{"id":"other","url":"https://other.example/x","text":%q}`+"\n", text)
	return b.String(), footer
}

// TestRepeatedLines checks repeated-line detection across generated pages
// of one host, in one and two passes, per site and across the corpus.
func TestRepeatedLines(t *testing.T) {
	corpus, footer := siteCorpus(4)
	path := filepath.Join(t.TempDir(), "site.jsonl")
	writeFile(t, path, []byte(corpus))
	tests := []struct {
		name string
		args []string
		want string // per document: r = footer dropped as repeated, k = footer kept
	}{
		{"one pass, from the 2nd", []string{"--repeated-min", "2"}, "krrrk"},
		{"one pass, from the 3rd", []string{"--repeated-min", "3"}, "kkrrk"},
		{"two passes, drop all", []string{"--repeated-min", "3", "--repeated-two-pass"}, "rrrrk"},
		{"two passes, keep first", []string{"--repeated-min", "2", "--repeated-two-pass", "--repeated-keep-first"}, "krrrk"},
		{"corpus scope", []string{"--repeated-min", "5", "--repeated-two-pass", "--repeated-scope", "corpus"}, "rrrrr"},
		{"off", nil, "kkkkk"},
	}
	// The classifier's own category for the footer of each record.
	offCat := map[int]string{}
	_, stdout, _ := runCmd(t, "", "label", path)
	for _, m := range jsonObjects(t, stdout) {
		if str(t, m["text"]) == footer {
			rec := 0
			json.Unmarshal(m["record"], &rec)
			var cat string
			json.Unmarshal(m["category"], &cat)
			offCat[rec] = cat
		}
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := []string{"label"}
			if tc.args != nil {
				args = append(append(args, "--repeated"), tc.args...)
			}
			code, stdout, stderr := runCmd(t, "", append(args, path)...)
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			got := []byte(strings.Repeat("?", 5))
			for _, m := range jsonObjects(t, stdout) {
				if str(t, m["text"]) != footer {
					continue
				}
				rec := 0
				json.Unmarshal(m["record"], &rec)
				var cat string
				json.Unmarshal(m["category"], &cat)
				got[rec-1] = 'k'
				if strings.Contains(string(m["reasons"]), `"repeated:`) {
					got[rec-1] = 'r'
					// A line the classifier keeps becomes drop/repeated; one
					// it drops keeps its more specific category.
					if want := cmp.Or(offCat[rec], "repeated"); string(m["label"]) != `"drop"` || cat != want {
						t.Errorf("record %d: flagged footer is %s/%s, want drop/%s", rec, m["label"], cat, want)
					}
				} else if cat != offCat[rec] {
					t.Errorf("record %d: unflagged footer has category %q, without --repeated %q", rec, cat, offCat[rec])
				}
			}
			if string(got) != tc.want {
				t.Errorf("footer per document %s, want %s", got, tc.want)
			}
		})
	}
}

// TestMarkSpans checks that --mark leaves the text whole and that the
// bytes at the spans are exactly the lines clean removes.
func TestMarkSpans(t *testing.T) {
	var in strings.Builder
	for i := range 3 {
		fmt.Fprintf(&in, `{"id":"%d","text":%q,"keep":true}`+"\n", i, article(i))
	}
	code, stdout, stderr := runCmd(t, in.String(), "clean", "--mark", "-")
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	for i, m := range jsonObjects(t, stdout) {
		text := str(t, m["text"])
		if text != article(i) {
			t.Errorf("record %d: text changed with --mark", i)
		}
		var spans [][4]any
		if err := json.Unmarshal(m["chaff_spans"], &spans); err != nil {
			t.Fatalf("chaff_spans: %v: %s", err, m["chaff_spans"])
		}
		if len(spans) == 0 {
			t.Fatalf("record %d: no spans", i)
		}
		cut := map[int]bool{}
		for _, sp := range spans {
			start, end := int(sp[0].(float64)), int(sp[1].(float64))
			if start < 0 || end > len(text) || start >= end {
				t.Fatalf("bad span %v", sp)
			}
			if start > 0 && text[start-1] != '\n' || end < len(text) && text[end] != '\n' {
				t.Errorf("span %v is not a whole line: %q", sp, text[start:end])
			}
			if _, ok := sp[2].(string); !ok {
				t.Errorf("span %v has no category", sp)
			}
			cut[start] = true
		}
		// The lines outside the spans are the lines clean keeps.
		var kept []string
		for _, s := range lines.Split([]byte(text)) {
			if line := text[s.Start:s.End]; !cut[s.Start] && strings.TrimSpace(line) != "" {
				kept = append(kept, line)
			}
		}
		var want []string
		for _, l := range strings.Split(string(cleanText(t, []byte(text))), "\n") {
			if strings.TrimSpace(l) != "" {
				want = append(want, l)
			}
		}
		if strings.Join(kept, "\n") != strings.Join(want, "\n") {
			t.Errorf("record %d: lines outside the spans\n%q\nclean keeps\n%q", i, kept, want)
		}
	}
	// Non-JSONL input: one record per document.
	code, stdout, _ = runCmd(t, article(1), "clean", "--mark", "-")
	recs := jsonObjects(t, stdout)
	if code != exitOK || len(recs) != 1 || str(t, recs[0]["file"]) != "-" || string(recs[0]["record"]) != "0" || len(recs[0]["spans"]) < 3 {
		t.Errorf("--mark on text: %s", stdout)
	}
}

// TestMaxDrop checks that a document losing more than --max-drop of its
// lines is left whole and flagged.
func TestMaxDrop(t *testing.T) {
	in := fmt.Sprintf(`{"id":"1","text":%q}`+"\n", article(1))
	code, stdout, _ := runCmd(t, in, "clean", "-")
	m := jsonObjects(t, stdout)[0]
	var c clean.Stats
	json.Unmarshal(m["chaff"], &c)
	if code != exitOK || c.Uncut || str(t, m["text"]) == article(1) {
		t.Fatalf("without --max-drop: %s", stdout)
	}
	code, stdout, stderr := runCmd(t, in, "clean", "--max-drop", "0.1", "-")
	m = jsonObjects(t, stdout)[0]
	c = clean.Stats{}
	json.Unmarshal(m["chaff"], &c)
	if code != exitOK || !c.Uncut || str(t, m["text"]) != article(1) {
		t.Errorf("--max-drop 0.1: exit %d, %s", code, stdout)
	}
	if !strings.Contains(stderr, "level=warning") || !strings.Contains(stderr, "max-drop") || !strings.Contains(stderr, "documents_uncut=1") {
		t.Errorf("no warning and summary for the uncut document:\n%s", stderr)
	}
	// With --max-drop 1 nothing is ever left uncut.
	code, stdout, _ = runCmd(t, in, "clean", "--max-drop", "1", "-")
	if code != exitOK || strings.Contains(stdout, `"uncut"`) {
		t.Errorf("--max-drop 1: %s", stdout)
	}
}
