package input

import (
	"bytes"
	"encoding/binary"
	"errors"
	"unicode/utf16"
	"unicode/utf8"
)

// A small strict JSON scanner: it validates a line in one pass (accepting
// exactly what encoding/json accepts) while recording the spans of the
// top-level object members, so that a record is scanned once instead of
// once by json.Valid and again to find its fields.

// maxDepth matches the nesting limit of encoding/json.
const maxDepth = 10000

var errSyntax = errors.New("invalid JSON")

// scanObjectLine validates line as one JSON value surrounded by optional
// whitespace. If the value is an object it returns its members and the
// index of '{'; isObject is false for other values.
func scanObjectLine(b []byte) (ms []member, open int, isObject bool, err error) {
	i := skipSpace(b, 0)
	if i == len(b) {
		return nil, 0, false, errSyntax
	}
	open = i
	if b[i] != '{' {
		end, err := scanValue(b, i, 0)
		if err != nil || skipSpace(b, end) != len(b) {
			return nil, 0, false, errSyntax
		}
		return nil, open, false, nil
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		i++
	} else {
		ms = make([]member, 0, 8)
		for {
			if i >= len(b) || b[i] != '"' {
				return nil, 0, false, errSyntax
			}
			kEnd, err := scanString(b, i)
			if err != nil {
				return nil, 0, false, err
			}
			kStart := i
			i = skipSpace(b, kEnd)
			if i >= len(b) || b[i] != ':' {
				return nil, 0, false, errSyntax
			}
			i = skipSpace(b, i+1)
			vEnd, err := scanValue(b, i, 1)
			if err != nil {
				return nil, 0, false, err
			}
			ms = append(ms, member{key: string(unquote(b[kStart:kEnd])), valStart: i, valEnd: vEnd})
			i = skipSpace(b, vEnd)
			if i >= len(b) {
				return nil, 0, false, errSyntax
			}
			if b[i] == '}' {
				i++
				break
			}
			if b[i] != ',' {
				return nil, 0, false, errSyntax
			}
			i = skipSpace(b, i+1)
		}
	}
	if skipSpace(b, i) != len(b) {
		return nil, 0, false, errSyntax
	}
	return ms, open, true, nil
}

// scanValue validates the value starting at b[i] and returns its end.
func scanValue(b []byte, i, depth int) (int, error) {
	if i >= len(b) {
		return 0, errSyntax
	}
	switch c := b[i]; {
	case c == '"':
		return scanString(b, i)
	case c == '{' || c == '[':
		if depth >= maxDepth {
			return 0, errSyntax
		}
		closer := byte('}')
		if c == '[' {
			closer = ']'
		}
		i = skipSpace(b, i+1)
		if i < len(b) && b[i] == closer {
			return i + 1, nil
		}
		for {
			if c == '{' {
				if i >= len(b) || b[i] != '"' {
					return 0, errSyntax
				}
				end, err := scanString(b, i)
				if err != nil {
					return 0, err
				}
				i = skipSpace(b, end)
				if i >= len(b) || b[i] != ':' {
					return 0, errSyntax
				}
				i = skipSpace(b, i+1)
			}
			end, err := scanValue(b, i, depth+1)
			if err != nil {
				return 0, err
			}
			i = skipSpace(b, end)
			if i >= len(b) {
				return 0, errSyntax
			}
			if b[i] == closer {
				return i + 1, nil
			}
			if b[i] != ',' {
				return 0, errSyntax
			}
			i = skipSpace(b, i+1)
		}
	case c == '-' || c >= '0' && c <= '9':
		return scanNumber(b, i)
	case c == 't':
		return scanLiteral(b, i, "true")
	case c == 'f':
		return scanLiteral(b, i, "false")
	case c == 'n':
		return scanLiteral(b, i, "null")
	}
	return 0, errSyntax
}

func scanLiteral(b []byte, i int, lit string) (int, error) {
	if len(b)-i < len(lit) || string(b[i:i+len(lit)]) != lit {
		return 0, errSyntax
	}
	return i + len(lit), nil
}

func scanNumber(b []byte, i int) (int, error) {
	if b[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case digits() == 0:
		return 0, errSyntax
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			return 0, errSyntax
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			return 0, errSyntax
		}
	}
	return i, nil
}

// scanString validates the string starting at b[i] == '"' and returns the
// index after its closing quote.
func scanString(b []byte, i int) (int, error) {
	for i++; i < len(b); i++ {
		for i+8 <= len(b) && !mayEndOrEscape(binary.LittleEndian.Uint64(b[i:])) {
			i += 8 // eight plain bytes
		}
		if i >= len(b) {
			break
		}
		switch c := b[i]; {
		case c == '"':
			return i + 1, nil
		case c < 0x20:
			return 0, errSyntax
		case c == '\\':
			i++
			if i >= len(b) {
				return 0, errSyntax
			}
			switch b[i] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
			case 'u':
				if len(b)-i < 5 || !isHex(b[i+1]) || !isHex(b[i+2]) || !isHex(b[i+3]) || !isHex(b[i+4]) {
					return 0, errSyntax
				}
				i += 4
			default:
				return 0, errSyntax
			}
		}
	}
	return 0, errSyntax
}

// mayEndOrEscape reports whether one of the eight bytes packed in x is a
// quote, a backslash or a control byte, the bytes a string scan must look
// at (it may also report true for other bytes beside such a byte). It is
// the classic word-at-a-time test: v-0x01… borrows into a byte's top bit
// only where the byte was below the subtracted value.
func mayEndOrEscape(x uint64) bool {
	const ones, tops = 0x0101010101010101, 0x8080808080808080
	quote, backslash := x^(ones*'"'), x^(ones*'\\')
	return ((quote-ones)&^quote|(backslash-ones)&^backslash|(x-ones*0x20)&^x)&tops != 0
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexVal(b []byte) rune {
	var r rune
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			c -= '0'
		case c >= 'a' && c <= 'f':
			c = c - 'a' + 10
		default:
			c = c - 'A' + 10
		}
		r = r<<4 | rune(c)
	}
	return r
}

// unquote decodes a valid JSON string literal into a new slice, with the
// same replacements as encoding/json: invalid UTF-8 bytes and unpaired
// surrogates become U+FFFD.
func unquote(raw []byte) []byte {
	s := raw[1 : len(raw)-1]
	out := make([]byte, 0, len(s))
	for {
		k := bytes.IndexByte(s, '\\')
		if k < 0 {
			return appendUTF8(out, s)
		}
		out = appendUTF8(out, s[:k])
		e := s[k+1]
		s = s[k+2:]
		switch e {
		case 'b':
			out = append(out, '\b')
		case 'f':
			out = append(out, '\f')
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			r := hexVal(s[:4])
			s = s[4:]
			if utf16.IsSurrogate(r) {
				if len(s) >= 6 && s[0] == '\\' && s[1] == 'u' && isHex(s[2]) && isHex(s[3]) && isHex(s[4]) && isHex(s[5]) {
					if r2 := utf16.DecodeRune(r, hexVal(s[2:6])); r2 != utf8.RuneError {
						s = s[6:]
						out = utf8.AppendRune(out, r2)
						break
					}
				}
				r = utf8.RuneError
			}
			out = utf8.AppendRune(out, r)
		default: // '"', '\\', '/'
			out = append(out, e)
		}
	}
}

// appendUTF8 appends s, a run of string bytes without escapes, to out,
// each byte that starts no valid UTF-8 sequence replaced by U+FFFD, as
// encoding/json does. A valid run, the usual case, is copied whole.
func appendUTF8(out, s []byte) []byte {
	if utf8.Valid(s) {
		return append(out, s...)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			out = utf8.AppendRune(out, utf8.RuneError)
		} else {
			out = append(out, s[i:i+size]...)
		}
		i += size
	}
	return out
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}
