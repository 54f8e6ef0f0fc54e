package model

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/chaff-dev/chaff/internal/linescan"
)

// trainFast fits a fast text model to the examples' Lines: stage one,
// the category head when categories is true, and, with cfg.Folds > 1, a
// forest over stage one's out-of-fold scores. Examples marked
// CategoriesOnly teach the head and nothing else; it grows no tuning
// trees and no third stage.
func trainFast(ex []Example, cfg Config, categories bool) *Model {
	m := &Model{Kind: FastText, Names: make([]string, linescan.Dense)}
	for j := range m.Names {
		m.Names[j] = linescan.Name(j)
	}
	m.Dense, m.Hashed = trainFastStage1(ex, &cfg)
	if categories {
		m.Categories = trainFastCategorizer(ex, cfg)
	}
	if cfg.Folds < 2 || len(ex) < cfg.Folds {
		m.prepare()
		m.About = fmt.Sprintf("fast text: logistic regression over the line scanner's hashed words: %s, seed %d, %d epochs", documents(pages(ex)), cfg.Seed, cfg.Epochs)
		return m
	}
	z := fastOutOfFold(ex, &cfg)
	var rows [][]float32
	var y, w []float32
	for d := range ex {
		e := &ex[d]
		s := FastScores{Z1: z[d]}
		s.context(e.Lines)
		for i, lab := range e.Noise {
			if lab < 0 || e.Lines.Blank[i] || e.CategoriesOnly {
				continue
			}
			row := make([]float32, fastWidth)
			fillFastRow(e.Lines, &s, i, row)
			rows, y, w = append(rows, row), append(y, float32(lab)), append(w, fastWeight(&cfg, e, i))
		}
	}
	m.Forest = growForest(rows, y, w, cfg.Forest)
	m.prepare()
	m.About = fmt.Sprintf("fast text: logistic regression over the line scanner's hashed words and a forest of %d boosted trees: %s, seed %d, %d epochs, %d inner folds", len(m.Forest.Trees), documents(pages(ex)), cfg.Seed, cfg.Epochs, cfg.Folds)
	return m
}

// fastWeight is weight for the fast text model, which counts a line's
// words with its own scanner.
func fastWeight(cfg *Config, e *Example, i int) float32 {
	if !cfg.Weighed {
		return e.weight()
	}
	return e.weight() * float32(1+math.Log1p(float64(e.Lines.Words[i])))
}

// trainFastStage1 runs stochastic gradient descent on the logistic loss
// with a decaying learning rate.
func trainFastStage1(ex []Example, cfg *Config) (dense, words []float32) {
	dense, words = make([]float32, linescan.Dense), make([]float32, 1<<linescan.WordBits)
	var ss []sample
	for d := range ex {
		for i, y := range ex[d].Noise {
			if y >= 0 && !ex[d].Lines.Blank[i] && !ex[d].CategoriesOnly {
				ss = append(ss, sample{int32(d), int32(i), fastWeight(cfg, &ex[d], i)})
			}
		}
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x736b696d))
	decay := float32(1 - cfg.L2)
	m := Model{Dense: dense, Hashed: words}
	step := 0
	for range cfg.Epochs {
		rng.Shuffle(len(ss), func(a, b int) { ss[a], ss[b] = ss[b], ss[a] })
		for _, s := range ss {
			e := &ex[s.doc]
			i := int(s.line)
			z := m.fastStage1(e.Lines, i)
			lr := float32(cfg.Rate / (1 + float64(step)/float64(len(ss))))
			g := (float32(sigmoid(z)) - float32(e.Noise[i])) * lr * s.w
			for j, x := range e.Lines.Row(i) {
				dense[j] = dense[j]*decay - g*x
			}
			for _, h := range e.Lines.Hashed(i) {
				words[h] = words[h]*decay - g
			}
			step++
		}
	}
	return dense, words
}

// fastOutOfFold returns, per example, the stage-one logits of its lines
// from a stage one trained on the other inner folds, so that stage two
// learns from the errors stage one makes on documents it never saw.
func fastOutOfFold(ex []Example, cfg *Config) [][]float32 {
	z := make([][]float32, len(ex))
	eachInnerFold(ex, cfg.Folds, func(train []Example, held []int) {
		dense, words := trainFastStage1(train, cfg)
		m := &Model{Dense: dense, Hashed: words}
		m.quantize()
		for _, d := range held {
			z[d] = make([]float32, len(ex[d].Lines.Blank))
			m.stage1All(ex[d].Lines, z[d])
		}
	})
	return z
}
