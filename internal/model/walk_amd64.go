//go:build !purego

package model

// walk8AMD64 is walk8Go in assembly (see walk_amd64.s): the eight
// trees' indices, the arrays and the level count fill the processor's
// registers, where the compiled loop keeps some of them on the stack and
// checks bounds at every step. It reads node and keys through their
// base pointers alone: the caller guarantees that node holds eight trees
// of depth depth and that every split's feature is below len(keys).
//
//go:noescape
func walk8AMD64(node []uint64, keys []uint32, depth int, z float32) float32

// useWalk8AMD64 reports whether predict runs walk8AMD64.
const useWalk8AMD64 = true
