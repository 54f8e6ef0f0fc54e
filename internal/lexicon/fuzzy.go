package lexicon

// cell is one state of the fuzzy alignment.
type cell struct {
	score       float32
	first, last int8 // window positions of the first and last aligned tokens; -1 for none
}

// fuzzy aligns phrase p with the line tokens around position i, where the
// line has p's anchor token j exactly. It returns the match and true when
// the similarity reaches FuzzyThreshold, the coverage MinFuzzyCoverage, and every anchor of p has a close
// enough word in the window.
func (lx *Lexicon) fuzzy(s *scratch, p *phrase, i, j int) (Match, bool) {
	m := len(p.toks)
	lo := max(0, i-j-slack)
	hi := min(len(s.toks), i+(m-j)+slack)
	w := hi - lo
	if w <= 0 || w > MaxPhraseTokens+2*slack+1 {
		return Match{}, false
	}
	// sim[k][x]: how well phrase token k matches line token lo+x. Exact
	// matches first: they are cheap and bound the best possible score, so
	// most candidates are dropped before any edit distance is computed.
	var sim [MaxPhraseTokens][MaxPhraseTokens + 2*slack + 1]float32
	var exact [MaxPhraseTokens]bool
	var bound float32
	for k := range p.toks {
		t := &p.toks[k]
		for x := 0; x < w; x++ {
			if s.tokEqual(lo+x, t) {
				sim[k][x], exact[k] = 1, true
			}
		}
		if exact[k] || t.anchor {
			bound += weight(*t)
		}
	}
	if bound < FuzzyThreshold*p.weight {
		return Match{}, false
	}
	for k := range p.toks {
		t := &p.toks[k]
		if exact[k] || !t.anchor {
			continue
		}
		ok := false
		for x := 0; x < w; x++ {
			v := s.wordSim(lo+x, t)
			sim[k][x] = v
			ok = ok || v > 0
		}
		if !ok {
			return Match{}, false // every anchor must be there, if misspelt
		}
	}
	// dp over (phrase tokens done, window tokens done); rows are reused.
	var prev, cur [MaxPhraseTokens + 2*slack + 2]cell
	for x := 0; x <= w; x++ {
		prev[x] = cell{0, -1, -1}
	}
	for k := 0; k < m; k++ {
		wk := weight(p.toks[k])
		for x := 0; x <= w; x++ {
			c := prev[x] // skip phrase token k
			if x > 0 {
				if v := sim[k][x-1]; v > 0 {
					d := prev[x-1]
					d.score += wk * v
					if d.first < 0 {
						d.first = int8(x - 1)
					}
					d.last = int8(x - 1)
					if d.score > c.score {
						c = d
					}
				}
				if g := cur[x-1]; g.first >= 0 && g.score-gapCost > c.score {
					g.score -= gapCost // line token x-1 inserted
					c = g
				}
			}
			cur[x] = c
		}
		prev = cur
	}
	bestX := 0
	for x := 1; x <= w; x++ {
		if prev[x].score > prev[bestX].score {
			bestX = x
		}
	}
	b := prev[bestX]
	similarity := float64(b.score / p.weight)
	if b.first < 0 || similarity < FuzzyThreshold {
		return Match{}, false
	}
	first, last := lo+int(b.first), lo+int(b.last)
	cov := s.coverage(first, last)
	if cov < MinFuzzyCoverage {
		return Match{}, false
	}
	return Match{
		Category: p.cat, Lang: p.lang, Phrase: p.text, Fuzzy: true,
		Similarity: min(similarity, 1),
		Start:      int(s.toks[first].start), End: int(s.toks[last].end),
		Coverage: cov,
	}, true
}

// wordSim says how well line token x matches the anchor word t that it is
// not equal to: the edit-distance similarity when it reaches minWordSim,
// else 0.
func (s *scratch) wordSim(x int, t *ptok) float32 {
	a, b := s.word(x), t.text
	if len(a) < 4 || len(b) < 4 || len(a) > maxWordLen || len(b) > maxWordLen {
		return 0
	}
	if d := max(len(a), len(b)) - min(len(a), len(b)); float32(d) > (1-minWordSim)*float32(max(len(a), len(b))) {
		return 0 // the lengths alone put the distance too high
	}
	d := levenshtein(a, b)
	v := 1 - float32(d)/float32(max(len(a), len(b)))
	if v < minWordSim {
		return 0
	}
	return v
}

// levenshtein is the edit distance between a and b, both at most maxWordLen
// bytes long.
func levenshtein(a []byte, b string) int {
	var row [maxWordLen + 1]int
	for x := range len(b) + 1 {
		row[x] = x
	}
	for y := 1; y <= len(a); y++ {
		diag := row[0]
		row[0] = y
		for x := 1; x <= len(b); x++ {
			up := row[x]
			cost := 1
			if a[y-1] == b[x-1] {
				cost = 0
			}
			row[x] = min(row[x]+1, row[x-1]+1, diag+cost)
			diag = up
		}
	}
	return row[len(b)]
}
