package main

import (
	"fmt"

	"github.com/chaff-dev/chaff/classify"
	"github.com/chaff-dev/chaff/htmltext"
	"github.com/chaff-dev/chaff/input"
	"github.com/chaff-dev/chaff/label"
)

// classifyDocument classifies d: as text, into doc (see
// classify.Classifier.ClassifyTo), or, for HTML (or for every document
// with forceHTML), as a page in HTML mode, into a new document.
func classifyDocument(cl *classify.Classifier, d *input.Document, forceHTML bool, doc *classify.Document) (*classify.Document, error) {
	if d.Format != input.HTML && !forceHTML {
		cl.ClassifyTo(doc, d.Body)
		return doc, nil
	}
	doc, err := cl.ClassifyHTML(d.Body, d.ContentType)
	if err != nil {
		return nil, fmt.Errorf("HTML: %w", err)
	}
	return doc, nil
}

// documentText returns the lines of d that classifyDocument would label,
// without labelling them: the body itself, or the text of the HTML page.
func documentText(d *input.Document, forceHTML bool) ([]byte, error) {
	if d.Format != input.HTML && !forceHTML {
		return d.Body, nil
	}
	page, err := htmltext.Extract(d.Body, d.ContentType, htmltext.Options{})
	if err != nil {
		return nil, fmt.Errorf("HTML: %w", err)
	}
	return page.Text, nil
}

// docCounts are the line counts of one classified document.
type docCounts struct {
	Lines    int            `json:"lines"`   // all lines, blank ones included
	NonBlank int            `json:"-"`       // lines that are not blank
	Kept     int            `json:"kept"`    // non-blank lines in the output
	Dropped  map[string]int `json:"dropped"` // lines labelled drop, by category
	Uncut    bool           `json:"uncut,omitempty"`
	// Fallback names what kept the lines of a document the model emptied
	// (classify.Document.Fallback): "best-block".
	Fallback string `json:"fallback,omitempty"`
	// Key is the record's key in an id-keyed JSON document when the
	// record's own id field differs from it (else the key is the id).
	Key string `json:"key,omitempty"`
	// Decoded names the encoding the document was transcoded from to
	// UTF-8 ("utf-16le"), when it was.
	Decoded string `json:"decoded,omitempty"`
}

// droppedTotal is the number of lines labelled drop.
func (c *docCounts) droppedTotal() int {
	n := 0
	for _, v := range c.Dropped {
		n += v
	}
	return n
}

// countLines tallies doc's lines under the clean policy kept.
func countLines(doc *classify.Document, kept func(*classify.Line) bool) docCounts {
	c := docCounts{Lines: len(doc.Lines), Dropped: map[string]int{}, Fallback: doc.Fallback}
	for i := range doc.Lines {
		l := &doc.Lines[i]
		switch {
		case l.Label == label.Blank:
			continue
		case l.Label == label.Drop:
			c.Dropped[string(l.Cat)]++
		}
		c.NonBlank++
		if kept(l) {
			c.Kept++
		}
	}
	return c
}

// overMaxDrop reports whether the dropped lines of c are more than the
// share maxDrop of its non-blank lines. maxDrop ≥ 1 never fires.
func overMaxDrop(c *docCounts, maxDrop float64) bool {
	if maxDrop >= 1 || c.NonBlank == 0 {
		return false
	}
	return float64(c.droppedTotal()) > maxDrop*float64(c.NonBlank)
}

// span is one dropped line located in the classified text, written as the
// Dolma-style attribute [start, end, category, score]: Text[start:end] is
// the line without its terminator.
type span struct {
	Start, End int64
	Cat        string
	Score      float64
}

// MarshalJSON writes the span as a four-element array.
func (s span) MarshalJSON() ([]byte, error) {
	cat, err := jsonString(s.Cat)
	if err != nil {
		return nil, err
	}
	return fmt.Appendf(nil, "[%d,%d,%s,%s]", s.Start, s.End, cat, formatScore(s.Score)), nil
}

// dropSpans lists the dropped lines of doc.
func dropSpans(doc *classify.Document) []span {
	spans := []span{}
	for i := range doc.Lines {
		l := &doc.Lines[i]
		if l.Label == label.Drop {
			spans = append(spans, span{l.Offset, l.Offset + int64(len(l.Text)), string(l.Cat), l.Score})
		}
	}
	return spans
}
