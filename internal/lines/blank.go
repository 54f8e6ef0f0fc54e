package lines

import (
	"unicode"
	"unicode/utf8"
)

// IsBlank reports whether text holds nothing but white space: ASCII
// spaces and tabs, U+00A0, U+3000, zero-width spaces, byte-order marks and
// every other Unicode space.
func IsBlank(text []byte) bool {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c != ' ' && c != '\t' && c != '\v' && c != '\f' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRune(text[i:])
		if !unicode.IsSpace(r) && r != '\u200b' && r != '\ufeff' && r != '\u2060' {
			return false
		}
		i += n
	}
	return true
}
