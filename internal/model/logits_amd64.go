//go:build !purego

package model

// logitsAVX2 writes to z the sixteen class sums of a line: its dense
// features row times the rows of weights that begin at dense, one row per
// feature, then the rows of hashed slots at each of hashed masked with
// mask. It gives the bits of logitsWideGo (see logits_amd64.s) in a sixth
// of the time: two vector sums, where a loop in Go keeps many float
// registers and a branch per feature.
//
//go:noescape
func logitsAVX2(row []float32, dense *[wideClasses]float32, words *[wideClasses]float32, hashed []uint32, mask uint32, z *[wideClasses]float32)

// logitsVec is logitsWideGo for all sixteen classes in logitsAVX2, where
// the processor has AVX2; it reports false, having done nothing, where it
// has not.
func logitsVec(rows [][wideClasses]float32, d int, row []float32, hashed []uint32, mask uint32, z *[wideClasses]float32) bool {
	if !useAVX2 {
		return false
	}
	logitsAVX2(row[:min(len(row), d)], &rows[0], &rows[d], hashed, mask, z)
	return true
}
