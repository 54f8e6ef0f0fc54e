//go:build !amd64 || purego

package linescan

// hashWordsAMD64 is hashWordsGo where there is no assembly.
func hashWordsAMD64(text []byte, blocks []wordBits, h []uint32, t *wordTally) int {
	return hashWordsGo(text, blocks, h, t)
}
