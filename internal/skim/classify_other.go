//go:build !amd64

package skim

// classify sets b to the bitmaps of the 64 bytes of text from base, or of
// those up to its end: off amd64, those of classifyGo.
func classify(text []byte, base int, b *bitmaps) {
	classifyGo(text, base, b)
}
