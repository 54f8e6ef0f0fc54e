package model

import (
	"fmt"
	"math"

	"github.com/chaff-dev/chaff/internal/linescan"
)

// fastContextNames names the stage-two inputs of the fast text model
// that follow the line scanner's dense features.
var fastContextNames = []string{"word-score", "word-score:prev", "word-score:prev2",
	"word-score:next", "word-score:next2", "word-score:window-mean",
	"word-score:window-max", "word-score:window-min", "word-score:group-mean",
	"block-share", "in-top-block", "top-block-distance"}

// fastWidth is the number of stage-two inputs of the fast text model.
var fastWidth = linescan.Dense + len(fastContextNames)

// fastFeatureName names input j of the fast text model's stage two.
func fastFeatureName(j int) string {
	if j < linescan.Dense {
		return linescan.Name(j)
	}
	return fastContextNames[j-linescan.Dense]
}

// FastScores holds the outcome of scoring one document with the fast
// text model.
type FastScores struct {
	P  []float64 // probability of noise per line; 0 for blank lines
	Z1 []float32 // stage-one logits per line

	ctx    []float32 // the context inputs of every line, len(fastContextNames) each
	idx    []int32   // scratch of context: the non-blank lines
	near   []float32 // scratch of context: the logits of the non-blank lines
	row    []float32 // scratch of stage two: one line's inputs
	keys   []uint32  // and their order keys
	blocks blockScratch
	// trees holds, per line, how many trees its P sums when DecideTo
	// let them stop early; it is empty after ScoreTo, whose P sum them
	// all.
	trees []int32
}

// ScoreFast scores every line of a document with a fast text model
// (Kind FastText) into s, in the storage of the document s held before
// when it is big enough (see linescan.Features.Measure).
func (m *Model) ScoreFast(s *FastScores, f *linescan.Features) {
	m.scoreFast(s, f, exit{})
}

// DecideFast is ScoreFast for a caller that decides at threshold: a
// line's trees stop adding up once the trees left could not carry its
// sum back across the threshold's logit (see exit), so every decision is
// the one ScoreFast's score gives. Its P is then the estimate of the
// trees it summed, on the same side of the threshold. A threshold of 0 or
// 1 sums every tree.
func (m *Model) DecideFast(s *FastScores, f *linescan.Features, threshold float64) {
	e := exit{}
	if threshold > 0 && threshold < 1 {
		e = exit{stop: true, center: float32(math.Log(threshold / (1 - threshold)))}
	}
	m.scoreFast(s, f, e)
}

// scoreFast scores every line of a document into s, stage two's trees
// stopping as e says.
func (m *Model) scoreFast(s *FastScores, f *linescan.Features, e exit) {
	m.logitsFast(s, f, e)
	// The logits become probabilities in a loop of their own, where the
	// processor overlaps one line's exponential with the next.
	for i, z := range s.P {
		if !f.Blank[i] {
			s.P[i] = sigmoid(float32(z))
		}
	}
}

// logitsFast leaves in s.P the log-odds of noise of every line of a
// document, stage two's trees stopping as e says; 0 for blank lines.
func (m *Model) logitsFast(s *FastScores, f *linescan.Features, e exit) {
	n := len(f.Blank)
	s.P, s.Z1 = reuse(s.P, n), reuse(s.Z1, n)
	s.trees = s.trees[:0]
	m.stage1All(f, s.Z1)
	if m.Forest == nil {
		for i := range n {
			if !f.Blank[i] {
				s.P[i] = float64(s.Z1[i])
			}
		}
		return
	}
	s.context(f)
	s.row, s.keys = reuse(s.row, fastWidth), reuse(s.keys, fastWidth)
	if e.stop {
		s.trees = reuse(s.trees, n)
	}
	for i := range n {
		if !f.Blank[i] {
			fillFastRow(f, s, i, s.row)
			z, t := m.Forest.predictExit(s.row, s.keys, e)
			s.P[i] = float64(z)
			if len(s.trees) > 0 {
				s.trees[i] = int32(t)
			}
		}
	}
}

// stage1 is the stage-one logit of line i from the float weights, the
// one training descends on. Its products are rounded before they are
// added, on every machine (see model's dot). Scoring reads the coded
// word weights instead (see stage1All).
func (m *Model) fastStage1(f *linescan.Features, i int) float32 {
	z := m.denseSum(f.Row(i))
	for _, h := range f.Hashed(i) {
		z += m.Hashed[h]
	}
	return z
}

// stage1All writes the stage-one logit of every non-blank line to z: its
// dense features' sum as stage1's, plus its words' sum from the coded
// weights (see quantize), in two passes: first the dense features of
// every line, then the words of every line. The word weights are too
// many to stay in the first-level cache, and a pass of nothing but their
// loads lets the processor wait for many of them at once, where the
// dense features of the next line would fill its window. Hashes are below
// 1<<linescan.WordBits (the scan masks them); masking them again lets the compiler
// drop the bounds check.
//
// The dense sums are taken four lines at a time, blank lines among them,
// each line's in its own order: a sum is a chain of additions, each of
// which waits for the one before, and a single chain left the adders
// idle two cycles in three. Blank lines are then set to zero.
func (m *Model) stage1All(f *linescan.Features, z []float32) {
	dense := m.Dense
	n := len(f.Blank)
	i := 0
	for ; i+4 <= n; i += 4 {
		a, b, c, d := f.Row(i), f.Row(i+1), f.Row(i+2), f.Row(i+3)
		a, b, c, d = a[:len(dense)], b[:len(dense)], c[:len(dense)], d[:len(dense)]
		var sa, sb, sc, sd float32
		for j, w := range dense {
			sa += float32(w * a[j])
			sb += float32(w * b[j])
			sc += float32(w * c[j])
			sd += float32(w * d[j])
		}
		z[i], z[i+1], z[i+2], z[i+3] = sa, sb, sc, sd
	}
	for ; i < n; i++ {
		z[i] = m.denseSum(f.Row(i))
	}
	for i, blank := range f.Blank {
		if blank {
			z[i] = 0
		} else {
			z[i] += m.wordSum(f, i)
		}
	}
}

// denseSum is what a line's dense features, row, add to its stage-one
// logit, in order.
func (m *Model) denseSum(row []float32) float32 {
	var s float32
	for j, x := range row[:len(m.Dense)] {
		s += float32(m.Dense[j] * x)
	}
	return s
}

// wordSum is what line i's words add to its stage-one logit, from their
// coded weights (see quantize).
func (m *Model) wordSum(f *linescan.Features, i int) float32 {
	codes := (*[1 << linescan.WordBits]uint8)(m.wordCodes)
	var s float32
	for _, h := range f.Hashed(i) {
		s += m.wordValues[codes[h&(1<<linescan.WordBits-1)]]
	}
	return s
}

// quantize codes each of the fast text model's word weights (Hashed) in
// a byte, into wordCodes and
// wordValues: a signed code q in [-127, 127] stands for the weight
// top·(q/127)², with the sign of q, top the largest weight's magnitude,
// and each weight gets the code whose value is nearest. Small
// weights, most of them, keep fine steps (0.01 around 0.05 for the
// embedded model), the few large ones coarser (0.13 near its top of
// 8.2), where an error matters less to their effect.
//
// The codes take 256 KB where the weights take 1 MB. At 1 MB the table did not
// stay in the processor's second-level cache beside the rest of the
// model, and a line's word weights came from the third level, which other
// processes share: with the codes, Classify/fast-decisions-reused takes
// about a tenth less time, and the benchmark's cross-validated F1 is the
// same (commit 6654eaa has the runs). Training learns stage two from the
// same coded sums (fastOutOfFold); it descends on the float weights.
func (m *Model) quantize() {
	var top float64
	for _, w := range m.Hashed {
		if a := math.Abs(float64(w)); a > top {
			top = a
		}
	}
	m.wordCodes, m.wordValues = make([]uint8, len(m.Hashed)), [256]float32{}
	if top == 0 {
		return
	}
	for q := -127; q <= 127; q++ {
		a := float64(q) / 127
		m.wordValues[uint8(int8(q))] = float32(math.Copysign(a*a, a) * top)
	}
	scale := float32(127 / math.Sqrt(top))
	code := func(w float32) uint8 {
		// The codes either side of the weight on the square-root scale,
		// then the one whose value is nearer (the upper one on a tie),
		// with no branch: which way each weight goes is as good as random,
		// and half of them are zero.
		mag := math.Float32frombits(math.Float32bits(w) &^ (1 << 31))
		q := min(int(scale*float32(math.Sqrt(float64(mag)))), 126)
		nearer := (m.wordValues[q+1] - mag) - (mag - m.wordValues[q])
		q += int(math.Float32bits(nearer) >> 31) // 1 when the upper code is nearer
		neg := int(math.Float32bits(w) >> 31)    // 1 for a negative weight
		return uint8(int8((q ^ -neg) + neg))
	}
	// Four weights at a time: each conversion and square root waits for
	// the last one in the same register, so one chain of them would set
	// the pace, where four overlap.
	words, codes := m.Hashed, m.wordCodes
	i := 0
	for ; i+4 <= len(words); i += 4 {
		codes[i], codes[i+1], codes[i+2], codes[i+3] = code(words[i]), code(words[i+1]), code(words[i+2]), code(words[i+3])
	}
	for ; i < len(words); i++ {
		codes[i] = code(words[i])
	}
}

// fillFastRow writes the stage-two inputs of line i to row.
func fillFastRow(f *linescan.Features, s *FastScores, i int, row []float32) {
	k := len(fastContextNames)
	copy(row[copy(row, f.Row(i)):], s.ctx[i*k:(i+1)*k])
}

// context computes, for every line, what the stage-one logits s.Z1 say
// around it (fastContextNames, in order), into s.ctx: the same window as
// the accurate models' stage two (window lines each side).
func (s *FastScores) context(f *linescan.Features) {
	z := s.Z1
	n := len(z)
	k := len(fastContextNames)
	s.ctx = reuse(s.ctx, n*k)
	out := s.ctx
	// The non-blank lines, and their logits side by side, which the
	// window reads without going through idx.
	s.idx, s.near = s.idx[:0], s.near[:0]
	for i := range n {
		if !f.Blank[i] {
			s.idx, s.near = append(s.idx, int32(i)), append(s.near, z[i])
		}
	}
	idx, near := s.idx, s.near
	at := func(p int) float32 {
		if p < 0 || p >= len(near) {
			return 0
		}
		return near[p]
	}
	for p, i := range idx {
		x := out[int(i)*k : (int(i)+1)*k]
		zi := near[p]
		x[0], x[1], x[2], x[3], x[4] = zi, at(p-1), at(p-2), at(p+1), at(p+2)
		win := near[max(p-window, 0):min(p+window+1, len(near))]
		sum, lo, hi := windowStats(win)
		x[5], x[6], x[7] = sum/float32(len(win)), hi, lo
	}
	groupMeans(f, z, out, k)
	s.topBlock(f)
}

// windowStats returns the sum of win, added in order, its least and its
// greatest value. Most windows are whole, and for them the least and
// the greatest are taken pairwise, in a tree of four levels rather than
// a chain of nine, so that the processor overlaps the comparisons: min
// and max give the same value in any order, NaN and signed zeros
// included, and the sum keeps its order, so the result is the loop's bit
// for bit.
func windowStats(win []float32) (sum, lo, hi float32) {
	if len(win) != 2*window+1 {
		lo, hi = win[0], win[0]
		for _, v := range win {
			sum, lo, hi = sum+v, min(lo, v), max(hi, v)
		}
		return sum, lo, hi
	}
	w := (*[2*window + 1]float32)(win)
	for _, v := range w {
		sum += v
	}
	lo = min(min(min(w[0], w[1]), min(w[2], w[3])), min(min(w[4], w[5]), min(w[6], w[7])), w[8])
	hi = max(max(max(w[0], w[1]), max(w[2], w[3])), max(max(w[4], w[5]), max(w[6], w[7])), w[8])
	return sum, lo, hi
}

// groupMeans writes the mean logit of each run of non-blank lines to
// input 8 of its lines.
func groupMeans(f *linescan.Features, z, out []float32, k int) {
	n := len(z)
	for i := 0; i < n; {
		if f.Blank[i] {
			i++
			continue
		}
		j, sum := i, float32(0)
		for j < n && !f.Blank[j] {
			sum += z[j]
			j++
		}
		for g := i; g < j; g++ {
			out[g*k+8] = sum / float32(j-i)
		}
		i = j
	}
}

// topBlock writes inputs 9 to 11, each line's place among the blocks
// (see blockScratch.place).
func (s *FastScores) topBlock(f *linescan.Features) {
	k := len(fastContextNames)
	for p, pl := range s.blocks.place(s.idx, s.Z1, f.Letters) {
		x := s.ctx[int(s.idx[p])*k : (int(s.idx[p])+1)*k]
		x[9], x[10], x[11] = pl.share, pl.top, pl.dist
	}
}

// ExplainFast returns the k inputs that weighed most on line i's score
// from a fast text model, in the direction of the decision first: the
// paths of stage two's trees (those its score summed), with the
// stage-one score standing for the words.
func (m *Model) ExplainFast(f *linescan.Features, s *FastScores, i, k int) []Contribution {
	contrib := make([]float64, fastWidth)
	m.attributeFast(f, s, i, make([]float32, fastWidth), contrib)
	return top(contrib, k, s.P[i] >= 0.5)
}

// attributeFast adds to contrib (fastWidth long) what each input of a
// fast text model added to line i's logit, row being scratch of the same
// length: the paths of stage two's trees (those s summed), without their
// constant part, or the linear terms of a one-stage model, the word
// weights summed in the word-score input.
func (m *Model) attributeFast(f *linescan.Features, s *FastScores, i int, row []float32, contrib []float64) {
	if m.Forest == nil {
		for j, x := range f.Row(i) {
			contrib[j] += float64(m.Dense[j] * x)
		}
		contrib[linescan.Dense] += float64(m.wordSum(f, i))
		return
	}
	fillFastRow(f, s, i, row)
	trees := len(m.Forest.Trees)
	if len(s.trees) > 0 {
		trees = int(s.trees[i])
	}
	m.Forest.attributeFirst(row, contrib, trees)
	contrib[0] = 0 // the trees' constant part, on the bias input
}

// top returns the k largest contributions pushing towards the decision
// (noise when noise is true), largest first, then the largest against it
// if fewer than k push its way.
func top(contrib []float64, k int, noise bool) []Contribution {
	sign := 1.0
	if !noise {
		sign = -1
	}
	var out []Contribution
	used := make([]bool, len(contrib))
	for _, dir := range []float64{sign, -sign} {
		for len(out) < k {
			best := -1
			for j, c := range contrib {
				if !used[j] && c*dir > 1e-6 && (best < 0 || c*dir > contrib[best]*dir) {
					best = j
				}
			}
			if best < 0 {
				break
			}
			used[best] = true
			out = append(out, Contribution{Feature: fastFeatureName(best), Weight: contrib[best]})
		}
	}
	return out
}

// prepareFast lays a fast text model out for scoring.
func (m *Model) prepareFast() {
	m.quantize()
	m.Categories.prepare()
	if m.Forest != nil {
		m.Forest.prepare()
	}
}

// checkFast reports a fast text model that does not fit the line scanner
// of this build or is malformed.
func (m *Model) checkFast() error {
	if err := m.checkFeatures(linescan.Dense, linescan.Name, 1<<linescan.WordBits, "word"); err != nil {
		return err
	}
	for h, w := range m.Hashed {
		if math.Float32bits(w)&0x7f800000 == 0x7f800000 { // all exponent bits: an infinity or a NaN
			return fmt.Errorf("model: word weight %d is %v", h, w)
		}
	}
	if m.Context != nil || m.Kinds != nil {
		return fmt.Errorf("model: a fast text model has no third stage and no kind head")
	}
	if m.Categories != nil && len(m.Categories.Names) > wideClasses {
		return fmt.Errorf("model: %d categories, a fast text model names at most %d", len(m.Categories.Names), wideClasses)
	}
	if err := m.Categories.check(linescan.Dense); err != nil {
		return err
	}
	return m.Forest.check(fastWidth)
}
