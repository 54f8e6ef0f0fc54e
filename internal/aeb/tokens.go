package aeb

import "unicode"

// IsWordRune reports whether r belongs to a token: whether Python's re
// module matches it with \w in a str pattern. That is a letter (categories
// Lu, Ll, Lt, Lm, Lo), a number (Nd, Nl, No) or the underscore. Combining
// marks (Mn, Mc) are not word runes, so they split a token exactly as they
// do in the original evaluate.py.
func IsWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '_'
	}
	return unicode.IsLetter(r) || unicode.IsNumber(r)
}

// Tokens returns the tokens of s, in order and unchanged (the metric is case
// sensitive). Invalid UTF-8 separates tokens.
func Tokens(s string) []string {
	var toks []string
	forEachToken(s, func(start, end int) { toks = append(toks, s[start:end]) })
	return toks
}

// forEachToken calls fn with the byte range of every token of s.
func forEachToken(s string, fn func(start, end int)) {
	start := -1
	for i, r := range s {
		if IsWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			fn(start, i)
			start = -1
		}
	}
	if start >= 0 {
		fn(start, len(s))
	}
}

// vocab maps token text to small integers so that shingles and alignments
// compare integers instead of strings.
type vocab map[string]int32

// ids appends the token ids of s to dst.
func (v vocab) ids(dst []int32, s string) []int32 {
	forEachToken(s, func(start, end int) {
		id, ok := v[s[start:end]]
		if !ok {
			id = int32(len(v))
			v[s[start:end]] = id
		}
		dst = append(dst, id)
	})
	return dst
}
