package linescan

import (
	"slices"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/lines"
)

// scanBytes is scan one byte at a time, as it was before it read
// bitmaps: scan must measure and hash every line exactly as it does, or
// the embedded model's weights would no longer match.
func scanBytes(text []byte, h []uint32, mask uint32) (stats, []uint32) {
	s := stats{bytes: len(text)}
	var prev uint32 // hash of the previous word; 0 before the first
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		b := byteInfo[c]
		if b&bWord != 0 || b&bHigh != 0 && isLetter(text[i:]) {
			var hw, acc uint64 // the word's hash, and its bytes not yet in it
			wlen, letters, upper, packed := 0, 0, 0, 0
			first := i
			for i < n {
				c = text[i]
				b = byteInfo[c]
				if b&bWord != 0 {
					acc = acc<<8 | uint64(fold[c])
					if packed++; packed == 8 {
						hw, acc, packed = mix(hw, acc), 0, 0
					}
					letters += int(b&bLetter) >> 1
					upper += int(b&bUpper) >> 2
					i++
					wlen++
					continue
				}
				if b&bHigh == 0 {
					break
				}
				m, k := highRune(text[i:])
				if k != kindLower && k != kindUpper {
					break
				}
				for _, x := range text[i : i+m] {
					acc = acc<<8 | uint64(x)
					if packed++; packed == 8 {
						hw, acc, packed = mix(hw, acc), 0, 0
					}
				}
				letters++
				if k == kindUpper {
					upper++
				}
				i += m
				wlen++
			}
			w := finish(mix(hw, acc|uint64(packed)<<61))
			s.words++
			s.runes += wlen
			s.letters += letters
			s.upper += upper
			s.digits += wlen - letters
			if letters == 0 {
				s.numbers++
			} else if wlen <= 3 {
				s.shortWords++
			}
			if byteInfo[text[first]]&bUpper != 0 || text[first] >= 0x80 && upper > 0 && isUpper(text[first:]) {
				s.capitalised++
			}
			s.longest = max(s.longest, wlen)
			if prev == 0 {
				h = append(h, (w^0x9e3779b9)&mask) // the first word, as such
			} else {
				h = append(h, ((prev*31)^w^0x7f4a7c15)&mask) // the pair with the one before
			}
			h = append(h, w&mask)
			prev = w
			continue
		}
		switch {
		case b&bSpace != 0:
			i++
			continue
		case b&bHigh != 0:
			m, k := highRune(text[i:])
			if k == kindBullet {
				s.separators++
			}
			if m == 2 && c == 0xc2 && text[i+1] == 0xa9 {
				s.copyright = true
			}
			if !(m == 2 && c == 0xc2 && text[i+1] == 0xa0) { // a no-break space is white space
				s.punct++
				s.runes++
			}
			i += m
			continue
		}
		s.punct++
		s.runes++
		if b&bSep != 0 {
			s.separators++
		}
		switch c {
		case ':':
			if i >= 4 && string(text[i-4:i]) == "http" || i >= 5 && string(text[i-5:i]) == "https" {
				s.url = true
			}
		case '@':
			s.url = true
		case '.':
			if i >= 3 && string(text[i-3:i]) == "www" {
				s.url = true
			}
		}
		i++
	}
	if prev != 0 {
		h = append(h, (prev^0x85ebca6b)&mask) // the last word, as such
	}
	s.first, s.last = firstKind(text), lastKind(text)
	return s, h
}

// fold maps a word byte to the byte scanBytes hashes for it: ASCII
// letters in lower case, every digit as 0.
var fold = func() (f [256]uint8) {
	for c := range 256 {
		f[c] = uint8(c)
		switch {
		case c >= 'A' && c <= 'Z':
			f[c] = uint8(c) + 'a' - 'A'
		case c >= '0' && c <= '9':
			f[c] = '0'
		}
	}
	return f
}()

// isLetter reports whether the multi-byte rune that begins b is a letter.
func isLetter(b []byte) bool {
	_, k := highRune(b)
	return k == kindLower || k == kindUpper
}

// isUpper reports whether the multi-byte rune that begins b is an
// upper-case letter.
func isUpper(b []byte) bool {
	_, k := highRune(b)
	return k == kindUpper
}

// TestScanMatchesBytes compares scan with scanBytes on lines that put
// every kind of byte at every offset of a word, of the eight-byte steps
// and of the 64-byte blocks, and in words longer than a block.
func TestScanMatchesBytes(t *testing.T) {
	parts := []string{"a", "Z", "0", "9", "é", "É", "ß", "日", "😀", "я", " ", "\t", "\r", "\x00", "\x7f", ".", "-", "|", "@", ":", "«", "’", "—", "©", "\u00a0", "\xff", "\xc3", "\xd0", "\xe2\x80", "http", "www."}
	words := []string{"", "abcdefg", "abcdefgh", "ABCDEFGHI", "Données", "x1y2z3w4v5u6", "élan", "Вход", "0123456789012345678", "EUR/USD",
		strings.Repeat("aB3", 25), strings.Repeat("Données", 20), strings.Repeat("Вход", 10)}
	var pads []int // to every offset of an eight-byte step, from the start and up to the ends of the first two blocks
	for _, from := range []int{0, 56, 120} {
		for pad := from; pad <= from+8; pad++ {
			pads = append(pads, pad)
		}
	}
	for _, w := range words {
		for _, p := range parts {
			for k := 0; k <= len(w); k++ {
				for _, pad := range pads {
					if len(w) > 64 && pad > 8 {
						continue // what splits them crosses the blocks anyway
					}
					checkScan(t, padding(pad)+w[:k]+p+w[k:]+p+w)
				}
			}
		}
	}
}

// checkScan compares scan with scanBytes on line, both alone in its
// storage and followed there by bytes that are not part of it, which scan
// must not read as such: a line of a document is.
func checkScan(t *testing.T, line string) {
	t.Helper()
	wantS, wantH := scanBytes([]byte(line), nil, 1<<WordBits-1)
	for _, after := range []string{"", "\n", "a", "\x80a\x80\x80Zz9\u00a0—http:yyyyyyyyyyyyy"} {
		text := []byte(line + after)
		gotS, gotH := scanLine(text[:len(line):len(line)+len(after)], nil)
		if gotS != wantS || !slices.Equal(gotH, wantH) {
			t.Fatalf("scan(%q), followed by %q\n got %+v %v\nwant %+v %v", line, after, gotS, gotH, wantS, wantH)
		}
	}
}

// padding returns n bytes of one-letter words ("q q q…"), which move what
// follows them to every offset of an eight-byte step.
func padding(n int) string {
	return strings.Repeat("q ", n)[:n]
}

// FuzzScan checks scan against scanBytes on any bytes, followed in their
// storage by any others.
func FuzzScan(f *testing.F) {
	for _, s := range []string{"", "abcdefghijklmnop qrs", "CAC 40 / 6 169,41", "« Élan » — l’été…", "\xff\xc3abcdefgh\xe2\x80", "日本語abc12345678xyz",
		strings.Repeat("Вход на сайт, ", 6), strings.Repeat("x", 70) + "é"} {
		f.Add([]byte(s), []byte("\n\x80Ab"))
	}
	f.Fuzz(func(t *testing.T, line, after []byte) {
		wantS, wantH := scanBytes(line, nil, 1<<WordBits-1)
		n := len(line)
		gotS, gotH := scanLine(append(line[:n:n], after...)[:n], nil)
		if gotS != wantS || !slices.Equal(gotH, wantH) {
			t.Fatalf("scan(%q), followed by %q\n got %+v %v\nwant %+v %v", line, after, gotS, gotH, wantS, wantH)
		}
	})
}

// BenchmarkScan measures the byte pass alone over every line of the
// benchmark's dumps.
func BenchmarkScan(b *testing.B) {
	docs, size := benchDumps(b)
	var all [][]byte
	for _, d := range docs {
		for _, s := range lines.Split(d) {
			all = append(all, d[s.Start:s.End])
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	h := make([]uint32, 0, 1024)
	var sc scanner
	var st stats
	for b.Loop() {
		for _, l := range all {
			h = sc.scan(l, h[:0], &st)
		}
	}
}

// scanLine is scan by a scanner of its own, its stats returned. The
// stats and the scanner first hold another line's, one that sets every
// field, as Measure's do from line to line: a field scan left unset
// would show that line's value.
func scanLine(text []byte, h []uint32) (stats, []uint32) {
	var st stats
	sc := new(scanner)
	sc.scan([]byte("» Über 40 % : voir www.example.com, ÉTÉ © 2024 — ok?"), nil, &st)
	h = sc.scan(text, h, &st)
	return st, h
}
