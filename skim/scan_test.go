package skim

import (
	"slices"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/lines"
)

// scanBytes is scan one byte at a time, as it was before words were read
// eight bytes at a time: scan must measure and hash every line exactly as
// it does, or the embedded model's weights would no longer match.
func scanBytes(text []byte, h []uint32, mask uint32) (stats, []uint32) {
	return scanWords(text, h, mask, false)
}

// TestScanMatchesBytes compares scan with scanBytes on lines that put
// every kind of byte at every offset of a word and across the eight-byte
// steps.
func TestScanMatchesBytes(t *testing.T) {
	parts := []string{"a", "Z", "0", "9", "é", "É", "ß", "日", " ", "\t", ".", "-", "|", "@", ":", "«", "’", "\u00a0", "\xff", "\xc3", "http", "www."}
	words := []string{"", "abcdefg", "abcdefgh", "ABCDEFGHI", "Données", "x1y2z3w4v5u6", "élan", "0123456789012345678", "EUR/USD"}
	check := func(line string) {
		t.Helper()
		wantS, wantH := scanBytes([]byte(line), nil, 1<<WordBits-1)
		gotS, gotH := scan([]byte(line), nil, 1<<WordBits-1)
		if gotS != wantS || !slices.Equal(gotH, wantH) {
			t.Fatalf("scan(%q)\n got %+v %v\nwant %+v %v", line, gotS, gotH, wantS, wantH)
		}
	}
	for _, w := range words {
		for _, p := range parts {
			for k := 0; k <= len(w); k++ {
				for pad := range 9 {
					line := padding(pad) + w[:k] + p + w[k:] + p + w
					check(line)
				}
			}
		}
	}
}

// padding returns n bytes of one-letter words ("q q q…"), which move what
// follows them to every offset of an eight-byte step.
func padding(n int) string {
	return strings.Repeat("q ", n)[:n]
}

// FuzzScan checks scan against scanBytes on any bytes.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"", "abcdefghijklmnop qrs", "CAC 40 / 6 169,41", "« Élan » — l’été…", "\xff\xc3abcdefgh\xe2\x80", "日本語abc12345678xyz"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		wantS, wantH := scanBytes(line, nil, 1<<WordBits-1)
		gotS, gotH := scan(line, nil, 1<<WordBits-1)
		if gotS != wantS || !slices.Equal(gotH, wantH) {
			t.Fatalf("scan(%q)\n got %+v %v\nwant %+v %v", line, gotS, gotH, wantS, wantH)
		}
	})
}

// BenchmarkScan measures the byte pass alone over every line of the
// benchmark's dumps.
func BenchmarkScan(b *testing.B) {
	docs := benchDumps(b)
	var all [][]byte
	for _, d := range docs {
		for _, s := range lines.Split(d) {
			all = append(all, d[s.Start:s.End])
		}
	}
	b.SetBytes(size(docs))
	b.ReportAllocs()
	h := make([]uint32, 0, 1024)
	for b.Loop() {
		for _, l := range all {
			_, h = scan(l, h[:0], 1<<WordBits-1)
		}
	}
}
