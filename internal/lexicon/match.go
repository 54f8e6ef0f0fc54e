package lexicon

import "github.com/chaff-dev/chaff/internal/textnorm"

// Match is one phrase found in a line.
type Match struct {
	Category   string  // noise category, as in docs/labeling.md
	Lang       string  // language directory of the phrase ("mul" for none); "de,en" when several files hold it
	Phrase     string  // the pattern as written in its data file
	Fuzzy      bool    // found by approximate matching
	Similarity float64 // 1 for an exact match, in [FuzzyThreshold,1) for a fuzzy one
	Start, End int     // byte offsets of the matched text in the line
	// Coverage is the share of the line's token characters (letters, digits
	// and symbols such as ©) inside Start..End, in [0,1]: 1 when the phrase
	// is the whole line, small when it is a few words of a long paragraph.
	Coverage float64
}

const (
	// MaxFuzzyTokens is the longest line, in tokens, that is fuzzy-matched.
	MaxFuzzyTokens = 40
	// FuzzyThreshold is the lowest similarity reported as a fuzzy match.
	FuzzyThreshold = 0.8
	// MinFuzzyCoverage is the lowest coverage of a fuzzy match: a phrase
	// that is only roughly present is believed only when it makes up a good
	// part of the line, not when it is a few words of a sentence ("shared
	// on Reddit" in a paragraph is not a share button).
	MinFuzzyCoverage = 0.35
	// gapCost is what each line token inserted inside a fuzzy match costs,
	// in the same unit as token weights (1 for a stopword, 2 for an anchor).
	gapCost = 0.5
	// slack is how many extra line tokens a fuzzy alignment may span on
	// each side of the phrase's own length.
	slack = 3
	// minWordSim is the lowest edit-distance similarity for two anchor
	// words to count as the same word.
	minWordSim = 0.75
	maxWordLen = 32
	maxCats    = 32
)

// ltok is one token of the line being matched.
type ltok struct {
	hash       uint64
	entry      int32 // index in Lexicon.entries, -1 when the token is in no phrase
	start, end int32 // offsets in the line
	runes      int32 // runes before this token, cumulated (prefix sum)
	num        bool
}

// scratch is per-call working memory, pooled.
type scratch struct {
	own  textnorm.Line  // the tokens of the line given to Match
	line *textnorm.Line // the tokens being matched
	toks []ltok         // line.Tokens, hashed and looked up
	seen []int32        // phrases already matched or tried in this line
	// exactCats has bit c set when category index c matched exactly.
	exactCats uint64
}

// Match appends to dst every phrase of the lexicon found in line and
// returns the extended slice. Exact matches come first, in line order; then
// at most one fuzzy match per category that had no exact match. It
// allocates nothing when nothing matches (or dst has room) and is safe for
// concurrent use.
func (lx *Lexicon) Match(line []byte, dst []Match) []Match {
	if len(lx.phrases) == 0 {
		return dst
	}
	s := lx.pool.Get().(*scratch)
	s.own.Reset(line)
	dst = lx.match(s, &s.own, dst)
	lx.pool.Put(s)
	return dst
}

// MatchLine is Match over a line already cut into tokens, for callers
// that read its tokens for other purposes too.
func (lx *Lexicon) MatchLine(line *textnorm.Line, dst []Match) []Match {
	if len(lx.phrases) == 0 {
		return dst
	}
	s := lx.pool.Get().(*scratch)
	dst = lx.match(s, line, dst)
	s.line = nil // the pool must not keep the caller's line
	lx.pool.Put(s)
	return dst
}

// match finds the phrases in line with s as working memory.
func (lx *Lexicon) match(s *scratch, line *textnorm.Line, dst []Match) []Match {
	s.line = line
	toks := s.tokenize(lx)
	if len(toks) == 0 {
		return dst
	}
	s.seen = s.seen[:0]
	s.exactCats = 0
	for i := range toks {
		if toks[i].entry >= 0 {
			e := &lx.entries[toks[i].entry]
			for _, id := range e.exact {
				dst = lx.tryExact(dst, s, id, i)
			}
			if i == 0 {
				for _, id := range e.atStart {
					dst = lx.tryExact(dst, s, id, i)
				}
			}
			if i > 0 && toks[i-1].num {
				for _, id := range e.numPrev {
					dst = lx.tryExact(dst, s, id, i-1)
				}
			}
		}
		if toks[i].num {
			for _, id := range lx.numFirst {
				dst = lx.tryExact(dst, s, id, i)
			}
		}
	}
	if len(toks) > MaxFuzzyTokens {
		return dst
	}
	var best [maxCats]Match
	var found uint64
	for i := range toks {
		if toks[i].entry < 0 {
			continue
		}
		for _, ref := range lx.entries[toks[i].entry].anchor {
			p := &lx.phrases[ref.p]
			if s.exactCats&(1<<p.catIdx) != 0 || s.saw(ref.p) {
				continue
			}
			s.seen = append(s.seen, ref.p)
			m, ok := lx.fuzzy(s, p, i, int(ref.j))
			if ok && (found&(1<<p.catIdx) == 0 || m.Similarity > best[p.catIdx].Similarity) {
				best[p.catIdx] = m
				found |= 1 << p.catIdx
			}
		}
	}
	for c := 0; found != 0; c, found = c+1, found>>1 {
		if found&1 != 0 {
			dst = append(dst, best[c])
		}
	}
	return dst
}

func (s *scratch) saw(id int32) bool {
	for _, x := range s.seen {
		if x == id {
			return true
		}
	}
	return false
}

// tokenize hashes the tokens of s.line into s and looks each one up in the
// index, once.
func (s *scratch) tokenize(lx *Lexicon) []ltok {
	s.toks = s.toks[:0]
	var runes int32
	for i, t := range s.line.Tokens {
		h := hash(s.line.Folded(i))
		e := int32(-1)
		if lx.filter[h%filterBits/64]&(1<<(h%64)) != 0 {
			if i, ok := lx.index[h]; ok {
				e = i
			}
		}
		s.toks = append(s.toks, ltok{
			hash: h, entry: e, start: int32(t.Start), end: int32(t.End),
			runes: runes, num: t.Number,
		})
		runes += int32(t.Runes)
	}
	// A sentinel holds the total rune count, so that the runes of tokens
	// i..j are toks[j+1].runes - toks[i].runes.
	s.toks = append(s.toks, ltok{runes: runes})
	s.toks = s.toks[:len(s.toks)-1]
	return s.toks
}

// coverage is the share of the line's token runes in tokens i..j.
func (s *scratch) coverage(i, j int) float64 {
	all := s.toks[:len(s.toks)+1]
	total := all[len(all)-1].runes
	if total == 0 {
		return 0
	}
	return float64(all[j+1].runes-all[i].runes) / float64(total)
}

func (s *scratch) word(i int) []byte { return s.line.Folded(i) }

// tokEqual reports whether line token i matches phrase token t exactly.
func (s *scratch) tokEqual(i int, t *ptok) bool {
	switch t.kind {
	case kindNum:
		return s.toks[i].num
	case kindAny:
		return true
	}
	return s.toks[i].hash == t.hash && string(s.word(i)) == t.text
}

func (lx *Lexicon) tryExact(dst []Match, s *scratch, id int32, i int) []Match {
	p := &lx.phrases[id]
	n, m := len(s.toks), len(p.toks)
	if p.atStart && i != 0 || i+m > n || p.atEnd && i+m != n {
		return dst
	}
	for j := range p.toks {
		if !s.tokEqual(i+j, &p.toks[j]) {
			return dst
		}
	}
	s.seen = append(s.seen, id)
	s.exactCats |= 1 << p.catIdx
	return append(dst, Match{
		Category: p.cat, Lang: p.lang, Phrase: p.text, Similarity: 1,
		Start: int(s.toks[i].start), End: int(s.toks[i+m-1].end),
		Coverage: s.coverage(i, i+m-1),
	})
}
