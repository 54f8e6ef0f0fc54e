package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/clean"
	"github.com/chaff-dev/chaff/internal/input"
	"github.com/chaff-dev/chaff/internal/render"
)

// shape is the form of a document's output.
type shape int

const (
	shapeText  shape = iota // plain text (clean of a text or HTML file, annotate)
	shapeJSONL              // one JSON object per line
)

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
// clean output as they come (see clean.Doc), or the lines of label and
// annotate in a spill, which goes to a file past spillAt bytes, since
// they are ten to a hundred times the document's size for short lines.
type docOutput struct {
	r      *runner
	d      *input.Document
	res    *result
	doc    clean.Doc // clean
	out    *spill    // label, annotate
	prefix []byte    // label: the fields of the document that start each line
}

// newOutput starts the output of d into res.
func (r *runner) newOutput(d *input.Document, res *result) (*docOutput, error) {
	o := &docOutput{r: r, d: d, res: res}
	if r.mode == modeClean {
		res.shape = shapeText
		if r.rf.mark || clean.IsRecord(d) {
			res.shape = shapeJSONL
		}
		o.doc = r.cleaner.Start(d) // it counts the lines
		return o, nil
	}
	res.counts = clean.Stats{Dropped: map[string]int{}}
	switch {
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
	if o.r.mode == modeClean {
		return o.doc.Add(cd)
	}
	o.res.counts.Add(cd, o.r.policy.Kept)
	var err error
	if o.r.mode == modeLabel {
		err = writeLabels(&o.out.buf, o.prefix, cd)
	} else {
		err = render.AnnotateLines(&o.out.buf, cd, o.r.e.stdoutTTY && o.r.rf.outDir == "")
	}
	if err == nil {
		err = o.out.settle()
	}
	return err
}

// discard drops what was written of a document that failed, or what is
// no longer needed of one that is done.
func (o *docOutput) discard() {
	if o.r.mode == modeClean {
		o.doc.Discard()
	}
	if o.out != nil {
		o.out.close()
	}
}

// finish puts the output into res: res.out and its counts, and res.spill
// for label and annotate.
func (o *docOutput) finish() error {
	if o.out != nil {
		o.res.out, o.res.spill = o.out.buf.Bytes(), o.out
		return nil
	}
	out, err := o.doc.Finish(nil)
	o.res.counts = *o.doc.Stats()
	if err != nil {
		return err
	}
	o.res.out = out
	return nil
}

// docName names a document for people: its file, and its record number
// and id when it is one record of a file.
func docName(d *input.Document) string {
	if !clean.IsRecord(d) {
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
	f, err := clean.JSONString(d.Source)
	if err != nil {
		return nil, err
	}
	prefix.Write(f)
	if clean.IsRecord(d) {
		prefix.WriteString(`,"record":`)
		prefix.WriteString(strconv.Itoa(d.Record))
		if d.ID != "" {
			id, err := clean.JSONString(d.ID)
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
