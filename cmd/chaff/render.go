package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/input"
	"github.com/chaff-dev/chaff/internal/render"
)

// shape is the form of a document's output.
type shape int

const (
	shapeText  shape = iota // plain text (clean of a text or HTML file, annotate)
	shapeJSONL              // one JSON object per line
)

// isRecord reports whether d is one record of a multi-document source
// (a JSONL line or a WARC record) rather than a whole file.
func isRecord(d *input.Document) bool { return d.Record > 0 }

// renderDoc writes the output of one document classified whole into
// res (see docOutput) and fills res.counts.
func (r *runner) renderDoc(d *input.Document, cd *classify.Document, res *result) error {
	o, err := r.newOutput(d, res)
	if err != nil {
		return err
	}
	if err := o.add(cd); err != nil {
		o.discard()
		return err
	}
	return o.finish()
}

// docOutput builds the output of one document from its windows: the
// clean text or spans as they come, in memory (no larger than the
// document), or the lines of label and annotate in a spill, which goes
// to a file past spillAt bytes, since they are ten to a hundred times
// the document's size for short lines.
type docOutput struct {
	r      *runner
	d      *input.Document
	res    *result
	data   []byte         // the classified text, for a document left uncut
	clean  render.Cleaner // clean: the blank lines between windows
	text   *[]byte        // clean: the kept text so far
	spans  []byte         // clean --mark: the JSON spans of the dropped lines so far, each after a comma
	out    *spill         // label, annotate
	prefix []byte         // label: the fields of the document that start each line
}

// newOutput starts the output of d into res.
func (r *runner) newOutput(d *input.Document, res *result) (*docOutput, error) {
	o := &docOutput{r: r, d: d, res: res}
	res.counts = docCounts{Dropped: map[string]int{}}
	switch {
	case r.mode == modeClean && r.rf.mark:
		res.shape = shapeJSONL
	case r.mode == modeClean:
		res.shape = shapeText
		o.clean.Policy = r.policy
		if !isRecord(d) {
			break // the text is the output: its storage is made for it in add
		}
		res.shape = shapeJSONL
		o.text, _ = r.texts.Get().(*[]byte)
		if o.text == nil {
			o.text = new([]byte)
		}
		*o.text = (*o.text)[:0]
	case r.mode == modeLabel:
		res.shape = shapeJSONL
		o.out = new(spill)
		prefix, err := labelPrefix(d)
		if err != nil {
			return nil, err
		}
		o.prefix = prefix
	default:
		res.shape = shapeText
		o.out = new(spill)
		fmt.Fprintf(&o.out.buf, "==> %s <==\n", docName(d))
	}
	return o, nil
}

// add takes one window of the document.
func (o *docOutput) add(cd *classify.Document) error {
	o.data = cd.Data
	o.res.counts.add(cd, o.r.policy.Kept)
	var err error
	switch {
	case o.r.mode == modeClean && o.r.rf.mark:
		o.spans, err = appendDropSpans(o.spans, cd)
	case o.r.mode == modeClean:
		if o.text == nil {
			// The output of a text: written once into storage of its size
			// or a little more, it is most of what clean allocates.
			o.text = new(make([]byte, 0, len(cd.Data)))
		}
		*o.text = o.clean.Append(*o.text, cd)
	case o.r.mode == modeLabel:
		err = writeLabels(&o.out.buf, o.prefix, cd)
	default:
		err = render.AnnotateLines(&o.out.buf, cd, o.r.e.stdoutTTY && o.r.rf.outDir == "")
	}
	if err == nil && o.out != nil {
		err = o.out.settle()
	}
	return err
}

// discard drops what was written of a document that failed, or what is
// no longer needed of one that is done.
func (o *docOutput) discard() {
	if o.text != nil && isRecord(o.d) {
		o.r.texts.Put(o.text)
	}
	o.text = nil
	if o.out != nil {
		o.out.close()
	}
}

// finish puts the output into res: res.out, and res.spill for label and
// annotate.
func (o *docOutput) finish() error {
	if o.out != nil {
		o.res.out, o.res.spill = o.out.buf.Bytes(), o.out
		return nil
	}
	c := &o.res.counts
	if o.d.Key != o.d.ID {
		c.Key = o.d.Key
	}
	c.Decoded = o.d.Decoded
	if overMaxDrop(c, o.r.rf.maxDrop) {
		c.Uncut = true
		c.Kept = c.NonBlank
	}
	if o.r.rf.mark {
		return o.finishMark()
	}
	if o.text == nil { // no window: an empty document
		o.text = new([]byte)
	}
	text := *o.text
	if c.Uncut {
		text = append(text[:0], o.data...) // a copy: the input's storage is not the output's
	}
	if !isRecord(o.d) {
		o.res.out = text
		return nil
	}
	defer o.discard()
	field := o.r.rf.textField
	if o.r.rf.outputField != "" {
		field = o.r.rf.outputField
	}
	// The text goes, escaped, into the record: room for the record as
	// read and its counts is most often enough.
	out, err := o.d.AppendFields(make([]byte, 0, len(o.d.Raw)+256), input.Field{Key: field, Value: input.StringBytes(text)}, input.Field{Key: statsField, Value: c})
	if err != nil {
		return err
	}
	o.res.out = append(out, '\n')
	return nil
}

// finishMark puts the --mark output into res.out: the spans of the noise
// lines, none for a document left uncut.
func (o *docOutput) finishMark() error {
	c := &o.res.counts
	spans := json.RawMessage("[]")
	if !c.Uncut && len(o.spans) > 0 {
		o.spans[0] = '['
		spans = append(o.spans, ']')
	}
	var out []byte
	var err error
	if o.d.Raw != nil {
		out, err = o.d.SetFields(input.Field{Key: spansField, Value: spans}, input.Field{Key: statsField, Value: c})
	} else {
		out, err = json.Marshal(markRecord{File: o.d.Source, Record: o.d.Record, ID: o.d.ID, URL: o.d.URL, Spans: spans, Chaff: c})
	}
	if err != nil {
		return err
	}
	o.res.out = append(out, '\n')
	return nil
}

// Fields chaff adds to JSONL records.
const (
	statsField = "chaff"       // {"lines":N,"kept":M,"dropped":{category:n},"uncut":true,"fallback":"best-block"}
	spansField = "chaff_spans" // [[start,end,category,score],...] with --mark
)

// markRecord is the --mark output for a document that is not a JSONL
// record.
type markRecord struct {
	File   string          `json:"file"`
	Record int             `json:"record"`
	ID     string          `json:"id,omitempty"`
	URL    string          `json:"url,omitempty"`
	Spans  json.RawMessage `json:"spans"`
	Chaff  *docCounts      `json:"chaff"`
}

// docName names a document for people: its file, and its record number
// and id when it is one record of a file.
func docName(d *input.Document) string {
	if !isRecord(d) {
		return d.Source
	}
	s := fmt.Sprintf("%s #%d", d.Source, d.Record)
	if d.ID != "" {
		s += " " + d.ID
	}
	return s
}

// labelPrefix is what starts every label line of d: the file, record (for
// records) and id (when known) of the document.
func labelPrefix(d *input.Document) ([]byte, error) {
	var prefix bytes.Buffer
	prefix.WriteString(`{"file":`)
	f, err := jsonString(d.Source)
	if err != nil {
		return nil, err
	}
	prefix.Write(f)
	if isRecord(d) {
		prefix.WriteString(`,"record":`)
		prefix.WriteString(strconv.Itoa(d.Record))
		if d.ID != "" {
			id, err := jsonString(d.ID)
			if err != nil {
				return nil, err
			}
			prefix.WriteString(`,"id":`)
			prefix.Write(id)
		}
	}
	prefix.WriteByte(',')
	return prefix.Bytes(), nil
}

// writeLabels writes one JSON object per line of cd, each starting with
// prefix (see labelPrefix).
func writeLabels(buf *bytes.Buffer, prefix []byte, cd *classify.Document) error {
	for i := range cd.Lines {
		line, err := json.Marshal(cd.Lines[i])
		if err != nil {
			return err
		}
		buf.Write(prefix)
		buf.Write(line[1:])
		buf.WriteByte('\n')
	}
	return nil
}

// jsonString encodes s as a JSON string without HTML escaping.
func jsonString(s string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// formatScore writes a score rounded to four decimals.
func formatScore(f float64) string { return strconv.FormatFloat(math.Round(f*1e4)/1e4, 'f', -1, 64) }
