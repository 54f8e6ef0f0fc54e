package repeated

import "encoding/binary"

// FNV-1a, 64-bit: fixed constants, so keys are the same on every run and
// every machine.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// fnv extends an FNV-1a state with data.
func fnv(h uint64, data []byte) uint64 {
	for _, b := range data {
		h ^= uint64(b)
		h *= fnvPrime
	}
	return h
}

// scopeSeed is the hash state a scope's lines start from: the scope's
// bytes followed by their length, so no (scope, line) pair can be spelled
// as another. Corpus scope uses the bare offset.
func scopeSeed(scope Scope, name string) uint64 {
	if scope == Corpus {
		return fnvOffset
	}
	h := uint64(fnvOffset)
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= fnvPrime
	}
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(name)))
	return fnv(h, n[:])
}

// mix is the SplitMix64 finaliser: it spreads every input bit over the
// output, so the low bits (table slots) and high bits (shards) of a key
// are both uniform.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// finish turns an FNV state into a key; 0 marks an empty table slot, so it
// is never a key.
func finish(h uint64) uint64 {
	k := mix(h)
	if k == 0 {
		k = 1
	}
	return k
}
