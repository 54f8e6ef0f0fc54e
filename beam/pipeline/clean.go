package pipeline

import (
	"context"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/core/metrics"
	"github.com/chaff-dev/chaff"
)

// Counters, in namespace "chaff". records_in = records_out +
// records_failed once a pipeline is done.
const (
	namespace           = "chaff"
	counterIn           = "records_in"     // records read, and files that could not be opened
	counterOut          = "records_out"    // output lines written
	counterFailed       = "records_failed" // dead letters
	counterLines        = "lines"          // lines of the cleaned records, blank ones included
	counterKept         = "lines_kept"     // non-blank lines kept
	counterDropped      = "dropped_"       // + category: lines dropped
	counterKeyPairs     = "repeated_pairs" // (key, document) pairs of the first pass
	counterKeys         = "repeated_keys_distinct"
	counterRepeatedKeys = "repeated_keys" // keys at or over the threshold
)

// Counts returns the chaff counters of a pipeline's results, by name
// (records_in, records_out, records_failed, lines, lines_kept,
// dropped_CATEGORY, repeated_pairs, repeated_keys_distinct,
// repeated_keys), summed over the steps that add to them.
func Counts(res metrics.Results) map[string]int64 {
	counts := map[string]int64{}
	for _, c := range res.AllMetrics().Counters() {
		if c.Namespace() == namespace {
			counts[c.Name()] += c.Result()
		}
	}
	return counts
}

// cleaner is the second pass shared by cleanFn and cleanRepeatedFn: it
// reads a file's records again and writes each one as `chaff clean` does
// to the file's output shard, or to its dead-letter shard.
type cleaner struct {
	Model      ModelConfig
	Read       chaff.ReadOptions
	Clean      chaff.CleanOptions
	Output     string // prefix of the output shards
	DeadLetter string // prefix of the dead-letter shards
	Files      int    // the number of input files: one shard each

	c       *chaff.Classifier
	dropped map[string]beam.Counter
}

// Setup builds (or shares) the worker's classifier.
func (cl *cleaner) Setup() error {
	c, err := classifier(cl.Model)
	cl.c = c
	cl.dropped = map[string]beam.Counter{}
	return err
}

// announce reports every counter of the stage at 0 before a file's records
// are read. Prism (v2.78.0) loses increments of a counter whose first
// report comes in the final responses of two bundles at once (it keeps the
// payload of an unknown short ID in a map, and the second overwrites the
// first until the ID's metadata arrives): a counter that each bundle
// carries from its start is known from the first progress report on.
func (cl *cleaner) announce(ctx context.Context) {
	for _, name := range []string{counterIn, counterOut, counterFailed, counterLines, counterKept} {
		beam.NewCounter(namespace, name).Inc(ctx, 0)
	}
	for _, cat := range append(chaff.Categories(), "repeated") {
		cl.droppedCounter(cat).Inc(ctx, 0)
	}
}

// droppedCounter is the counter of the lines dropped as cat.
func (cl *cleaner) droppedCounter(cat string) beam.Counter {
	c, ok := cl.dropped[cat]
	if !ok {
		c = beam.NewCounter(namespace, counterDropped+cat)
		cl.dropped[cat] = c
	}
	return c
}

// process cleans the records of f into its shards; drop, when not nil,
// gives the drop predicate of a document. An error (a shard that cannot be
// written, a cancelled context) fails the bundle, which the runner retries
// whole: the shards are written again from the start.
func (cl *cleaner) process(ctx context.Context, f File, drop func(ref uint64) func(uint64) bool) error {
	cl.announce(ctx)
	out, dead := newShard(cl.Output, f.Index, cl.Files), newShard(cl.DeadLetter, f.Index, cl.Files)
	if err := cl.records(ctx, f, drop, out, dead); err != nil {
		out.abort(ctx)
		dead.abort(ctx)
		return err
	}
	if err := out.commit(ctx); err != nil {
		dead.abort(ctx)
		return err
	}
	return dead.commit(ctx)
}

// records cleans each record of f into out, or sends it to dead.
func (cl *cleaner) records(ctx context.Context, f File, drop func(ref uint64) func(uint64) bool, out, dead *shard) error {
	var line []byte
	for rec, err := range records(ctx, f, cl.Read) {
		beam.NewCounter(namespace, counterIn).Inc(ctx, 1)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err := cl.fail(ctx, dead, f, 0, err); err != nil {
				return err
			}
			continue
		}
		var pred func(uint64) bool
		if drop != nil {
			pred = drop(docRef(f.Index, rec.Number))
		}
		var st chaff.Stats
		line, st, err = cl.c.CleanRecord(line[:0], rec, cl.Clean, pred)
		if err != nil {
			if err := cl.fail(ctx, dead, f, rec.Number, err); err != nil {
				return err
			}
			continue
		}
		if err := out.write(ctx, line); err != nil {
			return err
		}
		cl.count(ctx, st)
	}
	return nil
}

// fail writes a failed record to the dead letter.
func (cl *cleaner) fail(ctx context.Context, dead *shard, f File, rec int, err error) error {
	beam.NewCounter(namespace, counterFailed).Inc(ctx, 1)
	return dead.write(ctx, deadLetter(f, rec, err))
}

// count adds a cleaned record to the counters.
func (cl *cleaner) count(ctx context.Context, st chaff.Stats) {
	beam.NewCounter(namespace, counterOut).Inc(ctx, 1)
	beam.NewCounter(namespace, counterLines).Inc(ctx, int64(st.Lines))
	beam.NewCounter(namespace, counterKept).Inc(ctx, int64(st.Kept))
	for cat, n := range st.Dropped {
		cl.droppedCounter(cat).Inc(ctx, int64(n))
	}
}

// cleanFn cleans the records of a file without the repeated-line pass.
type cleanFn struct{ cleaner }

// ProcessElement cleans the records of f into its shards.
func (fn *cleanFn) ProcessElement(ctx context.Context, f File) error {
	return fn.process(ctx, f, nil)
}

// cleanRepeatedFn cleans the records of a file and drops the repeated
// lines the first pass found, given as a side input of (key, first
// document).
type cleanRepeatedFn struct {
	cleaner
	KeepFirst bool
	Token     string // names the pipeline's table in a worker process
}

// ProcessElement cleans the records of f into its shards.
func (fn *cleanRepeatedFn) ProcessElement(ctx context.Context, f File, side func(*[]byte) bool) error {
	t := sharedTableFor(fn.Token, side)
	return fn.process(ctx, f, func(ref uint64) func(uint64) bool { return t.dropper(ref, fn.KeepFirst) })
}
