package learn

import (
	"math/rand/v2"

	"github.com/chaff-dev/chaff/classify"
	"github.com/chaff-dev/chaff/gold"
	"github.com/chaff-dev/chaff/htmltext"
	"github.com/chaff-dev/chaff/model"
	"github.com/chaff-dev/chaff/signals"
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
	out := make([]*classify.Document, len(docs))
	for _, held := range Folds(len(docs), k, cfg.Seed) {
		isHeld := make(map[int]bool, len(held))
		for _, d := range held {
			isHeld[d] = true
		}
		train := append([]model.Example(nil), exExtra...)
		for d := range ex {
			if !isHeld[d] {
				train = append(train, ex[d])
			}
		}
		c := base
		m := model.Train(train, cfg)
		c.Model, c.HTMLModel = m, m
		c.Lexicon, c.Languages = env.Lexicon, env.Lang
		cl, err := classify.New(c)
		if err != nil {
			return nil, err
		}
		for _, d := range held {
			if pages != nil {
				out[d] = cl.ClassifyPage(pages[d])
			} else {
				out[d] = cl.Classify(docs[d].Data)
			}
		}
	}
	return out, nil
}
