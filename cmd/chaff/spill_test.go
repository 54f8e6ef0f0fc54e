package main

import (
	"bytes"
	"strings"
	"testing"
	"testing/iotest"
)

// TestSpill checks that output written in parts, past spillAt and below
// it, comes back whole and in order, in pieces that end at a newline.
func TestSpill(t *testing.T) {
	for _, tc := range []struct {
		name  string
		parts []string
	}{
		{"small, in memory", []string{"a\n", "b\n"}},
		{"past spillAt", []string{strings.Repeat("line of labels\n", spillAt/10), "tail\n", strings.Repeat("x\n", spillAt), "end\n"}},
		{"one line longer than the read buffer", []string{strings.Repeat("y", 3<<20) + "\n", strings.Repeat("z", spillAt) + "\n", "w\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := new(spill)
			defer s.close()
			var want bytes.Buffer
			for _, p := range tc.parts {
				s.buf.WriteString(p)
				want.WriteString(p)
				if err := s.settle(); err != nil {
					t.Fatal(err)
				}
			}
			if spilled := want.Len() > spillAt; spilled != (s.f != nil) {
				t.Errorf("%d bytes: spilled to a file %v, want %v", want.Len(), s.f != nil, spilled)
			}
			var got bytes.Buffer
			err := s.each(func(b []byte) error {
				if len(b) > 0 && b[len(b)-1] != '\n' {
					t.Errorf("piece of %d bytes does not end at a newline", len(b))
				}
				got.Write(b)
				return nil
			})
			if err != nil || !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("each: %d bytes back of %d, error %v", got.Len(), want.Len(), err)
			}
		})
	}
}

// TestEachLines checks the pieces of a reader that returns half of what is
// asked, with a line longer than the buffer and a last line without newline.
func TestEachLines(t *testing.T) {
	in := "one\ntwo\n" + strings.Repeat("long", 1<<19) + "\nlast"
	var got bytes.Buffer
	err := eachLines(iotest.HalfReader(strings.NewReader(in)), func(b []byte) error {
		if i := bytes.IndexByte(b, '\n'); i >= 0 && i != len(b)-1 && bytes.LastIndexByte(b, '\n') != len(b)-1 {
			t.Errorf("piece %q... does not end at a newline", b[:min(len(b), 20)])
		}
		got.Write(b)
		return nil
	})
	if err != nil || got.String() != in {
		t.Fatalf("%d bytes back of %d, error %v", got.Len(), len(in), err)
	}
}
