package input

import "unicode/utf8"

// StringBytes is a Field value that is written as a JSON string, as a
// string would be, from bytes the caller already holds: converting them
// to a string would copy them. (A []byte is written in base64, as
// encoding/json writes it.)
type StringBytes []byte

// MarshalJSON writes b as a JSON string, so that encoding/json writes a
// StringBytes as SetFields does.
func (b StringBytes) MarshalJSON() ([]byte, error) { return appendString(nil, []byte(b)), nil }

// appendString appends s to dst as a JSON string, byte for byte as
// encoding/json writes a string without HTML escaping: quote, backslash
// and the control bytes escaped (\b, \f, \n, \r, \t by name, the others
// as \u00XX), U+2028 and U+2029 escaped, each byte that is not part of
// valid UTF-8 replaced with \ufffd, and everything else as it is.
// encoding/json looks at every byte; the text a record carries is mostly
// plain ASCII, so appendString skips eight plain bytes at a time and
// copies them in runs.
func appendString[S []byte | string](dst []byte, s S) []byte {
	dst = append(dst, '"')
	start := 0 // the plain bytes not yet copied begin here
	for i := 0; i < len(s); {
		for i+8 <= len(s) && !needsCare(le64(s, i)) {
			i += 8
		}
		if i >= len(s) {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch c {
			case '"', '\\':
				dst = append(dst, '\\', c)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		// A string of at most four bytes, which the compiler keeps on
		// the stack when s is a []byte.
		r, size := utf8.DecodeRuneInString(string(s[i:min(len(s), i+utf8.UTFMax)]))
		switch {
		case r == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

const hexDigits = "0123456789abcdef"

// needsCare reports whether one of the eight bytes packed in x is one a
// JSON string writes otherwise than as it is, or may: a quote, a
// backslash, a control byte (see mayEndOrEscape) or a byte of a
// multi-byte rune.
func needsCare(x uint64) bool {
	return x&0x8080808080808080 != 0 || mayEndOrEscape(x)
}

// le64 returns the eight bytes of s from i, little-endian; the compiler
// makes one load of them.
func le64[S []byte | string](s S, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
