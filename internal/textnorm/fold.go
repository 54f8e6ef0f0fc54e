package textnorm

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// latinFold holds the folded form of U+00C0..U+017F; an empty entry means the
// rune is not a letter to fold (× and ÷) and is lower-cased as is.
var latinFold = buildLatinFold()

const latinLo, latinHi = 0xC0, 0x180

func buildLatinFold() [latinHi - latinLo]string {
	var t [latinHi - latinLo]string
	set := func(from, to rune, s string) {
		for r := from; r <= to; r++ {
			t[r-latinLo] = s
		}
	}
	// Latin-1 Supplement.
	set(0xC0, 0xC5, "a")
	set(0xC6, 0xC6, "ae")
	set(0xC7, 0xC7, "c")
	set(0xC8, 0xCB, "e")
	set(0xCC, 0xCF, "i")
	set(0xD0, 0xD0, "d")
	set(0xD1, 0xD1, "n")
	set(0xD2, 0xD6, "o")
	set(0xD8, 0xD8, "o")
	set(0xD9, 0xDC, "u")
	set(0xDD, 0xDD, "y")
	set(0xDE, 0xDE, "th")
	set(0xDF, 0xDF, "ss")
	set(0xE0, 0xE5, "a")
	set(0xE6, 0xE6, "ae")
	set(0xE7, 0xE7, "c")
	set(0xE8, 0xEB, "e")
	set(0xEC, 0xEF, "i")
	set(0xF0, 0xF0, "d")
	set(0xF1, 0xF1, "n")
	set(0xF2, 0xF6, "o")
	set(0xF8, 0xF8, "o")
	set(0xF9, 0xFC, "u")
	set(0xFD, 0xFD, "y")
	set(0xFE, 0xFE, "th")
	set(0xFF, 0xFF, "y")
	// Latin Extended-A.
	set(0x100, 0x105, "a")
	set(0x106, 0x10D, "c")
	set(0x10E, 0x111, "d")
	set(0x112, 0x11B, "e")
	set(0x11C, 0x123, "g")
	set(0x124, 0x127, "h")
	set(0x128, 0x131, "i")
	set(0x132, 0x133, "ij")
	set(0x134, 0x135, "j")
	set(0x136, 0x138, "k")
	set(0x139, 0x142, "l")
	set(0x143, 0x14B, "n")
	set(0x14C, 0x151, "o")
	set(0x152, 0x153, "oe")
	set(0x154, 0x159, "r")
	set(0x15A, 0x161, "s")
	set(0x162, 0x167, "t")
	set(0x168, 0x173, "u")
	set(0x174, 0x175, "w")
	set(0x176, 0x178, "y")
	set(0x179, 0x17E, "z")
	set(0x17F, 0x17F, "s")
	return t
}

// Fold appends the folded form of src to dst and returns the extended slice:
// lower case, diacritics removed (é→e, ß→ss, œ→oe, æ→ae, also "e" followed by
// a combining accent), typographic apostrophes (’ ‘ ʼ) turned into '.
// Invalid UTF-8 bytes are copied unchanged. Fold does not allocate when dst
// has room for the result (len(src)*2 is always enough).
func Fold(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			dst = append(dst, c)
			i++
			continue
		}
		dst = foldRune(dst, r, src[i:i+size])
		i += size
	}
	return dst
}

// FoldRune appends the folded form of one rune to dst.
func FoldRune(dst []byte, r rune) []byte {
	var tmp [utf8.UTFMax]byte
	n := utf8.EncodeRune(tmp[:], r)
	return foldRune(dst, r, tmp[:n])
}

func foldRune(dst []byte, r rune, enc []byte) []byte {
	switch {
	case r < utf8.RuneSelf:
		return append(dst, byte(unicode.ToLower(r)))
	case r >= latinLo && r < latinHi:
		if s := latinFold[r-latinLo]; s != "" {
			return append(dst, s...)
		}
		return append(dst, enc...)
	case r == '’' || r == '‘' || r == 'ʼ':
		return append(dst, '\'')
	case unicode.Is(unicode.Mn, r):
		return dst // a combining accent left over from decomposed input
	}
	if decomposable(r) {
		if d := norm.NFD.Properties(enc).Decomposition(); len(d) > 0 {
			if base, n := utf8.DecodeRune(d); n > 0 && onlyMarks(d[n:]) {
				r = base
			}
		}
	}
	r = unicode.ToLower(r)
	if r >= latinLo && r < latinHi && latinFold[r-latinLo] != "" {
		return append(dst, latinFold[r-latinLo]...) // ẞ → ß → ss
	}
	return utf8.AppendRune(dst, r)
}

// decomposable reports whether r is in a block whose accented letters are
// folded to their base letter: Latin Extended-B and Additional (ǎ, ệ) and
// Greek (ά). Other scripts keep their letters: Cyrillic й is not и, and a
// Hangul syllable is not its first jamo.
func decomposable(r rune) bool {
	return r >= 0x180 && r <= 0x24F || r >= 0x370 && r <= 0x3FF || r >= 0x1E00 && r <= 0x1FFF
}

// onlyMarks reports whether b holds nothing but combining marks.
func onlyMarks(b []byte) bool {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if !unicode.Is(unicode.Mn, r) {
			return false
		}
		b = b[n:]
	}
	return true
}
