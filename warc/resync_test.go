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
