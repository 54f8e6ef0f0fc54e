package skim

import (
	"errors"
	"math"
	"math/rand/v2"
)

// catBits sets the hashed word space of the category model, smaller than
// stage one's because it holds a weight per category.
const catBits = 12

// maxCategories is the most categories a model names; every input holds
// that many weights, so that scoring runs fixed-length loops the compiler
// checks no bounds in.
const maxCategories = 16

// Categories names the noise category of a dropped line: a softmax
// regression over its dense features and its hashed words. Weights are
// stored input by input, the classes of one input side by side, so that
// scoring a line reads one short run per word.
type Categories struct {
	Names []string  // categories, index for index
	W     []float32 // weight of input j for class c at W[j*maxCategories+c]; inputs are the dense features, then the word slots
}

// Best returns the most likely category of line i.
func (c *Categories) Best(f *Features, i int) string {
	var z [maxCategories]float32
	c.logits(f, i, &z)
	best := 0
	for k := range c.Names {
		if z[k] > z[best] {
			best = k
		}
	}
	return c.Names[best]
}

// logits writes the score of every class of line i to z (and zeros past
// the model's classes). Each half of the classes is summed in eight local
// accumulators, which the compiler keeps in registers, rather than in z
// itself, which would be loaded and stored again for every input; the
// order of the additions, per class, is unchanged.
func (c *Categories) logits(f *Features, i int, z *[maxCategories]float32) {
	row, hashed := f.Row(i), f.Hashed(i)
	for half := 0; half < maxCategories; half += 8 {
		var a0, a1, a2, a3, a4, a5, a6, a7 float32
		for j, x := range row {
			if x != 0 {
				w := (*[8]float32)(c.W[j*maxCategories+half:])
				a0, a1, a2, a3 = a0+w[0]*x, a1+w[1]*x, a2+w[2]*x, a3+w[3]*x
				a4, a5, a6, a7 = a4+w[4]*x, a5+w[5]*x, a6+w[6]*x, a7+w[7]*x
			}
		}
		for _, h := range hashed {
			w := (*[8]float32)(c.W[(Dense+int(h&(1<<catBits-1)))*maxCategories+half:])
			a0, a1, a2, a3 = a0+w[0], a1+w[1], a2+w[2], a3+w[3]
			a4, a5, a6, a7 = a4+w[4], a5+w[5], a6+w[6], a7+w[7]
		}
		z[half], z[half+1], z[half+2], z[half+3] = a0, a1, a2, a3
		z[half+4], z[half+5], z[half+6], z[half+7] = a4, a5, a6, a7
	}
}

func (c *Categories) check() error {
	if c == nil {
		return nil
	}
	if len(c.Names) == 0 || len(c.Names) > maxCategories || len(c.W) != (Dense+1<<catBits)*maxCategories {
		return errors.New("skim: malformed category model")
	}
	return nil
}

// catSample is one labelled noise line: example ex, line line, class k.
type catSample struct{ ex, line, k int32 }

// trainCategories learns the category of the noise lines whose class is
// known; nil when none is. Every such line weighs the same, whatever its
// example's Weight: only hand-labelled documents name categories, and
// their weight is that of their noise labels beside the benchmark's.
func trainCategories(ex []Example, cfg Config) *Categories {
	index := map[string]int32{}
	var ss []catSample
	c := &Categories{}
	for d := range ex {
		for i, name := range ex[d].Class {
			if name == "" || ex[d].Noise[i] != 1 {
				continue
			}
			k, ok := index[name]
			if !ok {
				k = int32(len(c.Names))
				index[name] = k
				c.Names = append(c.Names, name)
			}
			ss = append(ss, catSample{int32(d), int32(i), k})
		}
	}
	if len(ss) == 0 {
		return nil
	}
	if len(c.Names) > maxCategories {
		c.Names = c.Names[:maxCategories] // more than label knows: cannot happen with gold files
	}
	k := len(c.Names)
	c.W = make([]float32, (Dense+1<<catBits)*maxCategories)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x636174))
	var z [maxCategories]float32
	step := 0
	for range 4 * cfg.Epochs {
		rng.Shuffle(len(ss), func(a, b int) { ss[a], ss[b] = ss[b], ss[a] })
		for _, s := range ss {
			if int(s.k) >= k {
				continue
			}
			f := ex[s.ex].F
			i := int(s.line)
			c.logits(f, i, &z)
			softmax(z[:k])
			lr := float32(cfg.Rate / (1 + float64(step)/float64(len(ss))))
			for cl := range z[:k] {
				if int32(cl) == s.k {
					z[cl] -= 1
				}
				z[cl] *= lr // now the step of class cl's weights
			}
			for j, x := range f.Row(i) {
				if x != 0 {
					w := c.W[j*maxCategories : j*maxCategories+k]
					for cl := range w {
						w[cl] -= z[cl] * x
					}
				}
			}
			for _, h := range f.Hashed(i) {
				j := Dense + int(h&(1<<catBits-1))
				w := c.W[j*maxCategories : j*maxCategories+k]
				for cl := range w {
					w[cl] -= z[cl]
				}
			}
			step++
		}
	}
	return c
}

// softmax turns logits into probabilities in place.
func softmax(z []float32) {
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
