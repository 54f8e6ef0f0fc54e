//go:build !amd64 || purego

package model

// useWalk8AMD64 is false where there is no assembly: predict runs
// walk8Go.
const useWalk8AMD64 = false

// walk8AMD64 is walk8Go where there is no assembly.
func walk8AMD64(node []uint64, keys []uint32, depth int, z float32) float32 {
	return walk8Go(node, keys, depth, z)
}
