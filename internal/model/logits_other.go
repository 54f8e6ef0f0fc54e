//go:build !amd64 || purego

package model

// logitsVec reports false where there is no assembly: logitsWideGo runs.
func logitsVec(rows [][wideClasses]float32, d int, row []float32, hashed []uint32, mask uint32, z *[wideClasses]float32) bool {
	return false
}
