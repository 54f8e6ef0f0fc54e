package model

import "math"

// flatDepth is the deepest forest laid out flat; deeper ones are scored by
// walking their nodes (a flat tree of depth d holds 2^d leaves).
const flatDepth = 8

// flatForest is a Forest laid out for scoring: every tree padded to the
// same depth and stored as a complete binary tree in shared arrays, so a
// prediction is depth steps of index arithmetic per tree over a few
// contiguous, cache-friendly slices instead of a pointer chase through
// per-tree node slices.
type flatForest struct {
	depth int
	feat  []int32   // per tree, 2^depth-1 split features, in heap order
	thr   []float32 // their thresholds: go left when x[feat] <= thr
	leaf  []float32 // per tree, 2^depth leaf values
}

// flatten lays f out flat, or returns nil when a tree is deeper than
// flatDepth. A leaf above the full depth becomes a split that cannot fail
// (threshold +Inf) over copies of itself, so the sum over the trees, in
// the same order, is bit for bit that of walking the nodes.
func flatten(f *Forest) *flatForest {
	depth := 0
	for t := range f.Trees {
		depth = max(depth, treeDepth(f.Trees[t].Nodes, 0))
	}
	if depth > flatDepth {
		return nil
	}
	inner, leaves := 1<<depth-1, 1<<depth
	ff := &flatForest{
		depth: depth,
		feat:  make([]int32, len(f.Trees)*inner),
		thr:   make([]float32, len(f.Trees)*inner),
		leaf:  make([]float32, len(f.Trees)*leaves),
	}
	for t := range f.Trees {
		ff.fill(f.Trees[t].Nodes, 0, t*inner, t*leaves, 0, 0)
	}
	return ff
}

// fill writes node n of a tree at heap position pos (level lvl) into the
// arrays of the tree whose splits start at in and leaves at lf.
func (ff *flatForest) fill(nodes []Node, n int32, in, lf, pos, lvl int) {
	if lvl == ff.depth {
		ff.leaf[lf+pos-(1<<ff.depth-1)] = nodes[n].Value
		return
	}
	left, right := nodes[n].Left, nodes[n].Right
	if left > 0 {
		ff.feat[in+pos], ff.thr[in+pos] = nodes[n].Feature, nodes[n].Threshold
	} else {
		ff.feat[in+pos], ff.thr[in+pos] = 0, float32(math.Inf(1))
		left, right = n, n
	}
	ff.fill(nodes, left, in, lf, 2*pos+1, lvl+1)
	ff.fill(nodes, right, in, lf, 2*pos+2, lvl+1)
}

// treeDepth is the number of splits on the longest path below node n.
func treeDepth(nodes []Node, n int32) int {
	if nodes[n].Left <= 0 {
		return 0
	}
	return 1 + max(treeDepth(nodes, nodes[n].Left), treeDepth(nodes, nodes[n].Right))
}

// predict returns base plus the leaves x reaches, tree by tree. The step
// down is written so that the compiler can make it a conditional move: the
// direction taken is data-dependent and a branch would be mispredicted
// half the time.
func (ff *flatForest) predict(base float32, x []float32) float32 {
	z := base
	inner, leaves := 1<<ff.depth-1, 1<<ff.depth
	feat, thr, leaf := ff.feat, ff.thr, ff.leaf
	for len(leaf) >= leaves && len(feat) >= inner && len(thr) >= inner {
		i := 0
		for range ff.depth {
			right := !(x[feat[i]] <= thr[i]) // NaN goes right, as in Predict
			i = 2*i + 1
			if right {
				i++
			}
		}
		z += leaf[i-inner]
		feat, thr, leaf = feat[inner:], thr[inner:], leaf[leaves:]
	}
	return z
}
