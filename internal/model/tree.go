package model

import (
	"github.com/chaff-dev/chaff/internal/features"
	"github.com/chaff-dev/chaff/internal/signals"
)

// treeLevels are the ancestors of a line's block element (0 is the element
// itself, 1 its parent) whose content the stages after the first read.
var treeLevels = [...]int{0, 1, 2, 4}

// treeInfo is what a stage's scores say of the elements holding a line, in
// HTML mode: the tree-shaped counterpart of blockInfo's runs of lines. A
// line in a container whose other lines are content is likely content
// too, whatever its neighbours in reading order; and the element whose
// lines hold the most content letters net of noise letters is most often
// the article, as Readability's top candidate is, but chosen by the model's
// scores rather than by fixed rules.
type treeInfo struct {
	content [len(treeLevels)]float32 // content share of the letters under each ancestor of treeLevels
	size    [len(treeLevels)]float32 // that ancestor's letters over the page's
	inBest  float32                  // 1 when the line is under the element with the most net content
	best    float32                  // the most net content among the line's ancestors over the page's most
}

// put writes t to x, one input per name of treeNames.
func (t *treeInfo) put(x []float32) {
	k := copy(x, t.content[:])
	k += copy(x[k:], t.size[:])
	x[k], x[k+1] = t.inBest, t.best
}

// treeNames names the inputs of put, each prefixed with prefix.
func treeNames(prefix string) []string {
	levels := [len(treeLevels)]string{"element", "parent", "grandparent", "ancestor4"}
	var n []string
	for _, kind := range []string{"content", "size"} {
		for _, l := range levels {
			n = append(n, prefix+"tree:"+kind+":"+l)
		}
	}
	return append(n, prefix+"tree:in-best", prefix+"tree:best-ratio")
}

// placeInTree fills the tree part of info from the logits z (positive for
// noise), when v places the lines in an element tree; it leaves info as
// it is in text mode and for a tree that is not in document order.
func placeInTree(d *signals.Doc, v *features.Vectors, z []float32, info []blockInfo) {
	m := len(v.Parents)
	if m == 0 || len(v.Element) != len(d.Lines) {
		return
	}
	for k, p := range v.Parents {
		if p >= int32(k) || p < -1 {
			return
		}
	}
	letters := make([]float32, m)
	content := make([]float32, m)
	var total float32
	for i := range d.Lines {
		l := &d.Lines[i]
		e := v.Element[i]
		if l.Blank() || e < 0 || int(e) >= m {
			continue
		}
		n := float32(l.Letters)
		letters[e] += n
		content[e] += float32(n * float32(1-sigmoid(z[i])))
		total += n
	}
	for k := m - 1; k >= 0; k-- {
		if p := v.Parents[k]; p >= 0 {
			letters[p] += letters[k]
			content[p] += content[k]
		}
	}
	// net[k]: content letters net of noise letters under k; upto[k]: the
	// most of it over k and its ancestors; in[k]: k is under the best.
	best := 0
	net := make([]float32, m)
	for k := range net {
		net[k] = 2*content[k] - letters[k]
		if net[k] > net[best] {
			best = k
		}
	}
	top := max(net[best], 1)
	upto := net // reused in place: parents are done before children
	in := make([]bool, m)
	for k := range m {
		if p := v.Parents[k]; p >= 0 {
			upto[k] = max(upto[k], upto[p])
			in[k] = in[p]
		}
		in[k] = in[k] || k == best
	}
	for i := range d.Lines {
		e := v.Element[i]
		if d.Lines[i].Blank() || e < 0 || int(e) >= m {
			continue
		}
		t := &info[i].tree
		t.inBest = b2f(in[e])
		t.best = max(upto[e], -top) / top
		a, level := e, 0
		for j, want := range treeLevels {
			for level < want && v.Parents[a] >= 0 {
				a, level = v.Parents[a], level+1
			}
			if letters[a] > 0 {
				t.content[j] = content[a] / letters[a]
			}
			t.size[j] = letters[a] / max(total, 1)
		}
	}
}

func b2f(b bool) float32 {
	if b {
		return 1
	}
	return 0
}
