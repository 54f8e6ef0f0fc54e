//go:build !amd64 || purego

package linescan

// classify sets b to the bitmaps of the 64 bytes of text from base, or of
// those up to its end: where there is no assembly, those of classifyGo.
func classify(text []byte, base int, b *bitmaps) {
	classifyGo(text, base, b)
}
