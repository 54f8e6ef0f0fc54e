package skim

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/chaff-dev/chaff/internal/model"
)

// Example is one labelled document to learn from.
type Example struct {
	F *Features
	// Noise per line: 1 noise, 0 content, -1 not to learn from (blank).
	Noise []int8
	// Class per line: the noise category of a dropped line when known,
	// "" otherwise.
	Class []string
	// Weight of the document's lines; 0 means 1.
	Weight float32
	// CategoriesOnly has the model learn the categories of the document's
	// noise lines and nothing else: hand-labelled documents whose labels
	// would shift the noise scores away from the data they are measured on.
	CategoriesOnly bool
	// Page groups the dumps of one page in different layouts, as
	// model.Example.Page does: they share an inner fold.
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
	Seed   uint64  // shuffling seed: the same seed and data give the same model
	Epochs int     // passes over the data for stage one (default 8)
	Rate   float64 // initial learning rate (default 0.1)
	L2     float64 // weight decay per step (default 1e-6)
	// Folds are the inner folds for stage two's out-of-fold inputs (0 or
	// 1: a one-stage model).
	Folds  int
	Forest model.ForestConfig
	// Weighed weighs each line by the log of its word count, as the
	// benchmark counts words.
	Weighed bool
}

func (c *Config) defaults() {
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

// Train fits a model to the examples.
func Train(ex []Example, cfg Config) *Model {
	cfg.defaults()
	m := &Model{Names: append([]string(nil), names[:]...)}
	m.Dense, m.Words = trainStage1(ex, &cfg)
	m.Categories = trainCategories(ex, cfg)
	if cfg.Folds < 2 || len(ex) < cfg.Folds {
		m.prepare()
		m.About = fmt.Sprintf("skim: logistic regression over hashed words: %s, seed %d, %d epochs", model.Documents(pages(ex)), cfg.Seed, cfg.Epochs)
		return m
	}
	z := outOfFold(ex, &cfg)
	var rows [][]float32
	var y, w []float32
	for d := range ex {
		e := &ex[d]
		s := Scores{Z1: z[d]}
		s.context(e.F)
		for i, lab := range e.Noise {
			if lab < 0 || e.F.Blank[i] || e.CategoriesOnly {
				continue
			}
			row := make([]float32, width)
			fillRow(e.F, &s, i, row)
			rows, y, w = append(rows, row), append(y, float32(lab)), append(w, weight(&cfg, e, i))
		}
	}
	m.Forest = model.GrowForest(rows, y, w, cfg.Forest)
	m.prepare()
	m.About = fmt.Sprintf("skim: logistic regression over hashed words and a forest of %d boosted trees: %s, seed %d, %d epochs, %d inner folds", len(m.Forest.Trees), model.Documents(pages(ex)), cfg.Seed, cfg.Epochs, cfg.Folds)
	return m
}

// pages returns the Page of every example.
func pages(ex []Example) []int {
	p := make([]int, len(ex))
	for d := range ex {
		p[d] = ex[d].Page
	}
	return p
}

func weight(cfg *Config, e *Example, i int) float32 {
	if !cfg.Weighed {
		return e.weight()
	}
	return e.weight() * float32(1+math.Log1p(float64(e.F.Words[i])))
}

// sample is one line to learn from: example ex, line line.
type sample struct{ ex, line int32 }

// trainStage1 runs stochastic gradient descent on the logistic loss with
// a decaying learning rate.
func trainStage1(ex []Example, cfg *Config) (dense, words []float32) {
	dense, words = make([]float32, Dense), make([]float32, 1<<WordBits)
	var ss []sample
	for d := range ex {
		for i, y := range ex[d].Noise {
			if y >= 0 && !ex[d].F.Blank[i] && !ex[d].CategoriesOnly {
				ss = append(ss, sample{int32(d), int32(i)})
			}
		}
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x736b696d))
	decay := float32(1 - cfg.L2)
	m := Model{Dense: dense, Words: words}
	step := 0
	for range cfg.Epochs {
		rng.Shuffle(len(ss), func(a, b int) { ss[a], ss[b] = ss[b], ss[a] })
		for _, s := range ss {
			e := &ex[s.ex]
			i := int(s.line)
			z := m.stage1(e.F, i)
			lr := float32(cfg.Rate / (1 + float64(step)/float64(len(ss))))
			g := (float32(sigmoid(z)) - float32(e.Noise[i])) * lr * weight(cfg, e, i)
			for j, x := range e.F.Row(i) {
				dense[j] = dense[j]*decay - g*x
			}
			for _, h := range e.F.Hashed(i) {
				words[h] = words[h]*decay - g
			}
			step++
		}
	}
	return dense, words
}

// outOfFold returns, per example, the stage-one logits of its lines from
// a stage one trained on the other inner folds, so that stage two learns
// from the errors stage one makes on documents it never saw.
func outOfFold(ex []Example, cfg *Config) [][]float32 {
	z := make([][]float32, len(ex))
	fold := model.InnerFolds(pages(ex), cfg.Folds)
	for f := range cfg.Folds {
		var train []Example
		for d := range ex {
			if fold[d] != f {
				train = append(train, ex[d])
			}
		}
		dense, words := trainStage1(train, cfg)
		m := &Model{Dense: dense, Words: words}
		m.quantize()
		for d := range ex {
			if fold[d] != f {
				continue
			}
			z[d] = make([]float32, len(ex[d].F.Blank))
			m.stage1All(ex[d].F, z[d])
		}
	}
	return z
}
