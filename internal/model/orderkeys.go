package model

// orderKeys writes orderKey(x[j]) to keys[j] for every j (keys holds at
// least len(x) values). It runs orderKeysAVX2, eight values at a time,
// where the processor has AVX2, else the plain loop: both give the same
// keys. The trees of a prediction read a row only through its keys, so
// the row's conversion is a fixed cost of every scored line, as large as
// walking eight trees when done one value at a time.
func orderKeys(x []float32, keys []uint32) {
	keys = keys[:len(x)]
	if useAVX2 && len(x) > 0 {
		orderKeysAVX2(x, keys)
		return
	}
	orderKeysGo(x, keys)
}

// orderKeysGo is orderKeys one value at a time.
func orderKeysGo(x []float32, keys []uint32) {
	keys = keys[:len(x)]
	for j, v := range x {
		keys[j] = orderKey(v)
	}
}
