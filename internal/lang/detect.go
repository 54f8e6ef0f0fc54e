package lang

import "github.com/chaff-dev/chaff/internal/textnorm"

// minHits is the number of stopword hits at which the evidence counts as
// complete; below it the confidence is scaled down.
const minHits = 4

// Detect returns the language of text whose stopwords occur most often and
// a confidence in [0,1], or "" and 0 when there is no evidence or two
// languages tie. Confidence is the winner's lead over the runner-up as a
// share of its hits, scaled down when there are fewer than four hits in
// all: "the" alone gives en with low confidence; a paragraph gives close
// to 1. Words shared by languages ("a", "de") count for each of them.
// Detect allocates nothing.
func (d *Detector) Detect(text []byte) (lang string, confidence float64) {
	var counts [64]int
	var buf [64]byte
	var s textnorm.Scanner
	s.Reset(text)
	for s.Next() {
		raw := s.Raw()
		if len(raw) > len(buf)/2 {
			continue // no stopword is that long
		}
		m := d.masks[string(textnorm.Fold(buf[:0], raw))]
		for i := 0; m != 0; i, m = i+1, m>>1 {
			if m&1 != 0 {
				counts[i]++
			}
		}
	}
	best, second := -1, 0
	for i := range d.langs {
		switch {
		case best < 0 || counts[i] > counts[best]:
			if best >= 0 {
				second = counts[best]
			}
			best = i
		case counts[i] > second:
			second = counts[i]
		}
	}
	if best < 0 || counts[best] == 0 || counts[best] == second {
		return "", 0
	}
	top := float64(counts[best])
	confidence = (top - float64(second)) / top
	if counts[best] < minHits {
		confidence *= top / minHits
	}
	return d.langs[best], confidence
}
