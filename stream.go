package chaff

import (
	"context"
	"iter"
	"runtime"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/clean"
	"github.com/chaff-dev/chaff/internal/input"
	"github.com/chaff-dev/chaff/internal/pipeline"
)

// StreamOptions choose how Stream cleans.
type StreamOptions struct {
	Clean   CleanOptions // the output of each record (Clean.Repeated is not used: see Repeated)
	Workers int          // records classified at once; 0: one per CPU
	// Repeated, when set, drops the lines that recur across documents
	// (`chaff clean --repeated`), counted in this stream.
	Repeated *RepeatedOptions
}

// Result is what Stream made of one record.
type Result struct {
	Record *Record // nil for an error of reading
	Output []byte  // the output line CleanRecord writes; Stream does not use it again
	Stats  Stats
	// Err is a record or a source that could not be read, or a record that
	// could not be cleaned (an *Error naming it): it has no Output, and
	// the stream goes on.
	Err error
}

// Bounds on the records between reading and fn, as the command's: many
// per worker, so that the reader, the workers and fn seldom wait for
// each other, and a bound on their bytes, so that memory stays flat
// however large the records are.
const (
	recordsPerWorker = 64
	bytesPerWorker   = 16 << 20
)

// Stream does what `chaff clean` does: it cleans the records on
// opts.Workers goroutines and calls fn with each Result in input order,
// from the goroutine that called Stream. With opts.Repeated it flags
// repeated lines across the records; with opts.Repeated.TwoPass it
// iterates records twice. It returns fn's first error, ctx's error when
// it is cancelled, or nil once every record went to fn.
func (c *Classifier) Stream(ctx context.Context, records iter.Seq2[*Record, error], opts StreamOptions, fn func(*Result) error) error {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	s := &streamer{c: c, opts: &opts.Clean, fn: fn}
	if opts.Repeated != nil {
		ro := opts.Repeated.withDefaults()
		var err error
		if s.rep, err = clean.NewRepeated(ro, c.keep); err != nil {
			return err
		}
		if ro.TwoPass {
			if err := s.count(ctx, workers, records); err != nil {
				return err
			}
		}
	}
	return run(ctx, workers, records, s.work, s.sink)
}

// streamer is the state of one Stream.
type streamer struct {
	c    *Classifier
	opts *CleanOptions
	rep  *clean.Repeated // nil without repeated-line detection
	fn   func(*Result) error
}

// item is a record, or the error of reading that took its place.
type item struct {
	rec *Record
	err error
}

// done is a record classified whole whose repeated lines are flagged in
// input order, or the result of a record.
type done struct {
	res *Result
	d   *input.Document
	cd  *classify.Document
}

// run runs work over records on workers goroutines, sink in order.
func run[R any](ctx context.Context, workers int, records iter.Seq2[*Record, error], work func(context.Context, item) (R, error), sink func(item, R, error) error) error {
	src := func(yield func(item) bool) {
		for rec, err := range records {
			if !yield(item{rec, err}) {
				return
			}
		}
	}
	return pipeline.RunWeighted(ctx, workers, recordsPerWorker*workers, bytesPerWorker*int64(workers), itemBytes, src, work, sink)
}

// itemBytes is what a record holds in memory before it is classified.
func itemBytes(it item) int64 {
	if it.rec == nil {
		return 0
	}
	n := len(it.rec.Body)
	if it.rec.doc != nil {
		n += len(it.rec.doc.Raw)
	}
	return int64(n)
}

// count is the first pass of two: every line of every record counted.
// Errors are the second pass's to report.
func (s *streamer) count(ctx context.Context, workers int, records iter.Seq2[*Record, error]) error {
	work := func(_ context.Context, it item) (struct{}, error) {
		if it.rec != nil {
			s.rep.Add(it.rec.document(), s.opts.ForceHTML, s.c.maxTags)
		}
		return struct{}{}, nil
	}
	return run(ctx, workers, records, work, func(item, struct{}, error) error { return nil })
}

// work cleans one record on a worker goroutine; with repeated lines, it
// classifies it whole and leaves the flags to sink when they depend on
// the order of the records.
func (s *streamer) work(_ context.Context, it item) (*done, error) {
	if it.err != nil {
		return nil, nil
	}
	if s.rep == nil {
		out, st, err := s.c.CleanRecord(nil, it.rec, *s.opts, nil)
		return &done{res: &Result{Record: it.rec, Output: out, Stats: st}}, err
	}
	d := it.rec.document()
	cl, err := s.c.cleaner(it.rec, s.opts)
	if err == nil {
		err = clean.CheckRecord(d, cl.Options().Written())
	}
	var cd *classify.Document
	if err == nil {
		cd, err = clean.Whole(s.c.engine(s.opts), d, s.opts.ForceHTML, s.c.doc())
	}
	if err != nil {
		return nil, &Error{Source: it.rec.Source, Record: it.rec.Number, Err: err}
	}
	dn := &done{d: d, cd: cd, res: &Result{Record: it.rec}}
	if s.rep.InSink {
		return dn, nil
	}
	return dn, s.render(dn)
}

// render flags the repeated lines of a record classified whole and makes
// its output.
func (s *streamer) render(dn *done) error {
	s.rep.Mark(dn.d, dn.cd)
	defer func() { s.c.docs.Put(dn.cd); dn.cd = nil }()
	cl, err := s.c.cleaner(dn.res.Record, s.opts)
	if err != nil {
		return err
	}
	x := cl.Start(dn.d)
	if err = x.Add(dn.cd); err != nil {
		x.Discard()
		return err
	}
	if dn.res.Output, err = x.Finish(nil); err != nil {
		return err
	}
	dn.res.Stats = newStats(x.Stats())
	return nil
}

// sink hands the results to fn in order.
func (s *streamer) sink(it item, dn *done, err error) error {
	res := &Result{Record: it.rec, Err: it.err}
	if it.err != nil {
		res.Err = publicError(it.err)
	}
	if err == nil && dn != nil && dn.cd != nil {
		err = s.render(dn)
	}
	switch {
	case err != nil && res.Err == nil:
		res.Err = err
		if _, ok := err.(*Error); !ok {
			res.Err = &Error{Source: it.rec.Source, Record: it.rec.Number, Err: err}
		}
	case dn != nil && err == nil:
		res = dn.res
	}
	return s.fn(res)
}
