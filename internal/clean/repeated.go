package clean

import (
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

// RepeatedOptions are chaff clean's --repeated-* flags.
type RepeatedOptions struct {
	Min       int    // documents a line must occur in to be repeated, 2..255
	Scope     string // "site" or "corpus"
	KeepFirst bool   // keep the first copy of a repeated line
	Normalize bool   // compare lines with case, digits, punctuation and spaces folded
	TwoPass   bool   // count every document before flagging any
}

// Config returns the counter configuration of o.
func (o RepeatedOptions) Config() (repeated.Config, error) {
	cfg := repeated.Config{Threshold: o.Min, Policy: repeated.DropAll, Scope: repeated.PerSite}
	if o.KeepFirst {
		cfg.Policy = repeated.KeepFirst
	}
	switch o.Scope {
	case "site":
	case "corpus":
		cfg.Scope = repeated.Corpus
	default:
		return cfg, fmt.Errorf("repeated scope %q: want site or corpus", o.Scope)
	}
	if o.Normalize {
		cfg.Norm = repeated.NormAll
	}
	return cfg, nil
}

// Site is the site of a document for per-site counting: the lower-cased
// host of its URL without "www.", or "" when it has none.
func Site(d *input.Document) string {
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

// Repeated flags repeated lines with a repeated.Counter, as --repeated
// does. It is safe for concurrent use, but Mark depends on document order
// when InSink is set: call it from an ordered consumer then.
type Repeated struct {
	counter *repeated.Counter
	scope   string // "site" or "corpus", for reason codes
	twoPass bool
	// InSink: lines are flagged by the ordered consumer, because the
	// result depends on document order (one pass, or keep-first).
	InSink bool
	keep   bool // the category is kept: mark, do not drop
}

// NewRepeated returns the state of o; keep says that the category
// "repeated" is kept by the policy (its lines are marked, not dropped).
func NewRepeated(o RepeatedOptions, keep []label.Category) (*Repeated, error) {
	cfg, err := o.Config()
	if err != nil {
		return nil, err
	}
	c, err := repeated.New(cfg)
	if err != nil {
		return nil, err
	}
	return &Repeated{
		counter: c, scope: o.Scope, twoPass: o.TwoPass,
		InSink: !o.TwoPass || o.KeepFirst,
		keep:   slices.Contains(keep, label.Repeated),
	}, nil
}

// TwoPass reports whether every document is counted before any is
// flagged (see Add).
func (s *Repeated) TwoPass() bool { return s.twoPass }

// Add counts the lines of d, the first pass of TwoPass: the lines Whole
// would label (see Text). A document whose page cannot be read counts
// nothing: its error is the second pass's to report.
func (s *Repeated) Add(d *input.Document, forceHTML bool, maxTags int) {
	text, err := Text(d, forceHTML, maxTags)
	if err != nil {
		return
	}
	s.counter.Add(Site(d), TextLines(text))
}

// TextLines returns the lines of text without their terminators, as
// classify cuts them.
func TextLines(text []byte) [][]byte {
	sp := lines.Split(text)
	ls := make([][]byte, len(sp))
	for i, s := range sp {
		ls[i] = text[s.Start:s.End]
	}
	return ls
}

// docLines returns the lines of cd's text.
func docLines(cd *classify.Document) [][]byte {
	ls := make([][]byte, len(cd.Lines))
	for i := range cd.Lines {
		ls[i] = cd.Lines[i].Text
	}
	return ls
}

// Mark flags the repeated lines of cd, classified whole: one pass counts
// the document and flags what reached the threshold; two passes flag from
// the counts of the first pass. Each flagged line gets the reason
// "repeated:site(N docs)" (see flag).
func (s *Repeated) Mark(d *input.Document, cd *classify.Document) {
	site := Site(d)
	ls := docLines(cd)
	var flags []bool
	if s.twoPass {
		flags = s.counter.Flag(site, ls, nil)
	} else {
		flags = s.counter.Observe(site, ls, nil)
	}
	for i, f := range flags {
		if !f {
			continue
		}
		l := &cd.Lines[i]
		n := s.counter.Count(site, l.Text)
		flag(l, classify.Reason{
			Code:   fmt.Sprintf("repeated:%s(%d docs)", s.scope, n),
			Text:   fmt.Sprintf("the line occurs in %d documents of its %s", n, s.scope),
			Weight: 1,
		}, s.keep)
	}
}

// MarkKeys flags the lines of cd, classified whole, whose key (see
// repeated.Keyer) drop reports, for callers that count the keys
// themselves; scope names the scope in the reason code, keep is as for
// NewRepeated.
func MarkKeys(cd *classify.Document, k *repeated.Keyer, site, scope string, keep bool, drop func(uint64) bool) {
	keys := k.Keys(site, docLines(cd), nil)
	for i, key := range keys {
		if key == 0 || !drop(key) {
			continue
		}
		flag(&cd.Lines[i], classify.Reason{
			Code:   "repeated:" + scope,
			Text:   "the line occurs in many documents of its " + scope,
			Weight: 1,
		}, keep)
	}
}

// flag marks l as repeated with the reason r: a kept line becomes
// drop/repeated, unless keep, when it only says that the category is
// kept; a line the classifier already dropped keeps its more specific
// category.
func flag(l *classify.Line, r classify.Reason, keep bool) {
	l.Reasons = append([]classify.Reason{r}, l.Reasons...)
	switch {
	case l.Label == label.Drop:
	case keep:
		l.Reasons = append(l.Reasons, classify.Reason{Code: "policy:keep(repeated)", Text: "its category is kept by configuration"})
	default:
		l.Label, l.Cat, l.Kind, l.Score = label.Drop, label.Repeated, "", 1
	}
}
