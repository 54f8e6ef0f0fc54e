package input

import (
	"fmt"
	"strings"
	"testing"
)

// TestDamagedGzipMember checks that a damaged gzip member in the middle of
// a multi-member JSONL file is one failed record naming the file and the
// offset, and that the records of the members after it are read.
func TestDamagedGzipMember(t *testing.T) {
	first := gzipped("{\"id\":\"a\",\"text\":\"one\"}\n{\"id\":\"b\",\"text\":\"two\"}\n")
	bad := []byte(gzipped(strings.Repeat("{\"id\":\"lost\",\"text\":\"lost\"}\n", 40)))
	for i := 12; i < len(bad)-10; i++ {
		bad[i] = 0xff
	}
	last := gzipped("{\"id\":\"c\",\"text\":\"three\"}\n")
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"m.jsonl.gz": first + string(bad) + last})
	got, counts := collect(t, dir, []string{dir}, Options{})
	checkOutcomes(t, got, []string{
		`doc m.jsonl.gz#1 a text "one"`,
		`doc m.jsonl.gz#2 b text "two"`,
		fmt.Sprintf("err input: m.jsonl.gz: record 3: gzip: damaged member at byte %d: ", len(first)),
		`doc m.jsonl.gz#4 c text "three"`,
	})
	if want := (Counts{Sources: 1, Records: 4, Documents: 3, Failed: 1}); counts != want {
		t.Errorf("counts = %+v, want %+v", counts, want)
	}
}

// TestWARCPayloads checks a response record without HTTP header, read as
// its Content-Type says, and a payload labelled with a Content-Encoding
// it is not in: an error on that record only, naming the file, the
// record and the encoding.
func TestWARCPayloads(t *testing.T) {
	page := "<html><body><p>page</p></body></html>"
	data := warcRecord("response", "plain", "http://e/plain", "text/html", page, -1) +
		warcRecord("response", "liar", "http://e/liar", "application/http; msgtype=response",
			"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"+page, -1) +
		warcRecord("response", "ok", "http://e/ok", "application/http; msgtype=response", httpResp("200 OK", "text/html", page), -1)
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"p.warc": data})
	got, counts := collect(t, dir, []string{dir}, Options{})
	checkOutcomes(t, got, []string{
		`doc p.warc#1 <urn:uuid:plain> html "<html>`,
		`err input: p.warc: record 2: response <urn:uuid:liar>: Content-Encoding gzip, but the body is not gzip`,
		`doc p.warc#3 <urn:uuid:ok> html "<html>`,
	})
	if want := (Counts{Sources: 1, Records: 3, Documents: 2, Failed: 1}); counts != want {
		t.Errorf("counts = %+v, want %+v", counts, want)
	}
}
