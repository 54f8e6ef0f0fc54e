//go:build !purego

package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

// FuzzWalk8 holds walk8AMD64 to walk8Go on eight random flat trees of
// every depth the layout takes: any split words (features below the
// keys' count, any thresholds, against keys that tie with them, fall
// either side and sit at the ends of their range) and any leaf bits,
// NaNs among them, summed onto any z.
func FuzzWalk8(f *testing.F) {
	f.Add(uint64(1), uint8(0), uint8(1), uint32(0))
	f.Add(uint64(2), uint8(5), uint8(39), math.Float32bits(-1.5))
	f.Add(uint64(3), uint8(flatDepth), uint8(255), math.Float32bits(float32(math.NaN())))
	f.Fuzz(func(t *testing.T, seed uint64, depth, width uint8, z uint32) {
		d := int(depth) % (flatDepth + 1)
		w := int(width) + 1
		rng := rand.New(rand.NewPCG(seed, uint64(d)))
		keys := make([]uint32, w)
		for j := range keys {
			keys[j] = pick(rng)
		}
		size := 1<<(d+1) - 1
		node := make([]uint64, 8*size)
		for tr := range 8 {
			tree := node[tr*size : (tr+1)*size]
			for i := range tree {
				if i < size/2 {
					feature := rng.IntN(w)
					threshold := pick(rng)
					if rng.IntN(4) == 0 {
						threshold = keys[feature] // a tie goes left
					}
					tree[i] = uint64(threshold)<<32 | uint64(feature)
				} else {
					tree[i] = uint64(rng.Uint32())
				}
			}
		}
		got := walk8AMD64(node, keys, d, math.Float32frombits(z))
		want := walk8Go(node, keys, d, math.Float32frombits(z))
		if math.Float32bits(got) != math.Float32bits(want) && !(got != got && want != want) {
			t.Fatalf("depth %d, %d keys: walk8AMD64 gives %v, walk8Go %v", d, w, got, want)
		}
	})
}

// pick returns a key or threshold: the ends of the range, the middle
// (where the keys of ±0 are) and their neighbours as often as any other.
func pick(rng *rand.Rand) uint32 {
	switch rng.IntN(4) {
	case 0:
		return rng.Uint32N(2)
	case 1:
		return math.MaxUint32 - rng.Uint32N(2)
	case 2:
		return 1<<31 + rng.Uint32N(3) - 1 // around the key of 0
	}
	return rng.Uint32()
}
