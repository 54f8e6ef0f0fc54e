package repeated

import "math"

// Stats describes what a Counter holds.
type Stats struct {
	Docs           int64   // documents given to Add or Observe
	ExactKeys      int     // distinct (scope, line) keys counted exactly
	SpilledShards  int     // shards (of 64) counting in the sketch
	SketchKeys     float64 // estimated distinct keys in the sketch (linear counting)
	Bytes          int     // memory held by tables, sketch and KeepFirst set
	BoundBytes     int     // MemoryBound()
	FalsePositives float64 // estimated chance that a line seen once is flagged; 0 while exact
}

// Stats returns the current figures. It scans the sketch, which takes
// time proportional to its size: call it between passes, not per line.
func (c *Counter) Stats() Stats {
	st := c.counts.stats()
	s := Stats{
		Docs:          c.docs.Load(),
		ExactKeys:     st.exactKeys,
		SpilledShards: st.spilled,
		Bytes:         st.bytes,
		BoundBytes:    c.MemoryBound(),
	}
	if c.claimed != nil {
		s.Bytes += c.claimed.stats().bytes
	}
	if cm, ok := st.sk.(*cms); ok {
		s.SketchKeys = cm.distinct()
		// Only lines whose shard spilled can be wrong.
		s.FalsePositives = float64(st.spilled) / nShards * cm.hitRate(c.cfg.Threshold)
	}
	return s
}

// MemoryBound returns the most bytes the Counter's stores hold between
// calls, from its Config alone: 64 exact tables at the size their share of
// ExactBudget needs (12 bytes a slot, at least 3/8 full: under 32 bytes a
// key), the count-min sketch (Width×Depth bytes) and, under KeepFirst, a
// second set of tables for the lines already kept plus a Bloom filter of
// Width×Depth bits. A table being doubled briefly also holds its old
// arrays, half its new size. Per-call scratch space, proportional to the
// lines of one document, comes on top.
func (c *Counter) MemoryBound() int {
	w, d := c.cfg.SketchWidth, c.cfg.SketchDepth
	b := c.counts.boundBytes(4 * ((w*d + 3) / 4))
	if c.claimed != nil {
		b += c.claimed.boundBytes(8 * ((w*d + 63) / 64))
	}
	return b
}

// AnalyticFalsePositiveRate is the chance that a count-min sketch of
// width×depth cells holding keys distinct lines (besides the one asked
// about) reports at least 2 for a line seen in one document, with ideal
// hashing:
//
//	(1 − (1 − 1/width)^keys)^depth  ≈  (1 − e^(−keys/width))^depth
//
// A row misleads only if another line shares the line's cell. It bounds
// the rate at any threshold ≥ 2; higher thresholds need more collisions
// and do better.
func AnalyticFalsePositiveRate(keys, width, depth int) float64 {
	if keys <= 0 {
		return 0
	}
	row := -math.Expm1(float64(keys) * math.Log1p(-1/float64(width)))
	return math.Pow(row, float64(depth))
}
