//go:build !amd64 || purego

package model

// orderKeysAVX2 is orderKeysGo where there is no assembly.
func orderKeysAVX2(x []float32, keys []uint32) { orderKeysGo(x, keys) }
