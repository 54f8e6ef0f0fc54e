package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/chaff-dev/chaff/internal/features"
	"github.com/chaff-dev/chaff/internal/linescan"
)

// catBits sets the hashed feature space of the category heads of the
// models that read features.Vectors, smaller than stage one's because it
// is kept per class; fastCatBits, that of the fast text model's, whose
// line scanner hashes only words.
const (
	catBits     = 14
	fastCatBits = 12
)

// maxClasses is the most classes a Categorizer names.
const maxClasses = 64

// maxBits is the largest hashed feature space of a Categorizer: its
// sparse layout numbers the hashed slots' rows in a uint16.
const maxBits = 15

// Categorizer is the category head of every model: it names the class of
// a line, the noise category of a dropped line or the kind of a kept one,
// by a softmax regression over the line's dense features and its hashed
// features (n-grams, or the line scanner's words).
type Categorizer struct {
	Names  []string    // classes, index for index
	Dense  [][]float32 // per class, weights of the dense features
	Hashed [][]float32 // per class, weights of the hashed features folded to Bits
	// Bits is the size of the hashed feature space, 1<<Bits slots; 0, in
	// the files written before it was recorded, means catBits.
	Bits int

	// The same weights laid out feature by feature, every class's weight
	// of one feature side by side, so that scoring touches one cache line
	// per feature, and only the features with a weight: built by prepare.
	live    []int32   // dense features with a nonzero weight for some class, ascending
	denseT  []float32 // weights of live[r] at denseT[r*k:(r+1)*k]
	row     []uint16  // per hashed slot, 1 + its row in hashedT; 0 when its weights are all zero
	hashedT []float32 // weights of the hashed slots that have any, row by row

	// wide holds the weights input by input, sixteen classes each, the
	// dense features then every hashed slot: what logitsAVX2 reads. Built
	// by prepare for a head of at most wideClasses classes whose table
	// stays small (the fast text model's), where the vector sums of
	// logitsAVX2 beat the sparse loop of logitsSparse.
	wide [][wideClasses]float32
}

// bits returns the size of the hashed feature space in bits.
func (c *Categorizer) bits() int {
	if c.Bits == 0 {
		return catBits
	}
	return c.Bits
}

// prepare lays the weights out for scoring, in the wide layout (see
// prepareWide) or else the sparse one (see prepareSparse). It must run
// once before the Categorizer is shared.
func (c *Categorizer) prepare() {
	if c == nil {
		return
	}
	if c.prepareWide(); c.wide == nil {
		c.prepareSparse()
	}
}

// prepareSparse sets the sparse layout, read by logitsSparse: only the
// features with a weight for some class.
//
// Leaving out the features whose weights are all zero cannot change a
// logit, not even its sign: the sums start at +0, and a float sum is -0
// only when both terms are, so a sum is never -0 and adding ±0 to it
// gives it back unchanged. Most hashed slots were never trained (about
// two in three in the default models): without them the table that
// scoring reads at random is a third of the size and stays in cache.
func (c *Categorizer) prepareSparse() {
	k := len(c.Names)
	zero := func(w func(cl int) float32) bool {
		for cl := range k {
			if w(cl) != 0 {
				return false
			}
		}
		return true
	}
	c.live, c.denseT = nil, nil
	for j := range len(c.Dense[0]) {
		if zero(func(cl int) float32 { return c.Dense[cl][j] }) {
			continue
		}
		c.live = append(c.live, int32(j))
		for cl := range k {
			c.denseT = append(c.denseT, c.Dense[cl][j])
		}
	}
	c.row, c.hashedT = make([]uint16, 1<<c.bits()), nil
	for j := range 1 << c.bits() {
		if zero(func(cl int) float32 { return c.Hashed[cl][j] }) {
			continue
		}
		c.hashedT = append(c.hashedT, make([]float32, k)...)
		c.row[j] = uint16(len(c.hashedT) / k)
		for cl := range k {
			c.hashedT[len(c.hashedT)-k+cl] = c.Hashed[cl][j]
		}
	}
}

// Best returns the most likely class of a line from its dense features
// row and its hashed features, the first of them on a tie.
func (c *Categorizer) Best(row []float32, hashed []uint32) string {
	var z [maxClasses]float32
	w := (*[wideClasses]float32)(z[:wideClasses])
	if c.wide == nil || !logitsVec(c.wide, len(c.Dense[0]), row, hashed, 1<<c.bits()-1, w) {
		c.logitsSparse(row, hashed, &z)
	}
	return c.Names[bestGo(z[:len(c.Names)])]
}

// bestGo returns the index of the greatest of z, the first of them on a
// tie. (bestAVX2, without a branch per class, gained 4 % of chaff clean
// --text-model fast's CPU time, under the 5 % that assembly must earn
// here: see docs/performance.md.)
func bestGo(z []float32) int {
	best := 0
	for k := range z {
		if z[k] > z[best] {
			best = k
		}
	}
	return best
}

// logitsSparse writes the score of every class of a line to z: per
// class, the dense features in order, then the hashed ones, summed in
// float32 exactly as rawLogits does (products rounded, as in dot).
func (c *Categorizer) logitsSparse(row []float32, hashed []uint32, z *[maxClasses]float32) {
	k := len(c.Names)
	s := z[:k]
	mask := uint32(1)<<c.bits() - 1
	for r, j := range c.live {
		if int(j) >= len(row) {
			break
		}
		if x := row[j]; x != 0 {
			w := c.denseT[r*k : r*k+k]
			for cl := range s {
				s[cl] += float32(w[cl] * x)
			}
		}
	}
	for _, h := range hashed {
		r := int(c.row[h&mask])
		if r == 0 {
			continue
		}
		w := c.hashedT[(r-1)*k : r*k]
		for cl := range s {
			s[cl] += w[cl]
		}
	}
}

func softmax(z []float64) []float64 {
	m := z[0]
	for _, v := range z {
		m = math.Max(m, v)
	}
	p := make([]float64, len(z))
	var sum float64
	for k, v := range z {
		p[k] = math.Exp(v - m)
		sum += p[k]
	}
	for k := range p {
		p[k] /= sum
	}
	return p
}

// categoryStep multiplies the learning rate of the categorizers of
// trainCategorizer: the step at which they name every hand-labelled line
// of the fixtures as labelled, that of the fixtures at --gold-weight 30
// when the step grew with the weight.
const categoryStep = 30

// trainCategorizer learns the classes of the lines whose Noise is noise
// and whose class is known, leaving out the classes in skip. It returns nil
// when no example names a class.
func trainCategorizer(ex []Example, cfg Config, noise int8, skip ...string) *Categorizer {
	index := map[string]int{}
	var names []string
	type sample struct {
		doc, line int32
		class     int
	}
	var ss []sample
	for d := range ex {
		for i, cat := range ex[d].Class {
			if cat == "" || ex[d].Noise[i] != noise || slices.Contains(skip, cat) {
				continue
			}
			k, ok := index[cat]
			if !ok {
				k = len(names)
				index[cat] = k
				names = append(names, cat)
			}
			ss = append(ss, sample{int32(d), int32(i), k})
		}
	}
	if len(ss) == 0 {
		return nil
	}
	c := &Categorizer{Names: names, Dense: make([][]float32, len(names)), Hashed: make([][]float32, len(names)), Bits: catBits}
	for k := range names {
		c.Dense[k] = make([]float32, features.Dense)
		c.Hashed[k] = make([]float32, 1<<catBits)
	}
	// The classes come from the hand-labelled documents alone, all
	// weighing --gold-weight: a weight's scale would be the step size.
	// Each line's step is its weight relative to the lines' mean, times
	// categoryStep.
	var mean float64
	for _, s := range ss {
		mean += float64(ex[s.doc].weight())
	}
	mean /= float64(len(ss))
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x636174))
	epochs := 4 * cfg.Epochs
	step := 0
	// After its epochs, it goes on as long as a line it learns from is
	// named wrong, up to three times as many epochs again: the classes come from
	// hand-labelled documents, which the model should name as labelled
	// wherever a linear model can (as the forest's tuning trees do for
	// noise).
	for e := 0; e < 4*epochs; e++ {
		if e >= epochs && c.fits(ex, len(ss), func(k int) (int32, int32, int) { return ss[k].doc, ss[k].line, ss[k].class }) {
			break
		}
		rng.Shuffle(len(ss), func(a, b int) { ss[a], ss[b] = ss[b], ss[a] })
		for _, s := range ss {
			v := ex[s.doc].Vec
			i := int(s.line)
			p := softmax(c.rawLogits(v, i))
			lr := float32(cfg.Rate*categoryStep/(1+float64(step)/float64(len(ss)))) * float32(float64(ex[s.doc].weight())/mean)
			row := v.Row(i)
			hs := v.Hashed(i)
			for k := range names {
				y := float32(0)
				if k == s.class {
					y = 1
				}
				g := (float32(p[k]) - y) * lr
				if g == 0 {
					continue
				}
				for j := range row {
					c.Dense[k][j] -= g * row[j]
				}
				for _, h := range hs {
					c.Hashed[k][h&(1<<c.bits()-1)] -= g
				}
			}
			step++
		}
	}
	return c
}

// fits reports whether every one of the n training lines that at gives
// (document, line, class) is named its class.
func (c *Categorizer) fits(ex []Example, n int, at func(k int) (doc, line int32, class int)) bool {
	for k := range n {
		d, i, want := at(k)
		z := c.rawLogits(ex[d].Vec, int(i))
		best := 0
		for j := range z {
			if z[j] > z[best] {
				best = j
			}
		}
		if best != want {
			return false
		}
	}
	return true
}

// rawLogits scores line i from the class-major weights, which training
// updates in place.
func (c *Categorizer) rawLogits(v *features.Vectors, i int) []float64 {
	z := make([]float64, len(c.Names))
	row := v.Row(i)
	hs := v.Hashed(i)
	for k := range c.Names {
		s := dot(c.Dense[k], row)
		for _, h := range hs {
			s += c.Hashed[k][h&(1<<c.bits()-1)]
		}
		z[k] = float64(s)
	}
	return z
}

// wideClasses is the most classes of a head laid out for logitsAVX2, two
// vectors of eight, and of the fast text model's head.
const wideClasses = 16

// maxWideBits is the largest hashed feature space prepareWide lays out:
// 1<<12 rows of 64 bytes, 256 KB, which stays in the processor's
// second-level cache.
const maxWideBits = fastCatBits

// prepareWide sets wide from Dense and Hashed, or nil when the head has
// more than wideClasses classes, a hashed space above maxWideBits, or
// the processor has no AVX2 to read it with.
func (c *Categorizer) prepareWide() {
	c.wide = nil
	if !useAVX2 || len(c.Names) > wideClasses || c.bits() > maxWideBits {
		return
	}
	d := len(c.Dense[0])
	c.wide = make([][wideClasses]float32, d+1<<c.bits())
	for cl := range c.Names {
		for j, w := range c.Dense[cl] {
			c.wide[j][cl] = w
		}
		for h, w := range c.Hashed[cl] {
			c.wide[d+h][cl] = w
		}
	}
}

// logitsWide writes the score of the first k classes of a line to z
// from weights laid out as Categorizer.wide (d dense features, then the
// hashed slots, mask their mask; a row shorter than d has zeros for the
// features it lacks), in logitsAVX2 where the processor has it, else in
// logitsWideGo. Training the fast text model's head reads
// it.
func logitsWide(rows [][wideClasses]float32, d int, row []float32, hashed []uint32, mask uint32, k int, z *[wideClasses]float32) {
	if !logitsVec(rows, d, row, hashed, mask, z) {
		logitsWideGo(rows, d, row, hashed, mask, k, z)
	}
}

// logitsWideGo is logitsWide in Go: per class, the dense features in
// order, then the hashed ones, as logitsSparse sums them; the classes
// from k on are left at zero.
func logitsWideGo(rows [][wideClasses]float32, d int, row []float32, hashed []uint32, mask uint32, k int, z *[wideClasses]float32) {
	*z = [wideClasses]float32{}
	for j, x := range row[:min(len(row), d)] {
		if x != 0 {
			for cl := range k {
				z[cl] += float32(rows[j][cl] * x)
			}
		}
	}
	for _, h := range hashed {
		w := &rows[d+int(h&mask)]
		for cl := range k {
			z[cl] += w[cl]
		}
	}
}

// catSample is one labelled noise line: example ex, line line, class k.
type catSample struct{ ex, line, k int32 }

// trainFastCategorizer learns the category head of the fast text model:
// the category of the noise lines whose class is known; nil when none
// is. Every such line weighs the same, whatever its example's Weight:
// only hand-labelled documents name categories, and their weight is that
// of their noise labels beside the benchmark's. It learns in float32 on
// the wide layout (see logitsWide), for 4·Epochs passes and no more: the
// head is scored on the lines the fast model drops, and its training
// stays a small share of the fast model's.
func trainFastCategorizer(ex []Example, cfg Config) *Categorizer {
	index := map[string]int32{}
	var ss []catSample
	var names []string
	for d := range ex {
		for i, name := range ex[d].Class {
			if name == "" || ex[d].Noise[i] != 1 {
				continue
			}
			k, ok := index[name]
			if !ok {
				k = int32(len(names))
				index[name] = k
				names = append(names, name)
			}
			ss = append(ss, catSample{int32(d), int32(i), k})
		}
	}
	if len(ss) == 0 {
		return nil
	}
	names = names[:min(len(names), wideClasses)] // more than label knows: cannot happen with gold files
	k := len(names)
	d := linescan.Dense
	mask := uint32(1)<<fastCatBits - 1
	rows := make([][wideClasses]float32, d+1<<fastCatBits)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x636174))
	var z [wideClasses]float32
	step := 0
	for range 4 * cfg.Epochs {
		rng.Shuffle(len(ss), func(a, b int) { ss[a], ss[b] = ss[b], ss[a] })
		for _, s := range ss {
			if int(s.k) >= k {
				continue
			}
			f := ex[s.ex].Lines
			i := int(s.line)
			logitsWide(rows, d, f.Row(i), f.Hashed(i), mask, k, &z)
			softmax32(z[:k])
			lr := float32(cfg.Rate / (1 + float64(step)/float64(len(ss))))
			for cl := range z[:k] {
				if int32(cl) == s.k {
					z[cl] -= 1
				}
				z[cl] *= lr // now the step of class cl's weights
			}
			for j, x := range f.Row(i) {
				if x != 0 {
					w := rows[j][:k]
					for cl := range w {
						w[cl] -= z[cl] * x
					}
				}
			}
			for _, h := range f.Hashed(i) {
				w := rows[d+int(h&mask)][:k]
				for cl := range w {
					w[cl] -= z[cl]
				}
			}
			step++
		}
	}
	c := &Categorizer{Names: names, Dense: make([][]float32, k), Hashed: make([][]float32, k), Bits: fastCatBits}
	for cl := range k {
		c.Dense[cl], c.Hashed[cl] = make([]float32, d), make([]float32, 1<<fastCatBits)
		for j := range d {
			c.Dense[cl][j] = rows[j][cl]
		}
		for h := range 1 << fastCatBits {
			c.Hashed[cl][h] = rows[d+h][cl]
		}
	}
	return c
}

// softmax32 turns logits into probabilities in place, in float32.
func softmax32(z []float32) {
	m := z[0]
	for _, v := range z {
		m = max(m, v)
	}
	var sum float32
	for k, v := range z {
		z[k] = float32(math.Exp(float64(v - m)))
		sum += z[k]
	}
	for k := range z {
		z[k] /= sum
	}
}

// check reports a head (nil is fine) whose weights do not fit dense
// features and its hashed space.
func (c *Categorizer) check(dense int) error {
	if c == nil {
		return nil
	}
	if len(c.Names) == 0 || len(c.Names) > maxClasses || len(c.Dense) != len(c.Names) || len(c.Hashed) != len(c.Names) || c.Bits < 0 || c.Bits > maxBits {
		return fmt.Errorf("model: malformed class head")
	}
	for k := range c.Names {
		if len(c.Dense[k]) != dense || len(c.Hashed[k]) != 1<<c.bits() {
			return fmt.Errorf("model: class head %q has the wrong size", c.Names[k])
		}
	}
	return nil
}
