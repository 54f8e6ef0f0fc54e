package linescan

import (
	"math"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/chaff-dev/chaff/internal/lines"
)

func TestScan(t *testing.T) {
	tests := []struct {
		line string
		want stats // bytes is filled in from line
	}{
		{"Hello world.", stats{runes: 11, words: 2, letters: 10, upper: 1, punct: 1, capitalised: 1, longest: 5, first: kindUpper, last: kindSentence}},
		{"CAC 40 / 6 169,41 / +3,69 (+0,06 %)", stats{runes: 27, words: 9, letters: 3, digits: 14, upper: 3, punct: 10, numbers: 8, capitalised: 1, shortWords: 1, longest: 3, separators: 4, first: kindUpper, last: kindClosing}},
		{"« Élan » — l’été…", stats{runes: 13, words: 3, letters: 8, upper: 1, punct: 5, capitalised: 1, shortWords: 2, longest: 4, separators: 1, first: kindOpening, last: kindSentence}},
		{"See https://example.com or mail@example.com", stats{runes: 40, words: 8, letters: 34, upper: 1, punct: 6, capitalised: 1, shortWords: 4, longest: 7, separators: 2, url: true, first: kindUpper, last: kindLower}},
		{"© 2025 Groupe\u00a0Média", stats{runes: 16, words: 3, letters: 11, digits: 4, upper: 2, punct: 1, numbers: 1, capitalised: 2, longest: 6, copyright: true, first: kindSymbol, last: kindLower}},
		{"  \t", stats{}},
		{"日本語のテキスト", stats{runes: 8, words: 1, letters: 8, longest: 8, first: kindLower, last: kindLower}},
		{"bad \xff byte", stats{runes: 8, words: 2, letters: 7, punct: 1, shortWords: 1, longest: 4, first: kindLower, last: kindLower}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, _ := scanLine([]byte(tt.line), nil)
			tt.want.bytes = len(tt.line)
			if got != tt.want {
				t.Errorf("scan(%q)\n got %+v\nwant %+v", tt.line, got, tt.want)
			}
		})
	}
}

func TestScanHashes(t *testing.T) {
	hashes := func(s string) []uint32 {
		_, h := scanLine([]byte(s), nil)
		return h
	}
	// Case and digits are folded; punctuation and spacing do not matter.
	same := [][2]string{
		{"Lire aussi", "LIRE   AUSSI"},
		{"12 mars 2024", "47 mars 1999"},
		{"Partager: Facebook", "partager — facebook"},
	}
	for _, p := range same {
		if a, b := hashes(p[0]), hashes(p[1]); !equal(a, b) {
			t.Errorf("%q and %q hash differently: %v, %v", p[0], p[1], a, b)
		}
	}
	// Two words give the first, the second, their pair and the last.
	if h := hashes("lire aussi"); len(h) != 5 {
		t.Errorf("two words give %d hashes, want 5: %v", len(h), h)
	}
	if a, b := hashes("lire aussi"), hashes("aussi lire"); equal(a, b) {
		t.Error("word order is lost")
	}
	if h := hashes(" \t-- "); len(h) != 0 {
		t.Errorf("a line without words gives hashes %v", h)
	}
}

func equal(a, b []uint32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestHighRune checks the rune kinds against the Unicode tables where
// the scanner claims to agree with them: every letter of U+0080–U+07FF and of
// General Punctuation is a letter or punctuation as Unicode says.
func TestHighRune(t *testing.T) {
	for r := rune(0x80); r < 0x3000; r++ {
		if !(r < 0x800 || r >= 0x2000 && r < 0x2070) {
			continue
		}
		b := utf8.AppendRune(nil, r)
		n, k := highRune(b)
		if n != len(b) {
			t.Fatalf("%U: length %d, want %d", r, n, len(b))
		}
		letter := k == kindLower || k == kindUpper
		switch {
		case r >= 0x2000 && letter:
			t.Errorf("%U (%q) is a letter", r, r)
		case r >= 0xa0 && r < 0xc0 && letter && r != 0xaa && r != 0xba && r != 0xb5:
			t.Errorf("%U (%q) is a letter", r, r)
		case r >= 0xc0 && r < 0x180 && r != 0xd7 && r != 0xf7 && !letter:
			t.Errorf("%U (%q) is not a letter", r, r)
		case r >= 0xc0 && r < 0xdf && r != 0xd7 && (k == kindUpper) != unicode.IsUpper(r):
			t.Errorf("%U (%q): upper %v, Unicode says %v", r, r, k == kindUpper, unicode.IsUpper(r))
		}
	}
	for _, b := range [][]byte{{0xff}, {0xc3}, {0xe2, 0x80}, {0xc3, 0x41}} {
		if n, k := highRune(b); n != 1 || k != kindSymbol {
			t.Errorf("% x: length %d kind %d, want 1, symbol", b, n, k)
		}
	}
}

func TestBuild(t *testing.T) {
	data := []byte("Menu\nHome | News\n\nA first paragraph, with words.\r\nA second one.\n  \nFooter")
	f := Build(data, lines.Split(data))
	wantBlank := []bool{false, false, true, false, false, true, false}
	if len(f.Blank) != len(wantBlank) {
		t.Fatalf("%d lines, want %d", len(f.Blank), len(wantBlank))
	}
	for i, b := range wantBlank {
		if f.Blank[i] != b {
			t.Errorf("line %d blank %v, want %v", i+1, f.Blank[i], b)
		}
		if b && (len(f.Hashed(i)) != 0 || f.Row(i)[0] != 0) {
			t.Errorf("blank line %d has features", i+1)
		}
	}
	at := func(i int, name string) float32 {
		for j, n := range names {
			if n == name {
				return f.Row(i)[j]
			}
		}
		t.Fatalf("no feature %q", name)
		return 0
	}
	checks := []struct {
		line int // 0-based
		name string
		want float32
	}{
		{0, "position", 0},
		{1, "separators", logn(1)},
		{3, "group-lines", logn(2)},
		{3, "blank-before", 1},
		{3, "blank-after", 0},
		{4, "group-position", 0.5},
		{6, "lines-after", 0},
		{6, "lines-before", logn(4)},
		{3, "last-rune", kindSentence},
	}
	for _, c := range checks {
		if got := at(c.line, c.name); math.Abs(float64(got-c.want)) > 1e-6 {
			t.Errorf("line %d %s = %v, want %v", c.line+1, c.name, got, c.want)
		}
	}
	if !f.Heading(0) || f.Heading(3) {
		t.Errorf("Heading: %q %v, %q %v", "Menu", f.Heading(0), "A first paragraph, with words.", f.Heading(3))
	}
}
