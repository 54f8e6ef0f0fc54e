package model

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// xorRows returns n rows of (1, a, b) with a, b uniform in [0,1) and the
// label a>0.5 XOR b>0.5: a rule no linear model learns. Input 0 is a
// constant, like the dense features' bias.
func xorRows(n int, seed uint64) (x [][]float32, y, w []float32) {
	rng := rand.New(rand.NewPCG(seed, 7))
	for range n {
		a, b := rng.Float32(), rng.Float32()
		x = append(x, []float32{1, a, b})
		var lab float32
		if (a > 0.5) != (b > 0.5) {
			lab = 1
		}
		y = append(y, lab)
		w = append(w, 1)
	}
	return x, y, w
}

func accuracy(f *Forest, x [][]float32, y []float32) float64 {
	right := 0
	for i := range x {
		if (f.Predict(x[i]) > 0) == (y[i] == 1) {
			right++
		}
	}
	return float64(right) / float64(len(x))
}

func TestTrainForestXOR(t *testing.T) {
	x, y, w := xorRows(600, 1)
	f := growForest(x, y, w, ForestConfig{Trees: 60, Depth: 3, Rate: 0.3, MinLeaf: 1})
	if len(f.Trees) != 60 {
		t.Errorf("grew %d trees, want 60", len(f.Trees))
	}
	if len(f.Cuts) != 3 || len(f.Cuts[0]) != 0 {
		t.Errorf("cuts: %d features, %d edges for the constant input; want 3 and 0", len(f.Cuts), len(f.Cuts[0]))
	}
	if acc := accuracy(f, x, y); acc <= 0.95 {
		t.Errorf("training accuracy %.3f, want > 0.95", acc)
	}
	xt, yt, _ := xorRows(300, 2)
	if acc := accuracy(f, xt, yt); acc <= 0.9 {
		t.Errorf("held-out accuracy %.3f, want > 0.9", acc)
	}
	// Base is the prior logit: the data is balanced, so near 0.
	if math.Abs(float64(f.Base)) > 0.3 {
		t.Errorf("Base = %v for balanced labels", f.Base)
	}
}

func TestTrainForestWeights(t *testing.T) {
	// A row of weight 0 must not move the prior.
	x := [][]float32{{1, 0}, {1, 1}, {1, 2}, {1, 3}}
	y := []float32{1, 0, 0, 1}
	w := []float32{1, 1, 1, 0}
	f := growForest(x, y, w, ForestConfig{Trees: 1})
	want := float32(math.Log((1.0 / 3) / (2.0 / 3)))
	if math.Abs(float64(f.Base-want)) > 1e-5 {
		t.Errorf("Base = %v, want logit(1/3) = %v", f.Base, want)
	}
}

// leafSum walks every tree by hand.
func leafSum(f *Forest, x []float32) float32 {
	z := f.Base
	for _, tr := range f.Trees {
		n := 0
		for tr.Nodes[n].Left > 0 {
			if x[tr.Nodes[n].Feature] <= tr.Nodes[n].Threshold {
				n = int(tr.Nodes[n].Left)
			} else {
				n = int(tr.Nodes[n].Right)
			}
		}
		z += tr.Nodes[n].Value
	}
	return z
}

func TestPredictAndAttribute(t *testing.T) {
	x, y, w := xorRows(400, 3)
	f := growForest(x, y, w, ForestConfig{Trees: 25, Depth: 3, MinLeaf: 1})
	var roots float64
	for _, tr := range f.Trees {
		roots += float64(tr.Nodes[0].Value)
	}
	xt, _, _ := xorRows(50, 4)
	for _, row := range xt {
		p := f.Predict(row)
		if want := leafSum(f, row); math.Abs(float64(p-want)) > 1e-5 {
			t.Fatalf("Predict(%v) = %v, want Base plus leaves %v", row, p, want)
		}
		contrib := make([]float64, 3)
		f.attribute(row, contrib)
		// Attribute's invariant: Base plus every contribution is the logit.
		sum := float64(f.Base)
		for _, c := range contrib {
			sum += c
		}
		if math.Abs(sum-float64(p)) > 1e-4 {
			t.Fatalf("Base + sum(contrib) = %v, Predict = %v", sum, p)
		}
		// The constant input is never split on, so contrib[0] holds exactly
		// the roots' values.
		if math.Abs(contrib[0]-roots) > 1e-4 {
			t.Errorf("contrib[0] = %v, want the sum of root values %v", contrib[0], roots)
		}
		if contrib[1] == 0 && contrib[2] == 0 {
			t.Errorf("no contribution from the two inputs the rule depends on: %v", contrib)
		}
	}
}

func TestForestTune(t *testing.T) {
	x, y, w := xorRows(400, 5)
	cfg := ForestConfig{Trees: 30, Depth: 3, MinLeaf: 1, Tune: 200}
	f := growForest(x, y, w, cfg)
	// Hand-labelled rows the forest gets wrong: points deep inside a region
	// labelled the other way. Rows of weight 0 must not keep tuning going.
	tx := [][]float32{{1, 0.1, 0.1}, {1, 0.12, 0.15}, {1, 0.9, 0.1}, {1, 0.85, 0.12}, {1, 0.3, 0.3}, {1, 0.7, 0.2}}
	ty := []float32{1, 1, 0, 0, 1, 0}
	tw := []float32{1, 1, 1, 1, 0, 0}
	for i := range tx {
		if tw[i] == 0 {
			continue
		}
		if (f.Predict(tx[i]) > 0) == (ty[i] == 1) {
			t.Fatalf("tuning row %d is already right before tuning: the test proves nothing", i)
		}
	}
	// A tuning row weighs at most 0.25 of hessian: let the trees split a
	// handful of them.
	cfg.MinLeaf = 0.01
	before := len(f.Trees)
	f.tune(tx, ty, tw, nil, cfg)
	added := len(f.Trees) - before
	if added == 0 || added > cfg.Tune {
		t.Fatalf("tune added %d trees, want 1..%d", added, cfg.Tune)
	}
	if added == cfg.Tune {
		t.Fatalf("tune used all %d trees without deciding the rows", cfg.Tune)
	}
	for i := range tx {
		if tw[i] == 0 {
			continue
		}
		z := f.Predict(tx[i])
		if ty[i] == 1 && z < tuneMargin || ty[i] == 0 && z > -tuneMargin {
			t.Errorf("row %d (label %v): logit %v after tuning, want beyond ±%d", i, ty[i], z, tuneMargin)
		}
	}
	// Stopping is checked before each tree: one tree fewer would leave a
	// row undecided.
	g := &Forest{Base: f.Base, Trees: f.Trees[:len(f.Trees)-1], Cuts: f.Cuts}
	undecided := false
	for i := range tx {
		z := g.Predict(tx[i])
		if tw[i] != 0 && (ty[i] == 1 && z < tuneMargin || ty[i] == 0 && z > -tuneMargin) {
			undecided = true
		}
	}
	if !undecided {
		t.Error("tune grew a tree after every row was already decided")
	}
	// Tuning again adds nothing: every row is decided.
	n := len(f.Trees)
	f.tune(tx, ty, tw, nil, cfg)
	if len(f.Trees) != n {
		t.Errorf("a second tune added %d trees to decided rows", len(f.Trees)-n)
	}
	// With the log-odds of a fast partner (off), the rows are decided by
	// their sum: a partner that already decides every row right leaves
	// nothing to tune, one that pulls every row the wrong way more.
	right, wrong := make([]float32, len(tx)), make([]float32, len(tx))
	for i := range tx {
		right[i], wrong[i] = 30, -1
		if ty[i] == 0 {
			right[i], wrong[i] = -30, 1
		}
	}
	o := &Forest{Base: f.Base, Trees: slices.Clone(f.Trees[:before]), Cuts: f.Cuts}
	o.tune(tx, ty, tw, right, cfg)
	if len(o.Trees) != before {
		t.Errorf("a partner deciding every row: tune added %d trees", len(o.Trees)-before)
	}
	o.tune(tx, ty, tw, wrong, cfg)
	for i := range tx {
		if z := o.Predict(tx[i]) + wrong[i]; tw[i] != 0 && (ty[i] == 1 && z < tuneMargin || ty[i] == 0 && z > -tuneMargin) {
			t.Errorf("row %d (label %v): logit %v with the partner's after tuning, want beyond ±%d", i, ty[i], z, tuneMargin)
		}
	}
	if len(o.Trees)-before <= added {
		t.Errorf("a partner pulling every row the wrong way: tune added %d trees, no more than the %d without it", len(o.Trees)-before, added)
	}
	// Tune 0 grows nothing.
	cfg.Tune = 0
	h := growForest(x, y, w, cfg)
	m := len(h.Trees)
	h.tune(tx, ty, tw, nil, cfg)
	if len(h.Trees) != m {
		t.Errorf("Tune 0 grew %d trees", len(h.Trees)-m)
	}
}

func TestBin(t *testing.T) {
	c := []float32{1, 2, 3}
	for _, tt := range []struct {
		v    float32
		want uint8
	}{{0, 0}, {1, 0}, {1.5, 1}, {2, 1}, {3, 2}, {4, 3}} {
		if got := bin(c, tt.v); got != tt.want {
			t.Errorf("bin(%v) = %d, want %d", tt.v, got, tt.want)
		}
	}
}

// TestFlatLayout checks that the flat layout scores exactly as walking the
// nodes, for trees whose leaves sit at every depth, and that forests too
// deep for it keep walking their nodes.
func TestFlatLayout(t *testing.T) {
	x, y, w := xorRows(600, 5)
	xt, _, _ := xorRows(200, 6)
	xt = append(xt, []float32{1, float32(math.NaN()), 0.5}, []float32{1, float32(math.Inf(-1)), float32(math.Inf(1))})
	for _, tc := range []struct {
		depth, minLeaf int
		flat           bool
	}{
		{1, 1, true}, {3, 1, true}, {5, 40, true}, {flatDepth, 1, true}, {flatDepth + 1, 1, false},
	} {
		f := growForest(x, y, w, ForestConfig{Trees: 30, Depth: min(tc.depth, 5), MinLeaf: float64(tc.minLeaf)})
		if tc.depth > 5 {
			f.Trees = append(f.Trees, chain(tc.depth))
		}
		f.prepare()
		if (f.flat != nil) != tc.flat {
			t.Fatalf("depth %d: flat layout %v, want %v", tc.depth, f.flat != nil, tc.flat)
		}
		for _, row := range xt {
			got := f.Predict(row)
			want := f.Base
			for _, tr := range f.Trees {
				want += leafValue(tr.Nodes, row)
			}
			if got != want && !(math.IsNaN(float64(got)) && math.IsNaN(float64(want))) {
				t.Fatalf("depth %d: Predict(%v) = %v, walking the nodes gives %v", tc.depth, row, got, want)
			}
		}
	}
}

// chain returns a tree of depth splits, each on input 1 at a lower
// threshold, with a leaf on the other side of each.
func chain(depth int) Tree {
	var nodes []Node
	for d := range depth {
		n := int32(len(nodes))
		nodes = append(nodes, Node{Feature: 1, Threshold: 1 / float32(d+2), Left: n + 2, Right: n + 1, Value: float32(d)})
		nodes = append(nodes, Node{Value: float32(100 + d)})
	}
	nodes = append(nodes, Node{Value: -1})
	return Tree{Nodes: nodes}
}

// BenchmarkForestPredict scores rows drawn from the embedded text model's
// own bin edges, with the flat layout and by walking the nodes.
func BenchmarkForestPredict(b *testing.B) {
	m, err := Embedded(AccurateText)
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	rows := make([][]float32, 1000)
	for i := range rows {
		rows[i] = make([]float32, len(m.Forest.Cuts))
		for j, c := range m.Forest.Cuts {
			if len(c) > 0 {
				rows[i][j] = c[rng.IntN(len(c))] + 0.001*float32(rng.IntN(3)-1)
			}
		}
	}
	walk := *m.Forest
	walk.flat = nil
	for _, bc := range []struct {
		name string
		f    *Forest
	}{{"flat", m.Forest}, {"nodes", &walk}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var sink float32
			keys := make([]uint32, len(rows[0])) // as Model.Score passes them
			for b.Loop() {
				for _, r := range rows {
					sink += bc.f.predictUsing(r, keys)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(rows)), "ns/row")
		})
	}
}

// TestSubsample checks stochastic gradient boosting: the same seed grows
// the same forest, another seed another one, and the forest still learns.
func TestSubsample(t *testing.T) {
	x, y, w := xorRows(600, 8)
	cfg := ForestConfig{Trees: 30, Depth: 3, MinLeaf: 1, Subsample: 0.5, Seed: 1}
	a, b := growForest(x, y, w, cfg), growForest(x, y, w, cfg)
	if !slices.EqualFunc(a.Trees, b.Trees, func(p, q Tree) bool { return slices.Equal(p.Nodes, q.Nodes) }) {
		t.Error("two forests with the same subsampling seed differ")
	}
	cfg.Seed = 2
	c := growForest(x, y, w, cfg)
	if slices.EqualFunc(a.Trees, c.Trees, func(p, q Tree) bool { return slices.Equal(p.Nodes, q.Nodes) }) {
		t.Error("subsampling seeds 1 and 2 grew the same forest")
	}
	tx, ty, _ := xorRows(300, 9)
	if acc := accuracy(a, tx, ty); acc < 0.9 {
		t.Errorf("subsampled forest: held-out accuracy %.3f, want >= 0.9", acc)
	}
}

// TestBoostMargins: the margins boosting keeps, added leaf by leaf for
// the rows of a tree's sample and by a walk of their bins for the others,
// are the forest's predictions, to the bit: they are what the next
// tree's gradients and tuning's stop are computed from.
func TestBoostMargins(t *testing.T) {
	for _, sub := range []float64{0, 0.5} {
		x, y, w := flagRows(700, 10, 4)
		cfg := ForestConfig{Trees: 12, Depth: 4, MinLeaf: 1, Subsample: sub, Seed: 3}
		cfg.defaults()
		f := &Forest{Cuts: cuts(x, len(x[0]), cfg.MaxBins)}
		var margins []float32
		rounds := 0
		f.boost(x, y, w, nil, cfg, cfg.Trees+1, func(m []float32) bool {
			rounds++
			margins = slices.Clone(m)
			return rounds > cfg.Trees
		})
		if len(f.Trees) != cfg.Trees {
			t.Fatalf("subsample %v: %d trees, want %d", sub, len(f.Trees), cfg.Trees)
		}
		for i := range x {
			if got, want := margins[i], f.Predict(x[i]); got != want {
				t.Fatalf("subsample %v: row %d: margin %v, prediction %v", sub, i, got, want)
			}
		}
	}
}

// TestPredictExit checks early stopping: without an exit every tree is
// summed; with one, the flat layout and the node walk stop at the same
// tree with the same sum, only at a checkpoint (a multiple of 8) from
// which the remaining trees' extreme leaves could not carry the sum back
// across center, and never past one where they could not; the decision
// is always the whole forest's; attributeFirst adds up to the shortened
// logit.
func TestPredictExit(t *testing.T) {
	x, y, w := xorRows(600, 12)
	f := growForest(x, y, w, ForestConfig{Trees: 60, Depth: 4, Rate: 0.3, MinLeaf: 1})
	f.prepare()
	walk := *f
	walk.flat = nil
	xt, _, _ := xorRows(200, 13)
	stopped := 0
	for _, e := range []exit{{}, {stop: true}, {stop: true, center: 1}, {stop: true, center: -0.5}} {
		for _, row := range xt {
			z, n := f.predictExit(row, nil, e)
			wz, wn := walk.predictExit(row, nil, e)
			if z != wz || n != wn {
				t.Fatalf("exit %+v, row %v: flat gives %v after %d trees, the walk %v after %d", e, row, z, n, wz, wn)
			}
			full := f.Predict(row)
			if !e.stop && (n != len(f.Trees) || z != full) {
				t.Fatalf("no exit: %v after %d trees, want Predict's %v after all %d", z, n, full, len(f.Trees))
			}
			if (z > e.center) != (full > e.center) {
				t.Fatalf("exit %+v: stopped at %v after %d trees, the whole forest gives %v", e, z, n, full)
			}
			// The sum before each checkpoint up to n: only the last may stop.
			sum := f.Base
			for k := 0; k <= n; k++ {
				settled := sum-e.center > f.reach.down[k] || e.center-sum > f.reach.up[k]
				check := e.stop && k%8 == 0 && k < len(f.Trees)
				if k < n && check && settled && math.Abs(float64(sum-e.center)) > 0.01+float64(max(f.reach.down[k], f.reach.up[k])) {
					t.Fatalf("exit %+v: went on past tree %d, where the sum %v was settled", e, k, sum)
				}
				if k == n && n < len(f.Trees) && !(check && settled) {
					t.Fatalf("exit %+v: stopped at tree %d with sum %v, not settled", e, k, sum)
				}
				if k < n {
					sum += leafValue(f.Trees[k].Nodes, row)
				}
			}
			if sum != z {
				t.Fatalf("exit %+v: %v, the first %d trees sum to %v", e, z, n, sum)
			}
			contrib := make([]float64, 3)
			f.attributeFirst(row, contrib, n)
			if got := float64(f.Base) + contrib[0] + contrib[1] + contrib[2]; math.Abs(got-float64(z)) > 1e-4 {
				t.Fatalf("exit %+v: Base + contributions of %d trees = %v, logit %v", e, n, got, z)
			}
			if n < len(f.Trees) {
				stopped++
			}
		}
	}
	if stopped == 0 {
		t.Error("no prediction stopped early: the test proves nothing")
	}
}

// TestReach checks the reach of a forest against its leaves: from every
// tree on, no row's leaves add up to more than up or less than -down,
// and some row comes close to each bound at tree 0 (the bounds are
// tight for a single tree).
func TestReach(t *testing.T) {
	x, y, w := xorRows(600, 15)
	f := growForest(x, y, w, ForestConfig{Trees: 20, Depth: 3, Rate: 0.3, MinLeaf: 1})
	r := newReach(f.Trees)
	for _, row := range x {
		var rest float32
		for k := len(f.Trees) - 1; k >= 0; k-- {
			rest += leafValue(f.Trees[k].Nodes, row)
			if rest > r.up[k]+1e-5 || -rest > r.down[k]+1e-5 {
				t.Fatalf("trees %d on add %v, reach up %v down %v", k, rest, r.up[k], r.down[k])
			}
		}
	}
	last := len(f.Trees) - 1
	var hi, lo float32
	for _, n := range f.Trees[last].Nodes {
		if n.Left <= 0 {
			hi, lo = max(hi, n.Value), min(lo, n.Value)
		}
	}
	if r.up[last] != hi || r.down[last] != -lo || r.up[last+1] != 0 || r.down[last+1] != 0 {
		t.Errorf("last tree: reach %v/%v, want %v/%v and 0 after it", r.up[last], r.down[last], hi, -lo)
	}
}

// TestPredictShortRow checks that a row shorter than the features the
// trees split on is refused with a panic, in the flat layout as in the
// node walk, rather than scored from whatever follows it in memory.
func TestPredictShortRow(t *testing.T) {
	x, y, w := xorRows(600, 14)
	f := growForest(x, y, w, ForestConfig{Trees: 16, Depth: 3, MinLeaf: 1})
	f.prepare()
	if f.flat == nil {
		t.Fatal("no flat layout")
	}
	walk := *f
	walk.flat = nil
	for name, g := range map[string]*Forest{"flat": f, "nodes": &walk} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: a row of 2 values, for trees that split on input 2, was scored", name)
				}
			}()
			g.predictExit([]float32{1, 0.7}, make([]uint32, 2), exit{})
		}()
	}
}

// wideRows returns n rows of d features, uniform noise but for a label
// that depends on the first three, like the stage-two rows of many lines.
func wideRows(n, d int, seed uint64) (x [][]float32, y, w []float32) {
	rng := rand.New(rand.NewPCG(seed, 8))
	flat := make([]float32, n*d)
	for i := range n {
		row := flat[i*d : (i+1)*d]
		for j := range row {
			row[j] = rng.Float32()
		}
		var lab float32
		if row[0]+row[1]*row[2] > 0.8+0.2*rng.Float32() {
			lab = 1
		}
		x, y, w = append(x, row), append(y, lab), append(w, 1)
	}
	return x, y, w
}

// flagRows is wideRows with its features from the fifth on made flags
// that are mostly off (one in ten on), the shape of chaff's element
// flags and class tokens, and a few counts that are mostly zero.
func flagRows(n, d int, seed uint64) (x [][]float32, y, w []float32) {
	x, y, w = wideRows(n, d, seed)
	for _, row := range x {
		for j := 4; j < len(row); j++ {
			switch {
			case row[j] > 0.9 && j%3 == 0:
				row[j] = float32(int(row[j] * 100))
			case row[j] > 0.9:
				row[j] = 1
			default:
				row[j] = 0
			}
		}
	}
	return x, y, w
}

// TestHistogramSparse: the histogram that sums only the features out of
// their most frequent bin equals the sum over every feature.
func TestHistogramSparse(t *testing.T) {
	for _, rows := range []func(int, int, uint64) ([][]float32, []float32, []float32){wideRows, flagRows} {
		x, _, _ := rows(500, 12, 3)
		d := len(x[0])
		cuts := cuts(x, d, 32)
		cols := binColumns(x, cuts)
		g, h := make([]float32, len(x)), make([]float32, len(x))
		for i := range x {
			g[i], h[i] = float32(i%7)-3, float32(i%5)+1
		}
		tb := newTreeBuilder(cols, len(x), d, g, h, &ForestConfig{}, cuts)
		idx := []int32{0, 3, 4, 9, 17, 100, 250, 499}
		got := tb.histogram(idx)
		want := make([]float64, len(got))
		for _, i := range idx {
			for j := range d {
				k := 2 * (j*tb.stride + int(bin(cuts[j], x[i][j])))
				want[k] += float64(g[i])
				want[k+1] += float64(h[i])
			}
		}
		for k := range want {
			if math.Abs(got[k]-want[k]) > 1e-9 {
				t.Fatalf("histogram[%d] = %v, want %v", k, got[k], want[k])
			}
		}
	}
}

// BenchmarkGrowForest grows the text model's forest (120 trees of depth
// 5, subsample 0.7) on 50,000 rows of 80 features: the step that takes
// most of chaff train's time. dense: every feature spread over its bins;
// flags: most features flags that are mostly off, as chaff's are.
func BenchmarkGrowForest(b *testing.B) {
	for _, bc := range []struct {
		name string
		rows func(int, int, uint64) ([][]float32, []float32, []float32)
	}{{"dense", wideRows}, {"flags", flagRows}} {
		b.Run(bc.name, func(b *testing.B) {
			x, y, w := bc.rows(50000, 80, 1)
			b.ReportAllocs()
			for b.Loop() {
				growForest(x, y, w, ForestConfig{Trees: 120, Depth: 5, Subsample: 0.7, Seed: 1})
			}
		})
	}
}
