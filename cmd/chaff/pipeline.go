package main

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"sync"
	"time"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/clean"
	"github.com/chaff-dev/chaff/internal/input"
	"github.com/chaff-dev/chaff/internal/pipeline"
	"github.com/chaff-dev/chaff/internal/render"
	"github.com/sirupsen/logrus"
)

// mode is the command being run.
type mode int

const (
	modeClean mode = iota
	modeLabel
	modeAnnotate
)

// runner runs clean, label or annotate over a stream of documents.
type runner struct {
	e      *env
	mode   mode
	rf     *runFlags
	cl     *classify.Classifier
	policy render.Policy
	paths  []string
	opts   input.Options
	rep    *clean.Repeated // nil without --repeated
	// cleaner makes clean's output of a document; fields are those it
	// adds to a JSONL record.
	cleaner *clean.Cleaner
	fields  []string
	sum     summary
	dest    destination
	prog    *progress
	// internal is set when a document's work panicked: a bug of chaff's,
	// exit status 3 once the other documents are done.
	internal bool
	// docs holds classified documents whose output is written, for the
	// workers to classify windows into again (see clean.Windows): their
	// line records are most of what the fast model allocates.
	docs sync.Pool
}

// item is what the reader hands to the workers: a document or the error
// that took its place.
type item struct {
	doc *input.Document
	err error
}

// result is the work done on one document.
type result struct {
	cd     *classify.Document // kept for the sink when repeated lines are marked there
	out    []byte             // the output, or its last part after spill's file
	spill  *spill             // label, annotate: the whole output
	shape  shape
	counts clean.Stats
}

// spilled reports whether part of the output is in spill's file rather
// than in out.
func (res *result) spilled() bool { return res.spill != nil && res.spill.f != nil }

// parts calls fn with the whole output in order: out, or, when it
// spilled, pieces of whole lines from the file and then out.
func (res *result) parts(fn func([]byte) error) error {
	if res.spilled() {
		return res.spill.each(fn)
	}
	return fn(res.out)
}

// items reads the documents of the inputs.
func items(ctx context.Context, rd *input.Reader) iter.Seq[item] {
	return func(yield func(item) bool) {
		for d, err := range rd.Documents(ctx) {
			if !yield(item{d, err}) {
				return
			}
		}
	}
}

// The bounds on the documents between reading and writing: many per
// worker, so that the reader, the workers and the writer seldom wait for
// each other (with 4 a worker, chaff clean --text-model fast spent a
// fifth of its time handing documents over), and a bound on their bytes,
// so that memory stays flat however large the documents are (see
// pipeline.RunWeighted).
const (
	docsPerWorker  = 64
	bytesPerWorker = 16 << 20
)

// runDocuments runs work over the documents of rd on jobs workers and
// hands the results to sink in input order, within the bounds above.
func runDocuments[R any](ctx context.Context, jobs int, rd *input.Reader,
	work func(context.Context, item) (R, error), sink func(item, R, error) error) error {
	return pipeline.RunWeighted(ctx, jobs, docsPerWorker*jobs, bytesPerWorker*int64(jobs), itemBytes, items(ctx, rd), work, sink)
}

// itemBytes is what a document holds in memory before it is classified:
// its body, and the JSONL line it came from.
func itemBytes(it item) int64 {
	if it.doc == nil {
		return 0
	}
	return int64(len(it.doc.Body) + len(it.doc.Raw))
}

// run reads every input, classifies its documents on r.rf.jobs workers and
// writes the results in input order. It returns errFailed when some input
// or document failed (each already reported), errInterrupted when caught
// says a signal cancelled ctx, and errFatalReported or a fatal error when
// chaff itself failed. The summary and --stats are written in every case.
func (r *runner) run(ctx context.Context, caught func() os.Signal) error {
	start := time.Now()
	var err error
	rd := input.NewReader(r.paths, r.opts)
	if r.rep != nil && r.rep.TwoPass() {
		err = r.countRepeated(ctx)
	}
	if err == nil {
		err = runDocuments(ctx, r.rf.jobs, rd, r.work, r.sink)
	}
	sig := caught()
	var fe *fatalError
	switch {
	case sig != nil:
		r.sum.Interrupted, r.sum.Signal = true, sig.String()
	case errors.As(err, &fe): // an output lost, already reported
	case err != nil:
		r.reportFatal(err)
	}
	if cerr := r.dest.close(err == nil); err == nil {
		err = cerr
	}
	r.prog.finish()
	r.sum.setInput(rd.Total(), err != nil)
	r.sum.Seconds = time.Since(start).Seconds()
	r.reportSummary()
	serr := r.writeStats()
	switch {
	case sig != nil:
		return errInterrupted{sig}
	case err != nil || r.internal:
		return errFatalReported
	case serr != nil:
		return fmt.Errorf("--stats %s: %w", r.rf.statsFile, serr)
	case r.sum.Errors > 0:
		return errFailed
	}
	return nil
}

// reportFatal reports an error that stopped the run (see logFatal).
func (r *runner) reportFatal(err error) {
	r.sum.noteError(logFatal(r.e, err).Error())
}

// logFatal logs an error that stopped a run: a panic of the reader, with
// its stack, or another error of chaff's. It returns the error as
// reported.
func logFatal(e *env, err error) error {
	entry := e.log.WithField("fatal", true)
	var se *pipeline.SourceError
	if errors.As(err, &se) {
		entry = entry.WithField("stack", string(se.Stack))
		err = fmt.Errorf("internal error: reading the inputs: %v", se.Value)
	}
	entry.Error(err)
	return err
}

// fatalRun reports an error that stopped a run and returns the error
// that gives exit status 3.
func fatalRun(e *env, err error) error {
	logFatal(e, err)
	return errFatalReported
}

// work classifies one document and writes its output. It runs on a
// worker goroutine. The document is classified window by window and
// its output written as the windows come (see docOutput), except with
// --repeated, which flags lines across the whole document.
func (r *runner) work(_ context.Context, it item) (*result, error) {
	if it.err != nil {
		return nil, nil
	}
	d := it.doc
	if err := clean.CheckRecord(d, r.fields); err != nil {
		return nil, err
	}
	cd, _ := r.docs.Get().(*classify.Document)
	if cd == nil {
		cd = new(classify.Document)
	}
	res := &result{}
	if r.rep != nil {
		return r.workWhole(d, cd, res)
	}
	defer r.docs.Put(cd)
	o, err := r.newOutput(d, res)
	if err != nil {
		return nil, err
	}
	if err := clean.Windows(r.cl, d, r.rf.html, cd, o.add); err != nil {
		o.discard()
		return nil, err
	}
	return res, o.finish()
}

// workWhole classifies one document whole, into cd, and flags its
// repeated lines, or leaves that to the sink when the flags depend on
// document order.
func (r *runner) workWhole(d *input.Document, cd *classify.Document, res *result) (*result, error) {
	cd, err := clean.Whole(r.cl, d, r.rf.html, cd)
	if err != nil {
		return nil, err
	}
	res.cd = cd
	if r.rep.InSink {
		return res, nil
	}
	r.rep.Mark(d, res.cd)
	err = r.renderDoc(d, res.cd, res)
	r.docs.Put(res.cd)
	res.cd = nil // rendered: the sink needs only the output
	return res, err
}

// sink reports errors and writes results, in input order. It returns an
// error only when the run must stop: an output resource is gone.
func (r *runner) sink(it item, res *result, err error) error {
	if it.err != nil {
		r.reportInputError(it.err)
		return nil
	}
	d := it.doc
	r.prog.add(d)
	defer func() {
		if res != nil && res.spill != nil {
			res.spill.close()
		}
	}()
	if err == nil && r.rep != nil && r.rep.InSink {
		r.rep.Mark(d, res.cd)
		err = r.renderDoc(d, res.cd, res)
		r.docs.Put(res.cd)
		res.cd = nil
	}
	if err != nil {
		r.docFailed(d, err)
		return nil
	}
	if d.Decoded != "" {
		r.e.log.WithFields(docFields(d)).Infof("read as %s (byte order mark), written as UTF-8", d.Decoded)
	}
	if d.Truncated {
		r.e.log.WithFields(docFields(d)).Warn("WARC payload shorter than its declared length: classified what was there")
		r.sum.Truncated++
	}
	if res.counts.Uncut {
		r.e.log.WithFields(docFields(d)).Warnf("would drop %d of %d non-blank lines, more than --max-drop %v: left whole", res.counts.DroppedTotal(), res.counts.NonBlank, r.rf.maxDrop)
	}
	return r.dest.write(d, res)
}

// docFailed reports a document that failed; a panic is an internal
// error, reported with its stack.
func (r *runner) docFailed(d *input.Document, err error) {
	entry := r.e.log.WithFields(docFields(d))
	var pe *pipeline.PanicError
	if errors.As(err, &pe) {
		r.internal = true
		entry = entry.WithField("stack", string(pe.Stack))
		err = fmt.Errorf("internal error: %v", pe.Value)
	}
	entry.Errorf("document failed: %v", err)
	r.sum.noteError(fmt.Sprintf("%s: %v", docName(d), err))
	r.sum.DocsFailed++
}

// settle counts the documents of an outcome of the destination: those
// written, and those whose output was lost, reported once for all.
func (r *runner) settle(o outcome) {
	r.sum.addWritten(&o.done)
	if o.failed == 0 && o.err == nil {
		return
	}
	r.sum.DocsFailed += o.failed
	r.sum.noteError(o.err.Error())
	r.e.log.WithFields(logrus.Fields{"output": o.where, "documents": o.failed}).Errorf("output not written: %v", o.err)
}

// reportInputError logs an error of the input package with its file and
// record.
func (r *runner) reportInputError(err error) {
	r.sum.noteError(err.Error())
	var ie *input.Error
	if errors.As(err, &ie) {
		f := logrus.Fields{}
		if ie.Source != "" {
			f["file"] = ie.Source
		}
		if ie.Record > 0 {
			f["record"] = ie.Record
		}
		r.e.log.WithFields(f).Error(ie.Err)
		return
	}
	r.e.log.Error(err)
}

// docFields names a document in log entries.
func docFields(d *input.Document) logrus.Fields {
	f := logrus.Fields{"file": d.Source}
	if clean.IsRecord(d) {
		f["record"] = d.Record
	}
	if d.ID != "" {
		f["id"] = d.ID
	}
	return f
}
