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
	thr   []uint32  // their thresholds as orderKey: go left when orderKey(x[feat]) <= thr
	leaf  []float32 // per tree, 2^depth leaf values
}

// orderKey maps a float32 to a uint32 in the same order, so that a split
// is an integer comparison the compiler turns into arithmetic rather than
// a branch (float comparisons compile to branches, mispredicted half the
// time on a tree's data-dependent path). -0 is +0, as the float comparison
// sees them; NaN comes above everything, as "x <= threshold" is false for
// it.
func orderKey(v float32) uint32 {
	if v != v {
		return math.MaxUint32
	}
	b := math.Float32bits(v + 0) // -0 + 0 is +0
	return b ^ (uint32(int32(b)>>31) | 0x80000000)
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
		thr:   make([]uint32, len(f.Trees)*inner),
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
		ff.feat[in+pos], ff.thr[in+pos] = nodes[n].Feature, orderKey(nodes[n].Threshold)
	} else {
		ff.feat[in+pos], ff.thr[in+pos] = 0, math.MaxUint32
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

// predict returns base plus the leaves x reaches, tree by tree. The row is
// converted to order keys once, into keys (len(x) of them; see orderKey),
// a step down is then integer arithmetic, and eight trees (then four,
// then one, for the rest) are walked side by side so that their chains of
// dependent loads overlap; the leaves are still added in tree order, so
// the sum is that of walking the nodes.
func (ff *flatForest) predict(base float32, x []float32, keys []uint32) float32 {
	for j, v := range x {
		keys[j] = orderKey(v)
	}
	z := base
	inner, leaves := 1<<ff.depth-1, 1<<ff.depth
	feat, thr, leaf := ff.feat, ff.thr, ff.leaf
	for len(leaf) >= 8*leaves && len(feat) >= 8*inner && len(thr) >= 8*inner {
		i0, i1, i2, i3 := 0, inner, 2*inner, 3*inner
		i4, i5, i6, i7 := 4*inner, 5*inner, 6*inner, 7*inner
		for range ff.depth {
			i0 = 2*i0 + 1 + step(keys[feat[i0]], thr[i0])
			i1 = 2*i1 + 1 - inner + step(keys[feat[i1]], thr[i1])
			i2 = 2*i2 + 1 - 2*inner + step(keys[feat[i2]], thr[i2])
			i3 = 2*i3 + 1 - 3*inner + step(keys[feat[i3]], thr[i3])
			i4 = 2*i4 + 1 - 4*inner + step(keys[feat[i4]], thr[i4])
			i5 = 2*i5 + 1 - 5*inner + step(keys[feat[i5]], thr[i5])
			i6 = 2*i6 + 1 - 6*inner + step(keys[feat[i6]], thr[i6])
			i7 = 2*i7 + 1 - 7*inner + step(keys[feat[i7]], thr[i7])
		}
		z += leaf[i0-inner]
		z += leaf[leaves+i1-2*inner]
		z += leaf[2*leaves+i2-3*inner]
		z += leaf[3*leaves+i3-4*inner]
		z += leaf[4*leaves+i4-5*inner]
		z += leaf[5*leaves+i5-6*inner]
		z += leaf[6*leaves+i6-7*inner]
		z += leaf[7*leaves+i7-8*inner]
		feat, thr, leaf = feat[8*inner:], thr[8*inner:], leaf[8*leaves:]
	}
	for len(leaf) >= 4*leaves && len(feat) >= 4*inner && len(thr) >= 4*inner {
		i0, i1, i2, i3 := 0, inner, 2*inner, 3*inner
		for range ff.depth {
			i0 = 2*i0 + 1 + step(keys[feat[i0]], thr[i0])
			i1 = 2*i1 + 1 - inner + step(keys[feat[i1]], thr[i1])
			i2 = 2*i2 + 1 - 2*inner + step(keys[feat[i2]], thr[i2])
			i3 = 2*i3 + 1 - 3*inner + step(keys[feat[i3]], thr[i3])
		}
		z += leaf[i0-inner]
		z += leaf[leaves+i1-2*inner]
		z += leaf[2*leaves+i2-3*inner]
		z += leaf[3*leaves+i3-4*inner]
		feat, thr, leaf = feat[4*inner:], thr[4*inner:], leaf[4*leaves:]
	}
	for len(leaf) >= leaves && len(feat) >= inner && len(thr) >= inner {
		i := 0
		for range ff.depth {
			i = 2*i + 1 + step(keys[feat[i]], thr[i])
		}
		z += leaf[i-inner]
		feat, thr, leaf = feat[inner:], thr[inner:], leaf[leaves:]
	}
	return z
}

// step is 1 when the value with order key k goes right of the split with
// key threshold t, else 0.
func step(k, t uint32) int { return int((uint64(t) - uint64(k)) >> 63) }
