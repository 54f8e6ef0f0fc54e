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

	// rows holds the weights of W, input j in rows[j]: what scoring and
	// training read and write, since an input's weights are then an array
	// the compiler checks no bounds in, where a run of W costs a bounds
	// check and an address computation per input. W is the file's form,
	// set from rows after training; prepare sets rows from W after
	// reading.
	rows [][maxCategories]float32
}

// Best returns the most likely category of line i.
func (c *Categories) Best(f *Features, i int) string {
	var z [maxCategories]float32
	c.logits(f, i, &z)
	return c.Names[c.best(&z)]
}

// best returns the class of the greatest logit in z, the first of them on
// a tie. It runs bestAVX2 where the processor has it (a branch per class,
// taken one way or the other as the logits fall, was mispredicted often
// enough to cost as much as the logits' words), else bestGo, which also
// decides when a logit is NaN.
func (c *Categories) best(z *[maxCategories]float32) int {
	n := min(len(c.Names), maxCategories)
	if useAVX2 {
		if k := bestAVX2(z, n); k >= 0 {
			return k
		}
	}
	return bestGo(z, n)
}

// bestGo is best in Go, over the first n logits.
func bestGo(z *[maxCategories]float32, n int) int {
	best := 0
	for k := range z[:n] {
		if z[k] > z[best] {
			best = k
		}
	}
	return best
}

// logits writes the score of every class of line i to z (values past
// the model's classes are unspecified). The order of the additions, per
// class, is that of the plain loop: the dense features in order, then the
// words. It runs logitsAVX2 where the processor has it, else logitsGo:
// both give the same bits.
func (c *Categories) logits(f *Features, i int, z *[maxCategories]float32) {
	if useAVX2 {
		row := f.Row(i)
		logitsAVX2(row, &c.rows[0], &c.rows[Dense], f.Hashed(i), 1<<catBits-1, z)
		return
	}
	c.logitsGo(f, i, z)
}

// logitsGo is logits in Go.
//
// The sums are kept in local variables, which the compiler keeps in
// registers, rather than in z, which would be loaded and stored again for
// every input. The dense features are summed for seven classes at a time,
// then for the fifteenth: seven sums, seven products and the feature fill
// the fifteen float registers; one more spills a sum to memory, whose
// every addition then waits for a store and a load. The words, added
// without a product, are summed for fifteen classes at once, so that each
// word's weights are found once; a sixteenth class, when the model has
// one, is summed alone. Each product is rounded before it is added, as
// logitsAVX2 does (see model's dot on fused multiply-adds).
func (c *Categories) logitsGo(f *Features, i int, z *[maxCategories]float32) {
	row, hashed := f.Row(i), f.Hashed(i)
	dense := c.rows[:len(row)]
	denseSeven(row, dense, z, 0)
	denseSeven(row, dense, z, 7)
	var s float32
	if len(c.Names) > 14 {
		for j, x := range row {
			if nonzero(x) {
				s += float32(dense[j][14] * x)
			}
		}
	}
	z[14] = s
	words := (*[1 << catBits][maxCategories]float32)(c.rows[Dense:])
	a0, a1, a2, a3, a4, a5, a6 := z[0], z[1], z[2], z[3], z[4], z[5], z[6]
	b0, b1, b2, b3, b4, b5, b6, b7 := z[7], z[8], z[9], z[10], z[11], z[12], z[13], z[14]
	for _, h := range hashed {
		w := &words[h&(1<<catBits-1)]
		a0, a1, a2, a3 = a0+w[0], a1+w[1], a2+w[2], a3+w[3]
		a4, a5, a6 = a4+w[4], a5+w[5], a6+w[6]
		b0, b1, b2, b3 = b0+w[7], b1+w[8], b2+w[9], b3+w[10]
		b4, b5, b6, b7 = b4+w[11], b5+w[12], b6+w[13], b7+w[14]
	}
	z[0], z[1], z[2], z[3], z[4], z[5], z[6] = a0, a1, a2, a3, a4, a5, a6
	z[7], z[8], z[9], z[10], z[11], z[12], z[13], z[14] = b0, b1, b2, b3, b4, b5, b6, b7
	if len(c.Names) == maxCategories {
		s = 0
		for j, x := range row {
			if nonzero(x) {
				s += float32(dense[j][15] * x)
			}
		}
		for _, h := range hashed {
			s += words[h&(1<<catBits-1)][15]
		}
		z[15] = s
	}
}

// denseSeven writes to z[c:c+7] the dense features' part of classes c to
// c+6, in seven sums that stay in registers (see logits).
func denseSeven(row []float32, dense [][maxCategories]float32, z *[maxCategories]float32, c int) {
	var a0, a1, a2, a3, a4, a5, a6 float32
	for j, x := range row {
		if nonzero(x) {
			w := (*[7]float32)(dense[j][c : c+7])
			a0, a1, a2, a3 = a0+float32(w[0]*x), a1+float32(w[1]*x), a2+float32(w[2]*x), a3+float32(w[3]*x)
			a4, a5, a6 = a4+float32(w[4]*x), a5+float32(w[5]*x), a6+float32(w[6]*x)
		}
	}
	z[c], z[c+1], z[c+2], z[c+3], z[c+4], z[c+5], z[c+6] = a0, a1, a2, a3, a4, a5, a6
}

// nonzero reports whether x != 0, from its bits: a float comparison with
// zero would take a float register from the sums of logits.
func nonzero(x float32) bool { return math.Float32bits(x)<<1 != 0 }

// prepare sets rows from W.
func (c *Categories) prepare() {
	if c == nil {
		return
	}
	c.rows = make([][maxCategories]float32, len(c.W)/maxCategories)
	for j := range c.rows {
		c.rows[j] = [maxCategories]float32(c.W[j*maxCategories:])
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
	c.rows = make([][maxCategories]float32, Dense+1<<catBits)
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
					w := c.rows[j][:k]
					for cl := range w {
						w[cl] -= z[cl] * x
					}
				}
			}
			for _, h := range f.Hashed(i) {
				w := c.rows[Dense+int(h&(1<<catBits-1))][:k]
				for cl := range w {
					w[cl] -= z[cl]
				}
			}
			step++
		}
	}
	c.W = make([]float32, 0, len(c.rows)*maxCategories)
	for j := range c.rows {
		c.W = append(c.W, c.rows[j][:]...)
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
