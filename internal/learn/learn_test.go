package learn

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/htmltext"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/lang"
	"github.com/chaff-dev/chaff/internal/lexicon"
	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/model"
	"github.com/chaff-dev/chaff/internal/signals"
	"github.com/chaff-dev/chaff/internal/variants"
)

func TestFolds(t *testing.T) {
	for _, tt := range []struct{ n, k int }{{0, 3}, {1, 2}, {5, 5}, {10, 3}, {7, 2}, {100, 7}, {3, 5}} {
		folds := Folds(tt.n, tt.k, 42)
		if len(folds) != tt.k {
			t.Fatalf("Folds(%d,%d): %d folds", tt.n, tt.k, len(folds))
		}
		seen := make([]int, tt.n)
		lo, hi := tt.n, 0
		for _, f := range folds {
			lo, hi = min(lo, len(f)), max(hi, len(f))
			for _, d := range f {
				if d < 0 || d >= tt.n {
					t.Fatalf("Folds(%d,%d): index %d out of range", tt.n, tt.k, d)
				}
				seen[d]++
			}
		}
		for d, c := range seen {
			if c != 1 {
				t.Errorf("Folds(%d,%d): document %d is in %d folds", tt.n, tt.k, d, c)
			}
		}
		if hi-lo > 1 {
			t.Errorf("Folds(%d,%d): fold sizes from %d to %d", tt.n, tt.k, lo, hi)
		}
		if again := Folds(tt.n, tt.k, 42); !slices.EqualFunc(folds, again, slices.Equal) {
			t.Errorf("Folds(%d,%d) differs between two calls with one seed", tt.n, tt.k)
		}
	}
	a, b := Folds(50, 5, 1), Folds(50, 5, 2)
	if slices.EqualFunc(a, b, slices.Equal) {
		t.Error("seeds 1 and 2 give the same folds of 50 documents")
	}
}

func testEnv(t *testing.T) *signals.Env {
	t.Helper()
	lx, err := lexicon.Default()
	if err != nil {
		t.Fatalf("lexicon.Default: %v", err)
	}
	return &signals.Env{Lexicon: lx, Lang: lang.Default()}
}

// goldDoc builds a labelled document from rows "keep CLASS text",
// "drop CLASS text" or "" (blank).
func goldDoc(t *testing.T, name string, rows ...string) *gold.Doc {
	t.Helper()
	d := &gold.Doc{Name: name}
	var text []string
	for _, r := range rows {
		if r == "" {
			text = append(text, "")
			d.Rows = append(d.Rows, gold.Row{Label: label.Blank, Class: gold.Unknown})
			continue
		}
		f := strings.SplitN(r, " ", 3)
		lab, ok := label.ParseLabel(f[0])
		if !ok || len(f) != 3 {
			t.Fatalf("bad row %q", r)
		}
		text = append(text, f[2])
		d.Rows = append(d.Rows, gold.Row{Label: lab, Class: f[1]})
	}
	d.Data = []byte(strings.Join(text, "\n") + "\n")
	if n := len(lines.Split(d.Data)); n != len(d.Rows) {
		t.Fatalf("%s: %d lines, %d rows", name, n, len(d.Rows))
	}
	return d
}

const (
	p1 = "Le conseil municipal a voté mardi la construction d'un nouveau pont sur la rivière, un projet discuté depuis plus de dix ans."
	p2 = "Les habitants présents à la réunion ont dit que la circulation dans la vieille ville était devenue insupportable depuis des années."
	p3 = "Les travaux devraient commencer au printemps prochain et durer environ deux ans, selon les ingénieurs chargés du projet."
)

func goldDocs(t *testing.T) []*gold.Doc {
	return []*gold.Doc{
		goldDoc(t, "a", "drop navigation Accueil", "drop navigation Sport", "", "keep body "+p1, "keep body "+p2, "drop social Partager sur Facebook"),
		goldDoc(t, "b", "drop reading-time 2 min de lecture", "keep body "+p2, "", "keep body "+p3),
		goldDoc(t, "c", "keep title Un nouveau pont pour la ville", "keep body "+p3, "keep body "+p1, "drop - Contact"),
		goldDoc(t, "d", "drop navigation Menu", "keep body "+p1, "", "", "keep body "+p3, "drop legal Mentions légales"),
		goldDoc(t, "e", "keep body "+p2, "drop call-to-action Abonnez-vous"),
		goldDoc(t, "f", "drop navigation Accueil", "keep - "+p3, "keep body "+p2, "drop navigation Contact", "drop navigation Plan du site"),
	}
}

func TestExamples(t *testing.T) {
	docs := goldDocs(t)
	ex := Examples(testEnv(t), docs, nil, model.AccurateText)
	if len(ex) != len(docs) {
		t.Fatalf("%d examples for %d documents", len(ex), len(docs))
	}
	for k, d := range docs {
		e := ex[k]
		if len(e.Noise) != len(d.Rows) || len(e.Class) != len(d.Rows) || len(e.Doc.Lines) != len(d.Rows) {
			t.Fatalf("%s: %d noise, %d class, %d lines for %d rows", d.Name, len(e.Noise), len(e.Class), len(e.Doc.Lines), len(d.Rows))
		}
		if e.Vec == nil || len(e.Vec.Off) != len(d.Rows)+1 || len(e.Vec.X) != len(d.Rows)*e.Vec.Width {
			t.Fatalf("%s: vectors do not cover the %d lines", d.Name, len(d.Rows))
		}
		for i, r := range d.Rows {
			want := map[label.Label]int8{label.Keep: 0, label.Drop: 1, label.Blank: -1}[r.Label]
			if e.Noise[i] != want {
				t.Errorf("%s line %d (%v): Noise %d, want %d", d.Name, i+1, r.Label, e.Noise[i], want)
			}
			wantClass := r.Class
			if r.Class == gold.Unknown {
				wantClass = ""
			}
			if e.Class[i] != wantClass {
				t.Errorf("%s line %d: Class %q, want %q", d.Name, i+1, e.Class[i], wantClass)
			}
		}
		if e.Weight != 0 || e.Tune {
			t.Errorf("%s: Weight %v Tune %v, want plain examples", d.Name, e.Weight, e.Tune)
		}
	}
	for _, k := range []model.Kind{model.AccurateText, model.FastText} {
		for _, w := range []float32{3, 0} {
			for _, e := range extraExamples(testEnv(t), docs[:2], w, k) {
				only := k == model.FastText && w == 0
				if e.Weight != w || !e.Tune || e.CategoriesOnly != only {
					t.Errorf("%v, extra weight %v: Weight %v Tune %v CategoriesOnly %v, want %v true %v", k, w, e.Weight, e.Tune, e.CategoriesOnly, w, only)
				}
			}
		}
	}
	fast := Examples(nil, docs, nil, model.FastText)
	for k, d := range docs {
		if e := fast[k]; e.Lines == nil || len(e.Lines.Blank) != len(d.Rows) || e.Doc != nil || e.Vec != nil {
			t.Errorf("%s: a fast-text example of %d lines, want the line scanner's features of %d", d.Name, len(e.Lines.Blank), len(d.Rows))
		}
	}
}

func TestCrossValidate(t *testing.T) {
	docs := goldDocs(t)
	env := testEnv(t)
	extra := []*gold.Doc{goldDoc(t, "x", "drop navigation Accueil", "keep body "+p1)}
	all, err := CrossValidate(env, Data{Docs: docs, Extra: extra, Weights: Weights{Extra: 2, Variants: 0.3}}, Folds(len(docs), 2, 1), model.Config{Seed: 1, Epochs: 1}, classify.Config{}, variants.NoBlank)
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 2 {
		t.Fatalf("%d sets of classified documents, want the documents and one layout", len(all))
	}
	for k, d := range docs {
		nb := variants.NoBlank(d)
		if c := all[1][k]; c == nil || string(c.Data) != string(nb.Data) {
			t.Errorf("layout output %d is not document %s without its blank lines", k, d.Name)
		}
	}
	if _, err := CrossValidate(env, Data{Docs: docs, Pages: []*htmltext.Page{{}, {}}}, Folds(len(docs), 2, 1), model.Config{Kind: model.AccurateHTML}, classify.Config{}, variants.NoBlank); err == nil {
		t.Error("HTML pages with a layout: no error")
	}
	if _, err := CrossValidate(env, Data{Docs: docs, Pages: []*htmltext.Page{{}, {}}}, Folds(len(docs), 2, 1), model.Config{Kind: model.FastText}, classify.Config{}); err == nil {
		t.Error("HTML pages for a fast-text model: no error")
	}
	out := all[0]
	if len(out) != len(docs) {
		t.Fatalf("%d classified documents for %d", len(out), len(docs))
	}
	for k, d := range docs {
		c := out[k]
		if c == nil {
			t.Fatalf("document %s was never classified", d.Name)
		}
		if string(c.Data) != string(d.Data) {
			t.Errorf("output %d is not document %s (input order lost)", k, d.Name)
		}
		if len(c.Lines) != len(d.Rows) {
			t.Errorf("%s: %d lines classified, %d in the input", d.Name, len(c.Lines), len(d.Rows))
		}
		for i, l := range c.Lines {
			if (l.Label == label.Blank) != (d.Rows[i].Label == label.Blank) {
				t.Errorf("%s line %d: label %v, gold %v", d.Name, i+1, l.Label, d.Rows[i].Label)
			}
		}
	}
}

func TestMainExamplesVariants(t *testing.T) {
	docs := goldDocs(t)
	env := testEnv(t)
	all := mainExamples(env, docs, nil, Weights{}, model.AccurateText)
	if len(all) != len(docs) {
		t.Fatalf("without variants: %d examples for %d documents", len(all), len(docs))
	}
	for _, c := range []struct {
		name string
		w    Weights
		per  int     // variants of each document
		of   float32 // the weight of each, in --variant-weight
	}{
		{"every layout", Weights{Variants: 0.3}, variants.Layouts, 1},
		{"one layout", Weights{Variants: 0.3, OneLayout: true}, 1, variants.Layouts},
	} {
		for _, kind := range []model.Kind{model.AccurateText, model.FastText} {
			all := mainExamples(env, docs, nil, c.w, kind)
			// The documents come first, then their variants.
			if len(all) != len(docs)*(1+c.per) {
				t.Fatalf("%s, %v: %d examples of %d documents, want %d variants each", c.name, kind, len(all), len(docs), c.per)
			}
			for k, e := range all[:len(docs)] {
				if e.Page != k+1 || !sameDoc(e, docs[k]) {
					t.Errorf("%s, %v: example %d is not document %d in page %d", c.name, kind, k, k, k+1)
				}
			}
			for i, v := range all[len(docs):] {
				k, n := i/c.per, i%c.per
				if c.per == 1 {
					n = k // document k in layout k
				}
				if v.Page != k+1 {
					t.Errorf("%s, %v: variant %d in page %d, want %d", c.name, kind, i, v.Page, k+1)
				}
				if !sameDoc(v, variants.Nth(docs[k], n)) {
					t.Errorf("%s, %v: variant %d is not document %d in layout %d", c.name, kind, i, k, n%variants.Layouts)
				}
				if want := c.w.Variants * c.of; v.Weight != want {
					t.Errorf("%s, %v: variant %d weighs %v, want %v", c.name, kind, i, v.Weight, want)
				}
			}
		}
	}
}

// sameDoc reports whether e was measured from d: its lines, and for the
// kinds that keep it, its text.
func sameDoc(e model.Example, d *gold.Doc) bool {
	return len(e.Noise) == len(d.Rows) && (e.Doc == nil || bytes.Equal(e.Doc.Data, d.Data))
}

// TestCrossValidatePooled checks that the other sets' documents join each
// fold's training but for the ones a fold leaves unused: a pool that keeps
// "Sport" as content lowers its noise score, unless it is unused.
func TestCrossValidatePooled(t *testing.T) {
	env := testEnv(t)
	set := goldDocs(t)[:4]
	var pool []*gold.Doc
	for i := range 6 {
		pool = append(pool, goldDoc(t, "pool"+strconv.Itoa(i), "keep body Sport", "keep body "+p2, "drop navigation Contact"))
	}
	data := Data{Docs: append(append([]*gold.Doc(nil), set...), pool...)}
	folds := [][]int{{0, 2}, {1, 3}}
	cfg := model.Config{Seed: 1, Epochs: 1}
	sport := func(unused [][]int) float64 {
		t.Helper()
		out, err := CrossValidatePooled(env, data, len(set), folds, unused, cfg, classify.Config{})
		if err != nil {
			t.Fatal(err)
		}
		if len(out) != len(set) {
			t.Fatalf("%d classified documents for a set of %d", len(out), len(set))
		}
		for k, c := range out {
			if c == nil || string(c.Data) != string(set[k].Data) {
				t.Fatalf("classified document %d is not the set's document %s", k, set[k].Name)
			}
		}
		return out[0].Lines[1].Score // document a, line 2: "Sport"
	}
	all := []int{4, 5, 6, 7, 8, 9}
	with, without := sport([][]int{nil, nil}), sport([][]int{all, all})
	if !(with < without) {
		t.Errorf("noise score of Sport: %v trained with the pool, %v with the pool unused; want lower with it", with, without)
	}
	for _, tc := range []struct {
		name          string
		folds, unused [][]int
	}{
		{"fewer unused lists than folds", folds, [][]int{nil}},
		{"a fold beyond the set", [][]int{{0, 4}, {1, 2, 3}}, [][]int{nil, nil}},
		{"a set document unused", folds, [][]int{{1}, nil}},
		{"a document of the set in no fold", [][]int{{0}, {1, 2}}, [][]int{nil, nil}},
	} {
		if _, err := CrossValidatePooled(env, data, len(set), tc.folds, tc.unused, cfg, classify.Config{}); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
}
