package model

import (
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/features"
	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/signals"
)

// treePage is a page of a menu (two links) and an article (three
// paragraphs), with the element tree
//
//	0 body ─┬─ 1 nav ───── 3 li, 4 li
//	        └─ 2 article ─ 5 p, 6 p, 7 p
//
// and the lines' logits z: the menu noise, the middle paragraph wrongly
// noise-leaning, the others content.
func treePage(t *testing.T) (*signals.Doc, *features.Vectors, []float32) {
	t.Helper()
	data := []byte(strings.Join([]string{"Home", "News", p1, p2, p3}, "\n") + "\n")
	d := signals.Analyze(&signals.Env{}, data, lines.Split(data))
	v := features.Build(d, nil)
	v.Parents = []int32{-1, 0, 0, 1, 1, 2, 2, 2}
	v.Element = []int32{3, 4, 5, 6, 7}
	return d, v, []float32{3, 3, -3, 1, -3}
}

func TestPlaceInTree(t *testing.T) {
	d, v, z := treePage(t)
	info := blocks(d, v, z)
	for i, want := range []float32{0, 0, 1, 1, 1} {
		if got := info[i].tree.inBest; got != want {
			t.Errorf("line %d: in-best %v, want %v (the article holds the most net content)", i, got, want)
		}
	}
	mid := info[3].tree
	if mid.content[0] >= 0.5 || mid.content[1] <= 0.6 {
		t.Errorf("doubtful paragraph: content share of its element %.2f (want < 0.5), of the article %.2f (want > 0.6)", mid.content[0], mid.content[1])
	}
	var letters, article float32
	for i := range d.Lines {
		letters += float32(d.Lines[i].Letters)
		if i >= 2 {
			article += float32(d.Lines[i].Letters)
		}
	}
	if got, want := mid.size[1], article/letters; got != want {
		t.Errorf("article's share of the page's letters %v, want %v", got, want)
	}
	if mid.size[2] != 1 || mid.size[3] != 1 {
		t.Errorf("body and above hold the whole page: sizes %v", mid.size)
	}
	if mid.best != 1 {
		t.Errorf("best ratio under the best element %v, want 1", mid.best)
	}
	if menu := info[0].tree.best; menu <= -1 || menu >= 1 {
		t.Errorf("menu line's best ratio %v, want the body's share of the best, in (-1, 1)", menu)
	}
}

func TestPlaceInTreeWithoutTree(t *testing.T) {
	d, v, z := treePage(t)
	for name, change := range map[string]func(){
		"text mode":           func() { v.Parents, v.Element = nil, nil },
		"parent after child":  func() { v.Parents[3] = 5 },
		"own parent":          func() { v.Parents[4] = 4 },
		"elements short":      func() { v.Element = v.Element[:2] },
		"element out of tree": func() { v.Element[0] = 99 },
	} {
		t.Run(name, func(t *testing.T) {
			d, v, z = treePage(t)
			change()
			info := blocks(d, v, z)
			for i := range info {
				if name != "element out of tree" || i == 0 {
					if info[i].tree != (treeInfo{}) {
						t.Errorf("line %d: tree inputs %+v, want none", i, info[i].tree)
					}
				}
			}
		})
	}
}

// TestTreeNamesMatchPut checks that put fills one input per name, so that
// explanations name the input that weighed.
func TestTreeNamesMatchPut(t *testing.T) {
	names := treeNames("")
	x := make([]float32, len(names)+1)
	for i := range x {
		x[i] = -1
	}
	tr := treeInfo{inBest: 2, best: 3}
	for j := range tr.content {
		tr.content[j], tr.size[j] = 4, 5
	}
	tr.put(x)
	for i, name := range names {
		if x[i] < 0 {
			t.Errorf("input %d (%s) not written", i, name)
		}
	}
	if x[len(names)] != -1 {
		t.Errorf("put wrote past the %d named inputs", len(names))
	}
	if names[len(names)-2] != "tree:in-best" || x[len(names)-2] != 2 || x[len(names)-1] != 3 {
		t.Errorf("last inputs %v named %v", x[len(names)-2:], names[len(names)-2:])
	}
}
