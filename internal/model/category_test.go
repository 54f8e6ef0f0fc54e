package model

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/chaff-dev/chaff/internal/features"
)

// TestLogitsMatchRawLogits checks that the scoring layout, which leaves out
// the weights that are all zero, gives every class the very same float
// sums as the class-major weights do, on random lines of both widths
// that between them use every hashed slot.
func TestLogitsMatchRawLogits(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for name, load := range map[string]Kind{"accurate-text": AccurateText, "accurate-html": AccurateHTML} {
		m, err := Embedded(load)
		if err != nil {
			t.Fatal(err)
		}
		for head, c := range map[string]*Categorizer{"Categories": m.Categories, "Kinds": m.Kinds} {
			if c == nil {
				continue
			}
			for _, width := range []int{features.Dense - 40, features.Dense} {
				const lines = 200
				v := &features.Vectors{X: make([]float32, lines*width), Off: make([]int32, lines+1), Width: width}
				for i := range v.X {
					switch rng.IntN(3) {
					case 0:
						v.X[i] = 1
					case 1:
						v.X[i] = float32(rng.NormFloat64())
					}
				}
				for i := range lines {
					for slot := i; slot < 1<<catBits; slot += lines {
						v.H = append(v.H, uint32(slot)) // every slot, some line
					}
					for range rng.IntN(60) {
						v.H = append(v.H, rng.Uint32N(1<<features.HashBits))
					}
					v.Off[i+1] = int32(len(v.H))
				}

				for i := range lines {
					var got [maxClasses]float32
					c.logitsSparse(v.Row(i), v.Hashed(i), &got)
					want := c.rawLogits(v, i)
					for k := range want {
						if math.Float64bits(float64(got[k])) != math.Float64bits(want[k]) {
							t.Fatalf("%s %s width %d line %d class %s: logit %v, want %v", name, head, width, i, c.Names[k], got[k], want[k])
						}
					}
				}
			}
		}
	}
}
