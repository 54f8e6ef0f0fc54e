package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/chaff-dev/chaff/internal/features"
	"github.com/chaff-dev/chaff/internal/linescan"
	"github.com/chaff-dev/chaff/internal/signals"
)

// Example is one labelled document to learn from: Doc and Vec for every
// kind of model but FastText, which learns from Lines.
type Example struct {
	Doc   *signals.Doc
	Vec   *features.Vectors
	Lines *linescan.Features
	// Noise per line: 1 noise, 0 content, -1 not to learn from (blank).
	Noise []int8
	// Class per line when known, "" otherwise: the noise category of a
	// dropped line, the kind of a kept one.
	Class []string
	// Weight of the document's lines; 0 means 1.
	Weight float32
	// Tune marks a hand-labelled document: the forest's tuning trees
	// (ForestConfig.Tune) fit its lines until they are decided right.
	Tune bool
	// CategoriesOnly has a FastText model learn the categories of the
	// document's noise lines and nothing else: hand-labelled documents
	// whose labels would shift the noise scores away from the data they
	// are measured on.
	CategoriesOnly bool
	// Page groups the dumps of one page in different layouts (package
	// variants): examples with the same nonzero Page share an inner fold,
	// so that the stages above never learn from scores of a stage one
	// that saw the page in another layout. 0: a page of its own.
	Page int
}

func (e *Example) weight() float32 {
	if e.Weight == 0 {
		return 1
	}
	return e.Weight
}

// Config sets how a model is trained.
type Config struct {
	Kind    Kind    // the model to train (0: AccurateText)
	Seed    uint64  // shuffling seed: the same seed and data give the same model
	Epochs  int     // passes over the data (default 8)
	Rate    float64 // initial learning rate (default 0.1)
	L2      float64 // weight decay per step (default 1e-6)
	Folds   int     // inner folds for stage two's out-of-fold inputs (0 or 1: one stage)
	Forest  ForestConfig
	Weighed bool // weigh each line by the log of its word count, as the benchmark counts words
	// Context grows stage three (Model.Context) on stage two's scores
	// computed out of fold; it needs Folds > 1, and FastText ignores it.
	Context bool
	// Fast, for AccurateText, also trains a fast text model with this
	// forest on the same examples (Model.Fast), whose log-odds the
	// model's are averaged with; nil trains none, and the other kinds
	// ignore it.
	Fast *ForestConfig
}

func (c *Config) defaults() {
	if c.Kind == 0 {
		c.Kind = AccurateText
	}
	if c.Epochs == 0 {
		c.Epochs = 8
	}
	if c.Rate == 0 {
		c.Rate = 0.1
	}
	if c.L2 == 0 {
		c.L2 = 1e-6
	}
}

// Train fits a model of kind cfg.Kind to the examples. The HTML kinds
// learn from pages' examples: AccurateHTML from pages extracted with
// go-readability's signal, which it records in Model.Readability.
func Train(ex []Example, cfg Config) *Model {
	cfg.defaults()
	if cfg.Kind == FastText {
		return trainFast(ex, cfg, true)
	}
	m := &Model{Kind: cfg.Kind, Names: make([]string, features.Dense), Readability: cfg.Kind == AccurateHTML}
	for i := range m.Names {
		m.Names[i] = features.Name(i)
	}
	m.Dense, m.Hashed = trainStage1(ex, cfg)
	m.Categories = trainCategorizer(ex, cfg, 1)
	m.Kinds = trainCategorizer(ex, cfg, 0, "title")
	m.prepare()
	if cfg.Folds > 1 && len(ex) >= cfg.Folds {
		sc := outOfFoldStage1(ex, cfg)
		rows, y, w := stageRows(ex, sc, stage2Width, stage2Row, &cfg)
		m.Forest = growForest(rows, y, w, cfg.Forest)
		stages := "a forest"
		if cfg.Context {
			outOfFoldStage2(ex, sc, cfg)
			rows, y, w = stageRows(ex, sc, stage3Width, stage3Row, &cfg)
			m.Context = growForest(rows, y, w, cfg.Forest)
			stages = "two stacked forests"
		}
		partner := ""
		if cfg.Kind == AccurateText && cfg.Fast != nil {
			m.Fast = trainPartner(ex, cfg)
			partner = fmt.Sprintf(", averaged with a fast text model of %d trees", len(m.Fast.Forest.Trees))
		}
		m.tuneForest(ex, cfg)
		m.prepare()
		m.About = fmt.Sprintf("n-gram logistic regression and %s of %d boosted trees%s: %s, seed %d, %d epochs, %d inner folds", stages, len(m.Forest.Trees), partner, documents(pages(ex)), cfg.Seed, cfg.Epochs, cfg.Folds)
	} else {
		m.About = fmt.Sprintf("logistic regression: %s, seed %d, %d epochs", documents(pages(ex)), cfg.Seed, cfg.Epochs)
	}
	if m.Readability {
		m.About += ", with go-readability's signal"
	}
	return m
}

// trainPartner trains the fast text model an accurate text model averages
// its scores with (Model.Fast), on the same examples, the first
// signals.MaxScan bytes of each line measured by the line scanner as when
// it scores, with the forest of cfg.Fast. The accurate model names the
// categories: the partner learns none. Nor does it learn the
// hand-labelled examples (Example.Tune) when there are others: the stack's
// tuning trees fit those, and the partner learns what the others call
// noise, as the embedded fast text model does (trained with
// --gold-weight 0).
func trainPartner(ex []Example, cfg Config) *Model {
	fc := cfg
	fc.Kind, fc.Forest, fc.Context, fc.Fast = FastText, *cfg.Fast, false, nil
	fc.Forest.Tune = 0
	others := slices.ContainsFunc(ex, func(e Example) bool { return !e.Tune })
	px := make([]Example, len(ex))
	for d, e := range ex {
		e.Lines = linescan.Build(e.Doc.Data, scanned(e.Doc))
		e.CategoriesOnly = others && e.Tune
		px[d] = e
	}
	return trainFast(px, fc, false)
}

// sample is a labelled line: its document's index, its own, and its
// weight.
type sample struct {
	doc, line int32
	w         float32
}

// samples returns the labelled non-blank lines of ex, weighed as cfg says.
func samples(ex []Example, cfg *Config) []sample {
	var s []sample
	for d := range ex {
		for i, y := range ex[d].Noise {
			if y >= 0 && !ex[d].Doc.Lines[i].Blank() {
				s = append(s, sample{int32(d), int32(i), weight(cfg, &ex[d], i)})
			}
		}
	}
	return s
}

func weight(cfg *Config, e *Example, i int) float32 {
	if !cfg.Weighed {
		return e.weight()
	}
	return e.weight() * float32(1+math.Log1p(float64(e.Doc.Lines[i].Words)))
}

// trainStage1 runs stochastic gradient descent on the logistic loss with
// a decaying learning rate.
func trainStage1(ex []Example, cfg Config) ([]float32, []float32) {
	w := make([]float32, features.Dense)
	h := make([]float32, 1<<features.HashBits)
	ss := samples(ex, &cfg)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x636861666631))
	step := 0
	decay := float32(1 - cfg.L2)
	for epoch := 0; epoch < cfg.Epochs; epoch++ {
		rng.Shuffle(len(ss), func(a, b int) { ss[a], ss[b] = ss[b], ss[a] })
		for _, s := range ss {
			e := &ex[s.doc]
			i := int(s.line)
			x := e.Vec.Row(i)
			hs := e.Vec.Hashed(i)
			z := dot(w, x)
			for _, j := range hs {
				z += h[j]
			}
			y := float32(e.Noise[i])
			lr := float32(cfg.Rate / (1 + float64(step)/float64(len(ss))))
			g := (float32(sigmoid(z)) - y) * lr * s.w
			for j := range x {
				w[j] = w[j]*decay - g*x[j]
			}
			for _, j := range hs {
				h[j] = h[j]*decay - g
			}
			step++
		}
	}
	return w, h
}

// outOfFoldStage1 returns, per example, the stage-one logits of its lines
// from a stage one trained on the other inner folds, so that the stages
// above learn from the errors stage one makes on pages it never saw.
func outOfFoldStage1(ex []Example, cfg Config) []Scores {
	sc := make([]Scores, len(ex))
	eachInnerFold(ex, cfg.Folds, func(train []Example, held []int) {
		w, h := trainStage1(train, cfg)
		m := &Model{Dense: w, Hashed: h}
		for _, d := range held {
			sc[d].Z1 = m.logits1(&ex[d])
			sc[d].bl1 = blocks(ex[d].Doc, ex[d].Vec, sc[d].Z1)
		}
	})
	return sc
}

// eachInnerFold calls fn for each of the k inner folds of ex (see
// innerFolds) with the examples out of the fold, in order, and the
// indices of those in it.
func eachInnerFold(ex []Example, k int, fn func(train []Example, held []int)) {
	fold := innerFolds(pages(ex), k)
	for f := range k {
		var train []Example
		var held []int
		for d := range ex {
			if fold[d] == f {
				held = append(held, d)
			} else {
				train = append(train, ex[d])
			}
		}
		fn(train, held)
	}
}

// innerFolds returns the inner fold, out of k, of each of the examples
// whose pages (Example.Page) are given: its index mod k, or that of the
// first example of its page when the page is not 0.
func innerFolds(pages []int, k int) []int {
	fold := make([]int, len(pages))
	first := map[int]int{}
	for d, p := range pages {
		fold[d] = d % k
		if p == 0 {
			continue
		}
		if f, ok := first[p]; ok {
			fold[d] = f
		} else {
			first[p] = fold[d]
		}
	}
	return fold
}

// documents says how many documents examples with these pages
// (Example.Page) are, and how many layout variants of them: "6
// documents", "6 documents and 18 layout variants".
func documents(pages []int) string {
	docs, seen := 0, map[int]bool{}
	for _, p := range pages {
		if p == 0 || !seen[p] {
			docs++
			seen[p] = true
		}
	}
	switch v := len(pages) - docs; v {
	case 0:
	case 1:
		return fmt.Sprintf("%d documents and 1 layout variant", docs)
	default:
		return fmt.Sprintf("%d documents and %d layout variants", docs, v)
	}
	return fmt.Sprintf("%d documents", docs)
}

// pages returns the Page of every example.
func pages(ex []Example) []int {
	p := make([]int, len(ex))
	for d := range ex {
		p[d] = ex[d].Page
	}
	return p
}

// outOfFoldStage2 adds to sc the stage-two logits of every line, each from
// a forest grown on the other inner folds.
func outOfFoldStage2(ex []Example, sc []Scores, cfg Config) {
	rows, y, w := stageRows(ex, sc, stage2Width, stage2Row, &cfg)
	ss := samples(ex, &cfg)
	row, keys := make([]float32, stage2Width), make([]uint32, stage2Width)
	fold := innerFolds(pages(ex), cfg.Folds)
	for f := 0; f < cfg.Folds; f++ {
		var fr [][]float32
		var fy, fw []float32
		for k, s := range ss {
			if fold[s.doc] != f {
				fr, fy, fw = append(fr, rows[k]), append(fy, y[k]), append(fw, w[k])
			}
		}
		forest := growForest(fr, fy, fw, cfg.Forest)
		forest.prepare()
		for d := range ex {
			if fold[d] != f {
				continue
			}
			e := &ex[d]
			sc[d].Z2 = make([]float32, len(e.Doc.Lines))
			for i := range e.Doc.Lines {
				if !e.Doc.Lines[i].Blank() {
					stage2Row(e.Doc, e.Vec, &sc[d], i, row)
					sc[d].Z2[i] = forest.predictUsing(row, keys)
				}
			}
			sc[d].bl2 = blocks(e.Doc, e.Vec, sc[d].Z2)
		}
	}
}

// stageRows builds, with fill (stage2Row or stage3Row), the width-wide rows
// of the examples' labelled lines from the scores of the stages below, with
// their labels and weights.
func stageRows(ex []Example, sc []Scores, width int, fill func(*signals.Doc, *features.Vectors, *Scores, int, []float32), cfg *Config) (rows [][]float32, y, w []float32) {
	ss := samples(ex, cfg)
	flat := make([]float32, len(ss)*width)
	rows = make([][]float32, len(ss))
	y = make([]float32, len(ss))
	w = make([]float32, len(ss))
	for k, s := range ss {
		e := &ex[s.doc]
		rows[k] = flat[k*width : (k+1)*width]
		fill(e.Doc, e.Vec, &sc[s.doc], int(s.line), rows[k])
		y[k] = float32(e.Noise[s.line])
		w[k] = s.w
	}
	return rows, y, w
}

// tuneForest grows the forest's tuning trees on the hand-labelled
// examples (Example.Tune), scored as the finished model scores them: with
// the final stage one, not the out-of-fold one stage two learnt from.
func (m *Model) tuneForest(ex []Example, cfg Config) {
	var tune []Example
	for _, e := range ex {
		if e.Tune {
			tune = append(tune, e)
		}
	}
	if len(tune) == 0 || cfg.Forest.Tune == 0 {
		return
	}
	m.prepare()
	sc := make([]Scores, len(tune))
	for d := range tune {
		sc[d] = m.Score(tune[d].Doc, tune[d].Vec)
	}
	last, width, fill := m.Forest, stage2Width, stage2Row
	if m.Context != nil {
		last, width, fill = m.Context, stage3Width, stage3Row
	}
	rows, y, w := stageRows(tune, sc, width, fill, &cfg)
	var off []float32 // the partner's log-odds, which the forest's are summed with
	if m.Fast != nil {
		for _, s := range samples(tune, &cfg) {
			off = append(off, sc[s.doc].Fast[s.line])
		}
	}
	last.tune(rows, y, w, off, cfg.Forest)
}

// logits1 returns the stage-one logit of every line of e (0 for blank
// lines).
func (m *Model) logits1(e *Example) []float32 {
	z := make([]float32, len(e.Doc.Lines))
	for i := range z {
		if !e.Doc.Lines[i].Blank() {
			z[i] = m.stage1(e.Vec, i)
		}
	}
	return z
}
