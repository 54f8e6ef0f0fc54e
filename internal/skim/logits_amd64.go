package skim

// logitsAVX2 writes to z the sixteen class sums of a line: its dense
// features row times the rows of weights that begin at dense, one row per
// feature, then the rows of words at each of hashed masked with mask. It
// gives the bits of logitsGo (see logits_amd64.s) in a sixth of the time:
// two vector sums, where the plain loop keeps fifteen float registers and
// a branch per feature.
//
//go:noescape
func logitsAVX2(row []float32, dense *[maxCategories]float32, words *[maxCategories]float32, hashed []uint32, mask uint32, z *[maxCategories]float32)

// bestAVX2 returns the first of the greatest of z's first n values (n
// from 1 to 16), as bestGo does, without a branch per class; or -1 when
// one of them is NaN (see best_amd64.s).
//
//go:noescape
func bestAVX2(z *[maxCategories]float32, n int) int
