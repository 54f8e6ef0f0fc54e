package clean

import (
	"encoding/json"
	"sync"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/input"
	"github.com/chaff-dev/chaff/internal/render"
)

// Options are what chaff clean's flags set about a document's output.
type Options struct {
	Policy      render.Policy
	TextField   string  // the JSONL field holding the text: replaced, unless OutputField is set
	OutputField string  // when set, the JSONL field the cleaned text goes to
	Mark        bool    // the spans of the dropped lines instead of the cleaned text
	MaxDrop     float64 // the largest share of non-blank lines dropped before a document is left whole; ≥ 1: no bound
}

// Cleaner makes the clean output of documents under one set of Options.
// It is safe for concurrent use; each document has its own Doc.
type Cleaner struct {
	opts Options
	// texts holds buffers for the cleaned text of a record, on its way
	// into the record's JSON object (see Doc.Finish).
	texts sync.Pool
}

// New returns the Cleaner of opts.
func New(opts Options) *Cleaner { return &Cleaner{opts: opts} }

// Options returns the options of c.
func (c *Cleaner) Options() *Options { return &c.opts }

// Doc builds the clean output of one document from its windows: the kept
// text or the spans as they come, in memory no larger than the document.
type Doc struct {
	c     *Cleaner
	d     *input.Document
	stats Stats
	data  []byte         // the classified text, for a document left uncut
	clean render.Cleaner // the blank lines between windows
	text  *[]byte        // the kept text so far
	spans []byte         // Mark: the JSON spans of the dropped lines so far, each after a comma
}

// Start starts the output of d. The Doc is a value, for a caller to hold
// in storage of its own: one allocation less a document.
func (c *Cleaner) Start(d *input.Document) Doc {
	x := Doc{c: c, d: d, stats: Stats{Dropped: map[string]int{}}}
	if c.opts.Mark {
		return x
	}
	x.clean.Policy = c.opts.Policy
	if !IsRecord(d) {
		return x // the text is the output: its storage is made for it in Add
	}
	x.text, _ = c.texts.Get().(*[]byte)
	if x.text == nil {
		x.text = new([]byte)
	}
	*x.text = (*x.text)[:0]
	return x
}

// Stats returns the counts of the document so far; after Finish, its
// "chaff" field.
func (x *Doc) Stats() *Stats { return &x.stats }

// Add takes the next window of the document (the whole document, when it
// was classified whole). x is done with cd when Add returns.
func (x *Doc) Add(cd *classify.Document) error {
	x.data = cd.Data
	x.stats.Add(cd, x.c.opts.Policy.Kept)
	if x.c.opts.Mark {
		var err error
		x.spans, err = appendDropSpans(x.spans, cd)
		return err
	}
	if x.text == nil {
		// The output of a text: written once into storage of its size
		// or a little more, it is most of what clean allocates.
		x.text = new(make([]byte, 0, len(cd.Data)))
	}
	*x.text = x.clean.Append(*x.text, cd)
	return nil
}

// Discard drops what was written of a document that failed, or what is no
// longer needed of one that is done.
func (x *Doc) Discard() {
	if x.text != nil && IsRecord(x.d) {
		x.c.texts.Put(x.text)
	}
	x.text = nil
}

// Finish appends the output of the document to dst and returns it: the
// record with the cleaned text (or the spans) and its "chaff" field and a
// newline, or the cleaned text of a whole-file document. With dst nil the
// cleaned text of a whole-file document is returned in storage of its own,
// without a copy. A document that lost more than Options.MaxDrop of its
// lines is left whole and its stats say so (Uncut).
func (x *Doc) Finish(dst []byte) ([]byte, error) {
	c := &x.stats
	if x.d.Key != x.d.ID {
		c.Key = x.d.Key
	}
	c.Decoded = x.d.Decoded
	if c.overMaxDrop(x.c.opts.MaxDrop) {
		c.Uncut = true
		c.Kept = c.NonBlank
	}
	if x.c.opts.Mark {
		return x.finishMark(dst)
	}
	if x.text == nil { // no window: an empty document
		x.text = new([]byte)
	}
	text := *x.text
	if c.Uncut {
		text = append(text[:0], x.data...) // a copy: the input's storage is not the output's
	}
	if !IsRecord(x.d) {
		if dst == nil {
			return text, nil
		}
		return append(dst, text...), nil
	}
	defer x.Discard()
	field := x.c.opts.TextField
	if x.c.opts.OutputField != "" {
		field = x.c.opts.OutputField
	}
	if dst == nil {
		// The text goes, escaped, into the record: room for the record
		// as read and its counts is most often enough.
		dst = make([]byte, 0, len(x.d.Raw)+256)
	}
	out, err := x.d.AppendFields(dst, input.Field{Key: field, Value: input.StringBytes(text)}, input.Field{Key: StatsField, Value: c})
	if err != nil {
		return dst, err
	}
	return append(out, '\n'), nil
}

// finishMark appends the Mark output to dst: the spans of the noise
// lines, none for a document left uncut.
func (x *Doc) finishMark(dst []byte) ([]byte, error) {
	c := &x.stats
	spans := json.RawMessage("[]")
	if !c.Uncut && len(x.spans) > 0 {
		x.spans[0] = '['
		spans = append(x.spans, ']')
	}
	var out []byte
	var err error
	if x.d.Raw != nil {
		out, err = x.d.AppendFields(dst, input.Field{Key: SpansField, Value: spans}, input.Field{Key: StatsField, Value: c})
	} else {
		var b []byte
		b, err = json.Marshal(markRecord{File: x.d.Source, Record: x.d.Record, ID: x.d.ID, URL: x.d.URL, Spans: spans, Chaff: c})
		out = append(dst, b...)
	}
	if err != nil {
		return dst, err
	}
	return append(out, '\n'), nil
}

// markRecord is the Mark output for a document that is not a JSONL record.
type markRecord struct {
	File   string          `json:"file"`
	Record int             `json:"record"`
	ID     string          `json:"id,omitempty"`
	URL    string          `json:"url,omitempty"`
	Spans  json.RawMessage `json:"spans"`
	Chaff  *Stats          `json:"chaff"`
}
