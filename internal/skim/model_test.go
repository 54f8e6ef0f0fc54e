package skim

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"github.com/chaff-dev/chaff/internal/lines"
)

// TestStage1All checks that scoring a whole document gives every line
// its stage-one logit, bit for bit: the dense features summed as
// training sums them, then the words from the rounded weights; and that
// it leaves blank lines at zero.
func TestStage1All(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	f := randomFeatures(rng, 500)
	for i := range f.Blank {
		f.Blank[i] = rng.IntN(4) == 0
	}
	z := make([]float32, len(f.Blank))
	m.stage1All(f, z)
	for i, blank := range f.Blank {
		want := float32(0)
		if !blank {
			// The dense part as stage1 sums it, then the coded words.
			for j, x := range f.Row(i) {
				want += float32(m.Dense[j] * x)
			}
			var words float32
			for _, h := range f.Hashed(i) {
				words += m.wordValues[m.wordCodes[h]]
			}
			want += words
		}
		if math.Float32bits(z[i]) != math.Float32bits(want) {
			t.Fatalf("line %d: %v, want %v", i, z[i], want)
		}
	}
}

// TestQuantize checks the word codes of the embedded model: each weight
// has the code whose value is nearest, so it is within half the gap
// between the values around it; the largest weight keeps its
// value; zero stays zero; and a model without word weights scores its
// words as zero.
func TestQuantize(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var top float64
	for _, w := range m.Words {
		top = max(top, math.Abs(float64(w)))
	}
	value := func(q float64) float64 { return top * q * q / 127 / 127 }
	for h, w := range m.Words {
		got := float64(m.wordValues[m.wordCodes[h]])
		a := 127 * math.Sqrt(math.Abs(float64(w))/top)
		gap := value(math.Ceil(a)) - value(math.Floor(a))
		if d := math.Abs(got - float64(w)); d > gap/2+1e-6*top {
			t.Fatalf("word %d: weight %v coded as %v, %v away, more than half the gap %v", h, w, got, d, gap)
		}
		if w == 0 && got != 0 {
			t.Fatalf("word %d: weight 0 coded as %v", h, got)
		}
		if math.Abs(float64(w)) == top && got != float64(w) {
			t.Errorf("the largest weight %v is coded as %v", w, got)
		}
	}
	zero := &Model{Dense: m.Dense, Words: make([]float32, len(m.Words))}
	zero.quantize()
	text := []byte("Read more about cookies\n")
	if got := zero.wordSum(Build(text, lines.Split(text)), 0); got != 0 {
		t.Errorf("all-zero word weights sum to %v, want 0", got)
	}
}

// TestDecideTo checks that stopping the trees early changes no decision
// at the threshold on the fixtures' lines, keeps the exact score of
// every line that summed every tree, and that thresholds of 0 and 1 sum
// every tree; the explanation of a stopped line covers the trees its
// score summed.
func TestDecideTo(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob("../../fixtures/*/*.txt")
	if len(paths) == 0 {
		t.Fatal("no fixtures")
	}
	stopped := 0
	for _, threshold := range []float64{0.5, 0.2, 0.9, 0, 1} {
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			f := Build(data, lines.Split(data))
			var exact, early Scores
			m.ScoreTo(&exact, f)
			m.DecideTo(&early, f, threshold)
			for i := range f.Blank {
				if f.Blank[i] {
					continue
				}
				pe, pd := exact.P[i], early.P[i]
				if threshold > 0 && threshold < 1 && (pe >= threshold) != (pd >= threshold) {
					t.Errorf("%s line %d, threshold %v: exact score %v, early %v decide apart", p, i+1, threshold, pe, pd)
				}
				if len(early.trees) == 0 || early.trees[i] == int32(len(m.Forest.Trees)) {
					if pe != pd {
						t.Errorf("%s line %d: summed every tree, yet %v against %v", p, i+1, pd, pe)
					}
					continue
				}
				if threshold == 0 || threshold == 1 {
					t.Fatalf("threshold %v stopped early", threshold)
				}
				stopped++
				if cts := m.Explain(f, &early, i, 3); len(cts) == 0 {
					t.Errorf("%s line %d: no reason for an early score", p, i+1)
				}
			}
		}
	}
	if stopped == 0 {
		t.Error("no line stopped early: the test proves nothing")
	}
}

// TestWindowStats holds windowStats to the plain loop over the window,
// bit for bit, on windows of every length up to a whole one, drawn from
// values where min, max and addition are delicate: signed zeros, NaN,
// infinities, and ties.
func TestWindowStats(t *testing.T) {
	values := []float32{0, float32(math.Copysign(0, -1)), 1, -1, 2.5, -2.5,
		float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 1e-30, 3e38}
	rng := rand.New(rand.NewPCG(5, 6))
	same := func(a, b float32) bool { return math.Float32bits(a) == math.Float32bits(b) || a != a && b != b }
	for range 20000 {
		win := make([]float32, 1+rng.IntN(2*window+1))
		for j := range win {
			win[j] = values[rng.IntN(len(values))]
		}
		var sum float32
		lo, hi := win[0], win[0]
		for _, v := range win {
			sum, lo, hi = sum+v, min(lo, v), max(hi, v)
		}
		gs, gl, gh := windowStats(win)
		if !same(gs, sum) || !same(gl, lo) || !same(gh, hi) {
			t.Fatalf("windowStats(%v) = %v, %v, %v; the loop gives %v, %v, %v", win, gs, gl, gh, sum, lo, hi)
		}
	}
}
