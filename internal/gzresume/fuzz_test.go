package gzresume

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// FuzzResume puts arbitrary bytes between two good members: reading must
// end, never panic, report damage with sane offsets, start with the first
// member's content and end with the second's.
func FuzzResume(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte("garbage"))
	f.Add(corrupt(member(f, "a damaged member, long enough to be damaged")))
	f.Add(member(f, "a whole member")[:20])
	f.Add([]byte{0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff})
	first, second := member(f, "first member\n"), member(f, "second member\n")
	f.Fuzz(func(t *testing.T, mid []byte) {
		data := bytes.Join([][]byte{first, mid, second}, nil)
		r := NewReader(bytes.NewReader(data))
		var out bytes.Buffer
		buf := make([]byte, 512)
		last := int64(-1)
		for i := 0; ; i++ {
			if i > 4*len(data)+64 {
				t.Fatal("no io.EOF")
			}
			n, err := r.Read(buf)
			out.Write(buf[:n])
			if err == io.EOF {
				break
			}
			var d *DamageError
			if err != nil {
				if !errors.As(err, &d) {
					t.Fatalf("error %v is not a *DamageError", err)
				}
				if d.Offset <= last || d.Offset >= int64(len(data)) || (d.Next >= 0 && (d.Next <= d.Offset || d.Next >= int64(len(data)))) {
					t.Fatalf("damage at %d, next %d, after %d, in %d bytes", d.Offset, d.Next, last, len(data))
				}
				last = d.Offset
				d.Resume()
			}
		}
		if !bytes.HasPrefix(out.Bytes(), []byte("first member\n")) || !bytes.HasSuffix(out.Bytes(), []byte("second member\n")) {
			t.Fatalf("content %q", out.Bytes())
		}
	})
}
