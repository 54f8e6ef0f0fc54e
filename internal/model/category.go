package model

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/chaff-dev/chaff/internal/features"
)

// catBits sets the hashed feature space of the category model, smaller
// than stage one's because it is kept per category.
const catBits = 14

// Categorizer names the class of a line, the noise category of a dropped
// line or the kind of a kept one: a softmax regression over the line's
// dense features (lexicon and rule evidence among them) and its hashed
// n-grams.
type Categorizer struct {
	Names  []string    // classes, index for index
	Dense  [][]float32 // per class, weights of the dense features
	Hashed [][]float32 // per class, weights of the hashed features folded to catBits

	// The same weights laid out feature by feature, every class's weight
	// of one feature side by side, so that scoring touches one cache line
	// per feature, and only the features with a weight: built by prepare.
	live    []int32   // dense features with a nonzero weight for some class, ascending
	denseT  []float32 // weights of live[r] at denseT[r*k:(r+1)*k]
	row     []uint16  // per hashed slot, 1 + its row in hashedT; 0 when its weights are all zero
	hashedT []float32 // weights of the hashed slots that have any, row by row
}

// prepare lays the weights out for scoring. It must run once before the
// Categorizer is shared.
//
// Leaving out the features whose weights are all zero cannot change a
// logit, not even its sign: the sums start at +0, and a float sum is -0
// only when both terms are, so a sum is never -0 and adding ±0 to it
// gives it back unchanged. Most hashed slots were never trained (about
// two in three in the default models): without them the table that
// scoring reads at random is a third of the size and stays in cache.
func (c *Categorizer) prepare() {
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
	for j := range features.Dense {
		if zero(func(cl int) float32 { return c.Dense[cl][j] }) {
			continue
		}
		c.live = append(c.live, int32(j))
		for cl := range k {
			c.denseT = append(c.denseT, c.Dense[cl][j])
		}
	}
	c.row, c.hashedT = make([]uint16, 1<<catBits), nil
	for j := range 1 << catBits {
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

// Best returns the most likely class of line i.
func (c *Categorizer) Best(v *features.Vectors, i int) string {
	var buf [64]float64
	z := c.logits(v, i, buf[:0])
	best := 0
	for k := range z {
		if z[k] > z[best] {
			best = k
		}
	}
	return c.Names[best]
}

// logits appends the score of every class of line i to z: per class,
// the dense features in order, then the hashed ones, summed in float32
// exactly as rawLogits does (products rounded, as in dot).
func (c *Categorizer) logits(v *features.Vectors, i int, z []float64) []float64 {
	k := len(c.Names)
	var acc [64]float32
	s := acc[:k]
	row := v.Row(i)
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
	for _, h := range v.Hashed(i) {
		r := int(c.row[h&(1<<catBits-1)])
		if r == 0 {
			continue
		}
		w := c.hashedT[(r-1)*k : r*k]
		for cl := range s {
			s[cl] += w[cl]
		}
	}
	z = z[:0]
	for _, x := range s {
		z = append(z, float64(x))
	}
	return z
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
	c := &Categorizer{Names: names, Dense: make([][]float32, len(names)), Hashed: make([][]float32, len(names))}
	for k := range names {
		c.Dense[k] = make([]float32, features.Dense)
		c.Hashed[k] = make([]float32, 1<<catBits)
	}
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
			lr := float32(cfg.Rate/(1+float64(step)/float64(len(ss)))) * ex[s.doc].weight()
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
					c.Hashed[k][h&(1<<catBits-1)] -= g
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
			s += c.Hashed[k][h&(1<<catBits-1)]
		}
		z[k] = float64(s)
	}
	return z
}
