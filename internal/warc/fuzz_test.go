package warc

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// FuzzReader checks that arbitrary input never panics, that every call to
// Next makes progress (so the loop ends), and that records and errors are
// well formed.
func FuzzReader(f *testing.F) {
	resp := rec("response", "r1", httpResponse("Content-Type: text/html\r\nContent-Encoding: gzip\r\n", gz("<p>x</p>")))
	short := rec("resource", "bad", "0123456789abcdef")
	short.length = 10
	long := rec("resource", "bad", "0123")
	long.length = 40
	lf := rec("conversion", "lf", "a\nb")
	lf.eol = "\n"
	f.Add(warcFile(resp, rec("resource", "s", "<html>")))
	f.Add(warcFile(short, lf, long, resp))
	f.Add(gzipPerRecord(resp, lf))
	f.Add([]byte("WARC/1.1\r\nContent-Length: 3\r\n\r\nabc"))
	f.Add([]byte("WARC/\nWARC/1.0\n\n"))
	// Resynchronisation: a Content-Length past the end or past the
	// maximum, a damaged gzip member between good ones, a headerless
	// response.
	huge := rec("resource", "huge", "<p>x</p>")
	huge.length = 1000000000000000
	over := rec("resource", "over", strings.Repeat("x", 1<<16+1))
	damaged := gzipBytes(rec("resource", "d", strings.Repeat("<p>d</p>", 20)).encode())
	for i := 12; i < len(damaged)-10; i++ {
		damaged[i] = 0xff
	}
	headerless := testRecord{typ: "response", id: "h", uri: "http://e/h", ctype: "text/html", block: "<p>h</p>", length: -1}
	f.Add(warcFile(huge, lf, headerless))
	f.Add(warcFile(lf, over, lf))
	f.Add(bytes.Join([][]byte{gzipPerRecord(lf), damaged, gzipPerRecord(headerless)}, nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := NewReader(bytes.NewReader(data), Options{MaxRecordSize: 1 << 16, MaxHeaderSize: 1 << 12})
		// Every call consumes at least one byte, so the number of results
		// is bounded by the input size. Gzip input can expand, so allow a
		// generous margin.
		limit := 64*len(data) + 16
		for i := 0; ; i++ {
			if i > limit {
				t.Fatalf("no io.EOF after %d calls on %d bytes", i, len(data))
			}
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				re, ok := err.(*RecordError)
				if !ok || re.Record < 1 {
					t.Fatalf("bad error %#v", err)
				}
				continue
			}
			if rec.Number < 1 || rec.Offset < 0 {
				t.Fatalf("bad record position %d@%d", rec.Number, rec.Offset)
			}
			if p, err := rec.Payload(1 << 16); err == nil && int64(len(p.Body)) > 1<<16 {
				t.Fatalf("payload of %d bytes exceeds the limit", len(p.Body))
			}
		}
	})
}
