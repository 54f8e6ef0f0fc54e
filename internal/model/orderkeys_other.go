//go:build !amd64

package model

// useAVX2 is false off amd64: orderKeys runs its Go loop.
const useAVX2 = false

// orderKeysAVX2 is not called off amd64.
func orderKeysAVX2(x []float32, keys []uint32) {
	panic("model: no AVX2 off amd64")
}
