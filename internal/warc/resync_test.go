package warc

import (
	"bytes"
	"strings"
	"testing"
)

// TestDamagedGzipMember checks that a damaged gzip member in the middle
// of a per-record compressed WARC costs its record only: the records of
// the members after it are read.
func TestDamagedGzipMember(t *testing.T) {
	r1 := gzipBytes(rec("resource", "r1", "<p>one</p>").encode())
	r2 := gzipBytes(rec("resource", "r2", strings.Repeat("<p>two</p>", 50)).encode())
	r3 := gzipBytes(rec("resource", "r3", "<p>three</p>").encode())
	for i := 12; i < len(r2)-10; i++ {
		r2[i] = 0xff
	}
	out, _, errs := readAll(t, bytes.Join([][]byte{r1, r2, r3}, nil), Options{})
	if strings.Join(out, " ") != "r1 err 2 r3" {
		t.Fatalf("got %q, want r1, an error on record 2, r3", out)
	}
	if msg := errs[0].Error(); !errs[0].Resync || !strings.Contains(msg, "damaged member at byte ") {
		t.Errorf("error %q does not say which member was damaged", msg)
	}
}

// TestWrongContentLength checks that a Content-Length past the end of the
// stream or past the maximum record size costs its record only: the
// reader resynchronises at the next version line instead of skipping the
// declared length, which would swallow the records after it.
func TestWrongContentLength(t *testing.T) {
	huge := rec("resource", "huge", "<p>lying</p>")
	huge.length = 1000000000000000
	past := rec("resource", "past", "<p>lying</p>")
	past.length = 5000
	over := rec("resource", "over", strings.Repeat("x", 300))
	good := rec("resource", "good", "<p>good</p>")
	after := rec("resource", "after", "<p>after</p>")
	tests := []struct {
		name string
		data []byte
		opts Options
		want string
	}{
		{"1 PB", warcFile(huge, good, after), Options{}, "err 1 good after"},
		{"1 PB gzip per record", gzipPerRecord(good, huge, after), Options{}, "good err 2 after"},
		{"past the end", warcFile(good, past, after), Options{}, "good err 2 after"},
		{"over the maximum", warcFile(good, over, after), Options{MaxRecordSize: 100}, "good err 2 after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, errs := readAll(t, tt.data, tt.opts)
			if strings.Join(got, " ") != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			if !errs[0].Resync || !strings.Contains(errs[0].Error(), "Content-Length") {
				t.Errorf("error %q", errs[0])
			}
		})
	}
}
