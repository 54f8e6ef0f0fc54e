package model

import "math"

// flatDepth is the deepest forest laid out flat; deeper ones are scored by
// walking their nodes (a flat tree of depth d holds 2^d leaves).
const flatDepth = 8

// flatForest is a Forest laid out for scoring: every tree padded to the
// same depth and stored as a complete binary tree in one shared array, so
// a prediction is depth steps of index arithmetic per tree over a few
// contiguous, cache-friendly words instead of a pointer chase through
// per-tree node slices.
type flatForest struct {
	depth int
	// node holds, per tree, 2^depth-1 splits in heap order, then its
	// 2^depth leaves (a tree takes 2^(depth+1)-1 words, its own index
	// space: after depth steps from 0 a walk stands on its leaf). A split
	// is its feature in the low 32 bits and its threshold as orderKey in
	// the high ones (go left when orderKey(x[feature]) <= threshold); a
	// leaf is its value's float32 bits.
	node []uint64
	// features is one more than the greatest feature a split reads: the
	// least length of a row walk8AMD64 can read without a bounds check.
	features int
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
	size := 1<<(depth+1) - 1
	ff := &flatForest{depth: depth, node: make([]uint64, len(f.Trees)*size)}
	for t := range f.Trees {
		ff.fill(f.Trees[t].Nodes, 0, ff.node[t*size:(t+1)*size], 0, 0)
	}
	return ff
}

// fill writes node n of a tree at heap position pos (level lvl) into the
// words of its tree.
func (ff *flatForest) fill(nodes []Node, n int32, tree []uint64, pos, lvl int) {
	if lvl == ff.depth {
		tree[pos] = uint64(math.Float32bits(nodes[n].Value))
		return
	}
	left, right := nodes[n].Left, nodes[n].Right
	if left > 0 {
		tree[pos] = uint64(orderKey(nodes[n].Threshold))<<32 | uint64(nodes[n].Feature)
		ff.features = max(ff.features, int(nodes[n].Feature)+1)
	} else {
		tree[pos] = math.MaxUint32 << 32 // feature 0, threshold above every key
		left, right = n, n
	}
	ff.fill(nodes, left, tree, 2*pos+1, lvl+1)
	ff.fill(nodes, right, tree, 2*pos+2, lvl+1)
}

// treeDepth is the number of splits on the longest path below node n.
func treeDepth(nodes []Node, n int32) int {
	if nodes[n].Left <= 0 {
		return 0
	}
	return 1 + max(treeDepth(nodes, nodes[n].Left), treeDepth(nodes, nodes[n].Right))
}

// predict returns base plus the leaves x reaches, tree by tree. The row is
// converted to order keys once, into keys (len(x) of them; see orderKeys),
// a step down is then a load or two of the split's word and integer
// arithmetic, and eight trees are walked side by side so that their
// chains of dependent loads overlap (walk8Go, walk8AMD64; the last, fewer
// than eight, one by one); the leaves are still added in tree order, so
// the sum is that of walking the nodes.
//
// It stops before a tree when e and r say so (see exit).
func (ff *flatForest) predict(base float32, x []float32, keys []uint32, e exit, r reach) (float32, int) {
	orderKeys(x, keys)
	z := base
	size := 1<<(ff.depth+1) - 1
	node := ff.node
	t := 0 // trees summed
	asm := useWalk8AMD64 && len(keys) >= ff.features
	for len(node) >= 8*size {
		if r.stops(e, t, z) {
			return z, t
		}
		if asm {
			z = walk8AMD64(node, keys, ff.depth, z)
		} else {
			z = walk8Go(node, keys, ff.depth, z)
		}
		node = node[8*size:]
		t += 8
	}
	for len(node) >= size {
		if r.stops(e, t, z) {
			return z, t
		}
		i := 0
		for range ff.depth {
			i = down(i, 0, node[i], keys)
		}
		z += math.Float32frombits(uint32(node[i]))
		node = node[size:]
		t++
	}
	return z, t
}

// walk8Go adds to z, in order, the leaves keys reach in the first eight
// trees of node, trees of depth depth laid out flat. It runs off amd64,
// and where a row is too short for walk8AMD64 (it then panics on the
// bounds, as the node walk does); it is the reference walk8AMD64 is
// tested against.
func walk8Go(node []uint64, keys []uint32, depth int, z float32) float32 {
	size := 1<<(depth+1) - 1
	i0, i1, i2, i3 := 0, size, 2*size, 3*size
	i4, i5, i6, i7 := 4*size, 5*size, 6*size, 7*size
	for range depth {
		i0 = down(i0, 0, node[i0], keys)
		i1 = down(i1, size, node[i1], keys)
		i2 = down(i2, 2*size, node[i2], keys)
		i3 = down(i3, 3*size, node[i3], keys)
		i4 = down(i4, 4*size, node[i4], keys)
		i5 = down(i5, 5*size, node[i5], keys)
		i6 = down(i6, 6*size, node[i6], keys)
		i7 = down(i7, 7*size, node[i7], keys)
	}
	z += math.Float32frombits(uint32(node[i0]))
	z += math.Float32frombits(uint32(node[i1]))
	z += math.Float32frombits(uint32(node[i2]))
	z += math.Float32frombits(uint32(node[i3]))
	z += math.Float32frombits(uint32(node[i4]))
	z += math.Float32frombits(uint32(node[i5]))
	z += math.Float32frombits(uint32(node[i6]))
	z += math.Float32frombits(uint32(node[i7]))
	return z
}

// down is the index, in the shared array, of the child a row with order
// keys keys takes from split n at index i of the tree starting at base.
func down(i, base int, n uint64, keys []uint32) int {
	return 2*i - base + 1 + step(keys[uint32(n)], uint32(n>>32))
}

// step is 1 when the value with order key k goes right of the split with
// key threshold t, else 0.
func step(k, t uint32) int { return int((uint64(t) - uint64(k)) >> 63) }
