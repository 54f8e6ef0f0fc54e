//go:build !amd64

package skim

// logitsAVX2 is not called off amd64, where useAVX2 is false.
func logitsAVX2(row []float32, dense *[maxCategories]float32, words *[maxCategories]float32, hashed []uint32, mask uint32, z *[maxCategories]float32) {
	panic("skim: no AVX2 off amd64")
}

// bestAVX2 is not called off amd64, where useAVX2 is false.
func bestAVX2(z *[maxCategories]float32, n int) int {
	panic("skim: no AVX2 off amd64")
}
