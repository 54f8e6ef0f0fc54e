package model

import (
	"bytes"
	"encoding/gob"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/chaff-dev/chaff/internal/linescan"
)

// plainLogits is the score of every class of line i as the plain loop
// sums it: per class, the dense features in order, then the hashed
// ones. Every way of scoring a head must give the same bits.
func plainLogits(c *Categorizer, f *linescan.Features, i int) []float32 {
	z := make([]float32, len(c.Names))
	mask := uint32(1)<<c.bits() - 1
	for k := range z {
		for j, x := range f.Row(i) {
			if x != 0 {
				z[k] += float32(c.Dense[k][j] * x)
			}
		}
		for _, h := range f.Hashed(i) {
			z[k] += c.Hashed[k][h&mask]
		}
	}
	return z
}

// randomFeatures returns lines lines of features: about half the dense
// values zero (some of them -0), the others ones or of any sign and size,
// and up to 40 words a line anywhere in the word space.
func randomFeatures(rng *rand.Rand, lines int) *linescan.Features {
	f := &linescan.Features{X: make([]float32, lines*linescan.Dense), Off: make([]int32, lines+1), Blank: make([]bool, lines)}
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
			f.H = append(f.H, rng.Uint32N(1<<linescan.WordBits))
		}
		f.Off[i+1] = int32(len(f.H))
	}
	return f
}

// randomHead returns a head of k classes over the line scanner's
// features, most of its weights drawn at random.
func randomHead(rng *rand.Rand, k, bits int) *Categorizer {
	c := &Categorizer{Names: make([]string, k), Dense: make([][]float32, k), Hashed: make([][]float32, k), Bits: bits}
	for cl := range k {
		c.Names[cl] = string(rune('a' + cl))
		c.Dense[cl], c.Hashed[cl] = make([]float32, linescan.Dense), make([]float32, 1<<bits)
		for _, w := range [][]float32{c.Dense[cl], c.Hashed[cl]} {
			for j := range w {
				if rng.IntN(8) > 0 {
					w[j] = float32(rng.NormFloat64())
				}
			}
		}
	}
	return c
}

// TestLogits checks that every way of scoring a head gives what the
// plain loop gives, bit for bit, whatever the number of classes: the
// wide layout in AVX2 where the processor has it (which adds the zeros
// the plain loop skips) and in Go, the sparse layout, and Best, which
// takes the one or the other.
func TestLogits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	f := randomFeatures(rng, 300)
	for _, k := range []int{1, 2, 7, 8, 14, 15, 16, 17, 40} {
		c := randomHead(rng, k, fastCatBits)
		if err := c.check(linescan.Dense); err != nil {
			t.Fatal(err)
		}
		c.prepare()
		if (c.wide != nil) != (useAVX2 && k <= wideClasses) {
			t.Fatalf("%d classes: wide layout %v with AVX2 %v", k, c.wide != nil, useAVX2)
		}
		sp := *c // the same head in the sparse layout
		sp.wide = nil
		sp.prepareSparse()
		mask := uint32(1)<<fastCatBits - 1
		rows := make([][wideClasses]float32, linescan.Dense+1<<fastCatBits)
		for cl := range min(k, wideClasses) {
			for j, w := range c.Dense[cl] {
				rows[j][cl] = w
			}
			for h, w := range c.Hashed[cl] {
				rows[linescan.Dense+h][cl] = w
			}
		}
		for i := range f.Blank {
			want := plainLogits(c, f, i)
			row := f.Row(i)
			if i%3 == 0 { // a row shorter than the head's dense part, as text mode's features.Vectors are
				row = row[:linescan.Dense-5]
				want = plainLogits(c, &linescan.Features{X: append(row[:len(row):len(row)], make([]float32, 5)...), H: f.Hashed(i), Off: []int32{0, int32(len(f.Hashed(i)))}, Blank: []bool{false}}, 0)
			}
			var sparse [maxClasses]float32
			sp.logitsSparse(row, f.Hashed(i), &sparse)
			var wide, wideGo [wideClasses]float32
			if k <= wideClasses {
				logitsWide(rows, linescan.Dense, row, f.Hashed(i), mask, k, &wide)
				logitsWideGo(rows, linescan.Dense, row, f.Hashed(i), mask, k, &wideGo)
			}
			best := 0
			for cl := range want {
				same := func(name string, got float32) {
					if math.Float32bits(got) != math.Float32bits(want[cl]) {
						t.Fatalf("%d classes, line %d, class %d: %s %v, want %v (AVX2: %v)", k, i, cl, name, got, want[cl], useAVX2)
					}
				}
				same("sparse", sparse[cl])
				if k <= wideClasses {
					same("wide", wide[cl])
					same("wide in Go", wideGo[cl])
				}
				if want[cl] > want[best] {
					best = cl
				}
			}
			if got := c.Best(row, f.Hashed(i)); got != c.Names[best] {
				t.Fatalf("%d classes, line %d: best %s, want %s", k, i, got, c.Names[best])
			}
		}
	}
	if !useAVX2 {
		t.Log("no AVX2 here: the Go loops alone were checked")
	}
}

// TestReadLegacyFast checks the conversion of a chaff-skim-1 file, whose
// head holds sixteen weights per input, to the one head: the same
// weights, class by class, and so the same category for every line.
func TestReadLegacyFast(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	m, err := Embedded(FastText)
	if err != nil {
		t.Fatal(err)
	}
	const k = 13
	w := make([]float32, (linescan.Dense+1<<fastCatBits)*wideClasses)
	for j := range w {
		if j%wideClasses < k {
			w[j] = float32(rng.NormFloat64())
		}
	}
	names := make([]string, k)
	for cl := range names {
		names[cl] = string(rune('a' + cl))
	}
	lf := legacyFast{Names: m.Names, Dense: m.Dense, Words: m.Hashed, Forest: m.Forest, About: m.About}
	lf.Categories = &struct {
		Names []string
		W     []float32
	}{names, w}
	var b bytes.Buffer
	b.WriteString(legacyFastMagic)
	if err := gob.NewEncoder(&b).Encode(lf); err != nil {
		t.Fatal(err)
	}
	r, err := Read(&b)
	if err != nil {
		t.Fatal(err)
	}
	if r.Kind != FastText || r.About != m.About || len(r.Forest.Trees) != len(m.Forest.Trees) {
		t.Fatalf("read a %v model of %d trees, want %v of %d", r.Kind, len(r.Forest.Trees), FastText, len(m.Forest.Trees))
	}
	c := r.Categories
	for cl := range k {
		for j := range linescan.Dense + 1<<fastCatBits {
			got := c.Hashed[cl][max(j-linescan.Dense, 0)]
			if j < linescan.Dense {
				got = c.Dense[cl][j]
			}
			if got != w[j*wideClasses+cl] {
				t.Fatalf("class %d input %d: weight %v, the file's %v", cl, j, got, w[j*wideClasses+cl])
			}
		}
	}
	f := randomFeatures(rng, 200)
	for i := range f.Blank {
		want := plainLogits(c, f, i)
		best := 0
		for cl := range want {
			if want[cl] > want[best] {
				best = cl
			}
		}
		if got := c.Best(f.Row(i), f.Hashed(i)); got != names[best] {
			t.Fatalf("line %d: best %s, want %s", i, got, names[best])
		}
	}
	b.Reset()
	b.WriteString(legacyFastMagic)
	lf.Categories.W = w[:len(w)-1]
	if err := gob.NewEncoder(&b).Encode(lf); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(&b); err == nil {
		t.Error("a legacy head of the wrong size was read")
	}
}
