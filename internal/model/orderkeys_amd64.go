//go:build !purego

package model

// orderKeysAVX2 is orderKeys in AVX2 (see orderkeys_amd64.s), for a
// non-empty x and keys of the same length.
//
//go:noescape
func orderKeysAVX2(x []float32, keys []uint32)
