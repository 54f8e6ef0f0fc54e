package learn

import (
	"math"
	"slices"
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/htmltext"
	"github.com/chaff-dev/chaff/internal/model"
)

func TestGroupFolds(t *testing.T) {
	tests := []struct {
		name   string
		groups []string
		k      int
	}{
		{"sites of several pages", []string{"a", "b", "a", "c", "a", "d", "b", "e", "f", "g", "c", "h"}, 3},
		{"one big site", []string{"x", "x", "x", "x", "x", "y", "z", "w"}, 2},
		{"more folds than groups", []string{"a", "a", "b"}, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			folds := GroupFolds(tt.groups, tt.k, 7)
			if len(folds) != tt.k {
				t.Fatalf("%d folds, want %d", len(folds), tt.k)
			}
			foldOf := map[int]int{}
			groupFold := map[string]int{}
			for f, fold := range folds {
				for _, d := range fold {
					if _, dup := foldOf[d]; dup {
						t.Fatalf("document %d in two folds: %v", d, folds)
					}
					foldOf[d] = f
					if g, ok := groupFold[tt.groups[d]]; ok && g != f {
						t.Errorf("group %q split over folds %d and %d: %v", tt.groups[d], g, f, folds)
					}
					groupFold[tt.groups[d]] = f
				}
			}
			if len(foldOf) != len(tt.groups) {
				t.Errorf("%d documents in folds, want %d", len(foldOf), len(tt.groups))
			}
			if again := GroupFolds(tt.groups, tt.k, 7); !slices.EqualFunc(folds, again, slices.Equal) {
				t.Error("two calls with one seed differ")
			}
		})
	}
	// Largest group first to the emptiest fold: 5 x's alone, the 3 others
	// together.
	if f := GroupFolds([]string{"x", "x", "x", "x", "x", "y", "z", "w"}, 2, 1); len(f[0]) != 5 || len(f[1]) != 3 {
		t.Errorf("folds %v, want the big site alone", f)
	}
	// Pages of their own: the split of Folds, seed for seed.
	distinct := make([]string, 23)
	for i := range distinct {
		distinct[i] = string(rune('A' + i))
	}
	for seed := uint64(0); seed < 5; seed++ {
		if g, f := GroupFolds(distinct, 5, seed), Folds(23, 5, seed); !slices.EqualFunc(g, f, slices.Equal) {
			t.Errorf("seed %d: GroupFolds %v, Folds %v", seed, g, f)
		}
	}
}

func TestSetWeights(t *testing.T) {
	sizes := []int{100, 25, 0, 1}
	tests := []struct {
		scheme SetWeighting
		want   []float64 // weight of one page of each set
	}{
		{WeighPages, []float64{1, 1, 0, 1}},
		// 126 pages, 3 sets: each set weighs 42 in all.
		{WeighEqual, []float64{0.42, 42.0 / 25, 0, 42}},
		// shares 10, 5, 1 of 16: sets weigh 126*10/16, 126*5/16, 126/16.
		{WeighSqrt, []float64{126 * 10.0 / 16 / 100, 126 * 5.0 / 16 / 25, 0, 126.0 / 16}},
	}
	for _, tt := range tests {
		t.Run(string(tt.scheme), func(t *testing.T) {
			got, err := SetWeights(sizes, tt.scheme)
			if err != nil {
				t.Fatal(err)
			}
			var total float64
			for i, w := range got {
				if math.Abs(float64(w)-tt.want[i]) > 1e-5 {
					t.Errorf("set %d (%d pages): weight %v, want %v", i, sizes[i], w, tt.want[i])
				}
				total += float64(w) * float64(sizes[i])
			}
			if math.Abs(total-126) > 1e-3 {
				t.Errorf("total weight %v, want the 126 pages", total)
			}
		})
	}
	if _, err := SetWeights(sizes, "size"); err == nil {
		t.Error("unknown scheme: no error")
	}
}

func TestDocWeights(t *testing.T) {
	docs := goldDocs(t)
	env := testEnv(t)
	dw := make([]float32, len(docs))
	for k := range dw {
		dw[k] = float32(k + 2)
	}
	w := Weights{Variants: 0.5, Docs: dw}
	ex := mainExamples(env, docs, nil, w, model.AccurateText)
	sex := mainExamples(env, docs, nil, w, model.FastText)
	for i := range ex {
		doc := ex[i].Page - 1
		want := dw[doc]
		if i >= len(docs) {
			want *= 0.5 // a variant
		}
		if ex[i].Weight != want || sex[i].Weight != want {
			t.Errorf("example %d of document %d weighs %v and %v, want %v", i, doc, ex[i].Weight, sex[i].Weight, want)
		}
	}
}

// TestCrossValidateNoFold checks that a document left out of every fold is
// an error, not a nil document.
func TestCrossValidateNoFold(t *testing.T) {
	docs := goldDocs(t)
	if len(docs) < 2 {
		t.Skip("needs two documents")
	}
	_, err := CrossValidate(testEnv(t), Data{Docs: docs}, [][]int{{0}}, model.Config{Seed: 1, Epochs: 1}, classify.Config{})
	if err == nil {
		t.Fatal("a document in no fold: no error")
	}
}

func TestPool(t *testing.T) {
	doc := func(name string) *gold.Doc { return &gold.Doc{Name: name} }
	sets := []Set{
		{Docs: []*gold.Doc{doc("a1"), doc("a2"), doc("a3")}},
		{Docs: []*gold.Doc{doc("b1")}},
		{Docs: []*gold.Doc{doc("c1"), doc("c2")}},
	}
	docs, pages, w, err := Pool(sets, 2, WeighEqual)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range docs {
		names = append(names, d.Name)
	}
	// 4 pages, 2 sets: each set weighs 2 in all.
	if !slices.Equal(names, []string{"a1", "a2", "a3", "b1"}) || pages != nil || !slices.Equal(w, []float32{2.0 / 3, 2.0 / 3, 2.0 / 3, 2}) {
		t.Errorf("Pool leaving out set 2 = %v, %v, %v", names, pages, w)
	}
	if docs, _, _, _ := Pool(sets, -1, WeighPages); len(docs) != 6 {
		t.Errorf("Pool of all sets: %d documents, want 6", len(docs))
	}
	mixed := append(sets, Set{Docs: []*gold.Doc{doc("h")}, Pages: []*htmltext.Page{{}}})
	if _, _, _, err := Pool(mixed, -1, WeighPages); err == nil {
		t.Error("a set of pages pooled with sets of text: no error")
	}
}
