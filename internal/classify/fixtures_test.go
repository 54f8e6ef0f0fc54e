package classify_test

import (
	"errors"
	"io/fs"
	"os"
	"reflect"
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/evaluate"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/linescan"
	"github.com/chaff-dev/chaff/internal/model"
)

// TestFixtures classifies every labelled fixture and compares each line
// with its gold label. With -v it prints per-category precision and recall;
// every mismatching line is reported.
func TestFixtures(t *testing.T) {
	docs, err := gold.LoadAll("../../fixtures")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no fixtures directory")
	}
	if err != nil {
		t.Fatal(err)
	}
	cl, err := classify.New(classify.Config{})
	if err != nil {
		t.Fatal(err)
	}
	r := evaluate.Check(cl, docs)
	if testing.Verbose() {
		r.WriteTable(os.Stdout)
	}
	for _, m := range r.Mismatches {
		code := ""
		if len(m.Reasons) > 0 {
			code = m.Reasons[0].Code
		}
		t.Errorf("%s:%d: gold %s, got %s [%s]: %s", m.Doc, m.Line, m.Gold, m.Got, code, m.Excerpt)
	}
}

// TestStopEarly checks the fast model's two ways of scoring on every
// fixture: by default it gives the model's full scores, and with StopEarly
// every line gets the same label, kind and category, with a score on the
// same side of the threshold.
func TestStopEarly(t *testing.T) {
	docs, m := fixturesAndFastModel(t)
	exact, err := classify.New(classify.Config{TextModel: m})
	if err != nil {
		t.Fatal(err)
	}
	fast, err := classify.New(classify.Config{TextModel: m, StopEarly: true})
	if err != nil {
		t.Fatal(err)
	}
	differ := 0
	for _, d := range docs {
		var want model.FastScores
		m.ScoreFast(&want, linescan.Build(d.Data, lines.Split(d.Data)))
		a, b := exact.Classify(d.Data), fast.Classify(d.Data)
		for i := range a.Lines {
			x, y := &a.Lines[i], &b.Lines[i]
			if x.Label != y.Label || x.Kind != y.Kind || x.Cat != y.Cat {
				t.Errorf("%s:%d: %s/%s%s exactly, %s/%s%s stopping early", d.Name, i+1, x.Label, x.Kind, x.Cat, y.Label, y.Kind, y.Cat)
			}
			if x.Score != want.P[i] {
				t.Errorf("%s:%d: exact score %v, the model's %v", d.Name, i+1, x.Score, want.P[i])
			}
			if (x.Score >= classify.DefaultThreshold) != (y.Score >= classify.DefaultThreshold) {
				t.Errorf("%s:%d: scores %v and %v on both sides of the threshold", d.Name, i+1, x.Score, y.Score)
			}
			if x.Score != y.Score {
				differ++
			}
		}
	}
	if differ == 0 {
		t.Error("no score differs with StopEarly: the test proves nothing")
	}
}

// TestClassifyTo checks that classifying into a Document another one
// left, longer or shorter, in either model, with reasons or without,
// gives what classifying into a new one gives: nothing of the document
// before shows through.
func TestClassifyTo(t *testing.T) {
	docs, m := fixturesAndFastModel(t)
	for _, cfg := range []struct {
		name string
		cfg  classify.Config
	}{
		{"default", classify.Config{}},
		{"default, no reasons", classify.Config{SkipReasons: true}},
		{"fast", classify.Config{TextModel: m}},
		{"fast, as clean", classify.Config{TextModel: m, SkipReasons: true, StopEarly: true}},
	} {
		cl, err := classify.New(cfg.cfg)
		if err != nil {
			t.Fatal(err)
		}
		var doc classify.Document
		// Every document after every other: longer, shorter, itself.
		for _, d := range append(docs, docs[0], docs[len(docs)-1], docs[len(docs)-1]) {
			cl.ClassifyTo(&doc, d.Data)
			if want := cl.Classify(d.Data); !reflect.DeepEqual(&doc, want) {
				t.Fatalf("%s, %s: ClassifyTo after another document differs from Classify", cfg.name, d.Name)
			}
		}
	}
}

// fixturesAndFastModel returns the labelled fixtures, or skips t, and the
// embedded fast text model.
func fixturesAndFastModel(t *testing.T) ([]*gold.Doc, *model.Model) {
	t.Helper()
	docs, err := gold.LoadAll("../../fixtures")
	if err != nil {
		t.Skipf("no fixtures: %v", err)
	}
	m, err := model.Embedded(model.FastText)
	if err != nil {
		t.Fatal(err)
	}
	return docs, m
}
