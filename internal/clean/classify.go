package clean

import (
	"errors"
	"fmt"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/htmltext"
	"github.com/chaff-dev/chaff/internal/input"
)

// DefaultMaxLines is the default bound on the lines of a document
// (--max-lines, Options.MaxLines of the library). Memory does not grow
// with a document's lines (they are classified in windows), but time and
// the label output do: a document of 10 M short lines takes half a
// minute to clean and several to label (1 GB of labels). 32 M lets
// through a 20 MB file of empty lines (21 M) and bounds what one
// document can take; no web page comes near.
const DefaultMaxLines = 32_000_000

// IsRecord reports whether d is one record of a multi-document source (a
// JSONL line or a WARC record) rather than a whole file.
func IsRecord(d *input.Document) bool { return d.Record > 0 }

// Windows classifies d window by window, into doc, and calls fn with each
// window (see classify.Classifier.ClassifyWindows): as text, or, for HTML
// (or for every document with forceHTML), as a page in HTML mode.
func Windows(cl *classify.Classifier, d *input.Document, forceHTML bool, doc *classify.Document, fn func(*classify.Document) error) error {
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

// Whole classifies d whole, for the callers that need all its lines at
// once: into doc, in the storage of the lines it held before, with the
// fallback of its window (classify.Document.Fallback).
func Whole(cl *classify.Classifier, d *input.Document, forceHTML bool, doc *classify.Document) (*classify.Document, error) {
	doc.Lines, doc.Fallback = doc.Lines[:0], ""
	err := Windows(cl, d, forceHTML, new(classify.Document), func(w *classify.Document) error {
		doc.Data, doc.Lang, doc.HTML = w.Data, w.Lang, w.HTML
		if w.Fallback != "" {
			doc.Fallback = w.Fallback
		}
		doc.Lines = append(doc.Lines, w.Lines...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return doc, nil
}

// Text returns the lines of d that Whole would label, without labelling
// them: the body itself, or the text of the HTML page (maxTags as
// htmltext.Options.MaxTags).
func Text(d *input.Document, forceHTML bool, maxTags int) ([]byte, error) {
	if d.Format != input.HTML && !forceHTML {
		return d.Body, nil
	}
	page, err := htmltext.Extract(d.Body, d.ContentType, htmltext.Options{MaxTags: maxTags})
	if err != nil {
		return nil, htmlError(err)
	}
	return page.Text, nil
}

// htmlError is the error of a page that could not be read, naming the
// flag that raises the bound it broke, if any.
func htmlError(err error) error {
	if errors.Is(err, htmltext.ErrTooManyTags) {
		return fmt.Errorf("HTML: %w (see --max-tags)", err)
	}
	return fmt.Errorf("HTML: %w", err)
}
