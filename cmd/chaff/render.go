package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/chaff-dev/chaff/classify"
	"github.com/chaff-dev/chaff/input"
	"github.com/chaff-dev/chaff/render"
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

// renderDoc writes the output of one classified document into a new
// buffer, res.out, and fills res.counts.
func (r *runner) renderDoc(d *input.Document, cd *classify.Document, res *result) error {
	if r.mode == modeClean {
		return r.renderClean(d, cd, res)
	}
	var buf bytes.Buffer
	switch r.mode {
	case modeLabel:
		res.shape = shapeJSONL
		res.counts = countLines(cd, r.policy.Kept)
		if err := writeLabels(&buf, d, cd); err != nil {
			return err
		}
	case modeAnnotate:
		res.shape = shapeText
		res.counts = countLines(cd, r.policy.Kept)
		if err := render.Annotate(&buf, docName(d), cd, r.e.stdoutTTY && r.rf.outDir == ""); err != nil {
			return err
		}
	}
	res.out = buf.Bytes()
	return nil
}

// renderClean writes the clean output of one document into res.out: its
// kept lines, or for records a JSON object, or with --mark the spans of
// the noise lines. The output is written once into storage of its size
// or a little more: it is most of what clean allocates.
func (r *runner) renderClean(d *input.Document, cd *classify.Document, res *result) error {
	res.counts = countLines(cd, r.policy.Kept)
	c := &res.counts
	if d.Key != d.ID {
		c.Key = d.Key
	}
	c.Decoded = d.Decoded
	if overMaxDrop(c, r.rf.maxDrop) {
		c.Uncut = true
		c.Kept = c.NonBlank
	}
	if r.rf.mark {
		res.shape = shapeJSONL
		spans := []span{}
		if !c.Uncut {
			spans = dropSpans(cd)
		}
		var out []byte
		var err error
		if d.Raw != nil {
			out, err = d.SetFields(input.Field{Key: spansField, Value: spans}, input.Field{Key: statsField, Value: c})
		} else {
			out, err = json.Marshal(markRecord{File: d.Source, Record: d.Record, ID: d.ID, URL: d.URL, Spans: spans, Chaff: c})
		}
		if err != nil {
			return err
		}
		res.out = append(out, '\n')
		return nil
	}
	if !isRecord(d) {
		res.shape = shapeText
		res.out = r.appendText(make([]byte, 0, len(cd.Data)), cd, c)
		return nil
	}
	res.shape = shapeJSONL
	field := r.rf.textField
	if r.rf.outputField != "" {
		field = r.rf.outputField
	}
	// The text goes into a buffer of the runner's, then, escaped, into
	// the record: room for the record as read and its counts is most
	// often enough.
	text, _ := r.texts.Get().(*[]byte)
	if text == nil {
		text = new([]byte)
	}
	defer r.texts.Put(text)
	*text = r.appendText((*text)[:0], cd, c)
	out, err := d.AppendFields(make([]byte, 0, len(d.Raw)+256), input.Field{Key: field, Value: input.StringBytes(*text)}, input.Field{Key: statsField, Value: c})
	if err != nil {
		return err
	}
	res.out = append(out, '\n')
	return nil
}

// appendText appends the text clean writes of cd: its kept lines, or all
// of it when it is left uncut.
func (r *runner) appendText(dst []byte, cd *classify.Document, c *docCounts) []byte {
	if c.Uncut {
		return append(dst, cd.Data...)
	}
	return render.AppendClean(dst, cd, r.policy)
}

// Fields chaff adds to JSONL records.
const (
	statsField = "chaff"       // {"lines":N,"kept":M,"dropped":{category:n},"uncut":true,"fallback":"best-block"}
	spansField = "chaff_spans" // [[start,end,category,score],...] with --mark
)

// markRecord is the --mark output for a document that is not a JSONL
// record.
type markRecord struct {
	File   string     `json:"file"`
	Record int        `json:"record"`
	ID     string     `json:"id,omitempty"`
	URL    string     `json:"url,omitempty"`
	Spans  []span     `json:"spans"`
	Chaff  *docCounts `json:"chaff"`
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

// writeLabels writes one JSON object per line of cd, each starting with
// the file, record (for records) and id (when known) of the document.
func writeLabels(buf *bytes.Buffer, d *input.Document, cd *classify.Document) error {
	var prefix bytes.Buffer
	prefix.WriteString(`{"file":`)
	f, err := jsonString(d.Source)
	if err != nil {
		return err
	}
	prefix.Write(f)
	if isRecord(d) {
		prefix.WriteString(`,"record":`)
		prefix.WriteString(strconv.Itoa(d.Record))
		if d.ID != "" {
			id, err := jsonString(d.ID)
			if err != nil {
				return err
			}
			prefix.WriteString(`,"id":`)
			prefix.Write(id)
		}
	}
	prefix.WriteByte(',')
	for i := range cd.Lines {
		line, err := json.Marshal(cd.Lines[i])
		if err != nil {
			return err
		}
		buf.Write(prefix.Bytes())
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
