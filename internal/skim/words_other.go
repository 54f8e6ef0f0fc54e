//go:build !amd64

package skim

// hashWordsAMD64 is not called off amd64, where usePOPCNT is false.
func hashWordsAMD64(text []byte, blocks []wordBits, h []uint32, t *wordTally) int {
	panic("skim: no POPCNT off amd64")
}
