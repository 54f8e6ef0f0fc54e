package gzresume

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

func member(t testing.TB, s string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write([]byte(s))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// corrupt returns m with its deflate data overwritten in the middle.
func corrupt(m []byte) []byte {
	m = bytes.Clone(m)
	for i := 12; i < len(m)-10; i++ {
		m[i] = 0xff
	}
	return m
}

// transcript reads everything, resuming after each damage, and renders it
// as the content read with "[damage OFFSET>NEXT]" where damage was found.
func transcript(t testing.TB, data []byte) string {
	t.Helper()
	r := NewReader(bytes.NewReader(data))
	var out strings.Builder
	buf := make([]byte, 7) // small reads cross member ends
	for range 10 * (len(data) + 10) {
		n, err := r.Read(buf)
		out.Write(buf[:n])
		if err == io.EOF {
			return out.String()
		}
		var d *DamageError
		if err != nil {
			if !errors.As(err, &d) {
				t.Fatalf("error %v is not a *DamageError", err)
			}
			fmt.Fprintf(&out, "[damage %d>%d]", d.Offset, d.Next)
			d.Resume()
		}
	}
	t.Fatal("no io.EOF")
	return ""
}

func TestResume(t *testing.T) {
	text := func(s string) string { return strings.Repeat(s+" line of text\n", 20) }
	a, b, c := member(t, text("a")), member(t, text("b")), member(t, text("c"))
	la, lb := len(a), len(b)
	cut := b[:lb/2]
	cat := func(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"whole", cat(a, b, c), text("a") + text("b") + text("c")},
		{"damaged middle member", cat(a, corrupt(b), c), text("a") + fmt.Sprintf("[damage %d>%d]", la, la+lb) + text("c")},
		{"bad checksum", cat(a, append(bytes.Clone(b[:lb-8]), 0, 0, 0, 0, b[lb-4], b[lb-3], b[lb-2], b[lb-1]), c),
			text("a") + text("b") + fmt.Sprintf("[damage %d>%d]", la, la+lb) + text("c")},
		{"truncated member followed by one", cat(a, cut, c), fmt.Sprintf("[damage %d>%d]", la, la+len(cut)) + text("c")},
		{"garbage first", cat([]byte("not gzip at all"), a), fmt.Sprintf("[damage 0>%d]", 15) + text("a")},
		{"garbage last", cat(a, []byte("\x00\x00\x00trailing")), text("a") + fmt.Sprintf("[damage %d>-1]", la)},
		{"truncated last", cat(a, cut), text("a") + fmt.Sprintf("[damage %d>-1]", la)},
		{"empty", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := transcript(t, tt.data)
			// What comes out of a damaged member before the damage is
			// found varies: compare the damage marks and what follows.
			if i := strings.Index(tt.want, "[damage"); i >= 0 {
				j := strings.Index(got, "[damage")
				prefix := tt.want[:i]
				if j < 0 || !strings.HasPrefix(got[:j], prefix) || got[j:] != tt.want[i:] {
					t.Errorf("got  %q\nwant %q", got, tt.want)
				}
				return
			}
			if got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestPendingUntilResumed checks that the damage is returned again until
// it is acknowledged, so that no layer in between can lose it.
func TestPendingUntilResumed(t *testing.T) {
	data := append(corrupt(member(t, strings.Repeat("x", 500))), member(t, "after")...)
	r := NewReader(bytes.NewReader(data))
	var d *DamageError
	for range 3 {
		if _, err := io.ReadAll(r); !errors.As(err, &d) {
			t.Fatalf("err = %v, want the damage", err)
		}
	}
	d.Resume()
	rest, err := io.ReadAll(r)
	if err != nil || string(rest) != "after" {
		t.Fatalf("after Resume: %q, %v", rest, err)
	}
	if !strings.Contains(d.Error(), "damaged member at byte 0") || !strings.Contains(d.Error(), "next member at byte") {
		t.Errorf("message %q", d.Error())
	}
}

// TestLongDamagedMember checks a damaged member longer than maxRescan.
func TestLongDamagedMember(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	var big bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&big, gzip.NoCompression)
	chunk := bytes.Repeat([]byte("0123456789abcdef"), 1<<12)
	for big.Len() < maxRescan+(1<<20) {
		zw.Write(chunk)
	}
	zw.Close()
	bad := big.Bytes()
	bad[len(bad)-6] ^= 0xff // the size in the trailer
	got := transcript(t, append(bad, member(t, "after")...))
	if want := fmt.Sprintf("[damage 0>%d]after", len(bad)); !strings.HasSuffix(got, want) {
		t.Errorf("ends with %q, want %q", got[max(0, len(got)-60):], want)
	}
}

func BenchmarkRead(b *testing.B) {
	var plain bytes.Buffer
	for i := 0; plain.Len() < 8<<20; i++ {
		fmt.Fprintf(&plain, `{"id":"%d","text":"a line of text number %d, and some more words"}`+"\n", i, i*7919)
	}
	data := member(b, plain.String())
	b.SetBytes(int64(plain.Len()))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := io.Copy(io.Discard, NewReader(bytes.NewReader(data))); err != nil {
			b.Fatal(err)
		}
	}
}
