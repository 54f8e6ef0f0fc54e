package lines

import (
	"bytes"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // text and terminator, alternating
	}{
		{"empty", "", nil},
		{"no final newline", "a\nb", []string{"a", "\n", "b", ""}},
		{"final newline", "a\n", []string{"a", "\n"}},
		{"crlf", "a\r\nb\r\n", []string{"a", "\r\n", "b", "\r\n"}},
		{"lone cr", "a\rb", []string{"a", "\r", "b", ""}},
		{"cr then lf line", "a\r\r\n", []string{"a", "\r", "", "\r\n"}},
		{"blank lines", "\n\n", []string{"", "\n", "", "\n"}},
		{"nbsp and invalid utf-8", "\u00a0\xff\xfe\n", []string{"\u00a0\xff\xfe", "\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.in)
			var got []string
			for _, s := range Split(data) {
				got = append(got, string(data[s.Start:s.End]), string(data[s.End:s.Next]))
			}
			if len(got) != len(tt.want) {
				t.Fatalf("Split(%q) = %q, want %q", tt.in, got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("Split(%q) = %q, want %q", tt.in, got, tt.want)
				}
			}
		})
	}
}

func FuzzSplitRoundTrip(f *testing.F) {
	for _, s := range []string{"", "a\nb", "\r\n\r", "x\r\r\ny\n", "\xff\n\u00a0"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var buf bytes.Buffer
		prev := 0
		for _, s := range Split(data) {
			if s.Start != prev || s.End < s.Start || s.Next < s.End {
				t.Fatalf("bad span %+v after %d", s, prev)
			}
			if bytes.ContainsAny(data[s.Start:s.End], "\r\n") {
				t.Fatalf("line %q holds a terminator", data[s.Start:s.End])
			}
			switch eol := string(data[s.End:s.Next]); {
			case eol == "" && s.Next != len(data),
				eol != "" && eol != "\n" && eol != "\r\n" && eol != "\r",
				eol == "\r" && s.Next < len(data) && data[s.Next] == '\n':
				t.Fatalf("line %+v ends with %q", s, eol)
			}
			buf.Write(data[s.Start:s.Next])
			prev = s.Next
		}
		if !bytes.Equal(buf.Bytes(), data) {
			t.Fatalf("round trip lost bytes: %q != %q", buf.Bytes(), data)
		}
	})
}

// TestSplitterAppend checks that taking the lines a few at a time gives
// the spans of Split, whatever the batch size, terminators straddling a
// batch's end included.
func TestSplitterAppend(t *testing.T) {
	docs := []string{"", "a", "a\nb", "a\r\nb\r\n", "a\rb\r\r\nc\n\nd", "\n\n\n", "x\r", "\r\n\r\r"}
	for _, doc := range docs {
		data := []byte(doc)
		want := Split(data)
		for _, n := range []int{1, 2, 3, 100} {
			sp := NewSplitter(data)
			var got []Span
			for !sp.Done() {
				before := len(got)
				got = sp.Append(got, n)
				if k := len(got) - before; k == 0 || k > n {
					t.Fatalf("%q, batches of %d: appended %d spans", doc, n, k)
				}
			}
			if len(got) != len(want) {
				t.Fatalf("%q, batches of %d: %v, want %v", doc, n, got, want)
			}
			for i := range got {
				if got[i] != want[i] {
					t.Fatalf("%q, batches of %d: %v, want %v", doc, n, got, want)
				}
			}
		}
	}
}
