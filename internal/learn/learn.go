// Package learn trains chaff's models, of every kind, from labelled
// documents (Train) and measures them by cross-validation
// (CrossValidate), so that every accuracy figure comes from documents the
// model did not see.
package learn

import (
	"errors"
	"fmt"

	"github.com/chaff-dev/chaff/internal/features"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/htmltext"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/linescan"
	"github.com/chaff-dev/chaff/internal/model"
	"github.com/chaff-dev/chaff/internal/signals"
	"github.com/chaff-dev/chaff/internal/variants"
)

// Data is what a model learns from.
type Data struct {
	// Docs are the main labelled documents.
	Docs []*gold.Doc
	// Pages, for the HTML kinds, holds the page each of Docs was
	// extracted from, Pages[k] that of Docs[k]; nil for the text kinds.
	Pages []*htmltext.Page
	// Extra are hand-labelled text documents given beside the main ones
	// (the fixtures beside the benchmark's pages), weighing
	// Weights.Extra; the HTML kinds take none.
	Extra []*gold.Doc
	// Weights says how much each kind of document weighs.
	Weights Weights
}

// Examples measures labelled documents into examples for a model of kind
// k: through package features (pages is nil in text mode; in HTML mode
// pages[k] is the page docs[k]'s text was extracted from), or through
// package linescan for model.FastText (pages is then nil). Lines whose
// gold label is keep are content, drop are noise; blank lines are not
// learnt from.
func Examples(env *signals.Env, docs []*gold.Doc, pages []*htmltext.Page, k model.Kind) []model.Example {
	ex := make([]model.Example, len(docs))
	for i, d := range docs {
		y, class := targets(d)
		ex[i] = model.Example{Noise: y, Class: class}
		if k == model.FastText {
			ex[i].Lines = linescan.Build(d.Data, lines.Split(d.Data))
			continue
		}
		var page *htmltext.Page
		if pages != nil {
			page = pages[i]
		}
		title := -1
		if page != nil {
			title = page.Headline
		}
		ex[i].Doc = signals.AnalyzeTitled(env, d.Data, lines.Split(d.Data), env.Language(d.Data), title)
		ex[i].Vec = features.Build(ex[i].Doc, page)
	}
	return ex
}

// targets returns what a model learns of each line of d: 1 for noise, 0
// for content, -1 for a blank line, and its class when the gold names one.
func targets(d *gold.Doc) (y []int8, class []string) {
	y = make([]int8, len(d.Rows))
	class = make([]string, len(d.Rows))
	for i, r := range d.Rows {
		switch r.Label {
		case label.Keep:
			y[i] = 0
		case label.Drop:
			y[i] = 1
		default:
			y[i] = -1
		}
		if r.Class != gold.Unknown {
			class[i] = r.Class
		}
	}
	return y, class
}

// Weights says how much a line of each kind of training document weighs
// beside a line of the main documents, which weighs 1.
type Weights struct {
	// Extra weighs the hand-labelled documents given beside the main ones
	// (the fixtures beside the benchmark's pages).
	Extra float32
	// Variants weighs the layout variants of the main documents (package
	// variants), each in the inner fold of its page; 0 trains on none.
	Variants float32
	// OneLayout learns each main document in one layout variant, the
	// next document in the next (variants.Nth), instead of in all of
	// them: a third of the variants' lines to train on, each weighing
	// what the lines of all the layouts would together.
	OneLayout bool
	// Docs, when not nil, weighs each main document by its index (its
	// variants weigh Variants times as much): the weight of its benchmark
	// set's pages, see SetWeights. nil weighs every main document 1.
	Docs []float32
}

// docWeight returns the weight of main document k.
func (w Weights) docWeight(k int) float32 {
	if w.Docs == nil {
		return 1
	}
	return w.Docs[k]
}

// variantDocs returns the layout variants of docs, and for each the index
// of its document in docs: every layout of each document, or with one
// docs[k] in layout k alone (variants.Nth).
func variantDocs(docs []*gold.Doc, one bool) (vs []*gold.Doc, of []int) {
	for k, d := range docs {
		if one {
			vs, of = append(vs, variants.Nth(d, k)), append(of, k)
			continue
		}
		for n := range variants.Layouts {
			vs, of = append(vs, variants.Nth(d, n)), append(of, k)
		}
	}
	return vs, of
}

// Train measures data and fits a model of kind cfg.Kind to it: the main
// documents, with their layout variants at Weights.Variants (text kinds
// only: a page has one layout), and the extra ones at Weights.Extra.
// Extra documents are tuned on (model.Example.Tune); with a weight of 0
// they teach a model.FastText model its categories only.
func Train(env *signals.Env, data Data, cfg model.Config) (*model.Model, error) {
	ex, err := trainingExamples(env, data, cfg.Kind)
	if err != nil {
		return nil, err
	}
	return model.Train(append(ex.main, ex.extra...), cfg), nil
}

// examples are the measured examples of Data.
type examples struct{ main, extra []model.Example }

// trainingExamples measures data for a model of kind k.
func trainingExamples(env *signals.Env, data Data, k model.Kind) (examples, error) {
	if k == 0 {
		k = model.AccurateText
	}
	if k.HTML() != (data.Pages != nil) {
		return examples{}, fmt.Errorf("learn: a %v model learns from %s", k, map[bool]string{true: "HTML pages", false: "text documents, not pages"}[k.HTML()])
	}
	if k.HTML() && len(data.Extra) > 0 {
		return examples{}, errors.New("learn: extra documents are text: an HTML model learns from pages only")
	}
	w := data.Weights
	if k.HTML() {
		w.Variants = 0 // a page has one layout
	}
	return examples{mainExamples(env, data.Docs, data.Pages, w, k), extraExamples(env, data.Extra, w.Extra, k)}, nil
}

// mainExamples measures documents into examples, docs[k] in page k+1 with
// weight w.docWeight(k) (pages as in Examples), followed, when w.Variants
// is not 0, by their layout variants in their pages.
func mainExamples(env *signals.Env, docs []*gold.Doc, pages []*htmltext.Page, w Weights, k model.Kind) []model.Example {
	ex := Examples(env, docs, pages, k)
	for i := range ex {
		ex[i].Page, ex[i].Weight = i+1, w.docWeight(i)
	}
	if w.Variants == 0 {
		return ex
	}
	vs, of := variantDocs(docs, w.OneLayout)
	vw := w.Variants
	if w.OneLayout {
		vw *= variants.Layouts // one layout weighs what all of them would
	}
	vex := Examples(env, vs, nil, k)
	for i := range vex {
		vex[i].Page, vex[i].Weight = of[i]+1, vw*w.docWeight(of[i])
	}
	return append(ex, vex...)
}

// extraExamples measures hand-labelled documents into examples whose
// lines weigh w, marked for the forest's tuning rounds; for a
// model.FastText model, with w 0 they teach the categories only.
func extraExamples(env *signals.Env, docs []*gold.Doc, w float32, k model.Kind) []model.Example {
	ex := Examples(env, docs, nil, k)
	for i := range ex {
		ex[i].Weight, ex[i].Tune = w, true
		ex[i].CategoriesOnly = k == model.FastText && w == 0
	}
	return ex
}
