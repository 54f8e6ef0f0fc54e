package repeated

import (
	"unicode"
	"unicode/utf8"
)

// Classes of ASCII bytes, so the common case skips the Unicode tables.
const (
	cOther uint8 = iota
	cLetter
	cUpper
	cDigit
	cSpace
	cPunct
)

// asciiClass is a constant lookup table, filled once and never written.
var asciiClass = func() (t [utf8.RuneSelf]uint8) {
	for r := range rune(utf8.RuneSelf) {
		switch {
		case 'A' <= r && r <= 'Z':
			t[r] = cUpper
		case unicode.IsLetter(r):
			t[r] = cLetter
		case unicode.IsDigit(r):
			t[r] = cDigit
		case unicode.IsSpace(r):
			t[r] = cSpace
		case unicode.IsPunct(r) || unicode.IsSymbol(r):
			t[r] = cPunct
		}
	}
	return t
}()

// Normalize appends to dst the form of line that is hashed under n and
// returns the extended slice. With n == 0 it appends line unchanged; with
// any flag set, bytes that are not valid UTF-8 become U+FFFD, so that
// Normalize(Normalize(x)) == Normalize(x).
func Normalize(dst, line []byte, n Norm) []byte {
	dst, _ = appendNorm(dst, line, n)
	return dst
}

// appendNorm is Normalize that also counts the letters of line.
func appendNorm(dst, line []byte, n Norm) ([]byte, int) {
	if n == 0 {
		return append(dst, line...), countLetters(line)
	}
	letters := 0
	inDigits := false // the last rune kept was a digit folded to '0'
	for i := 0; i < len(line); {
		r, size := rune(line[i]), 1
		var class uint8
		if r < utf8.RuneSelf {
			class = asciiClass[r]
		} else {
			r, size = utf8.DecodeRune(line[i:])
			class = runeClass(r)
		}
		i += size
		switch class {
		case cUpper:
			letters++
			if n&FoldCase != 0 {
				r += 'a' - 'A'
			}
		case cLetter:
			letters++
			if n&FoldCase != 0 && r >= utf8.RuneSelf {
				r = unicode.ToLower(r)
			}
		case cDigit:
			if n&FoldDigits != 0 {
				if !inDigits {
					dst = append(dst, '0')
					inDigits = true
				}
				continue
			}
		case cSpace:
			if n&StripSpace != 0 {
				continue // a stripped rune does not end a run of digits
			}
		case cPunct:
			if n&StripPunct != 0 {
				continue
			}
			if n&FoldCase != 0 && r >= utf8.RuneSelf {
				r = unicode.ToLower(r) // circled letters are symbols with case
			}
		default:
			if n&FoldCase != 0 && r >= utf8.RuneSelf {
				r = unicode.ToLower(r) // e.g. Roman numerals
			}
		}
		inDigits = false
		if r < utf8.RuneSelf {
			dst = append(dst, byte(r))
		} else {
			dst = utf8.AppendRune(dst, r)
		}
	}
	return dst, letters
}

// runeClass classifies a non-ASCII rune; utf8.RuneError (also what an
// invalid byte decodes to) is a symbol, so StripPunct drops it.
func runeClass(r rune) uint8 {
	switch {
	case unicode.IsLetter(r):
		return cLetter
	case unicode.IsDigit(r):
		return cDigit
	case unicode.IsSpace(r):
		return cSpace
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		return cPunct
	}
	return cOther
}

// countLetters counts the runes of category L in line.
func countLetters(line []byte) int {
	n := 0
	for i := 0; i < len(line); {
		if c := line[i]; c < utf8.RuneSelf {
			if k := asciiClass[c]; k == cLetter || k == cUpper {
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(line[i:])
		if unicode.IsLetter(r) {
			n++
		}
		i += size
	}
	return n
}
