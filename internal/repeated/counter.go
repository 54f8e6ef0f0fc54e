package repeated

import (
	"slices"
	"sync"
	"sync/atomic"
)

// Counter counts in how many distinct documents of its scope each line
// occurs, and flags the lines that occur in at least Config.Threshold of
// them. Every method is safe for concurrent use.
//
// Two ways to use it:
//
//   - two passes: Add every document, then call Flag (or IsRepeated) for
//     every document. A line is flagged in every document it occurs in,
//     including the first ones, and the counts do not depend on the order
//     in which documents were added.
//   - one pass: call Observe for every document; a line is flagged from
//     the document in which its count reaches the threshold on. The
//     Threshold-1 earlier copies stay unflagged, since nothing was known
//     about them when they were seen; with Threshold 2 this is exactly
//     KeepFirst.
type Counter struct {
	cfg     Config
	keyer   Keyer
	counts  *hybrid
	claimed *hybrid // KeepFirst: repeated keys already kept once by Flag
	docs    atomic.Int64
	scratch sync.Pool // *docKeys
}

// docKeys is per-call scratch space, pooled so a document costs no
// allocation.
type docKeys struct {
	keys []uint64 // per line; 0 when the line is not counted
	uniq []uint64 // distinct non-zero keys, sorted
	vals []uint32 // per distinct key
}

// New returns a Counter for cfg, or an error wrapping ErrConfig.
func New(cfg Config) (*Counter, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	c := &Counter{cfg: cfg, keyer: Keyer{cfg}}
	c.counts = newHybrid(cfg.ExactBudget, func() sketch { return newCMS(cfg.SketchWidth, cfg.SketchDepth) })
	if cfg.Policy == KeepFirst {
		c.claimed = newHybrid(cfg.ExactBudget, func() sketch {
			return newBloom(cfg.SketchWidth*cfg.SketchDepth, cfg.SketchDepth)
		})
	}
	c.scratch.New = func() any { return new(docKeys) }
	return c, nil
}

// Config returns the configuration in force, defaults filled in.
func (c *Counter) Config() Config { return c.cfg }

// prepare computes the keys of a document's lines and their distinct set.
func (c *Counter) prepare(scope string, lines [][]byte) *docKeys {
	d := c.scratch.Get().(*docKeys)
	seed := scopeSeed(c.cfg.Scope, scope)
	d.keys, d.uniq = d.keys[:0], d.uniq[:0]
	for _, ln := range lines {
		k, ok := c.keyer.key(seed, ln)
		if !ok {
			k = 0
		}
		d.keys = append(d.keys, k)
		if ok {
			d.uniq = append(d.uniq, k)
		}
	}
	slices.Sort(d.uniq)
	d.uniq = slices.Compact(d.uniq)
	d.vals = slices.Grow(d.vals[:0], len(d.uniq))[:len(d.uniq)]
	return d
}

// val returns the value recorded for the distinct key k of d.
func (d *docKeys) val(k uint64) uint32 {
	i, _ := slices.BinarySearch(d.uniq, k)
	return d.vals[i]
}

// Add counts one document of the given scope (first pass). Each distinct
// line counts once, however often the document repeats it.
func (c *Counter) Add(scope string, lines [][]byte) {
	d := c.prepare(scope, lines)
	for _, k := range d.uniq {
		c.counts.add(k)
	}
	c.docs.Add(1)
	c.scratch.Put(d)
}

// Count returns the number of distinct documents of scope that held line:
// exact while the budget holds, else an estimate that is never lower than
// the truth and saturates at 255. A line with too few letters counts 0.
func (c *Counter) Count(scope string, line []byte) int {
	k, ok := c.keyer.key(scopeSeed(c.cfg.Scope, scope), line)
	if !ok {
		return 0
	}
	return int(c.counts.get(k))
}

// IsRepeated reports whether line occurs in at least Threshold documents
// of scope.
func (c *Counter) IsRepeated(scope string, line []byte) bool {
	return c.Count(scope, line) >= c.cfg.Threshold
}

// Flag marks the repeated lines of one document (second pass), following
// the policy, and returns dst extended by one bool per line. Under
// DropAll every repeated line is marked. Under KeepFirst the first
// document given to Flag that holds a repeated line keeps all of its
// copies and later documents have theirs marked; call Flag in document
// order (from the ordered consumer of a pipeline, for instance) for a
// deterministic choice of that first document.
func (c *Counter) Flag(scope string, lines [][]byte, dst []bool) []bool {
	d := c.prepare(scope, lines)
	for i, k := range d.uniq {
		v := uint32(0)
		if c.counts.get(k) >= uint32(c.cfg.Threshold) {
			v = 1
			if c.claimed != nil && c.claimed.add(k) == 1 {
				v = 0 // this document keeps the line
			}
		}
		d.vals[i] = v
	}
	dst = d.mark(dst, func(v uint32) bool { return v == 1 })
	c.scratch.Put(d)
	return dst
}

// Observe counts one document and marks its lines whose count, this
// document included, has reached Threshold (one pass); it returns dst
// extended by one bool per line. The Policy does not apply: the first
// Threshold-1 documents that hold a line keep it. Call Observe in
// document order for deterministic marks.
func (c *Counter) Observe(scope string, lines [][]byte, dst []bool) []bool {
	d := c.prepare(scope, lines)
	for i, k := range d.uniq {
		d.vals[i] = c.counts.add(k)
	}
	c.docs.Add(1)
	t := uint32(c.cfg.Threshold)
	dst = d.mark(dst, func(v uint32) bool { return v >= t })
	c.scratch.Put(d)
	return dst
}

// mark appends, for each line, whether its key's value passes test.
func (d *docKeys) mark(dst []bool, test func(uint32) bool) []bool {
	for _, k := range d.keys {
		dst = append(dst, k != 0 && test(d.val(k)))
	}
	return dst
}
