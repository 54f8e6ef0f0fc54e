package model

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/chaff-dev/chaff/features"
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
	// per feature: built by prepare.
	denseT, hashedT []float32
}

// prepare lays the weights out for scoring. It must run once before the
// Categorizer is shared.
func (c *Categorizer) prepare() {
	k := len(c.Names)
	c.denseT = make([]float32, features.Dense*k)
	c.hashedT = make([]float32, (1<<catBits)*k)
	for cl := range c.Names {
		for j, w := range c.Dense[cl] {
			c.denseT[j*k+cl] = w
		}
		for j, w := range c.Hashed[cl] {
			c.hashedT[j*k+cl] = w
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

// logits appends the score of every class of line i to z.
func (c *Categorizer) logits(v *features.Vectors, i int, z []float64) []float64 {
	k := len(c.Names)
	var acc [64]float32
	s := acc[:k]
	for j, x := range v.Row(i) {
		if x != 0 {
			w := c.denseT[j*k : j*k+k]
			for cl := range s {
				s[cl] += w[cl] * x
			}
		}
	}
	for _, h := range v.Hashed(i) {
		j := int(h & (1<<catBits - 1))
		w := c.hashedT[j*k : j*k+k]
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
	for e := 0; e < epochs; e++ {
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
