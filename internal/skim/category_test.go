package skim

import (
	"bytes"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"
)

// plainLogits is the score of every class of line i as the plain loop
// sums it: per class, the dense features in order, then the words.
// logits must give the same bits.
func (c *Categories) plainLogits(f *Features, i int) []float32 {
	z := make([]float32, len(c.Names))
	for k := range z {
		for j, x := range f.Row(i) {
			if x != 0 {
				z[k] += float32(c.W[j*maxCategories+k] * x)
			}
		}
		for _, h := range f.Hashed(i) {
			z[k] += c.W[(Dense+int(h&(1<<catBits-1)))*maxCategories+k]
		}
	}
	return z
}

// randomFeatures returns lines lines of features: about half the dense
// values zero (some of them -0), the others ones or of any sign and size,
// and up to 40 words a line anywhere in the word space.
func randomFeatures(rng *rand.Rand, lines int) *Features {
	f := &Features{X: make([]float32, lines*Dense), Off: make([]int32, lines+1), Blank: make([]bool, lines)}
	for j := range f.X {
		switch rng.IntN(6) {
		case 0:
			f.X[j] = float32(math.Copysign(0, -1))
		case 1, 2:
		case 3:
			f.X[j] = 1
		default:
			f.X[j] = float32(rng.NormFloat64() * math.Exp(4*rng.NormFloat64()))
		}
	}
	for i := range lines {
		for range rng.IntN(41) {
			f.H = append(f.H, rng.Uint32N(1<<WordBits))
		}
		f.Off[i+1] = int32(len(f.H))
	}
	return f
}

// TestLogits checks that logits (in AVX2 where the processor has it),
// logitsGo and Best give what the plain loop gives, bit for bit, whatever
// the number of classes: logitsGo splits the sums in groups of classes
// and sums a sixteenth alone; logitsAVX2 adds the zeros the plain loop
// skips.
func TestLogits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	f := randomFeatures(rng, 300)
	for _, k := range []int{1, 2, 7, 8, 14, 15, 16} {
		c := &Categories{Names: make([]string, k), W: make([]float32, (Dense+1<<catBits)*maxCategories)}
		for cl := range c.Names {
			c.Names[cl] = string(rune('a' + cl))
		}
		for j := range c.W {
			if cl := j % maxCategories; cl < k && rng.IntN(8) > 0 {
				c.W[j] = float32(rng.NormFloat64())
			}
		}
		if err := c.check(); err != nil {
			t.Fatal(err)
		}
		c.prepare()
		for i := range f.Blank {
			var z, zGo [maxCategories]float32
			c.logits(f, i, &z)
			c.logitsGo(f, i, &zGo)
			want := c.plainLogits(f, i)
			best := 0
			for cl := range want {
				if math.Float32bits(z[cl]) != math.Float32bits(want[cl]) {
					t.Fatalf("%d classes, line %d, class %d: logit %v, want %v (AVX2: %v)", k, i, cl, z[cl], want[cl], useAVX2)
				}
				if math.Float32bits(zGo[cl]) != math.Float32bits(want[cl]) {
					t.Fatalf("%d classes, line %d, class %d: logitsGo %v, want %v", k, i, cl, zGo[cl], want[cl])
				}
				if want[cl] > want[best] {
					best = cl
				}
			}
			if got := c.Best(f, i); got != c.Names[best] {
				t.Fatalf("%d classes, line %d: best %s, want %s", k, i, got, c.Names[best])
			}
		}
	}
}

// TestCategoriesRead checks that the weights trained are the weights
// read back: training works in rows and writes W from them, reading sets
// rows from W.
func TestCategoriesRead(t *testing.T) {
	m := Train(trainSet(), Config{Seed: 1, Epochs: 2})
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	c, c2 := m.Categories, m2.Categories
	if len(c.rows) != Dense+1<<catBits || len(c2.rows) != len(c.rows) {
		t.Fatalf("%d and %d rows, want %d", len(c.rows), len(c2.rows), Dense+1<<catBits)
	}
	for j := range c.rows {
		for cl := range maxCategories {
			if w := c.W[j*maxCategories+cl]; c.rows[j][cl] != w || c2.rows[j][cl] != w {
				t.Fatalf("input %d class %d: trained %v, read %v, in W %v", j, cl, c.rows[j][cl], c2.rows[j][cl], w)
			}
		}
	}
}

// checkBest holds best, in whatever form the processor runs, to a plain
// loop over the first n logits: the first of the greatest, NaNs never
// passed over nor replacing.
func checkBest(t *testing.T, z *[maxCategories]float32, n int) {
	t.Helper()
	want := 0
	for k := 1; k < n; k++ {
		if z[k] > z[want] {
			want = k
		}
	}
	c := &Categories{Names: make([]string, n)}
	if got := c.best(z); got != want {
		t.Fatalf("%d classes of %v: best %d, want %d (AVX2: %v)", n, z[:n], got, want, useAVX2)
	}
	if got := bestGo(z, n); got != want {
		t.Fatalf("%d classes of %v: bestGo %d, want %d", n, z[:n], got, want)
	}
}

func TestBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	specials := []float32{0, float32(math.Copysign(0, -1)), 1, -1, float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()), math.MaxFloat32, -math.MaxFloat32}
	for n := 1; n <= maxCategories; n++ {
		for range 2000 {
			var z [maxCategories]float32
			for k := range z {
				switch rng.IntN(4) {
				case 0:
					z[k] = specials[rng.IntN(len(specials))]
				case 1:
					z[k] = float32(rng.IntN(3)) // ties
				default:
					z[k] = float32(rng.NormFloat64() * 5)
				}
			}
			checkBest(t, &z, n)
		}
	}
}

func FuzzBest(f *testing.F) {
	f.Add(uint8(16), make([]byte, 64))
	f.Fuzz(func(t *testing.T, n uint8, b []byte) {
		var z [maxCategories]float32
		for k := range z {
			if 4*k+4 <= len(b) {
				z[k] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*k:]))
			}
		}
		checkBest(t, &z, 1+int(n)%maxCategories)
	})
}
