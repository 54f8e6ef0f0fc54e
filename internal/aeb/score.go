package aeb

import (
	"math/big"
)

// ShingleSize is the number of consecutive tokens in a shingle.
const ShingleSize = 4

// shingle is a run of ShingleSize token ids. A text of 1 to ShingleSize-1
// tokens has one shorter shingle, padded with -1, which therefore never
// equals a full one.
type shingle [ShingleSize]int32

// Counts are the shingle matches of one document, normalised so that
// TP+FP+FN = 1, which gives every document the same weight whatever its
// length. All three are zero when neither text has a token.
type Counts struct {
	TP float64 // shingles in both texts (multiset intersection)
	FP float64 // shingles of the prediction beyond those of the truth
	FN float64 // shingles of the truth missing from the prediction
}

// Precision returns TP/(TP+FP), and false when the prediction has no
// shingle (the document then takes no part in the averaged precision).
func (c Counts) Precision() (float64, bool) {
	if c.TP+c.FP == 0 {
		return 0, false
	}
	if c.FP == 0 && c.FN == 0 {
		return 1, true
	}
	return c.TP / (c.TP + c.FP), true
}

// Recall returns TP/(TP+FN), and false when the truth has no shingle (the
// document then takes no part in the averaged recall).
func (c Counts) Recall() (float64, bool) {
	if c.TP+c.FN == 0 {
		return 0, false
	}
	if c.FP == 0 && c.FN == 0 {
		return 1, true
	}
	return c.TP / (c.TP + c.FN), true
}

// Score is the benchmark's figure for a set of documents: precision and
// recall are each the mean over the documents where they are defined, F1 is
// the harmonic mean of those two means (not a mean of per-document F1).
type Score struct {
	Precision, Recall, F1 float64
	Docs                  int // documents scored
	// Empty counts the documents whose prediction has no shingle while
	// their truth has one: pages an extractor lost entirely.
	Empty int
}

// DocScore is the drill-down for one document.
type DocScore struct {
	ID     string
	Counts Counts
	// Truth and Pred are the raw shingle counts of the two texts; a zero
	// leaves the document out of the recall or the precision mean.
	Truth, Pred int
}

// Compare scores one prediction against its truth.
func Compare(truth, pred string) Counts {
	var s scorer
	c, _, _ := s.compare(truth, pred)
	return c
}

// Evaluate scores the predictions of the documents ids. A prediction
// missing from predicted counts as empty, as does a truth missing from
// truth.
func Evaluate(truth map[string]Page, predicted map[string]string, ids []string) Score {
	return Aggregate(PerDoc(truth, predicted, ids))
}

// PerDoc returns the score of every document of ids, in the order of ids.
func PerDoc(truth map[string]Page, predicted map[string]string, ids []string) []DocScore {
	var s scorer
	out := make([]DocScore, len(ids))
	for i, id := range ids {
		c, nt, np := s.compare(truth[id].Body, predicted[id])
		out[i] = DocScore{ID: id, Counts: c, Truth: nt, Pred: np}
	}
	return out
}

// Aggregate combines per-document scores into the benchmark's figure. A
// mean over no document is 0, and so is F1 when precision and recall are
// both 0.
func Aggregate(docs []DocScore) Score {
	ps := make([]float64, 0, len(docs))
	rs := make([]float64, 0, len(docs))
	empty := 0
	for _, d := range docs {
		if p, ok := d.Counts.Precision(); ok {
			ps = append(ps, p)
		}
		if r, ok := d.Counts.Recall(); ok {
			rs = append(rs, r)
		}
		if d.Pred == 0 && d.Truth > 0 {
			empty++
		}
	}
	sc := Score{Precision: mean(ps), Recall: mean(rs), Docs: len(docs), Empty: empty}
	if sc.Precision+sc.Recall > 0 {
		sc.F1 = 2 * sc.Precision * sc.Recall / (sc.Precision + sc.Recall)
	}
	return sc
}

// mean returns the arithmetic mean of xs rounded once from the exact sum,
// as Python's statistics.mean does, so that figures agree to the last bit
// whatever the order of the documents.
func mean(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var sum, x big.Rat
	for _, v := range xs {
		sum.Add(&sum, x.SetFloat64(v))
	}
	sum.Quo(&sum, x.SetInt64(int64(len(xs))))
	f, _ := sum.Float64()
	return f
}

// scorer holds buffers reused from one document to the next.
type scorer struct {
	vocab  vocab
	counts map[shingle]int32
	toks   []int32
}

// compare returns the normalised counts and the shingle totals of truth
// and pred.
func (s *scorer) compare(truth, pred string) (c Counts, nTruth, nPred int) {
	if s.vocab == nil {
		s.vocab = make(vocab)
		s.counts = make(map[shingle]int32)
	}
	clear(s.counts)
	s.toks = s.vocab.ids(s.toks[:0], truth)
	nTruth = eachShingle(s.toks, func(k shingle) { s.counts[k]++ })
	var tp, fp int
	s.toks = s.vocab.ids(s.toks[:0], pred)
	nPred = eachShingle(s.toks, func(k shingle) {
		if s.counts[k] > 0 {
			s.counts[k]--
			tp++
		} else {
			fp++
		}
	})
	fn := nTruth - tp
	if sum := float64(tp + fp + fn); sum > 0 {
		c = Counts{float64(tp) / sum, float64(fp) / sum, float64(fn) / sum}
	}
	return c, nTruth, nPred
}

// eachShingle calls fn with every shingle of toks and returns how many there
// were: len(toks)-ShingleSize+1 of them, one for a shorter non-empty text,
// none for an empty one.
func eachShingle(toks []int32, fn func(shingle)) int {
	if len(toks) == 0 {
		return 0
	}
	if len(toks) < ShingleSize {
		k := shingle{-1, -1, -1, -1}
		copy(k[:], toks)
		fn(k)
		return 1
	}
	n := len(toks) - ShingleSize + 1
	for i := range n {
		fn(shingle(toks[i : i+ShingleSize]))
	}
	return n
}
