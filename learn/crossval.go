package learn

import (
	"math/rand/v2"

	"github.com/chaff-dev/chaff/classify"
	"github.com/chaff-dev/chaff/gold"
	"github.com/chaff-dev/chaff/htmltext"
	"github.com/chaff-dev/chaff/model"
	"github.com/chaff-dev/chaff/signals"
	"github.com/chaff-dev/chaff/skim"
)

// Folds splits n documents into k folds by document, shuffled with seed:
// fold[i] lists the indices of the documents held out in round i.
func Folds(n, k int, seed uint64) [][]int {
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	rng := rand.New(rand.NewPCG(seed, 0x666f6c6473))
	rng.Shuffle(n, func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
	folds := make([][]int, k)
	for i, d := range idx {
		folds[i%k] = append(folds[i%k], d)
	}
	return folds
}

// CrossValidate classifies every document with a model trained on the
// other folds only, and returns the classified documents in input order.
// base supplies the lexicon, stopwords and policy; its Model is replaced
// by each fold's model. extra documents, if any, are added to every
// fold's training set with extraWeight, and never scored. In HTML mode
// pages[k] is the page docs[k] was extracted from (extra documents are then
// not allowed); pages is nil in text mode.
func CrossValidate(env *signals.Env, docs, extra []*gold.Doc, extraWeight float32, pages []*htmltext.Page, k int, cfg model.Config, base classify.Config) ([]*classify.Document, error) {
	ex := Examples(env, docs, pages)
	exExtra := weighed(Examples(env, extra, nil), extraWeight)
	return crossValidate(len(docs), k, cfg.Seed, func(held map[int]bool) (*classify.Classifier, error) {
		train := append([]model.Example(nil), exExtra...)
		for d := range ex {
			if !held[d] {
				train = append(train, ex[d])
			}
		}
		c := base
		m := model.Train(train, cfg)
		c.Model, c.HTMLModel = m, m
		c.Lexicon, c.Languages = env.Lexicon, env.Lang
		return classify.New(c)
	}, func(cl *classify.Classifier, d int) *classify.Document {
		if pages != nil {
			return cl.ClassifyPage(pages[d])
		}
		return cl.Classify(docs[d].Data)
	})
}

// CrossValidateSkim is CrossValidate for the skim model of text mode:
// base's Skim is replaced by each fold's model.
func CrossValidateSkim(docs, extra []*gold.Doc, extraWeight float32, k int, cfg skim.Config, base classify.Config) ([]*classify.Document, error) {
	ex := SkimExamples(docs)
	exExtra := weighedSkim(extra, extraWeight)
	return crossValidate(len(docs), k, cfg.Seed, func(held map[int]bool) (*classify.Classifier, error) {
		train := append([]skim.Example(nil), exExtra...)
		for d := range ex {
			if !held[d] {
				train = append(train, ex[d])
			}
		}
		c := base
		c.Skim = skim.Train(train, cfg)
		return classify.New(c)
	}, func(cl *classify.Classifier, d int) *classify.Document {
		return cl.Classify(docs[d].Data)
	})
}

// crossValidate splits n documents into k folds with seed; for each fold,
// fit builds a classifier from the documents outside it (held marks the
// fold's), and run classifies each of the fold's documents with it. It
// returns the classified documents in input order.
func crossValidate(n, k int, seed uint64, fit func(held map[int]bool) (*classify.Classifier, error), run func(cl *classify.Classifier, d int) *classify.Document) ([]*classify.Document, error) {
	out := make([]*classify.Document, n)
	for _, fold := range Folds(n, k, seed) {
		held := make(map[int]bool, len(fold))
		for _, d := range fold {
			held[d] = true
		}
		cl, err := fit(held)
		if err != nil {
			return nil, err
		}
		for _, d := range fold {
			out[d] = run(cl, d)
		}
	}
	return out, nil
}
