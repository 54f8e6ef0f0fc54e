package clean

import (
	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/label"
)

// Fields chaff adds to JSONL records.
const (
	StatsField = "chaff"       // {"lines":N,"kept":M,"dropped":{category:n},"uncut":true,"fallback":"best-block"}
	SpansField = "chaff_spans" // [[start,end,category,score],...] with Mark
)

// Stats are the line counts of one cleaned document, written as its
// "chaff" field.
type Stats struct {
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

// DroppedTotal is the number of lines labelled drop.
func (c *Stats) DroppedTotal() int {
	n := 0
	for _, v := range c.Dropped {
		n += v
	}
	return n
}

// Add tallies the lines of doc, one window of a document, under the clean
// policy kept.
func (c *Stats) Add(doc *classify.Document, kept func(*classify.Line) bool) {
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
func (c *Stats) overMaxDrop(maxDrop float64) bool {
	if maxDrop >= 1 || c.NonBlank == 0 {
		return false
	}
	return float64(c.DroppedTotal()) > maxDrop*float64(c.NonBlank)
}
