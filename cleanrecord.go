package chaff

import (
	"fmt"
	"maps"
	"slices"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/clean"
	"github.com/chaff-dev/chaff/internal/input"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/repeated"
)

// CleanOptions are what `chaff clean`'s output flags choose about a record.
type CleanOptions struct {
	// OutputField is the JSONL field the cleaned text goes to, the text
	// field staying as it was; "": the text field is replaced.
	OutputField string
	// Mark leaves the text whole and adds the byte spans of the dropped
	// lines: JSONL field "chaff_spans" [[start,end,category,score],...];
	// a record of another format gives a JSON object
	// {"file","record","id","url","spans","chaff"}.
	Mark bool
	// MaxDrop is the largest share of a document's non-blank lines that
	// may be dropped, in (0,1): a document past it is left whole, its
	// Stats.Uncut set. 0 or 1: no bound. (To leave whole every document
	// that would lose a line, as `--max-drop 0` does, give a share below
	// one line's, such as 1e-12.)
	MaxDrop float64
	// ForceHTML classifies every body as an HTML page (--html).
	ForceHTML bool
	// Repeated is how the keys of CleanRecord's drop are hashed: give it
	// the options given to RepeatedKeys.
	Repeated RepeatedOptions
}

// Stats are a cleaned record's line counts: its "chaff" field.
type Stats struct {
	Lines    int            // all lines, blank ones included
	NonBlank int            // lines that are not blank
	Kept     int            // non-blank lines in the output
	Dropped  map[string]int // lines dropped, by category
	Uncut    bool           // left whole: it would have lost more than CleanOptions.MaxDrop
	Fallback string         // "best-block" when the model emptied it and its best block was kept
	Key      string         // the record's key in an id-keyed JSON document, when its id differs
	Decoded  string         // the encoding it was transcoded from to UTF-8 ("utf-16le"), if any
}

// newStats copies the counts of the engine.
func newStats(s *clean.Stats) Stats {
	return Stats{Lines: s.Lines, NonBlank: s.NonBlank, Kept: s.Kept, Dropped: maps.Clone(s.Dropped), Uncut: s.Uncut,
		Fallback: s.Fallback, Key: s.Key, Decoded: s.Decoded}
}

// cleanerKey identifies the Cleaner of a record's text field and options.
type cleanerKey struct {
	textField, outputField string
	mark                   bool
	maxDrop                float64
}

// cleaner returns the Cleaner for rec under opts, made once.
func (c *Classifier) cleaner(rec *Record, opts *CleanOptions) (*clean.Cleaner, error) {
	if opts.Mark && opts.OutputField != "" {
		return nil, fmt.Errorf("Mark leaves the text whole: OutputField has no use with it")
	}
	if opts.OutputField == clean.StatsField || opts.OutputField == clean.SpansField {
		return nil, fmt.Errorf("OutputField %q: chaff writes its own field %q", opts.OutputField, opts.OutputField)
	}
	if !(opts.MaxDrop >= 0 && opts.MaxDrop <= 1) { // NaN fails both
		return nil, fmt.Errorf("MaxDrop %v: want a share in [0,1]", opts.MaxDrop)
	}
	maxDrop := opts.MaxDrop
	if maxDrop == 0 {
		maxDrop = 1
	}
	k := cleanerKey{rec.field(), opts.OutputField, opts.Mark, maxDrop}
	if cl, ok := c.cleaners.Load(k); ok {
		return cl.(*clean.Cleaner), nil
	}
	cl, _ := c.cleaners.LoadOrStore(k, clean.New(clean.Options{Policy: c.policy, TextField: k.textField, OutputField: k.outputField, Mark: k.mark, MaxDrop: k.maxDrop}))
	return cl.(*clean.Cleaner), nil
}

// CleanRecord appends to dst the output line (with its '\n') `chaff clean`
// writes for rec, and returns it with the record's stats: a JSONL record
// with the cleaned text (or, with Mark, the spans) and the "chaff" stats
// field, every other field byte for byte; a WARC record as the object
// {"id","url","text","chaff"}; a whole-file document as its cleaned text.
// A record that already holds a field chaff would write fails.
//
// drop, when not nil, is asked for the key of each line (see RepeatedKeys,
// hashed per opts.Repeated) and a line it reports is dropped as category
// "repeated" (or only marked, when Options.Keep holds "repeated").
func (c *Classifier) CleanRecord(dst []byte, rec *Record, opts CleanOptions, drop func(key uint64) bool) ([]byte, Stats, error) {
	if rec == nil {
		return dst, Stats{}, errNoRecord
	}
	out, st, err := c.cleanRecord(dst, rec, &opts, drop)
	if err != nil {
		return dst, Stats{}, &Error{Source: rec.Source, Record: rec.Number, Err: err}
	}
	return out, st, nil
}

// cleanRecord is CleanRecord for a record.
func (c *Classifier) cleanRecord(dst []byte, rec *Record, opts *CleanOptions, drop func(key uint64) bool) ([]byte, Stats, error) {
	cl, err := c.cleaner(rec, opts)
	if err != nil {
		return dst, Stats{}, err
	}
	d := rec.document()
	if err := clean.CheckRecord(d, cl.Options().Written()); err != nil {
		return dst, Stats{}, err
	}
	x := cl.Start(d)
	if drop == nil {
		cd := c.doc()
		err = clean.Windows(c.engine(opts), d, opts.ForceHTML, cd, x.Add)
		c.docs.Put(cd)
	} else {
		err = c.cleanWhole(&x, d, opts, drop)
	}
	if err != nil {
		x.Discard()
		return dst, Stats{}, err
	}
	n := len(dst)
	out, err := x.Finish(dst)
	if err != nil {
		return dst[:n], Stats{}, err
	}
	return out, newStats(x.Stats()), nil
}

// cleanWhole classifies d whole, flags the lines drop reports and adds
// them to x.
func (c *Classifier) cleanWhole(x *clean.Doc, d *input.Document, opts *CleanOptions, drop func(uint64) bool) error {
	k, ropts, err := keyer(&opts.Repeated)
	if err != nil {
		return err
	}
	cd := c.doc()
	defer c.docs.Put(cd)
	if _, err := clean.Whole(c.engine(opts), d, opts.ForceHTML, cd); err != nil {
		return err
	}
	clean.MarkKeys(cd, k, site(d, ropts), ropts.Scope, slices.Contains(c.keep, label.Repeated), drop)
	return x.Add(cd)
}

// engine returns the engine that cleans under opts.
func (c *Classifier) engine(opts *CleanOptions) *classify.Classifier {
	if opts.Mark {
		return c.marking
	}
	return c.cleaning
}

// doc returns a classified document to classify into again.
func (c *Classifier) doc() *classify.Document {
	if cd, ok := c.docs.Get().(*classify.Document); ok {
		return cd
	}
	return new(classify.Document)
}

// RepeatedOptions are the options of repeated-line detection across
// documents, `chaff clean --repeated`.
type RepeatedOptions struct {
	// Min is the number of documents a line must occur in to be
	// repeated (2 = from its second occurrence), 2..255; 0: 3.
	Min int
	// Scope is "site" (documents of one host, from the URL field or the
	// WARC target; documents without one form one group) or "corpus";
	// "": "site".
	Scope string
	// KeepFirst keeps the first copy of a repeated line and drops the
	// later ones (C4, Dolma); by default every copy is dropped (CCNet).
	KeepFirst bool
	// Normalize compares lines with case folded, digit runs as one digit,
	// punctuation, symbols and spaces removed.
	Normalize bool
	// TwoPass (Stream only) reads the records twice: every line is
	// counted first, so that the first copies are dropped too. The
	// records' sequence must give the same records again, as Records
	// does (RecordsFrom reads its stream once).
	TwoPass bool
}

// withDefaults fills the zero fields of o.
func (o RepeatedOptions) withDefaults() clean.RepeatedOptions {
	r := clean.RepeatedOptions{Min: o.Min, Scope: o.Scope, KeepFirst: o.KeepFirst, Normalize: o.Normalize, TwoPass: o.TwoPass}
	if r.Min == 0 {
		r.Min = 3
	}
	if r.Scope == "" {
		r.Scope = "site"
	}
	return r
}

// keyer returns the line hashing of o.
func keyer(o *RepeatedOptions) (*repeated.Keyer, clean.RepeatedOptions, error) {
	ro := o.withDefaults()
	cfg, err := ro.Config()
	if err == nil {
		var k *repeated.Keyer
		if k, err = repeated.NewKeyer(cfg); err == nil {
			return k, ro, nil
		}
	}
	return nil, ro, err
}

// site is the scope of d under o: its site, or "" for corpus scope.
func site(d *input.Document, o clean.RepeatedOptions) string {
	if o.Scope == "corpus" {
		return ""
	}
	return clean.Site(d)
}

// RepeatedKeys returns the scope of rec (its site, or "" for corpus
// scope) and the sorted distinct keys of its countable lines (of the
// page's text for HTML), hashed as `chaff clean --repeated` counts them,
// scope mixed in: a caller counts documents per key anywhere (a combiner
// of a distributed pipeline) and passes CleanRecord a drop that reports
// the keys counted in ropts.Min documents or more. opts.ForceHTML and
// opts.Repeated matter; give CleanRecord the same.
func (c *Classifier) RepeatedKeys(rec *Record, opts CleanOptions, ropts RepeatedOptions) (scope string, keys []uint64, err error) {
	if rec == nil {
		return "", nil, errNoRecord
	}
	k, ro, err := keyer(&ropts)
	if err != nil {
		return "", nil, fmt.Errorf("chaff: %w", err)
	}
	d := rec.document()
	text, err := clean.Text(d, opts.ForceHTML, c.maxTags)
	if err != nil {
		return "", nil, &Error{Source: rec.Source, Record: rec.Number, Err: err}
	}
	scope = site(d, ro)
	keys = k.Keys(scope, clean.TextLines(text), nil)
	slices.Sort(keys)
	keys = slices.Compact(keys)
	if len(keys) > 0 && keys[0] == 0 { // lines too short to count
		keys = keys[1:]
	}
	return scope, keys, nil
}
