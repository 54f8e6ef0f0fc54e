//go:build !amd64

package model

// useWalk8AMD64 is false off amd64: predict runs walk8Go.
const useWalk8AMD64 = false

// walk8AMD64 is not called off amd64.
func walk8AMD64(node []uint64, keys []uint32, depth int, z float32) float32 {
	panic("model: no walk8AMD64 off amd64")
}
