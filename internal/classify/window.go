package classify

import (
	"bytes"
	"fmt"

	"github.com/chaff-dev/chaff/internal/htmltext"
	"github.com/chaff-dev/chaff/internal/lines"
)

// A long document is classified in windows of lines, so that memory
// stays flat however many lines it has: each window labels WindowLines
// lines, its core, and measures WindowContext lines more on each side,
// its margins, so that the features of context (runs of short lines,
// the scores of the neighbours, distances to prose) see past the core's
// ends. A document of at most WindowLines+WindowContext lines is one
// window, classified exactly as a whole: every ordinary page is. The
// document-wide signals of a longer one (main text, title, vocabulary,
// relative position) are the window's.
const (
	// WindowLines is the number of lines a window labels. A window costs
	// 1 to 3 KB a line while it is classified, 10 to 30 MB with the
	// margins; the longest benchmark page has 693 lines.
	WindowLines = 8192
	// WindowContext is the number of lines a window measures on each
	// side of the lines it labels: far more than the widest context
	// feature looks (20 non-blank lines).
	WindowContext = 256
)

// TooManyLinesError is the error of ClassifyWindows and
// ClassifyPageWindows for a document with more lines than
// Config.MaxLines.
type TooManyLinesError struct {
	Max int // the bound, Config.MaxLines
}

// Error says the document passed the bound.
func (e *TooManyLinesError) Error() string {
	return fmt.Sprintf("classify: more than %d lines", e.Max)
}

// part is one window of a document: the lines it measures and the lines
// it labels.
type part struct {
	doc   []byte       // the whole document
	data  []byte       // the window's bytes: doc[base:], up to the end of its last line
	spans []lines.Span // the window's lines, in data
	base  int          // the offset of data in doc
	first int          // the index in the document of the window's first line
	lo    int          // spans[lo:hi] are the lines the window labels
	hi    int
	whole bool   // the window is the whole document
	lang  string // the document's language, for the accurate models
}

// window holds a document's windows one after the other: the spans of
// the window's lines in the document, then in the window (rel).
type window struct {
	sp    lines.Splitter
	spans []lines.Span
	rel   []lines.Span
	p     part
}

// ClassifyWindows labels every line of a text document as Classify does,
// window by window (see WindowLines), and calls fn with each window's
// lines, in order: their Number and Offset are the document's, Data is
// the whole document. Its memory depends on the window size, not on the
// number of lines. Each window is classified into doc, as ClassifyTo
// does (nil for a new Document): fn must be done with it, and with its
// lines, when it returns. The title of the document is looked for in the
// first window only. An error of fn stops the classification and is
// returned; so is a *TooManyLinesError, before any window, when
// Config.MaxLines is set and the document has more lines.
func (c *Classifier) ClassifyWindows(doc *Document, data []byte, fn func(*Document) error) error {
	if doc == nil {
		doc = new(Document)
	}
	titled := false
	return c.eachWindow(data, !c.fastText(), func(p *part) error {
		c.classifyPart(doc, p, nil, &titled)
		return fn(doc)
	})
}

// ClassifyPageWindows is ClassifyWindows for a page htmltext.Extract made
// (see ClassifyPage): the lines are its blocks, labelled in HTML mode.
func (c *Classifier) ClassifyPageWindows(doc *Document, page *htmltext.Page, fn func(*Document) error) error {
	if doc == nil {
		doc = new(Document)
	}
	titled := false
	return c.eachWindow(page.Text, true, func(p *part) error {
		c.classifyPart(doc, p, page, &titled)
		return fn(doc)
	})
}

// collect classifies every window of data into doc, which holds all the
// lines at the end: a document of one window is classified straight into
// doc's storage.
func (c *Classifier) collect(doc *Document, data []byte, page *htmltext.Page, lang bool) {
	var win *Document
	titled := false
	// No error to return: collect has no line bound and fn never fails.
	_ = c.eachWindow(data, lang, func(p *part) error {
		if p.whole {
			c.classifyPart(doc, p, page, &titled)
			return nil
		}
		if win == nil {
			win = new(Document)
			doc.reset(data, 0)
		}
		c.classifyPart(win, p, page, &titled)
		doc.Lines = append(doc.Lines, win.Lines...)
		doc.Lang, doc.HTML = win.Lang, win.HTML
		return nil
	})
}

// eachWindow cuts data into windows and calls fn with each, in order,
// with the document's language when lang is set.
func (c *Classifier) eachWindow(data []byte, lang bool, fn func(*part) error) error {
	w, _ := c.windows.Get().(*window)
	if w == nil {
		w = new(window)
	}
	defer func() {
		w.p, w.sp = part{}, lines.Splitter{} // not to hold the document
		c.windows.Put(w)
	}()
	w.sp = *lines.NewSplitter(data)
	w.spans = w.sp.Append(w.spans[:0], WindowLines+WindowContext)
	p := &w.p
	*p = part{doc: data}
	if lang {
		p.lang = c.env.Language(data)
	}
	if c.tooLong(data) {
		return &TooManyLinesError{Max: c.maxLines}
	}
	for {
		done := w.sp.Done()
		p.hi = len(w.spans)
		if !done {
			p.hi -= WindowContext
		}
		p.whole = p.first == 0 && done
		w.place()
		if err := fn(p); err != nil {
			return err
		}
		if done {
			return nil
		}
		// The last lines of this core and its margin after are the next
		// window's margin before.
		keep := p.hi - WindowContext
		p.first += keep
		n := copy(w.spans, w.spans[keep:])
		w.spans = w.sp.Append(w.spans[:n], WindowLines)
		p.lo = WindowContext
	}
}

// tooLong reports whether data has more lines than Config.MaxLines. The
// terminators bound the lines: only a document with as many as the bound
// has its lines counted.
func (c *Classifier) tooLong(data []byte) bool {
	if c.maxLines <= 0 || bytes.Count(data, []byte{'\n'})+bytes.Count(data, []byte{'\r'}) < c.maxLines {
		return false
	}
	sp := lines.NewSplitter(data)
	var buf [256]lines.Span
	for n := 0; !sp.Done(); {
		if n += len(sp.Append(buf[:0], len(buf))); n > c.maxLines {
			return true
		}
	}
	return false
}

// place sets the window's bytes and its spans in them.
func (w *window) place() {
	p := &w.p
	if len(w.spans) == 0 {
		p.data, p.spans, p.base = p.doc, w.spans, 0
		return
	}
	p.base = w.spans[0].Start
	end := w.spans[len(w.spans)-1].Next
	p.data = p.doc[p.base:end:end]
	if p.base == 0 {
		p.spans = w.spans
		return
	}
	w.rel = w.rel[:0]
	for _, s := range w.spans {
		w.rel = append(w.rel, lines.Span{Start: s.Start - p.base, End: s.End - p.base, Next: s.Next - p.base})
	}
	p.spans = w.rel
}
