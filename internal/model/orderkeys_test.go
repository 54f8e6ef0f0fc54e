package model

import (
	"encoding/binary"
	"math"
	"math/rand/v2"
	"testing"
)

// specials are the values where a float's order and its bits part ways.
var specials = []float32{
	0, float32(math.Copysign(0, -1)), 1, -1, 0.5, -0.5,
	math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32,
	math.MaxFloat32, -math.MaxFloat32,
	float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.NaN()),
	math.Float32frombits(0xffc00001), // a negative NaN
}

func TestOrderKeyKeepsOrder(t *testing.T) {
	for _, a := range specials {
		for _, b := range specials {
			nan := a != a || b != b
			want := a <= b
			if nan {
				want = b != b // a NaN key is above everything, and equal to another NaN's
			}
			if got := orderKey(a) <= orderKey(b); got != want {
				t.Errorf("orderKey(%v) <= orderKey(%v) is %v, want %v", a, b, got, want)
			}
		}
	}
}

// checkOrderKeys holds both forms of orderKeys to orderKey on x, and
// checks that they write nothing past len(x).
func checkOrderKeys(t *testing.T, x []float32) {
	t.Helper()
	type form struct {
		name string
		run  func(x []float32, keys []uint32)
	}
	forms := []form{{"Go", orderKeysGo}}
	if useAVX2 && len(x) > 0 {
		forms = append(forms, form{"AVX2", orderKeysAVX2})
	}
	for _, f := range forms {
		keys := make([]uint32, len(x)+9)
		for j := range keys {
			keys[j] = 0xdeadbeef
		}
		f.run(x, keys[:len(x)])
		for j, v := range x {
			if want := orderKey(v); keys[j] != want {
				t.Fatalf("%s, %d values: key %d of %v (bits %#x) is %#x, want %#x", f.name, len(x), j, v, math.Float32bits(v), keys[j], want)
			}
		}
		for j := len(x); j < len(keys); j++ {
			if keys[j] != 0xdeadbeef {
				t.Fatalf("%s, %d values: wrote key %d, past the row", f.name, len(x), j)
			}
		}
	}
}

func TestOrderKeys(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 41; n++ {
		for range 50 {
			x := make([]float32, n)
			for j := range x {
				switch r.IntN(3) {
				case 0:
					x[j] = specials[r.IntN(len(specials))]
				case 1:
					x[j] = math.Float32frombits(r.Uint32())
				default:
					x[j] = float32(r.NormFloat64())
				}
			}
			checkOrderKeys(t, x)
		}
	}
	if !useAVX2 {
		t.Log("no AVX2 here: only the Go loop was checked")
	}
}

func FuzzOrderKeys(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0x80, 0, 0, 0xc0, 0x7f})
	f.Fuzz(func(t *testing.T, b []byte) {
		x := make([]float32, len(b)/4)
		for j := range x {
			x[j] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*j:]))
		}
		checkOrderKeys(t, x)
	})
}
