package skim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestStage1All checks that scoring a whole document gives every line
// the stage-one logit that training computes line by line, bit for bit,
// and leaves blank lines at zero.
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
			want = m.stage1(f, i)
		}
		if math.Float32bits(z[i]) != math.Float32bits(want) {
			t.Fatalf("line %d: %v, want %v", i, z[i], want)
		}
	}
}
