package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/clean"
	"github.com/chaff-dev/chaff/internal/input"
	"github.com/chaff-dev/chaff/internal/pipeline"
	"github.com/chaff-dev/chaff/internal/report"
)

// reportFlags are the flags of chaff report besides the classifier's.
type reportFlags struct {
	inputFlags
	boundFlags
	format   string // output: text or json
	htmlFile string
	title    string
	jobs     int
	top      int
	sample   int
}

func (rf *reportFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&rf.format, "format", "text", "summary on stdout: text or json (the whole report)")
	fs.StringVar(&rf.htmlFile, "html", "", "also write the report as one self-contained HTML page to `FILE` (written atomically)")
	fs.StringVar(&rf.title, "title", "chaff report", "title of the HTML page")
	rf.inputFlags.add(fs, "input-format", "html-input", "its host is the document's site")
	fs.IntVar(&rf.jobs, "j", runtime.NumCPU(), "number of documents classified at once")
	fs.IntVar(&rf.top, "top", 50, "frequent noise lines kept in the report")
	fs.IntVar(&rf.sample, "sample", 200, "noisiest documents kept for the drill-down (the first 100 failures are added)")
	rf.boundFlags.add(fs)
}

func (rf *reportFlags) inputOptions(stdin io.Reader) (input.Options, error) {
	switch {
	case rf.format != "text" && rf.format != "json":
		return input.Options{}, usagef("--format %q: want text or json", rf.format)
	case rf.top < 1 || rf.top > maxReportEntries:
		return input.Options{}, usagef("--top %d: want 1 to %d", rf.top, maxReportEntries)
	case rf.sample < 1 || rf.sample > maxReportEntries:
		return input.Options{}, usagef("--sample %d: want 1 to %d", rf.sample, maxReportEntries)
	}
	if err := checkJobs(rf.jobs); err != nil {
		return input.Options{}, err
	}
	if err := rf.boundFlags.validate(); err != nil {
		return input.Options{}, err
	}
	opts, err := rf.inputFlags.inputOptions()
	opts.Stdin = stdin
	return opts, err
}

// maxReportEntries bounds --top and --sample: the report holds that many
// lines and documents (with their text) in memory and in its HTML page.
const maxReportEntries = 100_000

const reportHelp = `Classify every document of the inputs and report, for scraper QA, how much
of them is noise: overall and per site (the host of the document URL, the
file name for a plain file), per noise category, the distribution of noise
per document, the most frequent noise lines, suspected scraper failures
(nothing kept, more than 80% noise, JavaScript or cookie walls, duplicates)
and a drill-down into the noisiest documents. Inputs are read as by clean:
files, directories, "-", JSONL, WARC, HTML, gzip or zstd.`

// runReport implements chaff report.
func runReport(e *env, args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	var lf logFlags
	var cf classifyFlags
	var rf reportFlags
	lf.add(fs)
	cf.add(fs)
	rf.add(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: chaff report [flags] [FILE|DIR|-]...\n\n%s\n\n", reportHelp)
		printFlags(fs)
	}
	if err := parse(fs, e, args); err != nil {
		return err
	}
	if err := lf.apply(e.log); err != nil {
		return err
	}
	opts, err := rf.inputOptions(e.stdin)
	if err != nil {
		return err
	}
	cfg, err := cf.config()
	if err != nil {
		return err
	}
	rf.boundFlags.apply(&cfg)
	cl, err := classify.New(cfg)
	if err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	ins := newInputSet(paths)
	if err := ins.checkFile("--html", rf.htmlFile); err != nil {
		return err
	}

	b := report.NewBuilder(report.Options{TopLines: rf.top, SampleWorst: rf.sample})
	failed, internal := 0, false
	tl := newTallier(cl, b, rf.html)
	sink := func(it item, t *report.Tally, err error) error {
		switch {
		case it.err != nil:
			e.log.Error(it.err)
		case err != nil:
			entry := e.log.WithFields(docFields(it.doc))
			var pe *pipeline.PanicError
			if errors.As(err, &pe) {
				internal = true
				entry = entry.WithField("stack", string(pe.Stack))
			}
			entry.Error(err)
		default:
			d := it.doc
			b.AddTally(report.DocInfo{File: d.Source, Record: d.Record, ID: d.ID, URL: d.URL}, t)
			tl.done(t)
			return nil
		}
		failed++
		b.AddError()
		return nil
	}
	ctx, caught, stop := e.interruptible(context.Background())
	defer stop()
	if e.notify != nil && slices.Contains(paths, "-") {
		opts.Stdin = stdinUntil(ctx, opts.Stdin)
	}
	rd := input.NewReader(paths, opts)
	err = runDocuments(ctx, rf.jobs, rd, tl.work, sink)
	if sig := caught(); sig != nil {
		e.log.Warnf("interrupted by %v: no report written", sig)
		return errInterrupted{sig}
	}
	if err != nil {
		return fatalRun(e, err)
	}
	r := b.Build()

	if rf.htmlFile != "" {
		if err := writeAtomic(rf.htmlFile, func(w io.Writer) error { return r.WriteHTML(w, rf.title) }); err != nil {
			return err
		}
	}
	if err := writeReport(e.stdout, r, rf.format); err != nil {
		return err
	}
	if failed > 0 {
		e.log.Errorf("%d of %d inputs failed; the report covers the others", failed, failed+r.Totals.Documents)
	}
	if internal {
		return errFatalReported
	}
	if failed > 0 {
		return errFailed
	}
	return nil
}

// tallier measures documents for a report.Builder on the workers: each
// window by window, so that memory depends on the window size and the
// Builder's caps, not on the number of lines (see report.Tally).
type tallier struct {
	cl        *classify.Classifier
	b         *report.Builder
	forceHTML bool
	// docs and tallies hold the memory of documents done with, for the
	// workers to use again.
	docs, tallies sync.Pool
}

func newTallier(cl *classify.Classifier, b *report.Builder, forceHTML bool) *tallier {
	return &tallier{cl: cl, b: b, forceHTML: forceHTML}
}

// work classifies one document, window by window, into its tally. It
// runs on a worker goroutine.
func (tl *tallier) work(_ context.Context, it item) (*report.Tally, error) {
	if it.err != nil {
		return nil, nil
	}
	cd, _ := tl.docs.Get().(*classify.Document)
	if cd == nil {
		cd = new(classify.Document)
	}
	defer tl.docs.Put(cd)
	t, _ := tl.tallies.Get().(*report.Tally)
	if t == nil {
		t = tl.b.NewTally()
	}
	err := clean.Windows(tl.cl, it.doc, tl.forceHTML, cd, func(w *classify.Document) error {
		t.AddLines(w.Lines)
		return nil
	})
	if err != nil {
		tl.done(t)
		return nil, err
	}
	return t, nil
}

// done takes back a tally the Builder has added.
func (tl *tallier) done(t *report.Tally) {
	t.Reset()
	tl.tallies.Put(t)
}

// writeReport writes the summary in format text or json.
func writeReport(w io.Writer, r *report.Report, format string) error {
	if strings.EqualFold(format, "json") {
		bw := bufio.NewWriter(w)
		enc := json.NewEncoder(bw)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return err
		}
		return bw.Flush()
	}
	return r.WriteText(w)
}
