package pipeline

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/chaff-dev/chaff"
)

// keysFn is the first pass: for every record of a file, the keys of its
// distinct countable lines (scope mixed in). A file's keys are counted in
// the DoFn (documents per key, first document) and sent as one packed,
// sorted run of entries per key bucket: the shuffle carries a few large
// elements a file instead of one per line. Records that fail are left to
// the second pass, which sends them to the dead letter.
type keysFn struct {
	Model    ModelConfig
	Read     chaff.ReadOptions
	Clean    chaff.CleanOptions
	Repeated chaff.RepeatedOptions

	c *chaff.Classifier
}

// flushAt is the number of entries a file's count holds before it is sent
// on (20 MB): a huge file does not hold all its keys.
const flushAt = 1 << 20

// Setup builds (or shares) the worker's classifier.
func (fn *keysFn) Setup() error {
	c, err := classifier(fn.Model)
	fn.c = c
	return err
}

// ProcessElement emits (bucket, packed entries) for the keys of the
// records of f.
func (fn *keysFn) ProcessElement(ctx context.Context, f File, emit func(int, []byte)) error {
	pairs := beam.NewCounter(namespace, counterKeyPairs)
	pairs.Inc(ctx, 0) // announced early: see cleaner.announce
	var es []entry
	for rec, err := range records(ctx, f, fn.Read) {
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			continue
		}
		_, keys, err := fn.c.RepeatedKeys(rec, fn.Clean, fn.Repeated)
		if err != nil {
			continue
		}
		if rec.Number > maxRecord {
			return fmt.Errorf("%s: record %d: more than %d records in a file", f.Name, rec.Number, maxRecord)
		}
		ref := docRef(f.Index, rec.Number)
		for _, k := range keys {
			es = append(es, entry{key: k, n: 1, first: ref})
		}
		pairs.Inc(ctx, int64(len(keys)))
		if len(es) >= flushAt {
			es = fold(es)
			if len(es) >= flushAt/2 {
				emitBuckets(es, emit)
				es = es[:0]
			}
		}
	}
	emitBuckets(fold(es), emit)
	return nil
}

// mergeCounts is the combiner of a bucket's counts: the accumulator is
// packed entries, appended as they come and folded (documents summed per
// key, the earliest first document kept) when they are read. Beam lifts
// it before the shuffle.
type mergeCounts struct{}

// MergeAccumulators appends b's entries to a's.
func (mergeCounts) MergeAccumulators(a, b []byte) []byte {
	if a == nil {
		return slices.Clone(b)
	}
	return append(a, b...)
}

// overMinFn keeps the keys held by at least Min documents: the repeated
// lines, each with its first document, packed per bucket.
type overMinFn struct{ Min int64 }

// ProcessElement emits the repeated entries of one bucket.
func (fn *overMinFn) ProcessElement(ctx context.Context, _ int, packed []byte, emit func([]byte)) {
	es := fold(unpack(packed))
	beam.NewCounter(namespace, counterKeys).Inc(ctx, int64(len(es)))
	rep := es[:0]
	for _, e := range es {
		if int64(e.n) >= fn.Min {
			rep = append(rep, e)
		}
	}
	beam.NewCounter(namespace, counterRepeatedKeys).Inc(ctx, int64(len(rep))) // 0 too: see cleaner.announce
	if len(rep) > 0 {
		emit(pack(rep))
	}
}

// repeatedKeys is the first pass over files: the repeated keys of the
// corpus, each with its first document, as packed entries.
func repeatedKeys(s beam.Scope, cfg *Config, files beam.PCollection) beam.PCollection {
	s = s.Scope("RepeatedLines")
	counts := beam.ParDo(s, &keysFn{Model: cfg.Model, Read: cfg.Read, Clean: cfg.Clean, Repeated: cfg.Repeated.RepeatedOptions}, files)
	merged := beam.CombinePerKey(s, mergeCounts{}, counts)
	return beam.ParDo(s, &overMinFn{Min: int64(cfg.Repeated.Min)}, merged)
}

// table is the repeated keys in memory on a worker, sorted, with the first
// document of each: 16 bytes a key.
type table struct {
	keys  []uint64
	first []uint64
}

// loadTable reads the side input of repeated entries into a table. The
// buckets hold disjoint keys, each once.
func loadTable(side func(*[]byte) bool) *table {
	var es []entry
	var packed []byte
	for side(&packed) {
		es = append(es, unpack(packed)...)
	}
	slices.SortFunc(es, func(a, b entry) int { return cmp.Compare(a.key, b.key) })
	t := &table{keys: make([]uint64, len(es)), first: make([]uint64, len(es))}
	for i, e := range es {
		t.keys[i], t.first[i] = e.key, e.first
	}
	return t
}

// dropper returns the drop predicate of CleanRecord for the document ref:
// a repeated key is dropped, unless keepFirst and ref is the key's first
// document.
func (t *table) dropper(ref uint64, keepFirst bool) func(uint64) bool {
	return func(k uint64) bool {
		i, ok := slices.BinarySearch(t.keys, k)
		if !ok {
			return false
		}
		return !keepFirst || t.first[i] != ref
	}
}

// tables shares the repeated table between the DoFn instances of a worker
// process: the side input is the same for all of them (one global window),
// and one copy of it is enough. Keyed by the pipeline's token.
var tables struct {
	sync.Mutex
	m map[string]*sharedTable
}

// sharedTable is a table loaded once.
type sharedTable struct {
	once sync.Once
	t    *table
}

// sharedTableFor returns the process's table for token, loading it from
// side on first use.
func sharedTableFor(token string, side func(*[]byte) bool) *table {
	tables.Lock()
	if tables.m == nil {
		tables.m = map[string]*sharedTable{}
	}
	st := tables.m[token]
	if st == nil {
		st = new(sharedTable)
		tables.m[token] = st
	}
	tables.Unlock()
	st.once.Do(func() { st.t = loadTable(side) })
	return st.t
}

// newToken returns a random token naming one pipeline's repeated table.
func newToken() string {
	var b [16]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	return hex.EncodeToString(b[:])
}
