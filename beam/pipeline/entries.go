package pipeline

import (
	"cmp"
	"encoding/binary"
	"slices"
)

// entry is the count of one key: the documents that hold it and the first
// of them in input order.
type entry struct {
	key   uint64
	n     uint32
	first uint64
}

// entrySize is the size of a packed entry: key, documents, first document,
// little-endian.
const entrySize = 20

// bucketBits is log2 of the number of key buckets: keys are mixed hashes,
// so their top bits spread them evenly. 1,024 buckets keep a bucket of a
// corpus of 0.5 G distinct keys at about 10 MB.
const bucketBits = 10

// bucket is the bucket of key k.
func bucket(k uint64) int { return int(k >> (64 - bucketBits)) }

// fold sorts es by key and merges the entries of a key: documents summed
// (saturating), the earliest first document kept. It reuses es.
func fold(es []entry) []entry {
	slices.SortFunc(es, func(a, b entry) int { return cmp.Compare(a.key, b.key) })
	out := es[:0]
	for _, e := range es {
		if n := len(out); n > 0 && out[n-1].key == e.key {
			last := &out[n-1]
			last.n = uint32(min(uint64(last.n)+uint64(e.n), 1<<32-1)) // saturates, never wraps
			last.first = min(last.first, e.first)
			continue
		}
		out = append(out, e)
	}
	return out
}

// pack encodes es.
func pack(es []entry) []byte {
	b := make([]byte, 0, len(es)*entrySize)
	for _, e := range es {
		b = binary.LittleEndian.AppendUint64(b, e.key)
		b = binary.LittleEndian.AppendUint32(b, e.n)
		b = binary.LittleEndian.AppendUint64(b, e.first)
	}
	return b
}

// unpack decodes packed entries; a trailing partial entry (never written
// by pack) is ignored.
func unpack(b []byte) []entry {
	es := make([]entry, 0, len(b)/entrySize)
	for ; len(b) >= entrySize; b = b[entrySize:] {
		es = append(es, entry{
			key:   binary.LittleEndian.Uint64(b),
			n:     binary.LittleEndian.Uint32(b[8:]),
			first: binary.LittleEndian.Uint64(b[12:]),
		})
	}
	return es
}

// emitBuckets emits folded (so sorted) entries as one packed run per
// bucket.
func emitBuckets(es []entry, emit func(int, []byte)) {
	for len(es) > 0 {
		b := bucket(es[0].key)
		i := 1
		for i < len(es) && bucket(es[i].key) == b {
			i++
		}
		emit(b, pack(es[:i]))
		es = es[i:]
	}
}
