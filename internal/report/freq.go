package report

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/chaff-dev/chaff/internal/textnorm"
)

// freqEntry counts one normalised noise line.
type freqEntry struct {
	key      string
	text     string
	cat      string         // the first category the line came in
	catN     int            // its lines in cat
	cats     map[string]int // its lines in each other category, made when one comes
	count    int
	docs     int
	examples []string
}

// freqTable counts normalised noise lines in a map of at most max keys.
// When the map is full it is pruned by lossy counting: every entry whose
// count is at or below a rising floor is forgotten, so the lines that
// recur survive and a count is never more than the true count.
//
// A document's lines are counted in a table of its own, which remembers
// the order its keys came in (ordered), and then merged into the
// Builder's, in that order: without pruning, the result is the same as
// counting every line in the Builder's table.
type freqTable struct {
	m        map[string]*freqEntry
	order    []*freqEntry // with ordered, the entries in the order their keys came
	ordered  bool
	max      int
	examples int
	runes    int
	floor    int // counts at or below this were pruned at least once
	prunes   int
	lost     int // the sum of the floors of the documents' own tables merged in
}

func newFreqTable(max, examples, runes int, ordered bool) *freqTable {
	return &freqTable{m: map[string]*freqEntry{}, max: max, examples: examples, runes: runes, ordered: ordered}
}

// reset empties the table for another document.
func (t *freqTable) reset() {
	clear(t.m)
	clear(t.order)
	t.order = t.order[:0]
	t.floor, t.prunes = 0, 0
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

// add counts one occurrence of line, of category cat, in a document's
// own table and returns scratch for reuse.
func (t *freqTable) add(scratch, line []byte, cat string) []byte {
	scratch = normalize(scratch[:0], line)
	if len(scratch) == 0 {
		return scratch
	}
	e, ok := t.m[string(scratch)]
	if !ok {
		e = t.insert(string(scratch), shorten(line, t.runes))
	}
	e.count++
	e.addCat(cat, 1)
	return scratch
}

// merge adds src, the table of document doc, in the order its keys came:
// each of its lines counts the document once, and names it as an example
// while there are fewer than t.examples.
func (t *freqTable) merge(src *freqTable, doc string) {
	for _, se := range src.order {
		e, ok := t.m[se.key]
		if !ok {
			e = t.insert(se.key, se.text)
		}
		e.count += se.count
		e.addCat(se.cat, se.catN)
		for c, n := range se.cats {
			e.addCat(c, n)
		}
		e.docs++
		if len(e.examples) < t.examples {
			e.examples = append(e.examples, doc)
		}
	}
	t.prunes += src.prunes
	t.lost += src.floor
}

// insert adds an entry for key, pruning first when the table is full.
func (t *freqTable) insert(key, text string) *freqEntry {
	if len(t.m) >= t.max {
		t.prune()
	}
	e := &freqEntry{key: key, text: text}
	t.m[key] = e
	if t.ordered {
		t.order = append(t.order, e)
	}
	return e
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
	if t.ordered {
		t.order = slices.DeleteFunc(t.order, func(e *freqEntry) bool { return t.m[e.key] != e })
	}
}

// top returns the n most frequent lines seen at least twice.
func (t *freqTable) top(n int) []FrequentLine {
	out := make([]FrequentLine, 0, min(n, len(t.m)))
	for k, e := range t.m {
		if e.count < 2 {
			continue
		}
		out = append(out, FrequentLine{Text: e.text, Key: k, Category: e.topCat(), Count: e.count,
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

// addCat counts n lines of the entry in category cat. Most lines come in
// one category: the map of the others is made only when another comes.
func (e *freqEntry) addCat(cat string, n int) {
	switch {
	case e.catN == 0 || cat == e.cat:
		e.cat = cat
		e.catN += n
	case e.cats == nil:
		e.cats = map[string]int{cat: n}
	default:
		e.cats[cat] += n
	}
}

// topCat is the most frequent category, the first in name order on ties.
func (e *freqEntry) topCat() string {
	best, bestN := e.cat, e.catN
	for c, n := range e.cats {
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
	sb.Grow(min(len(b), 4*max) + len("…")) // one allocation: a rune is at most 4 bytes
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
