package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Forest is a gradient-boosted ensemble of regression trees on the
// logistic loss: the sum of its trees' leaves, plus Base, is a logit.
type Forest struct {
	Base  float32
	Trees []Tree
	Cuts  [][]float32 // per feature, the ascending bin edges splits are chosen from

	flat  *flatForest // the trees laid out for scoring, once grown (see Prepare)
	reach reach       // how far the trees can move a logit, once grown (see Prepare)
}

// Tree is one regression tree stored as flat nodes; node 0 is the root.
type Tree struct{ Nodes []Node }

// Node is a split (Left > 0) or a leaf. Value is the node's mean
// prediction, kept for internal nodes too so that a decision can be
// attributed to the features on its path.
type Node struct {
	Feature     int32
	Threshold   float32 // go left when x[Feature] <= Threshold
	Left, Right int32
	Value       float32
}

// Predict returns the forest's logit for x: from the flat layout once
// the forest is prepared, else by walking each tree's nodes (while it
// grows).
func (f *Forest) Predict(x []float32) float32 {
	return f.predictUsing(x, nil)
}

// predictUsing is Predict with working space: keys, of at least len(x)
// values, saves an allocation per call to a caller that scores many rows,
// such as every line of a document.
func (f *Forest) predictUsing(x []float32, keys []uint32) float32 {
	z, _ := f.predictExit(x, keys, exit{})
	return z
}

// exit lets a prediction stop adding trees once its decision is
// settled: before tree t, when t is a multiple of 8 (the trees are walked
// eight at a time), the sum so far ends it if the trees left cannot carry
// it back across center (the logit of the decision threshold), even were
// each to give its largest leaf on that side (see reach). The logit is
// then the sum of the first t trees, on the side of center the whole
// forest is on: the decision is exact. The zero exit sums every tree, as
// does a forest not prepared.
type exit struct {
	stop   bool
	center float32
}

// reach bounds what the trees from t on can still add to a logit: up[t]
// is the sum of their largest positive leaves, down[t] that of their
// largest negative ones, negated; both have a last entry 0.
type reach struct{ up, down []float32 }

// newReach returns the reach of the trees, summed from the last tree in
// float64.
func newReach(trees []Tree) reach {
	r := reach{up: make([]float32, len(trees)+1), down: make([]float32, len(trees)+1)}
	var up, down float64
	for t := len(trees) - 1; t >= 0; t-- {
		var hi, lo float32
		for _, n := range trees[t].Nodes {
			if n.Left <= 0 {
				hi, lo = max(hi, n.Value), min(lo, n.Value)
			}
		}
		up, down = up+float64(hi), down-float64(lo)
		r.up[t], r.down[t] = float32(up), float32(down)
	}
	return r
}

// stops reports whether a prediction whose sum is z before tree t stops
// there. Besides the reach, it leaves room for the rounding of the
// float32 additions still to come (each off by at most 2^-24 of the
// partial sum, which stays within |z| plus the reach) and of center.
func (r reach) stops(e exit, t int, z float32) bool {
	if !e.stop || t%8 != 0 || t >= len(r.up) {
		return false
	}
	left := float32(len(r.up) - 1 - t)
	slack := 1e-4 + left*1.2e-7*(abs32(z)+max(r.up[t], r.down[t]))
	return z-e.center > r.down[t]+slack || e.center-z > r.up[t]+slack
}

func abs32(v float32) float32 { return float32(math.Abs(float64(v))) }

// predictExit is predictUsing with e: it returns the logit and how many
// trees it summed (see exit).
func (f *Forest) predictExit(x []float32, keys []uint32, e exit) (float32, int) {
	if f.flat != nil {
		if len(keys) < len(x) {
			keys = make([]uint32, len(x))
		}
		return f.flat.predict(f.Base, x, keys[:len(x)], e, f.reach)
	}
	z := f.Base
	for t := range f.Trees {
		if f.reach.stops(e, t, z) {
			return z, t
		}
		z += leafValue(f.Trees[t].Nodes, x)
	}
	return z, len(f.Trees)
}

// leafValue returns the value of the leaf that row x reaches in a tree,
// walking its nodes by their thresholds.
func leafValue(nodes []Node, x []float32) float32 {
	n := int32(0)
	for nodes[n].Left > 0 {
		if x[nodes[n].Feature] <= nodes[n].Threshold {
			n = nodes[n].Left
		} else {
			n = nodes[n].Right
		}
	}
	return nodes[n].Value
}

// Attribute adds to contrib, per feature, what the splits on that feature
// changed along x's path through every tree (the path attribution of
// Saabas): the contributions and Base add up to the logit.
func (f *Forest) attribute(x []float32, contrib []float64) {
	f.attributeFirst(x, contrib, len(f.Trees))
}

// attributeFirst is Attribute over the first n trees, those a
// prediction that stopped early (predictExit) summed: the contributions
// and Base add up to its logit.
func (f *Forest) attributeFirst(x []float32, contrib []float64, n int) {
	for t := range f.Trees[:n] {
		nodes := f.Trees[t].Nodes
		n := int32(0)
		for nodes[n].Left > 0 {
			next := nodes[n].Right
			if x[nodes[n].Feature] <= nodes[n].Threshold {
				next = nodes[n].Left
			}
			contrib[nodes[n].Feature] += float64(nodes[next].Value - nodes[n].Value)
			n = next
		}
		contrib[0] += float64(nodes[0].Value) // a tree's root value is its constant part
	}
}

// Check reports a forest (nil is fine) whose trees do not fit inputs of
// the given width or are malformed.
func (f *Forest) check(width int) error {
	if f == nil {
		return nil
	}
	if len(f.Cuts) != width {
		return fmt.Errorf("model: forest over %d inputs, want %d", len(f.Cuts), width)
	}
	for t := range f.Trees {
		nodes := f.Trees[t].Nodes
		if len(nodes) == 0 {
			return fmt.Errorf("model: tree %d is empty", t)
		}
		for k, n := range nodes {
			// Children come after their parent: no path can loop.
			if n.Left > 0 && (int(n.Left) >= len(nodes) || int(n.Right) >= len(nodes) ||
				n.Left <= int32(k) || n.Right <= int32(k) || n.Feature < 0 || int(n.Feature) >= width) {
				return fmt.Errorf("model: tree %d is malformed", t)
			}
		}
	}
	return nil
}

// Prepare lays the grown forest out for scoring; Predict is faster after
// it. Call it once, before the forest is shared.
func (f *Forest) prepare() { f.flat, f.reach = flatten(f), newReach(f.Trees) }

// ForestConfig sets how a forest is grown.
type ForestConfig struct {
	Trees   int     // boosting rounds (default 120)
	Depth   int     // maximum depth (default 5)
	Rate    float64 // shrinkage (default 0.1)
	MinLeaf float64 // minimum hessian sum in a leaf (default 5)
	Lambda  float64 // L2 penalty on leaf values (default 1)
	MaxBins int     // bins per feature (default 32)
	// Tune is the most extra trees grown on the rows of hand-labelled
	// documents after the main ones (see Forest.tune); 0 grows none.
	Tune int
	// Subsample is the share of the rows each tree is grown on, drawn
	// afresh for every tree with Seed (stochastic gradient boosting); 0 or
	// 1 grows every tree on all rows.
	Subsample float64
	Seed      uint64
}

func (c *ForestConfig) defaults() {
	if c.Trees == 0 {
		c.Trees = 120
	}
	if c.Depth == 0 {
		c.Depth = 5
	}
	if c.Rate == 0 {
		c.Rate = 0.1
	}
	if c.MinLeaf == 0 {
		c.MinLeaf = 5
	}
	if c.Lambda == 0 {
		c.Lambda = 1
	}
	if c.MaxBins == 0 {
		c.MaxBins = 32
	}
}

// cuts chooses up to maxBins-1 bin edges per feature from the quantiles of
// its values.
func cuts(x [][]float32, d, maxBins int) [][]float32 {
	out := make([][]float32, d)
	vals := make([]float32, len(x))
	for j := 0; j < d; j++ {
		for i := range x {
			vals[i] = x[i][j]
		}
		slices.Sort(vals)
		var c []float32
		for b := 1; b < maxBins; b++ {
			v := vals[b*len(vals)/maxBins]
			if len(c) == 0 || v > c[len(c)-1] {
				c = append(c, v)
			}
		}
		// The largest value needs no edge: everything is <= it.
		if len(c) > 0 && c[len(c)-1] >= vals[len(vals)-1] {
			c = c[:len(c)-1]
		}
		out[j] = c
	}
	return out
}

func bin(c []float32, v float32) uint8 {
	lo, hi := 0, len(c)
	for lo < hi {
		m := (lo + hi) / 2
		if v <= c[m] {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return uint8(lo)
}

// growForest grows cfg.Trees trees on rows x with labels y in {0,1} and
// weights w.
func growForest(x [][]float32, y, w []float32, cfg ForestConfig) *Forest {
	cfg.defaults()
	f := &Forest{Cuts: cuts(x, len(x[0]), cfg.MaxBins)}
	var pos, tot float64
	for i := range y {
		pos += float64(y[i] * w[i])
		tot += float64(w[i])
	}
	p0 := math.Min(math.Max(pos/tot, 1e-6), 1-1e-6)
	f.Base = float32(math.Log(p0 / (1 - p0)))
	f.boost(x, y, w, nil, cfg, cfg.Trees, nil)
	return f
}

// tuneMargin is how far on the right side of the decision a tuned row's
// logit must be for tuning to stop: a probability below 0.27 or above 0.73.
const tuneMargin = 1

// tune grows up to cfg.Tune more trees on rows x (labels y, weights w)
// until every row with a non-zero weight is decided right by tuneMargin.
// off, when not nil, holds per row the log-odds of the accurate text
// model's fast partner, which the model averages with the forest's: the
// margin is then their sum, twice the average.
// The rows are those of hand-labelled documents exactly as the model will
// score them, so the forest ends up agreeing with their labels wherever
// the trees can separate them.
func (f *Forest) tune(x [][]float32, y, w, off []float32, cfg ForestConfig) {
	cfg.defaults()
	// A team's hand-labelled set may be a few dozen lines: leaves must be
	// allowed to hold few of them, or no tuning tree could split at all.
	cfg.MinLeaf = min(cfg.MinLeaf, 0.5)
	cfg.Subsample = 1 // every hand-labelled row, every time
	f.boost(x, y, w, off, cfg, cfg.Tune, func(margin []float32) bool {
		for i := range margin {
			if w[i] == 0 {
				continue
			}
			if y[i] == 1 && margin[i] < tuneMargin || y[i] == 0 && margin[i] > -tuneMargin {
				return false
			}
		}
		return true
	})
}

// boost adds up to rounds trees fitted to the logistic loss of rows x,
// starting from the forest's current predictions plus off (nil: none);
// done, if given, stops it early.
func (f *Forest) boost(x [][]float32, y, w, off []float32, cfg ForestConfig, rounds int, done func([]float32) bool) {
	f.flat, f.reach = nil, reach{} // the trees change
	n := len(x)
	if n == 0 {
		return
	}
	d := len(x[0])
	cols := binColumns(x, f.Cuts)
	margin := make([]float32, n)
	for i := range x {
		margin[i] = f.Predict(x[i])
		if off != nil {
			margin[i] += off[i]
		}
	}
	g := make([]float32, n)
	h := make([]float32, n)
	idx := make([]int32, n)
	var rest []int32
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x737562))
	tb := newTreeBuilder(cols, n, d, g, h, &cfg, f.Cuts)
	tb.margin = margin
	for t := 0; t < rounds; t++ {
		if done != nil && done(margin) {
			return
		}
		for i := range x {
			p := float32(1 / (1 + math.Exp(-float64(margin[i]))))
			g[i] = (p - y[i]) * w[i]
			h[i] = max(p*(1-p), 1e-6) * w[i]
		}
		rows := idx[:0]
		rest = rest[:0]
		for i := range x {
			if cfg.Subsample <= 0 || cfg.Subsample >= 1 || rng.Float64() < cfg.Subsample {
				rows = append(rows, int32(i))
			} else {
				rest = append(rest, int32(i))
			}
		}
		tb.nodes, tb.split = tb.nodes[:0], tb.split[:0]
		var hist []float64
		G, H := tb.sums(rows)
		if tb.splits(0, H) {
			hist = tb.histogram(rows)
		}
		// grow adds each leaf's value to its rows' margins; the rows left
		// out of the sample find their leaves by their bins.
		tb.grow(rows, 0, hist, G, H)
		for _, i := range rest {
			margin[i] += tb.leafValue(i)
		}
		f.Trees = append(f.Trees, Tree{Nodes: slices.Clone(tb.nodes)})
	}
}

// binColumns returns the bin of every row's every feature, feature by
// feature: feature j of row i at j*len(x)+i, so that splitting a node's
// rows reads one feature's bins in a run.
func binColumns(x [][]float32, cuts [][]float32) []uint8 {
	n, d := len(x), len(cuts)
	cols := make([]uint8, n*d)
	for i, row := range x {
		for j, c := range cuts {
			cols[j*n+i] = bin(c, row[j])
		}
	}
	return cols
}

type treeBuilder struct {
	cols  []uint8 // the rows' bins, feature by feature (binColumns)
	n, d  int     // rows and features
	g, h  []float32
	cfg   *ForestConfig
	cuts  [][]float32
	nodes []Node
	// split is the bin of each node's split: a row goes left when its bin
	// of the node's feature is at most that, as its value is at most the
	// node's threshold.
	split []uint8
	// margin gets each leaf's value added for its rows.
	margin []float32
	// free holds histograms not in use. A histogram holds, for every
	// feature j and bin b, the gradient sum of a node's rows at
	// 2*(j*stride+b) and their hessian sum at the next index: the two
	// sums a row adds to sit in one cache line.
	free   [][]float64
	stride int
	// Most of a row's features sit in their most frequent bin (a flag
	// that is off, a count that is zero), so a histogram sums only the
	// others: row i's are at the histogram offsets off[start[i]:start[i+1]],
	// and the most frequent bin of feature j, at offset common[j], gets
	// what the others leave of the node's sums.
	off    []uint32
	start  []int64
	common []uint32
}

func newTreeBuilder(cols []uint8, n, d int, g, h []float32, cfg *ForestConfig, cuts [][]float32) *treeBuilder {
	stride := 1
	for _, c := range cuts {
		stride = max(stride, len(c)+1)
	}
	tb := &treeBuilder{cols: cols, n: n, d: d, g: g, h: h, cfg: cfg, cuts: cuts, stride: stride}
	tb.index()
	return tb
}

// index finds each feature's most frequent bin and lists, row by row, the
// histogram offsets of the features in another bin.
func (tb *treeBuilder) index() {
	n, d, stride := tb.n, tb.d, tb.stride
	counts := make([]int, d*stride)
	for j := 0; j < d; j++ {
		for _, b := range tb.cols[j*n : (j+1)*n] {
			counts[j*stride+int(b)]++
		}
	}
	tb.common = make([]uint32, d)
	other := 0
	for j := 0; j < d; j++ {
		c := counts[j*stride : (j+1)*stride]
		best := 0
		for b := range c {
			if c[b] > c[best] {
				best = b
			}
		}
		tb.common[j] = uint32(2 * (j*stride + best))
		other += n - c[best]
	}
	tb.off = make([]uint32, 0, other)
	tb.start = make([]int64, n+1)
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			if k := uint32(2 * (j*stride + int(tb.cols[j*n+i]))); k != tb.common[j] {
				tb.off = append(tb.off, k)
			}
		}
		tb.start[i+1] = int64(len(tb.off))
	}
}

// leafValue returns the value of the leaf of the tree being grown that
// row i reaches.
func (tb *treeBuilder) leafValue(i int32) float32 {
	nodes, n := tb.nodes, int32(0)
	for nodes[n].Left > 0 {
		if tb.cols[int(nodes[n].Feature)*tb.n+int(i)] <= tb.split[n] {
			n = nodes[n].Left
		} else {
			n = nodes[n].Right
		}
	}
	return nodes[n].Value
}

// histogram returns a histogram of the rows in idx, from the pool.
func (tb *treeBuilder) histogram(idx []int32) []float64 {
	var hist []float64
	if n := len(tb.free); n > 0 {
		hist, tb.free = tb.free[n-1], tb.free[:n-1]
		clear(hist)
	} else {
		hist = make([]float64, 2*tb.d*tb.stride)
	}
	// All features in one pass over the rows, each row's entries read in
	// a run: a pass per feature would stride through the whole matrix,
	// which outgrows the cache.
	var G, H float64
	for _, i := range idx {
		gi, hi := float64(tb.g[i]), float64(tb.h[i])
		G, H = G+gi, H+hi
		for _, k := range tb.off[tb.start[i]:tb.start[i+1]] {
			hist[k] += gi
			hist[k+1] += hi
		}
	}
	// Each feature's most frequent bin holds the rest.
	for j, k := range tb.common {
		bins := hist[2*j*tb.stride : 2*(j+1)*tb.stride]
		var g, h float64
		for b := 0; b < len(bins); b += 2 {
			g, h = g+bins[b], h+bins[b+1]
		}
		hist[k], hist[k+1] = G-g, H-h
	}
	return hist
}

// release returns a histogram to the pool.
func (tb *treeBuilder) release(hist []float64) {
	if hist != nil {
		tb.free = append(tb.free, hist)
	}
}

// sums returns the gradient and hessian sums of the rows in idx.
func (tb *treeBuilder) sums(idx []int32) (G, H float64) {
	for _, i := range idx {
		G += float64(tb.g[i])
		H += float64(tb.h[i])
	}
	return G, H
}

// splits reports whether a node at depth with hessian sum H may split.
func (tb *treeBuilder) splits(depth int, H float64) bool {
	return depth < tb.cfg.Depth && H >= 2*tb.cfg.MinLeaf
}

// grow adds the node for the rows in idx, whose gradient and hessian sums
// are G and H, and, unless it is a leaf, its children; it returns the
// node's index. hist is the histogram of idx when the node may split (nil
// otherwise); grow releases it.
func (tb *treeBuilder) grow(idx []int32, depth int, hist []float64, G, H float64) int32 {
	lambda := tb.cfg.Lambda
	value := float32(-G / (H + lambda) * tb.cfg.Rate)
	me := int32(len(tb.nodes))
	tb.nodes = append(tb.nodes, Node{Value: value})
	tb.split = append(tb.split, 0)
	bestF, bestB := -1, 0
	if hist != nil {
		bestF, bestB = tb.best(hist, G, H)
	}
	if bestF < 0 {
		tb.release(hist)
		for _, i := range idx {
			tb.margin[i] += value
		}
		return me
	}
	// Partition idx in place: rows with bin <= bestB go left.
	col := tb.cols[bestF*tb.n : (bestF+1)*tb.n]
	k := 0
	for m, i := range idx {
		if int(col[i]) <= bestB {
			idx[k], idx[m] = idx[m], idx[k]
			k++
		}
	}
	tb.nodes[me].Feature = int32(bestF)
	tb.nodes[me].Threshold = tb.cuts[bestF][bestB]
	tb.split[me] = uint8(bestB)
	lg, lhs := tb.sums(idx[:k])
	rg, rhs := tb.sums(idx[k:])
	lh, rh := tb.childHistograms(idx[:k], idx[k:], depth+1, hist, lhs, rhs)
	l := tb.grow(idx[:k], depth+1, lh, lg, lhs)
	r := tb.grow(idx[k:], depth+1, rh, rg, rhs)
	tb.nodes[me].Left, tb.nodes[me].Right = l, r
	return me
}

// childHistograms returns the histograms of the children left and right
// (hessian sums hl and hr) of a node whose histogram is parent, nil for a
// child that will not split. Only the smaller child's rows are summed: the
// larger child's histogram is the parent's minus the smaller's, written
// over the parent's (the trick of LightGBM), which at least halves the
// passes over the rows below the root.
func (tb *treeBuilder) childHistograms(left, right []int32, depth int, parent []float64, hl, hr float64) (lh, rh []float64) {
	ls, rs := tb.splits(depth, hl), tb.splits(depth, hr)
	if !ls && !rs {
		tb.release(parent)
		return nil, nil
	}
	small, swapped := left, false
	if len(right) < len(left) {
		small, swapped = right, true
	}
	sh := tb.histogram(small)
	for k := range parent {
		parent[k] -= sh[k]
	}
	lh, rh = sh, parent
	if swapped {
		lh, rh = parent, sh
	}
	if !ls {
		tb.release(lh)
		lh = nil
	}
	if !rs {
		tb.release(rh)
		rh = nil
	}
	return lh, rh
}

// best returns the feature and bin of the split of a node (gradient sum
// G, hessian sum H, histogram hist) with the largest gain, or feature -1
// when no split gains.
func (tb *treeBuilder) best(hist []float64, G, H float64) (bestF, bestB int) {
	lambda := tb.cfg.Lambda
	bestGain := 0.0
	bestF = -1
	parent := G * G / (H + lambda)
	for j := 0; j < tb.d; j++ {
		nc := len(tb.cuts[j])
		hj := hist[2*j*tb.stride : 2*(j*tb.stride+nc)]
		var gl, hl float64
		for b := 0; b < nc; b++ {
			gl += hj[2*b]
			hl += hj[2*b+1]
			hr := H - hl
			if hl < tb.cfg.MinLeaf || hr < tb.cfg.MinLeaf {
				continue
			}
			gr := G - gl
			gain := gl*gl/(hl+lambda) + gr*gr/(hr+lambda) - parent
			if gain > bestGain {
				bestGain, bestF, bestB = gain, j, b
			}
		}
	}
	return bestF, bestB
}
