package input

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestLimitsFailAlone checks that a document, record or line over each
// limit fails alone, with an error naming the file, the record, the limit
// and the flag that raises it, and that reading goes on with the next.
func TestLimitsFailAlone(t *testing.T) {
	small := "<p>small</p>"
	big := strings.Repeat("<p>big</p>", 30)
	warcOf := func(recs ...string) string { return strings.Join(recs, "") }
	res := func(id, block string) string {
		return warcRecord("resource", id, "http://e/"+id, "text/html", block, -1)
	}
	longHeader := strings.Replace(res("h", small), "WARC-Type:", "X-Long: "+strings.Repeat("x", 400)+"\r\nWARC-Type:", 1)
	tests := []struct {
		name  string
		files map[string]string
		opts  Options
		want  []string
	}{
		{"JSONL line", map[string]string{"a.jsonl": `{"text":"a"}` + "\n" + `{"text":"` + big + `"}` + "\n" + `{"text":"c"}` + "\n"},
			Options{MaxLineSize: 100}, []string{
				`doc a.jsonl#1`,
				`err input: a.jsonl: record 2: JSONL line larger than the maximum line size of 100B (100 bytes); raise it with --max-line-size`,
				`doc a.jsonl#3`}},
		{"WARC record", map[string]string{"a.warc": warcOf(res("1", small), res("2", big), res("3", small))},
			Options{MaxRecordSize: 100}, []string{
				`doc a.warc#1`,
				`err input: a.warc: record 2: offset 153 <urn:uuid:2>: record larger than the maximum record size of 100 bytes (Content-Length 300); raise it with --max-record-size`,
				`doc a.warc#3`}},
		{"WARC header", map[string]string{"a.warc": warcOf(res("1", small), longHeader, res("3", small))},
			Options{MaxHeaderSize: 300}, []string{
				`doc a.warc#1`,
				`err input: a.warc: record 2: offset 153: header larger than the maximum header size of 300 bytes; raise it with --max-header-size`,
				`doc a.warc#3`}},
		{"WARC payload", map[string]string{"a.warc": warcOf(res("1", small), res("2", big), res("3", small))},
			Options{MaxDocumentSize: 100}, []string{
				`doc a.warc#1`,
				`err input: a.warc: record 2: resource <urn:uuid:2>: payload larger than the maximum document size of 100 bytes (300 bytes); raise it with --max-document-size`,
				`doc a.warc#3`}},
		{"text file", map[string]string{"a.txt": big, "b.txt": small},
			Options{MaxDocumentSize: 100}, []string{
				`err input: a.txt: file larger than the maximum document size of 100B (100 bytes); raise it with --max-document-size`,
				`doc b.txt#0`}},
		{"JSON document", map[string]string{"a.json": `[{"text":"` + big + `"}]`, "b.txt": small},
			Options{MaxDocumentSize: 100}, []string{
				`err input: a.json: JSON document larger than the maximum document size of 100B (100 bytes); raise it with --max-document-size`,
				`doc b.txt#0`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tt.files)
			got, counts := collect(t, dir, []string{dir}, tt.opts)
			checkOutcomes(t, got, tt.want)
			if !counts.Balanced() {
				t.Errorf("counts do not balance: %+v", counts)
			}
			for _, g := range got {
				if strings.HasPrefix(g, "err") && !strings.Contains(g, filepath.Base(strings.Fields(g)[2])) {
					t.Errorf("error %q does not name its file", g)
				}
			}
		})
	}
}
