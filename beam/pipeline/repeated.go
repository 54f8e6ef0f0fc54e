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
// distinct countable lines (scope mixed in), each with the record's
// reference. Records that fail are left to the second pass, which sends
// them to the dead letter.
type keysFn struct {
	Model    ModelConfig
	Read     chaff.ReadOptions
	Clean    chaff.CleanOptions
	Repeated chaff.RepeatedOptions

	c *chaff.Classifier
}

// Setup builds (or shares) the worker's classifier.
func (fn *keysFn) Setup() error {
	c, err := classifier(fn.Model)
	fn.c = c
	return err
}

// ProcessElement emits (key, document reference) for each distinct
// countable line of each record of f.
func (fn *keysFn) ProcessElement(ctx context.Context, f File, emit func(uint64, uint64)) error {
	pairs := beam.NewCounter(namespace, counterKeyPairs)
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
			emit(k, ref)
		}
		pairs.Inc(ctx, int64(len(keys)))
	}
	return nil
}

// docCount is the accumulator of countDocs: the number of documents that
// hold a key and the first of them in input order.
type docCount struct {
	N     int64
	First uint64
}

// countDocs combines the (key, document) pairs of one key: each document
// gives a key once (RepeatedKeys returns distinct keys), so the number of
// inputs is the number of documents. Beam lifts it before the shuffle, so
// a bundle sends one 16-byte accumulator per key it saw, not one pair per
// document.
type countDocs struct{}

// CreateAccumulator returns an empty count.
func (countDocs) CreateAccumulator() docCount { return docCount{First: noRef} }

// AddInput counts one document.
func (countDocs) AddInput(a docCount, ref uint64) docCount {
	return docCount{N: a.N + 1, First: min(a.First, ref)}
}

// MergeAccumulators adds two counts and keeps the earlier first document.
func (countDocs) MergeAccumulators(a, b docCount) docCount {
	return docCount{N: a.N + b.N, First: min(a.First, b.First)}
}

// overMinFn keeps the keys held by at least Min documents: the repeated
// lines, each with its first document.
type overMinFn struct{ Min int64 }

// ProcessElement emits (key, first document) when the key is repeated.
func (fn *overMinFn) ProcessElement(ctx context.Context, key uint64, c docCount, emit func(uint64, uint64)) {
	beam.NewCounter(namespace, counterKeys).Inc(ctx, 1)
	if c.N >= fn.Min {
		beam.NewCounter(namespace, counterRepeatedKeys).Inc(ctx, 1)
		emit(key, c.First)
	}
}

// repeatedKeys is the first pass over files: the repeated keys of the
// corpus, each with its first document.
func repeatedKeys(s beam.Scope, cfg *Config, files beam.PCollection) beam.PCollection {
	s = s.Scope("RepeatedLines")
	pairs := beam.ParDo(s, &keysFn{Model: cfg.Model, Read: cfg.Read, Clean: cfg.Clean, Repeated: cfg.Repeated.RepeatedOptions}, files)
	counts := beam.CombinePerKey(s, countDocs{}, pairs)
	return beam.ParDo(s, &overMinFn{Min: int64(cfg.Repeated.Min)}, counts)
}

// table is the repeated keys in memory on a worker, sorted, with the first
// document of each: 16 bytes a key.
type table struct {
	keys  []uint64
	first []uint64
}

// loadTable reads the side input of repeated keys into a table. The
// combine gives each key once.
func loadTable(side func(*uint64, *uint64) bool) *table {
	var pairs [][2]uint64
	var k, v uint64
	for side(&k, &v) {
		pairs = append(pairs, [2]uint64{k, v})
	}
	slices.SortFunc(pairs, func(a, b [2]uint64) int { return cmp.Compare(a[0], b[0]) })
	t := &table{keys: make([]uint64, len(pairs)), first: make([]uint64, len(pairs))}
	for i, p := range pairs {
		t.keys[i], t.first[i] = p[0], p[1]
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
func sharedTableFor(token string, side func(*uint64, *uint64) bool) *table {
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
