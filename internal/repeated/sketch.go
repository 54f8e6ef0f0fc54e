package repeated

import (
	"math"
	"sync/atomic"
)

// sketch is the approximate store a shard moves to past its budget. Every
// method is safe for concurrent use. Results never undercount.
type sketch interface {
	// add adds d to key's count and returns the estimate after adding.
	add(key uint64, d uint32) uint32
	// estimate returns key's estimated count.
	estimate(key uint64) uint32
	// bytes returns the memory the sketch holds.
	bytes() int
}

// rowHash derives independent hashes for the rows of a sketch from one key.
func rowHash(key uint64, row int) uint64 {
	return mix(key + uint64(row+1)*0x9e3779b97f4a7c15)
}

// reduce maps h onto [0, n) without a division (Lemire's multiply-shift).
func reduce(h uint64, n int) int { return int((h >> 32) * uint64(n) >> 32) }

// cms is a count-min sketch of depth rows × width cells. Cells are 8-bit
// counters saturating at 255, packed four to a word and updated with
// compare-and-swap; since thresholds are at most 255, saturation never
// changes a decision, and a saturating sum does not depend on the order of
// the additions, so results are deterministic under concurrency.
type cms struct {
	width, depth int
	words        []uint32
}

func newCMS(width, depth int) *cms {
	return &cms{width: width, depth: depth, words: make([]uint32, (width*depth+3)/4)}
}

func (c *cms) add(key uint64, d uint32) uint32 {
	est := uint32(math.MaxUint32)
	for row := range c.depth {
		cell := row*c.width + reduce(rowHash(key, row), c.width)
		w, shift := &c.words[cell>>2], uint(cell&3)*8
		for {
			old := atomic.LoadUint32(w)
			v := min(old>>shift&0xff+d, 0xff)
			if atomic.CompareAndSwapUint32(w, old, old&^(0xff<<shift)|v<<shift) {
				est = min(est, v)
				break
			}
		}
	}
	return est
}

func (c *cms) estimate(key uint64) uint32 {
	est := uint32(math.MaxUint32)
	for row := range c.depth {
		cell := row*c.width + reduce(rowHash(key, row), c.width)
		est = min(est, atomic.LoadUint32(&c.words[cell>>2])>>(uint(cell&3)*8)&0xff)
	}
	return est
}

func (c *cms) bytes() int { return 4 * len(c.words) }

// cell returns the value of cell i.
func (c *cms) cell(i int) uint32 {
	return atomic.LoadUint32(&c.words[i>>2]) >> (uint(i&3) * 8) & 0xff
}

// hitRate estimates the chance that a line seen in one document only is
// reported at threshold or above: a row misleads when the line's cell
// already holds threshold-1 from other lines, so the rate is the product
// over rows of the share of cells holding at least threshold-1.
func (c *cms) hitRate(threshold int) float64 {
	p := 1.0
	for row := range c.depth {
		hit := 0
		for i := row * c.width; i < (row+1)*c.width; i++ {
			if c.cell(i) >= uint32(threshold-1) {
				hit++
			}
		}
		p *= float64(hit) / float64(c.width)
	}
	return p
}

// distinct estimates how many distinct keys went into the sketch by linear
// counting on its first row: K ≈ -w·ln(empty cells / w).
func (c *cms) distinct() float64 {
	empty := 0
	for cell := range c.width {
		if c.cell(cell) == 0 {
			empty++
		}
	}
	if empty == 0 {
		return math.Inf(1)
	}
	return -float64(c.width) * math.Log(float64(empty)/float64(c.width))
}

// bloom is a Bloom filter of m bits and k hash functions, used as a
// sketch whose counts are 1 (present) or 0; add returns 2 when every bit
// was already set, i.e. the key (or a false positive) was there before.
type bloom struct {
	m, k  int
	words []uint64
}

func newBloom(m, k int) *bloom {
	return &bloom{m: m, k: k, words: make([]uint64, (m+63)/64)}
}

func (b *bloom) add(key uint64, _ uint32) uint32 {
	was := true
	for i := range b.k {
		bit := reduce(rowHash(key, i), b.m)
		mask := uint64(1) << (bit & 63)
		if atomic.OrUint64(&b.words[bit>>6], mask)&mask == 0 {
			was = false
		}
	}
	if was {
		return 2
	}
	return 1
}

func (b *bloom) estimate(key uint64) uint32 {
	for i := range b.k {
		bit := reduce(rowHash(key, i), b.m)
		if atomic.LoadUint64(&b.words[bit>>6])&(1<<(bit&63)) == 0 {
			return 0
		}
	}
	return 1
}

func (b *bloom) bytes() int { return 8 * len(b.words) }
