package main

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/input"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/repeated"
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

// siteOf is the site of a document for per-site counting: the lower-cased
// host of its URL without "www.", or "" when it has none.
func siteOf(d *input.Document) string {
	if d.URL == "" {
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(d.URL))
	if err != nil || u.Host == "" {
		return ""
	}
	h := strings.ToLower(u.Hostname())
	return strings.TrimPrefix(h, "www.")
}

// repeatedState flags repeated lines with a repeated.Counter.
type repeatedState struct {
	c       *repeated.Counter
	scope   string // "site" or "corpus", for reason codes
	twoPass bool
	// inSink: lines are flagged by the ordered consumer, because the
	// result depends on document order (one pass, or keep-first).
	inSink bool
	keep   bool // the category is kept by --keep: mark, do not drop
}

// state builds the detection state, or nil without --repeated.
func (f *repeatFlags) state(paths []string, keep []label.Category) (*repeatedState, error) {
	if !f.on {
		return nil, nil
	}
	if f.twoPass && slices.Contains(paths, "-") {
		return nil, usagef("--repeated-two-pass reads the inputs twice: it cannot read standard input")
	}
	cfg := repeated.Config{Threshold: f.min, Policy: repeated.DropAll, Scope: repeated.PerSite}
	if f.keepFirst {
		cfg.Policy = repeated.KeepFirst
	}
	if f.scope == "corpus" {
		cfg.Scope = repeated.Corpus
	}
	if f.normalize {
		cfg.Norm = repeated.NormAll
	}
	c, err := repeated.New(cfg)
	if err != nil {
		return nil, usagef("%v", err)
	}
	return &repeatedState{
		c: c, scope: f.scope, twoPass: f.twoPass,
		inSink: !f.twoPass || f.keepFirst,
		keep:   slices.Contains(keep, label.Repeated),
	}, nil
}

// docLines returns the lines of cd's text.
func docLines(cd *classify.Document) [][]byte {
	ls := make([][]byte, len(cd.Lines))
	for i := range cd.Lines {
		ls[i] = cd.Lines[i].Text
	}
	return ls
}

// mark flags the repeated lines of cd: one pass counts the document and
// flags what reached the threshold; two passes flag from the counts of the
// first pass. A flagged kept line becomes drop/repeated; a line the
// classifier already dropped keeps its more specific category. Each
// flagged line gets the reason "repeated:site(N docs)".
func (s *repeatedState) mark(d *input.Document, cd *classify.Document) {
	site := siteOf(d)
	ls := docLines(cd)
	var flags []bool
	if s.twoPass {
		flags = s.c.Flag(site, ls, nil)
	} else {
		flags = s.c.Observe(site, ls, nil)
	}
	for i, f := range flags {
		if !f {
			continue
		}
		l := &cd.Lines[i]
		n := s.c.Count(site, l.Text)
		r := classify.Reason{
			Code:   fmt.Sprintf("repeated:%s(%d docs)", s.scope, n),
			Text:   fmt.Sprintf("the line occurs in %d documents of its %s", n, s.scope),
			Weight: 1,
		}
		l.Reasons = append([]classify.Reason{r}, l.Reasons...)
		switch {
		case l.Label == label.Drop:
		case s.keep:
			l.Reasons = append(l.Reasons, classify.Reason{Code: "policy:keep(repeated)", Text: "its category is kept by configuration"})
		default:
			l.Label, l.Cat, l.Kind, l.Score = label.Drop, label.Repeated, "", 1
		}
	}
}

// countRepeated is the first pass of --repeated-two-pass: every document
// of the inputs is read and its lines counted. Errors are left for the
// second pass to report.
func (r *runner) countRepeated(ctx context.Context) error {
	rd := input.NewReader(r.paths, r.opts)
	work := func(_ context.Context, it item) (struct{}, error) {
		if it.err != nil {
			return struct{}{}, nil
		}
		text, err := documentText(it.doc, r.rf.html, r.rf.htmlMaxTags())
		if err != nil {
			return struct{}{}, nil
		}
		sp := lines.Split(text)
		ls := make([][]byte, len(sp))
		for i, s := range sp {
			ls[i] = text[s.Start:s.End]
		}
		r.rep.c.Add(siteOf(it.doc), ls)
		return struct{}{}, nil
	}
	sink := func(item, struct{}, error) error { return nil }
	return runDocuments(ctx, r.rf.jobs, rd, work, sink)
}
