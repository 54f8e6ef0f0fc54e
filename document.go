package chaff

import (
	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/render"
)

// Document is a classified document: its lines, each with its decision.
type Document struct {
	Lang string // detected language ("en", "fr"...), "" when unknown
	// Fallback is "best-block" when the model dropped (almost) every line
	// of a document with visible text and its least noisy block of lines
	// was kept instead (see Options.NoFallback); "" otherwise.
	Fallback string
	Lines    []Line // one per line of the text (of an HTML page: per block)

	doc    *classify.Document
	policy render.Policy
}

// Line is one line of a document with the decision taken for it.
type Line struct {
	Number int    // 1-based
	Offset int64  // byte offset of Text in the document (of an HTML page: in its text)
	Text   []byte // the line's bytes, without terminator
	// Label is "keep", "drop" or "blank".
	Label string
	// Category is the noise category of a dropped line (see Categories)
	// or the kind of a kept one ("body", "heading", "title"); "" for a
	// blank line.
	Category string
	Score    float64 // how sure the model is that the line is noise, in [0,1]
	// Reasons are the codes of the signals that weighed on the decision,
	// strongest first, e.g. "lexicon:reading-time(fr)"; only with
	// Options.Explain.
	Reasons []string
}

// newDocument wraps a classified document.
func newDocument(cd *classify.Document, p render.Policy) *Document {
	d := &Document{Lang: cd.Lang, Fallback: cd.Fallback, Lines: make([]Line, len(cd.Lines)), doc: cd, policy: p}
	for i := range cd.Lines {
		l := &cd.Lines[i]
		d.Lines[i] = Line{Number: l.Number, Offset: l.Offset, Text: l.Text, Label: l.Label.String(), Category: l.Class(), Score: l.Score}
		for _, r := range l.Reasons {
			d.Lines[i].Reasons = append(d.Lines[i].Reasons, r.Code)
		}
	}
	return d
}

// Clean returns the kept lines of the document, each with its own bytes
// and line terminator, as `chaff clean` writes a text: a run of dropped
// or blank lines holding a blank line between two kept lines becomes one
// empty line, nothing is written before the first kept line or after the
// last. Under Options.DropTitle the title is left out.
func (d *Document) Clean() []byte {
	return render.AppendClean(nil, d.doc, d.policy)
}
