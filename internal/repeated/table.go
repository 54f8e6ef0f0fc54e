package repeated

// table is an open-addressing hash table from non-zero 64-bit keys to
// counts, with linear probing. Keys are already mixed hashes, so a slot is
// the key's low bits. Each slot costs 12 bytes; the table doubles when it
// would pass 3/4 full.
type table struct {
	keys   []uint64
	counts []uint32
	n      int
}

const minTableCap = 16

// tableCap returns the capacity a table reaches when it holds n keys.
func tableCap(n int) int {
	c := minTableCap
	for n > c/4*3 {
		c *= 2
	}
	return c
}

// find returns the slot holding key, or the empty slot where it would go.
func (t *table) find(key uint64) (int, bool) {
	mask := uint64(len(t.keys) - 1)
	for i := key & mask; ; i = (i + 1) & mask {
		switch t.keys[i] {
		case key:
			return int(i), true
		case 0:
			return int(i), false
		}
	}
}

// get returns the count of key, 0 when absent.
func (t *table) get(key uint64) uint32 {
	if t.n == 0 {
		return 0
	}
	if i, ok := t.find(key); ok {
		return t.counts[i]
	}
	return 0
}

// add adds d to the count of key and returns the new count. An absent key
// is inserted only when insert is true; otherwise add reports false.
func (t *table) add(key uint64, d uint32, insert bool) (uint32, bool) {
	if t.n > 0 {
		if i, ok := t.find(key); ok {
			t.counts[i] += d
			return t.counts[i], true
		}
	}
	if !insert {
		return 0, false
	}
	if t.n+1 > len(t.keys)/4*3 {
		t.grow()
	}
	i, _ := t.find(key)
	t.keys[i], t.counts[i] = key, d
	t.n++
	return d, true
}

// grow doubles the table (or creates it) and re-inserts every key.
func (t *table) grow() {
	c := 2 * len(t.keys)
	if c < minTableCap {
		c = minTableCap
	}
	old := *t
	*t = table{keys: make([]uint64, c), counts: make([]uint32, c), n: old.n}
	for j, k := range old.keys {
		if k != 0 {
			i, _ := t.find(k)
			t.keys[i], t.counts[i] = k, old.counts[j]
		}
	}
}

// each calls f for every key and count.
func (t *table) each(f func(key uint64, count uint32)) {
	for i, k := range t.keys {
		if k != 0 {
			f(k, t.counts[i])
		}
	}
}

// bytes returns the memory held by the table's arrays.
func (t *table) bytes() int { return 12 * len(t.keys) }
