package learn

import (
	"errors"
	"fmt"
	"math/rand/v2"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/model"
	"github.com/chaff-dev/chaff/internal/signals"
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

// CrossValidate classifies every document of data.Docs with a model of
// kind cfg.Kind trained on the other folds only (folds as Folds or
// GroupFolds make them; every document must be in one), and returns the
// classified documents in input order. base supplies the lexicon,
// stopwords and policy; its TextModel or HTMLModel, as the kind
// classifies, is replaced by each fold's model. The training folds'
// documents are measured and weighed as Train does; extra documents, if
// any, are added to every fold's training set, and never scored.
//
// out[0] holds the documents as given; for the text kinds out[1+j] holds
// each document as layouts[j] rewrites it (package variants), classified
// by the same fold's model: how the model fares on other scrapers' dumps.
func CrossValidate(env *signals.Env, data Data, folds [][]int, cfg model.Config, base classify.Config, layouts ...Layout) ([][]*classify.Document, error) {
	if data.Pages != nil && len(layouts) > 0 {
		return nil, errors.New("learn: layouts rewrite text documents; HTML pages have one")
	}
	ex, err := trainingExamples(env, data, cfg.Kind)
	if err != nil {
		return nil, err
	}
	return crossValidate(data.Docs, folds, layouts, func(_ int, held map[int]bool) (*classify.Classifier, error) {
		return fitWithout(env, ex, held, cfg, base)
	}, func(cl *classify.Classifier, d int) *classify.Document {
		return classifyDoc(cl, data, d)
	})
}

// CrossValidatePooled cross-validates a set beside other sets: data.Docs[:n]
// are the set's documents, which folds (indices below n) split, and
// data.Docs[n:] are the other sets' documents, which join the training of
// every fold but those of unused[i] (indices from n up), left out of fold
// i's training: the pages of other sets that come from the sites of fold
// i. It returns the set's n documents, each classified by the model of its
// fold, in input order. This is how a model trained on all the sets meets
// a new site of a kind of page it knows.
func CrossValidatePooled(env *signals.Env, data Data, n int, folds, unused [][]int, cfg model.Config, base classify.Config) ([]*classify.Document, error) {
	if len(unused) != len(folds) {
		return nil, fmt.Errorf("learn: %d folds and %d lists of unused documents", len(folds), len(unused))
	}
	if n < 0 || n > len(data.Docs) {
		return nil, fmt.Errorf("learn: a set of %d documents among %d", n, len(data.Docs))
	}
	for i, fold := range folds {
		for _, d := range fold {
			if d < 0 || d >= n {
				return nil, fmt.Errorf("learn: fold %d holds document %d, outside the set's %d", i, d, n)
			}
		}
		for _, d := range unused[i] {
			if d < n || d >= len(data.Docs) {
				return nil, fmt.Errorf("learn: fold %d leaves out document %d, not one of the other sets'", i, d)
			}
		}
	}
	ex, err := trainingExamples(env, data, cfg.Kind)
	if err != nil {
		return nil, err
	}
	out, err := crossValidate(data.Docs[:n], folds, nil, func(i int, held map[int]bool) (*classify.Classifier, error) {
		for _, d := range unused[i] {
			held[d] = true
		}
		return fitWithout(env, ex, held, cfg, base)
	}, func(cl *classify.Classifier, d int) *classify.Document {
		return classifyDoc(cl, data, d)
	})
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// fitWithout trains a model of kind cfg.Kind on the examples of ex but
// those of the main documents in left (their variants included), and
// returns base classifying with it.
func fitWithout(env *signals.Env, ex examples, left map[int]bool, cfg model.Config, base classify.Config) (*classify.Classifier, error) {
	train := append([]model.Example(nil), ex.extra...)
	for _, e := range ex.main {
		if !left[e.Page-1] {
			train = append(train, e)
		}
	}
	c := base
	m := model.Train(train, cfg)
	if m.Kind == model.FastText {
		c.TextModel = m
	} else {
		// Both, so that the classifier decodes no embedded model it
		// will not use.
		c.TextModel, c.HTMLModel = m, m
		c.Lexicon, c.Languages = env.Lexicon, env.Lang
	}
	return classify.New(c)
}

// classifyDoc classifies main document d of data: its page in HTML mode,
// its text otherwise.
func classifyDoc(cl *classify.Classifier, data Data, d int) *classify.Document {
	if data.Pages != nil {
		return cl.ClassifyPage(data.Pages[d])
	}
	return cl.Classify(data.Docs[d].Data)
}

// Layout rewrites a labelled text document as another scraper would have
// dumped it: variants.NoBlank, or a variants.Wrapped at some width.
type Layout func(*gold.Doc) *gold.Doc

// crossValidate takes each fold of folds (indices of docs) in turn; fit
// builds a classifier from the documents outside fold i (held marks the
// fold's, in a map fit may add to), run classifies each of the fold's documents with it, and the
// classifier classifies each rewritten by every layout. It returns the
// classified documents in input order: out[0] from run, out[1+j] from
// layouts[j].
func crossValidate(docs []*gold.Doc, folds [][]int, layouts []Layout, fit func(i int, held map[int]bool) (*classify.Classifier, error), run func(cl *classify.Classifier, d int) *classify.Document) ([][]*classify.Document, error) {
	out := make([][]*classify.Document, 1+len(layouts))
	for j := range out {
		out[j] = make([]*classify.Document, len(docs))
	}
	for i, fold := range folds {
		held := make(map[int]bool, len(fold))
		for _, d := range fold {
			held[d] = true
		}
		cl, err := fit(i, held)
		if err != nil {
			return nil, err
		}
		for _, d := range fold {
			out[0][d] = run(cl, d)
			for j, lay := range layouts {
				out[1+j][d] = cl.Classify(lay(docs[d]).Data)
			}
		}
	}
	for d, c := range out[0] {
		if c == nil {
			return nil, fmt.Errorf("learn: document %d (%s) is in no fold", d, docs[d].Name)
		}
	}
	return out, nil
}
