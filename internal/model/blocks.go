package model

import (
	"math"

	"github.com/chaff-dev/chaff/internal/features"
	"github.com/chaff-dev/chaff/internal/signals"
)

// blockInfo places a line among the document's blocks: maximal runs of
// non-blank lines that stage one deems content. The biggest block by
// letters is most often the article.
type blockInfo struct {
	share float32 // the line's block's letters over the biggest block's
	top   float32 // 1 when the line is in the biggest block
	dist  float32 // log of 1 + non-blank lines to the biggest block
	tree  treeInfo
}

// blocks computes the blockInfo of every line from a stage's logits z1,
// in HTML mode with the line's place in the page's element tree.
func blocks(d *signals.Doc, v *features.Vectors, z1 []float32) []blockInfo {
	n := len(d.Lines)
	info := make([]blockInfo, n)
	id := make([]int32, n)
	var letters []int
	cur := -1
	for i := range d.Lines {
		l := &d.Lines[i]
		id[i] = -1
		if l.Blank() {
			continue
		}
		if z1[i] >= 0 {
			cur = -1
			continue
		}
		if cur < 0 {
			cur = len(letters)
			letters = append(letters, 0)
		}
		id[i] = int32(cur)
		letters[cur] += l.Letters
	}
	placeInTree(d, v, z1, info)
	if len(letters) == 0 {
		return info
	}
	best := 0
	for b := range letters {
		if letters[b] > letters[best] {
			best = b
		}
	}
	// Distance to the biggest block, in non-blank lines, both ways.
	const far = 1 << 20
	dist := make([]int, n)
	last := -far
	k := 0
	for i := range d.Lines {
		if d.Lines[i].Blank() {
			continue
		}
		k++
		if id[i] == int32(best) {
			last = k
		}
		dist[i] = k - last
	}
	next := far * 2
	k2 := k + 1
	for i := n - 1; i >= 0; i-- {
		if d.Lines[i].Blank() {
			continue
		}
		k2--
		if id[i] == int32(best) {
			next = k2
		}
		dist[i] = min(dist[i], next-k2)
	}
	for i := range d.Lines {
		if d.Lines[i].Blank() {
			continue
		}
		if id[i] >= 0 {
			info[i].share = float32(letters[id[i]]) / float32(max(letters[best], 1))
		}
		if id[i] == int32(best) {
			info[i].top = 1
		}
		info[i].dist = float32(math.Log1p(float64(min(dist[i], 1000))))
	}
	return info
}
