package report

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/chaff-dev/chaff/textnorm"
)

// freqEntry counts one normalised noise line.
type freqEntry struct {
	text     string
	cats     map[string]int
	count    int
	docs     int
	lastDoc  int
	examples []string
}

// freqTable counts normalised noise lines in a map of at most max keys.
// When the map is full it is pruned by lossy counting: every entry whose
// count is at or below a rising floor is forgotten, so the lines that
// recur survive and a count is never more than the true count.
type freqTable struct {
	m        map[string]*freqEntry
	max      int
	examples int
	runes    int
	floor    int // counts at or below this were pruned at least once
	prunes   int
}

func newFreqTable(max, examples, runes int) *freqTable {
	return &freqTable{m: map[string]*freqEntry{}, max: max, examples: examples, runes: runes}
}

// normalize appends the key of a line to dst: folded word tokens joined by
// single spaces, every digit replaced by 0.
func normalize(dst, line []byte) []byte {
	var buf []byte
	first := true
	textnorm.FoldedTokens(buf, line, func(tok []byte, _, _ int) {
		if !first {
			dst = append(dst, ' ')
		}
		first = false
		for _, c := range tok {
			if '0' <= c && c <= '9' {
				c = '0'
			}
			dst = append(dst, c)
		}
	})
	return dst
}

// add counts one occurrence of line in document doc (ordinal ord) and
// returns scratch for reuse.
func (t *freqTable) add(scratch, line []byte, cat, doc string, ord int) []byte {
	scratch = normalize(scratch[:0], line)
	if len(scratch) == 0 {
		return scratch
	}
	e, ok := t.m[string(scratch)]
	if !ok {
		if len(t.m) >= t.max {
			t.prune()
		}
		e = &freqEntry{text: shorten(line, t.runes), cats: map[string]int{}}
		t.m[string(scratch)] = e
	}
	e.count++
	e.cats[cat]++
	if e.lastDoc != ord {
		e.lastDoc = ord
		e.docs++
		if len(e.examples) < t.examples {
			e.examples = append(e.examples, doc)
		}
	}
	return scratch
}

// prune forgets the entries with the lowest counts until at most half the
// cap is used.
func (t *freqTable) prune() {
	t.prunes++
	for len(t.m) > t.max/2 {
		t.floor++
		for k, e := range t.m {
			if e.count <= t.floor {
				delete(t.m, k)
			}
		}
	}
}

// top returns the n most frequent lines seen at least twice.
func (t *freqTable) top(n int) []FrequentLine {
	out := make([]FrequentLine, 0, min(n, len(t.m)))
	for k, e := range t.m {
		if e.count < 2 {
			continue
		}
		out = append(out, FrequentLine{Text: e.text, Key: k, Category: topCat(e.cats), Count: e.count,
			Documents: e.docs, Examples: append([]string{}, e.examples...)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// topCat is the most frequent category, the first in name order on ties.
func topCat(cats map[string]int) string {
	best, bestN := "", -1
	for c, n := range cats {
		if n > bestN || (n == bestN && c < best) {
			best, bestN = c, n
		}
	}
	return best
}

// shorten returns b as valid UTF-8 with at most max runes, an ellipsis
// marking a cut, and control characters other than tab replaced by U+FFFD.
func shorten(b []byte, max int) string {
	var sb strings.Builder
	n := 0
	for i := 0; i < len(b); {
		if n == max {
			sb.WriteString("…")
			break
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 || (r < 0x20 && r != '\t') || r == 0x7f {
			r = utf8.RuneError
		}
		sb.WriteRune(r)
		i += size
		n++
	}
	return sb.String()
}
