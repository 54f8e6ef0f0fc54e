//go:build !purego

package linescan

// hashWordsAMD64 is hashWordsGo in assembly (see words_amd64.s), for
// processors with POPCNT: the same hashes and counts, with every value of
// its loop in a register. text's storage must hold at least eight
// bytes. It returns -1, having written no hash past h,
// if the blocks hold more words than h has room for.
//
//go:noescape
func hashWordsAMD64(text []byte, blocks []wordBits, h []uint32, t *wordTally) int
