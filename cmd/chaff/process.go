package main

import (
	"errors"
	"fmt"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/htmltext"
	"github.com/chaff-dev/chaff/internal/input"
	"github.com/chaff-dev/chaff/internal/label"
)

// classifyWindows classifies d window by window, into doc, and calls fn
// with each window (see classify.Classifier.ClassifyWindows): as text,
// or, for HTML (or for every document with forceHTML), as a page in HTML
// mode.
func classifyWindows(cl *classify.Classifier, d *input.Document, forceHTML bool, doc *classify.Document, fn func(*classify.Document) error) error {
	var err error
	if d.Format != input.HTML && !forceHTML {
		err = cl.ClassifyWindows(doc, d.Body, fn)
	} else {
		var page *htmltext.Page
		if page, err = htmltext.Extract(d.Body, d.ContentType, cl.HTMLOptions()); err != nil {
			return htmlError(err)
		}
		err = cl.ClassifyPageWindows(doc, page, fn)
	}
	if tm, ok := errors.AsType[*classify.TooManyLinesError](err); ok {
		return fmt.Errorf("more than %d lines: not classified (see --max-lines)", tm.Max)
	}
	return err
}

// classifyDocument classifies d whole, for the callers that need all its
// lines at once: into doc, in the storage of the lines it held before.
func classifyDocument(cl *classify.Classifier, d *input.Document, forceHTML bool, doc *classify.Document) (*classify.Document, error) {
	doc.Lines = doc.Lines[:0]
	err := classifyWindows(cl, d, forceHTML, new(classify.Document), func(w *classify.Document) error {
		doc.Data, doc.Lang, doc.HTML = w.Data, w.Lang, w.HTML
		doc.Lines = append(doc.Lines, w.Lines...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// documentText returns the lines of d that classifyDocument would label,
// without labelling them: the body itself, or the text of the HTML page.
func documentText(d *input.Document, forceHTML bool, maxTags int) ([]byte, error) {
	if d.Format != input.HTML && !forceHTML {
		return d.Body, nil
	}
	page, err := htmltext.Extract(d.Body, d.ContentType, htmltext.Options{MaxTags: maxTags})
	if err != nil {
		return nil, htmlError(err)
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

// add tallies the lines of doc, one window of a document, under the
// clean policy kept.
func (c *docCounts) add(doc *classify.Document, kept func(*classify.Line) bool) {
	c.Lines += len(doc.Lines)
	if doc.Fallback != "" {
		c.Fallback = doc.Fallback
	}
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

// appendDropSpans appends to dst the spans of the dropped lines of doc,
// one window of a document, in JSON, each after a comma: the elements of
// a JSON array past its "[".
func appendDropSpans(dst []byte, doc *classify.Document) ([]byte, error) {
	for i := range doc.Lines {
		l := &doc.Lines[i]
		if l.Label != label.Drop {
			continue
		}
		b, err := span{l.Offset, l.Offset + int64(len(l.Text)), string(l.Cat), l.Score}.MarshalJSON()
		if err != nil {
			return nil, err
		}
		dst = append(append(dst, ','), b...)
	}
	return dst, nil
}

// htmlError is the error of a page that could not be read, naming the
// flag that raises the bound it broke, if any.
func htmlError(err error) error {
	if errors.Is(err, htmltext.ErrTooManyTags) {
		return fmt.Errorf("HTML: %w (see --max-tags)", err)
	}
	return fmt.Errorf("HTML: %w", err)
}
