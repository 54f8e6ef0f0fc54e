// Package learn trains chaff's model from labelled documents and measures
// it by cross-validation, so that every accuracy figure comes from
// documents the model did not see.
package learn

import (
	"github.com/chaff-dev/chaff/internal/features"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/htmltext"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/model"
	"github.com/chaff-dev/chaff/internal/signals"
	"github.com/chaff-dev/chaff/internal/skim"
	"github.com/chaff-dev/chaff/internal/variants"
)

// Examples measures labelled documents into model examples. Lines whose
// gold label is keep are content, drop are noise; blank lines are not
// learnt from. pages is nil in text mode; in HTML mode pages[k] is the page
// docs[k]'s text was extracted from.
func Examples(env *signals.Env, docs []*gold.Doc, pages []*htmltext.Page) []model.Example {
	ex := make([]model.Example, len(docs))
	for k, d := range docs {
		var page *htmltext.Page
		if pages != nil {
			page = pages[k]
		}
		sd := signals.Analyze(env, d.Data, lines.Split(d.Data))
		y, class := targets(d)
		ex[k] = model.Example{Doc: sd, Vec: features.Build(sd, page), Noise: y, Class: class}
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

// SkimExamples measures labelled text documents into skim examples, with
// the same targets as Examples.
func SkimExamples(docs []*gold.Doc) []skim.Example {
	ex := make([]skim.Example, len(docs))
	for k, d := range docs {
		y, class := targets(d)
		ex[k] = skim.Example{F: skim.Build(d.Data, lines.Split(d.Data)), Noise: y, Class: class}
	}
	return ex
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
// of its document in docs.
func variantDocs(docs []*gold.Doc) (vs []*gold.Doc, of []int) {
	for k, d := range docs {
		for _, v := range variants.Of(d) {
			vs, of = append(vs, v), append(of, k)
		}
	}
	return vs, of
}

// TrainSkim measures docs and fits a skim model to them, with their
// layout variants at w.Variants; the lines of extra documents weigh
// w.Extra, as in Train, and teach the categories only when it is 0.
func TrainSkim(docs, extra []*gold.Doc, w Weights, cfg skim.Config) *skim.Model {
	return skim.Train(append(skimMain(docs, w), weighedSkim(extra, w.Extra)...), cfg)
}

// skimMain measures docs into skim examples, docs[k] in page k+1 with
// weight w.docWeight(k), followed, when w.Variants is not 0, by their
// layout variants in their pages.
func skimMain(docs []*gold.Doc, w Weights) []skim.Example {
	ex := SkimExamples(docs)
	for k := range ex {
		ex[k].Page, ex[k].Weight = k+1, w.docWeight(k)
	}
	if w.Variants == 0 {
		return ex
	}
	vs, of := variantDocs(docs)
	vex := SkimExamples(vs)
	for i := range vex {
		vex[i].Page, vex[i].Weight = of[i]+1, w.Variants*w.docWeight(of[i])
	}
	return append(ex, vex...)
}

// weighedSkim measures hand-labelled documents into skim examples whose
// lines weigh w; with w 0 they teach the categories only.
func weighedSkim(docs []*gold.Doc, w float32) []skim.Example {
	ex := SkimExamples(docs)
	for i := range ex {
		ex[i].Weight, ex[i].CategoriesOnly = w, w == 0
	}
	return ex
}

// Train measures docs and fits a model to them, with their layout
// variants at w.Variants. The lines of extra documents weigh w.Extra:
// hand-labelled fixtures beside many automatically labelled pages.
func Train(env *signals.Env, docs, extra []*gold.Doc, w Weights, cfg model.Config) *model.Model {
	return model.Train(append(mainExamples(env, docs, nil, w), weighed(Examples(env, extra, nil), w.Extra)...), cfg)
}

// mainExamples measures documents into examples, docs[k] in page k+1 with
// weight w.docWeight(k) (pages as in Examples), followed, when w.Variants
// is not 0, by their layout variants in their pages.
func mainExamples(env *signals.Env, docs []*gold.Doc, pages []*htmltext.Page, w Weights) []model.Example {
	ex := Examples(env, docs, pages)
	for k := range ex {
		ex[k].Page, ex[k].Weight = k+1, w.docWeight(k)
	}
	if w.Variants == 0 {
		return ex
	}
	vs, of := variantDocs(docs)
	vex := Examples(env, vs, nil)
	for i := range vex {
		vex[i].Page, vex[i].Weight = of[i]+1, w.Variants*w.docWeight(of[i])
	}
	return append(ex, vex...)
}

// weighed gives hand-labelled examples their weight and marks them for
// the forest's tuning rounds.
func weighed(ex []model.Example, w float32) []model.Example {
	for i := range ex {
		ex[i].Weight = w
		ex[i].Tune = true
	}
	return ex
}

// TrainHTML measures labelled HTML pages (docs[k] holds the text and
// labels of pages[k]) and fits an HTML-mode model to them. docWeights, when
// not nil, weighs each page (see Weights.Docs).
func TrainHTML(env *signals.Env, docs []*gold.Doc, pages []*htmltext.Page, docWeights []float32, cfg model.Config) *model.Model {
	return model.Train(mainExamples(env, docs, pages, Weights{Docs: docWeights}), cfg)
}
