package repeated

import "sync"

// nShards is the number of independently locked parts of a hybrid store;
// a key's shard is its top six bits.
const nShards = 64

// hybrid counts keys exactly, shard by shard, until a shard would hold
// more than perShard keys; that shard then adds its counts to a shared
// sketch, frees its table and counts in the sketch from then on. Whether a
// shard spills depends only on the set of keys it received, and the
// sketch's final state only on the multiset of additions, so the final
// counts do not depend on the order of the calls.
type hybrid struct {
	perShard int
	newSk    func() sketch
	skOnce   sync.Once
	sk       sketch
	shards   [nShards]shard
}

// shard is padded to its own cache line so that workers locking
// neighbouring shards do not slow each other down.
type shard struct {
	mu      sync.Mutex
	t       table
	spilled bool
	_       [64]byte
}

func newHybrid(budget int, newSk func() sketch) *hybrid {
	per := (budget + nShards - 1) / nShards
	return &hybrid{perShard: per, newSk: newSk}
}

func (h *hybrid) sketch() sketch {
	h.skOnce.Do(func() { h.sk = h.newSk() })
	return h.sk
}

// add adds one to key's count and returns the count after adding.
func (h *hybrid) add(key uint64) uint32 {
	s := &h.shards[key>>(64-6)]
	s.mu.Lock()
	if !s.spilled {
		if c, ok := s.t.add(key, 1, s.t.n < h.perShard); ok {
			s.mu.Unlock()
			return c
		}
		sk := h.sketch()
		s.t.each(func(k uint64, c uint32) { sk.add(k, c) })
		s.t = table{}
		s.spilled = true
	}
	s.mu.Unlock()
	return h.sketch().add(key, 1)
}

// get returns key's count (an estimate, never below the truth, once its
// shard has spilled).
func (h *hybrid) get(key uint64) uint32 {
	s := &h.shards[key>>(64-6)]
	s.mu.Lock()
	if !s.spilled {
		c := s.t.get(key)
		s.mu.Unlock()
		return c
	}
	s.mu.Unlock()
	return h.sketch().estimate(key)
}

// hybridStats is what a hybrid holds right now.
type hybridStats struct {
	exactKeys, spilled, bytes int
	sk                        sketch // nil until a shard spilled
}

func (h *hybrid) stats() hybridStats {
	var st hybridStats
	for i := range h.shards {
		s := &h.shards[i]
		s.mu.Lock()
		st.exactKeys += s.t.n
		st.bytes += s.t.bytes()
		if s.spilled {
			st.spilled++
		}
		s.mu.Unlock()
	}
	if st.spilled > 0 {
		st.sk = h.sketch()
		st.bytes += st.sk.bytes()
	}
	return st
}

// boundBytes is the most memory the hybrid holds between calls: every
// shard's table at the largest size its budget allows, plus the sketch.
// While a table doubles, its old arrays (half the new size) are also held
// until the copy ends.
func (h *hybrid) boundBytes(sketchBytes int) int {
	return nShards*12*tableCap(h.perShard) + sketchBytes
}
