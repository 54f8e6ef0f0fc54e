package main

import (
	"context"
	"flag"
	"slices"

	"github.com/chaff-dev/chaff/internal/clean"
	"github.com/chaff-dev/chaff/internal/input"
	"github.com/chaff-dev/chaff/internal/label"
)

// repeatFlags are the flags of cross-document repeated-line detection.
type repeatFlags struct {
	on        bool
	min       int
	scope     string
	keepFirst bool
	normalize bool
	twoPass   bool
}

func (f *repeatFlags) add(fs *flag.FlagSet) {
	fs.BoolVar(&f.on, "repeated", false, "drop lines that recur across documents of one site (or of the corpus) as category \"repeated\"")
	fs.IntVar(&f.min, "repeated-min", 3, "number of documents a line must occur in to be repeated (2 = from its second occurrence), 2..255")
	fs.StringVar(&f.scope, "repeated-scope", "site", "count lines per site (host of the URL field or WARC target; documents without one form one group) or across the whole corpus: site or corpus")
	fs.BoolVar(&f.keepFirst, "repeated-keep-first", false, "keep the first copy of a repeated line and drop the later ones (C4, Dolma); default: drop every copy that is flagged (CCNet)")
	fs.BoolVar(&f.normalize, "repeated-normalize", false, "compare lines with case folded, digit runs as one digit, punctuation, symbols and spaces removed")
	fs.BoolVar(&f.twoPass, "repeated-two-pass", false, "read the inputs twice: count every line first, then classify, so that earlier copies are dropped too (not with stdin)")
}

// validate checks the flags; set holds the names of the flags given.
func (f *repeatFlags) validate(set map[string]bool) error {
	if err := needs(set, "repeated", "repeated-min", "repeated-scope", "repeated-keep-first", "repeated-normalize", "repeated-two-pass"); err != nil {
		return err
	}
	if !f.on {
		return nil
	}
	if f.min < 2 || f.min > 255 {
		return usagef("--repeated-min %d: want 2..255", f.min)
	}
	switch f.scope {
	case "site", "corpus":
	default:
		return usagef("--repeated-scope %q: want site or corpus", f.scope)
	}
	return nil
}

// options returns the library's options of the flags.
func (f *repeatFlags) options() clean.RepeatedOptions {
	return clean.RepeatedOptions{Min: f.min, Scope: f.scope, KeepFirst: f.keepFirst, Normalize: f.normalize, TwoPass: f.twoPass}
}

// state builds the detection state, or nil without --repeated.
func (f *repeatFlags) state(paths []string, keep []label.Category) (*clean.Repeated, error) {
	if !f.on {
		return nil, nil
	}
	if f.twoPass && slices.Contains(paths, "-") {
		return nil, usagef("--repeated-two-pass reads the inputs twice: it cannot read standard input")
	}
	rep, err := clean.NewRepeated(f.options(), keep)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return rep, nil
}

// countRepeated is the first pass of --repeated-two-pass: every document
// of the inputs is read and its lines counted. Errors are left for the
// second pass to report.
func (r *runner) countRepeated(ctx context.Context) error {
	rd := input.NewReader(r.paths, r.opts)
	work := func(_ context.Context, it item) (struct{}, error) {
		if it.err == nil {
			r.rep.Add(it.doc, r.rf.html, r.rf.htmlMaxTags())
		}
		return struct{}{}, nil
	}
	sink := func(item, struct{}, error) error { return nil }
	return runDocuments(ctx, r.rf.jobs, rd, work, sink)
}
