// Package model is chaff's one model stack: it scores lines as noise in
// two or three stages, trains the models, and reads and writes their
// files. A model is one of four kinds (Kind), two configurations, accurate
// and fast, for each input, text and HTML; all share the forest (Forest),
// the category head (Categorizer), the place of a line among the content
// blocks (blockScratch), the training (Train) and the file format (Write,
// Read).
//
// The accurate models and the fast HTML model read features.Vectors, the
// features of package features; the fast text model reads the features of
// package linescan, its one-pass line scanner (see ScoreFast). The fast
// HTML model is the accurate configuration without go-readability's
// signal: pages it scores skip go-readability.
//
// Stage one is a logistic regression over a line's dense features and its
// hashed word and character n-grams: it learns a vocabulary of noise. Stage
// two is a forest of gradient-boosted trees over the named dense features
// plus the stage-one scores of the line and of its neighbours: it learns
// the interactions (a short line is noise in a menu, content between two
// paragraphs) that a linear model cannot, in the spirit of boilerpipe's
// decision trees over neighbouring blocks. Stage three, when trained, is a
// second forest over stage two's inputs plus the stage-two scores around
// the line (auto-context stacking). In HTML mode "around" is also up the
// page's element tree: both forests read how much of what the previous
// stage scored under the line's element and its ancestors is content, and
// whether the line is under the element holding the most of it. The
// accurate text model then averages its log-odds with those of a fast
// text model trained with it, its partner (Model.Fast). Every decision
// can be explained by the named features on the paths of the last
// stage's trees, and the partner's share.
package model

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"unicode/utf8"

	"github.com/chaff-dev/chaff/internal/features"
	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/linescan"
	"github.com/chaff-dev/chaff/internal/signals"
)

// Model is a trained model of one Kind. It is read-only once built and
// may be shared by goroutines. Its fields are what a model file holds.
type Model struct {
	Kind   Kind
	Names  []string  // dense feature names it was trained with
	Dense  []float32 // stage-one weights of the dense features
	Hashed []float32 // stage-one weights of the hashed features (the fast text model's words)
	Forest *Forest   // stage two; nil for a one-stage model
	// Context is stage three, a forest over stage two's inputs plus the
	// stage-two scores of the line and its neighbours (auto-context: the
	// neighbours' decisions are better evidence than their first
	// guesses); nil for a model without it.
	Context *Forest
	// Fast is the accurate text model's partner: a fast text model,
	// trained on the same documents, whose log-odds a line's score
	// averages with the stacked forests'. It reads other features (the
	// line scanner's words and shapes), so the two err on different
	// lines. nil for a model without one, and in the other kinds.
	Fast *Model
	// Categories names the category of a dropped line; nil when the
	// training data named none.
	Categories *Categorizer
	// Kinds tells a heading from a paragraph among kept lines; nil when the
	// training data named no kind, and in the fast text model. Titles are
	// found by rule.
	Kinds *Categorizer
	// Readability says that the model, an HTML-mode one, was trained on
	// pages carrying go-readability's signal (htmltext.Block.InArticle),
	// so pages it scores must be extracted with it: the accurate HTML
	// model.
	Readability bool
	About       string // how it was trained, for people

	// wordCodes holds each of the fast text model's word weights in a
	// byte, and wordValues the weight each byte stands for: what its
	// scoring reads (see quantize). Set by prepare.
	wordCodes  []uint8
	wordValues [256]float32
}

// extraNames names the stage-two inputs that follow the dense features.
var extraNames = append([]string{"ngram-score", "ngram-score:prev", "ngram-score:prev2",
	"ngram-score:next", "ngram-score:next2", "ngram-score:window-mean",
	"ngram-score:window-max", "ngram-score:window-min",
	"block-share", "in-top-block", "top-block-distance"}, treeNames("")...)

// contextNames names the stage-three inputs that follow stage two's.
var contextNames = append([]string{"stage2-score", "stage2-score:prev", "stage2-score:prev2",
	"stage2-score:next", "stage2-score:next2", "stage2-score:window-mean",
	"stage2-score:window-max", "stage2-score:window-min",
	"stage2:block-share", "stage2:in-top-block", "stage2:top-block-distance"}, treeNames("stage2:")...)

// partnerName prefixes the names of the Fast partner's inputs among what
// weighed on a line's score (Explain).
const partnerName = "fast-model:"

// featureName names input j of stage two, three, or, past those, input
// j-stage3Width of the Fast partner.
func (m *Model) featureName(j int) string {
	switch {
	case j < len(m.Names):
		return m.Names[j]
	case j < stage2Width:
		return extraNames[j-len(m.Names)]
	case j < stage3Width:
		return contextNames[j-stage2Width]
	}
	return partnerName + fastFeatureName(j-stage3Width)
}

// Scores holds the outcome of scoring one document.
type Scores struct {
	P  []float64 // probability of noise per line; 0 for blank lines
	Z1 []float32 // stage-one logits per line
	Z2 []float32 // stage-two logits per line; nil for a one-stage model
	// Fast holds the log-odds of the Fast partner per line (the final
	// logit is the mean of the stack's and these); nil without one.
	Fast []float32

	bl1, bl2 []blockInfo // the blocks of Z1 and of Z2, for Explain
	// The lines as the Fast partner measured and scored them, for Explain.
	partnerLines  *linescan.Features
	partnerScores *FastScores
}

// Score scores every line of a document with a model that reads
// features.Vectors: any kind but FastText (see ScoreFast).
func (m *Model) Score(d *signals.Doc, v *features.Vectors) Scores {
	n := len(d.Lines)
	s := Scores{P: make([]float64, n), Z1: make([]float32, n)}
	for i := range d.Lines {
		if !d.Lines[i].Blank() {
			s.Z1[i] = m.stage1(v, i)
		}
	}
	final := s.Z1
	if m.Forest != nil {
		s.Z2 = make([]float32, n)
		s.bl1 = blocks(d, v, s.Z1)
		row, keys := make([]float32, stage2Width), make([]uint32, stage2Width)
		for i := range d.Lines {
			if !d.Lines[i].Blank() {
				stage2Row(d, v, &s, i, row)
				s.Z2[i] = m.Forest.predictUsing(row, keys)
			}
		}
		final = s.Z2
	}
	if m.Context != nil {
		z3 := make([]float32, n)
		s.bl2 = blocks(d, v, s.Z2)
		row, keys := make([]float32, stage3Width), make([]uint32, stage3Width)
		for i := range d.Lines {
			if !d.Lines[i].Blank() {
				stage3Row(d, v, &s, i, row)
				z3[i] = m.Context.predictUsing(row, keys)
			}
		}
		final = z3
	}
	if m.Fast != nil {
		s.Fast, s.partnerLines, s.partnerScores = m.partnerLogits(d)
		mean := make([]float32, n)
		for i := range d.Lines {
			if !d.Lines[i].Blank() {
				mean[i] = (final[i] + s.Fast[i]) / 2
			}
		}
		final = mean
	}
	for i := range d.Lines {
		if !d.Lines[i].Blank() {
			s.P[i] = sigmoid(final[i])
		}
	}
	return s
}

// partnerLogits returns the log-odds of noise the Fast partner gives every
// line of d, with the lines as it measured them and its scores, which
// Explain reads. It reads the first signals.MaxScan bytes of each line,
// as the stack does: a 50 MB line costs no more than a short one.
func (m *Model) partnerLogits(d *signals.Doc) ([]float32, *linescan.Features, *FastScores) {
	fs := new(FastScores)
	f := linescan.Build(d.Data, scanned(d))
	m.Fast.logitsFast(fs, f, exit{})
	z := make([]float32, len(fs.P))
	for i, p := range fs.P {
		z[i] = float32(p)
	}
	return z, f, fs
}

// scanned returns the spans of d's lines cut to their first
// signals.MaxScan bytes, at a character's start: what the stack's signals
// read of each line, and what the Fast partner reads, in training and
// scoring alike.
func scanned(d *signals.Doc) []lines.Span {
	spans := d.Spans
	if !slices.ContainsFunc(spans, func(s lines.Span) bool { return s.End-s.Start > signals.MaxScan }) {
		return spans
	}
	spans = slices.Clone(spans)
	for k := range spans {
		if s := &spans[k]; s.End-s.Start > signals.MaxScan {
			s.End = s.Start + signals.MaxScan
			for s.End > s.Start && !utf8.RuneStart(d.Data[s.End]) {
				s.End-- // not within a character
			}
		}
	}
	return spans
}

func (m *Model) stage1(v *features.Vectors, i int) float32 {
	z := dot(m.Dense, v.Row(i))
	for _, h := range v.Hashed(i) {
		z += m.Hashed[h]
	}
	return z
}

// window is how many non-blank neighbours on each side stage two looks at
// for the mean, max and min of their stage-one scores; contextWindow, the
// same for stage three and the stage-two scores.
const (
	window        = 4
	contextWindow = 6
)

// The widths of the stage-two and stage-three rows.
var (
	stage2Width = features.Dense + len(extraNames)
	stage3Width = stage2Width + len(contextNames)
)

// stage2Row fills row with the stage-two inputs of line i: its dense
// features, then the stage-one scores around it.
func stage2Row(d *signals.Doc, v *features.Vectors, s *Scores, i int, row []float32) {
	clear(row[copy(row, v.Row(i)):features.Dense])
	neighbourhood(d, s.Z1, s.bl1, i, window, row[features.Dense:stage2Width])
}

// stage3Row fills row with the stage-three inputs of line i: its stage-two
// inputs, then the stage-two scores around it.
func stage3Row(d *signals.Doc, v *features.Vectors, s *Scores, i int, row []float32) {
	stage2Row(d, v, s, i, row)
	neighbourhood(d, s.Z2, s.bl2, i, contextWindow, row[stage2Width:stage3Width])
}

// neighbourhood writes to x what the scores z say around line i: its own,
// the two previous and two next non-blank lines', the mean, max and min
// over win lines on each side, and its place among the blocks bl and in
// the element tree.
func neighbourhood(d *signals.Doc, z []float32, bl []blockInfo, i, win int, x []float32) {
	l := &d.Lines[i]
	at := func(j int) float32 {
		if j < 0 {
			return 0
		}
		return z[j]
	}
	p1, n1 := l.Ctx.Prev, l.Ctx.Next
	p2, n2 := -1, -1
	if p1 >= 0 {
		p2 = d.Lines[p1].Ctx.Prev
	}
	if n1 >= 0 {
		n2 = d.Lines[n1].Ctx.Next
	}
	sum, cnt := z[i], float32(1)
	lo, hi := z[i], z[i]
	for k, j := 0, p1; k < win && j >= 0; k, j = k+1, d.Lines[j].Ctx.Prev {
		sum, cnt, lo, hi = sum+z[j], cnt+1, min(lo, z[j]), max(hi, z[j])
	}
	for k, j := 0, n1; k < win && j >= 0; k, j = k+1, d.Lines[j].Ctx.Next {
		sum, cnt, lo, hi = sum+z[j], cnt+1, min(lo, z[j]), max(hi, z[j])
	}
	x[0], x[1], x[2], x[3], x[4] = z[i], at(p1), at(p2), at(n1), at(n2)
	x[5], x[6], x[7] = sum/cnt, hi, lo
	x[8], x[9], x[10] = bl[i].share, bl[i].top, bl[i].dist
	bl[i].tree.put(x[11:])
}

// dot is the dot product of w with x, which may be shorter than w: the
// missing values are zero.
//
// Each product is rounded to float32 before it is added (the explicit
// conversion): Go may otherwise fuse a multiplication and an addition
// into one instruction, which rounds once instead of twice. arm64 does,
// and amd64 does with GOAMD64=v3, so the same model would score the same
// line with other bits on other machines. The scoring loops of this
// package, those of the fast text model among them, round their products
// the same way.
func dot(w, x []float32) float32 {
	var z float32
	for j := range x {
		z += float32(w[j] * x[j])
	}
	return z
}

func sigmoid(z float32) float64 { return 1 / (1 + math.Exp(-float64(z))) }

// Contribution is what one model input added to a line's score, in
// logits.
type Contribution struct {
	Feature string
	Weight  float64 // positive towards noise
}

// Explainer finds the inputs that weighed most on a line's score. It
// keeps scratch space between calls: use one per goroutine.
type Explainer struct {
	m       *Model
	row     []float32
	contrib []float64 // the stack's inputs, then the Fast partner's
	inner   []float64 // stage two's attribution, under stage three
	partner []float32 // the Fast partner's inputs
}

// Explainer returns an Explainer for m.
func (m *Model) Explainer() *Explainer {
	n := stage3Width
	return &Explainer{m: m, row: make([]float32, n), contrib: make([]float64, n+fastWidth), inner: make([]float64, stage2Width), partner: make([]float32, fastWidth)}
}

// Explain appends to dst the k inputs that weighed most on line i's
// score s (from Score), strongest first, by the path attribution of the
// last forest (or the linear terms of a one-stage model, where the n-gram
// vocabulary counts as one input); with a Fast partner each weighs half,
// and so does each of the partner's inputs, named "fast-model:" and the
// input (see ExplainFast).
func (e *Explainer) Explain(dst []Contribution, d *signals.Doc, v *features.Vectors, s *Scores, i, k int) []Contribution {
	m := e.m
	clear(e.contrib)
	switch {
	case m.Context != nil:
		stage3Row(d, v, s, i, e.row)
		m.Context.attribute(e.row, e.contrib)
		e.expandOwnScore()
	case m.Forest != nil:
		stage2Row(d, v, s, i, e.row)
		m.Forest.attribute(e.row, e.contrib)
	default:
		for j, x := range v.Row(i) {
			e.contrib[j] = float64(m.Dense[j] * x)
		}
		var h float32
		for _, j := range v.Hashed(i) {
			h += m.Hashed[j]
		}
		e.contrib[features.Dense] = float64(h)
	}
	e.contrib[0] = 0 // the constant part explains nothing
	if s.Fast != nil {
		m.Fast.attributeFast(s.partnerLines, s.partnerScores, i, e.partner, e.contrib[stage3Width:])
		for j := range e.contrib {
			e.contrib[j] /= 2
		}
	}
	for range k {
		best := -1
		for j, w := range e.contrib {
			if math.Abs(w) > 1e-3 && (best < 0 || math.Abs(w) > math.Abs(e.contrib[best])) {
				best = j
			}
		}
		if best < 0 {
			break
		}
		dst = append(dst, Contribution{m.featureName(best), e.contrib[best]})
		e.contrib[best] = 0
	}
	return dst
}

// expandOwnScore hands what stage three owes to the line's own stage-two
// score, an aggregate no reader can act on, to the signals that made that
// score, in the proportions of stage two's own attribution of it; when
// the two disagree in sign the aggregate stays as it is.
func (e *Explainer) expandOwnScore() {
	own := e.contrib[stage2Width]
	if own == 0 {
		return
	}
	clear(e.inner)
	e.m.Forest.attribute(e.row[:stage2Width], e.inner)
	var sum float64
	for _, c := range e.inner[1:] { // inner[0] holds the trees' constant part
		sum += c
	}
	if sum == 0 || own/sum <= 0 {
		return
	}
	r := own / sum
	for j := 1; j < stage2Width; j++ {
		e.contrib[j] += float64(r * e.inner[j])
	}
	e.contrib[stage2Width] = 0
}

// prepare lays the weights out for scoring, once, before the model is
// shared.
func (m *Model) prepare() {
	if m.Kind == FastText {
		m.prepareFast()
		return
	}
	for _, f := range []*Forest{m.Forest, m.Context} {
		if f != nil {
			f.prepare()
		}
	}
	for _, c := range []*Categorizer{m.Categories, m.Kinds} {
		c.prepare()
	}
	if m.Fast != nil {
		m.Fast.prepare()
	}
}

// checkFeatures reports a model whose dense features are not the build's
// dense ones, named by name, or that has not hashed weights of the kind
// what names.
func (m *Model) checkFeatures(dense int, name func(int) string, hashed int, what string) error {
	if len(m.Names) != dense || len(m.Dense) != dense {
		return fmt.Errorf("model: trained with %d dense features, this build has %d: retrain it", len(m.Names), dense)
	}
	for i, n := range m.Names {
		if n != name(i) {
			return fmt.Errorf("model: feature %d is %q, this build has %q: retrain it", i, n, name(i))
		}
	}
	if len(m.Hashed) != hashed {
		return fmt.Errorf("model: %d %s weights, want %d", len(m.Hashed), what, hashed)
	}
	return nil
}

// check reports a model that does not fit the features of this build or
// is malformed.
func (m *Model) check() error {
	if m.Kind == FastText {
		return m.checkFast()
	}
	if err := m.checkFeatures(features.Dense, features.Name, 1<<features.HashBits, "hashed"); err != nil {
		return err
	}
	for _, c := range []*Categorizer{m.Categories, m.Kinds} {
		if err := c.check(features.Dense); err != nil {
			return err
		}
	}
	if m.Context != nil && m.Forest == nil {
		return errors.New("model: a context stage without stage two")
	}
	if m.Fast != nil {
		if m.Kind != AccurateText || m.Fast.Kind != FastText || m.Fast.Fast != nil {
			return fmt.Errorf("model: a %v model with a %v partner: only an accurate-text model has one, a fast-text model", m.Kind, m.Fast.Kind)
		}
		if err := m.Fast.check(); err != nil {
			return fmt.Errorf("model: its fast partner: %w", err)
		}
	}
	for _, st := range []struct {
		f     *Forest
		width int
	}{{m.Forest, stage2Width}, {m.Context, stage3Width}} {
		if err := st.f.check(st.width); err != nil {
			return err
		}
	}
	return nil
}
