//go:build !purego

package linescan

// classify sets b to the bitmaps of the 64 bytes of text from base, or of
// those up to its end: those of classifyAVX2 where the processor has AVX2
// and text's storage holds 64 bytes, else those of classifyGo, the
// reference; they are the same bits. scan calls it once a block, and so
// it dispatches in assembly (see classify_amd64.s), with one jump: a Go
// function with a call of each kind would be too costly to inline (the
// inliner charges a call 57 of its budget of 80), and the call it would
// add, with another copy of the bitmaps, cost about a tenth of
// scan's time in BenchmarkScan.
//
//go:noescape
func classify(text []byte, base int, b *bitmaps)

// classifyAVX2 is classifyGo in AVX2 (see classify_amd64.s): it compares
// the 64 bytes of a block two vectors of 32 at a time and packs the
// results with VPMOVMSKB, with no loop and no second pass for non-ASCII
// bytes. It reads 64 bytes of text's storage from base or, where the
// block runs past cap(text), the last 64 (never past cap), and so needs
// cap(text) >= 64; it masks the bytes past len(text) out of every bitmap,
// as the spaces classifyGo reads there would.
//
//go:noescape
func classifyAVX2(text []byte, base int, b *bitmaps)
