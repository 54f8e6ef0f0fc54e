package textnorm

import (
	"unicode"
	"unicode/utf8"
)

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := 0; c < utf8.RuneSelf; c++ {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// latinWord caches isWordRune for U+0000..U+017F, where most European text
// lives.
var latinWord = func() (t [0x180]bool) {
	for r := range t {
		t[r] = isWordRune(rune(r))
	}
	return t
}()

// IsWordRune reports whether r belongs inside a token: a letter, a digit
// (also superscripts and fractions) or a combining mark.
func IsWordRune(r rune) bool {
	switch {
	case r < 0x180:
		return latinWord[r]
	case r >= 0x2000 && r <= 0x206F:
		return false // General Punctuation: dashes, quotes, spaces, bullets
	}
	return isWordRune(r)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nl, unicode.No)
}

// IsSymbolRune reports whether r makes a one-rune token of its own when
// Scanner.Symbols is set: other symbols (©, ®, ™, №, emoji), currency signs
// and the per cent and section signs.
func IsSymbolRune(r rune) bool {
	switch r {
	case '%', '§', '‰':
		return true
	}
	switch {
	case r < utf8.RuneSelf:
		return r == '$'
	case r >= 0x2000 && r <= 0x206F:
		return false // General Punctuation has no So or Sc rune
	}
	return unicode.In(r, unicode.So, unicode.Sc)
}

// Scanner walks the tokens of one line. The zero value is ready after Reset;
// a Scanner may be reused for any number of lines and then allocates nothing.
//
//	var s textnorm.Scanner
//	s.Reset(line)
//	for s.Next() {
//		use(s.Folded(), s.Start(), s.End())
//	}
type Scanner struct {
	// Symbols makes every symbol rune (see IsSymbolRune) a token of its own
	// instead of a separator.
	Symbols bool

	line       []byte
	pos        int
	start, end int
	symbol     bool
	digits     bool
	runes      int
	fold       []byte
}

// Reset starts scanning line from its beginning.
func (s *Scanner) Reset(line []byte) {
	s.line, s.pos, s.start, s.end = line, 0, 0, 0
}

// Next advances to the next token and reports whether there is one.
func (s *Scanner) Next() bool {
	line := s.line
	i := s.pos
	for i < len(line) {
		c := line[i]
		if c < utf8.RuneSelf {
			if asciiWord[c] {
				break
			}
			if s.Symbols && (c == '$' || c == '%') {
				s.set(i, i+1, true, false, 1)
				return true
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(line[i:])
		if r == utf8.RuneError && size <= 1 {
			i++
			continue
		}
		if IsWordRune(r) {
			break
		}
		if s.Symbols && IsSymbolRune(r) {
			s.set(i, i+size, true, false, 1)
			return true
		}
		i += size
	}
	if i >= len(line) {
		s.pos = len(line)
		return false
	}
	start, digits, runes := i, true, 0
	for i < len(line) {
		c := line[i]
		if c < utf8.RuneSelf {
			if !asciiWord[c] {
				break
			}
			digits = digits && c <= '9'
			i++
			runes++
			continue
		}
		r, size := utf8.DecodeRune(line[i:])
		if r == utf8.RuneError && size <= 1 || !IsWordRune(r) {
			break
		}
		digits = digits && unicode.IsDigit(r)
		i += size
		runes++
	}
	s.set(start, i, false, digits, runes)
	return true
}

func (s *Scanner) set(start, end int, symbol, digits bool, runes int) {
	s.start, s.end, s.pos = start, end, end
	s.symbol, s.digits, s.runes = symbol, digits, runes
}

// Start is the byte offset of the current token in the line.
func (s *Scanner) Start() int { return s.start }

// End is the byte offset just past the current token.
func (s *Scanner) End() int { return s.end }

// Raw returns the current token's bytes as they are in the line.
func (s *Scanner) Raw() []byte { return s.line[s.start:s.end] }

// Folded returns the current token folded (see Fold). The slice is valid
// until the next call to Next or Reset.
func (s *Scanner) Folded() []byte {
	s.fold = Fold(s.fold[:0], s.line[s.start:s.end])
	return s.fold
}

// IsSymbol reports whether the current token is a symbol token.
func (s *Scanner) IsSymbol() bool { return s.symbol }

// IsNumber reports whether the current token is made of digits only.
func (s *Scanner) IsNumber() bool { return s.digits && !s.symbol }

// Runes is the number of runes (letters, digits, marks) in the current token.
func (s *Scanner) Runes() int { return s.runes }

// Tokens calls fn for every word token of line, with the token's bytes as
// they are in the line (a sub-slice; fold them with Fold if needed) and its
// byte offsets. It allocates nothing.
func Tokens(line []byte, fn func(tok []byte, start, end int)) {
	var s Scanner
	s.Reset(line)
	for s.Next() {
		fn(line[s.start:s.end], s.start, s.end)
	}
}

// FoldedTokens calls fn for every word token of line, folded, with its byte
// offsets in line. buf is scratch space for the folded bytes and is returned,
// possibly grown, for reuse on the next line; the slice passed to fn is only
// valid during the call.
func FoldedTokens(buf, line []byte, fn func(folded []byte, start, end int)) []byte {
	var s Scanner
	s.Reset(line)
	for s.Next() {
		buf = Fold(buf[:0], line[s.start:s.end])
		fn(buf, s.start, s.end)
	}
	return buf
}
