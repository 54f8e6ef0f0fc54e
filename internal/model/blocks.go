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
	buf := make([]int32, 2*n) // the non-blank lines, then the letters of every line
	idx, letters := buf[:0:n], buf[n:]
	for i := range d.Lines {
		if !d.Lines[i].Blank() {
			idx = append(idx, int32(i))
			letters[i] = int32(d.Lines[i].Letters)
		}
	}
	placeInTree(d, v, z1, info)
	b := blockScratch{size: make([]int, 0, 64)} // room for the blocks of most documents
	for p, pl := range b.place(idx, z1, letters) {
		info[idx[p]].share, info[idx[p]].top, info[idx[p]].dist = pl.share, pl.top, pl.dist
	}
	return info
}

// blockPlace is a line's place among the document's content blocks.
type blockPlace struct {
	share float32 // the line's block's letters over the biggest block's; 0 outside a block
	top   float32 // 1 when the line is in the biggest block
	dist  float32 // log of 1 + non-blank lines to the biggest block (at most 1000)
}

// blockScratch is the storage of place, which a caller scoring many
// documents reuses from one to the next.
type blockScratch struct {
	id     []int32 // per non-blank line, its block; -1 outside any
	size   []int   // letters per block
	places []blockPlace
}

// place returns the place of each of the non-blank lines idx among the
// blocks, places[p] that of line idx[p]: a block is a maximal run of
// non-blank lines (blank lines do not break it) whose logit z, positive
// for noise, says content; its size is the letters of its lines. Every
// model's stage two reads it from stage one's logits, the accurate ones'
// stage three from stage two's. The result is in b's storage, valid until
// the next call.
func (b *blockScratch) place(idx []int32, z []float32, letters []int32) []blockPlace {
	b.id, b.places = reuse(b.id, len(idx)), reuse(b.places, len(idx))
	id, places := b.id, b.places
	size := b.size[:0]
	cur := -1
	for p, i := range idx {
		id[p] = -1
		if z[i] >= 0 {
			cur = -1
			continue
		}
		if cur < 0 {
			cur = len(size)
			size = append(size, 0)
		}
		id[p] = int32(cur)
		size[cur] += int(letters[i])
	}
	b.size = size
	if len(size) == 0 {
		return places
	}
	best := 0
	for k := range size {
		if size[k] > size[best] {
			best = k
		}
	}
	first, last := -1, -1
	for p := range idx {
		if id[p] == int32(best) {
			if first < 0 {
				first = p
			}
			last = p
		}
	}
	for p := range idx {
		pl := &places[p]
		if id[p] >= 0 {
			pl.share = float32(size[id[p]]) / float32(max(size[best], 1))
		}
		if id[p] == int32(best) {
			pl.top = 1
		}
		d := 0 // the biggest block is one run: distance to its ends
		if p < first {
			d = first - p
		} else if p > last {
			d = p - last
		}
		pl.dist = log1p[min(d, len(log1p)-1)]
	}
	return places
}

// log1p holds log(1+n) for the distances place gives.
var log1p = func() (t [1001]float32) {
	for n := range t {
		t[n] = float32(math.Log1p(float64(n)))
	}
	return t
}()

// reuse returns s resized to n zero values, in its own storage when that
// is big enough.
func reuse[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}
