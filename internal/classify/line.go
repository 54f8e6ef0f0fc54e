package classify

import (
	"encoding/json"

	"github.com/chaff-dev/chaff/internal/label"
)

// Reason is one signal that weighed on a decision.
type Reason struct {
	Code   string  `json:"code"`   // short and stable, e.g. "lexicon:reading-time(fr)"
	Text   string  `json:"text"`   // readable phrase for people
	Weight float64 `json:"weight"` // contribution to the noise score; negative pulls towards keep
}

// Line is one line of a document with the decision taken for it.
type Line struct {
	Number  int    // 1-based
	Offset  int64  // byte offset of the first byte of Text in the document
	Text    []byte // the line's bytes, without terminator; a sub-slice of the input
	EOL     []byte // the terminator: "\n", "\r\n", "\r" or empty
	Label   label.Label
	Kind    label.Kind     // set when Label is Keep
	Cat     label.Category // set when Label is Drop
	Score   float64        // how sure the classifier is that the line is noise, in [0,1]
	Reasons []Reason       // strongest first
	Path    string         // in HTML mode, the block's DOM path, e.g. "body>div#main>p"
}

// Class returns the kind of a kept line, the category of a dropped one and
// "" for a blank one.
func (l *Line) Class() string {
	switch l.Label {
	case label.Keep:
		return string(l.Kind)
	case label.Drop:
		return string(l.Cat)
	}
	return ""
}

// lineJSON is the wire form of a Line used by MarshalJSON.
type lineJSON struct {
	Line    int            `json:"line"`
	Offset  int64          `json:"offset"`
	Label   label.Label    `json:"label"`
	Kind    label.Kind     `json:"kind,omitempty"`
	Cat     label.Category `json:"category,omitempty"`
	Score   float64        `json:"score"`
	Reasons []Reason       `json:"reasons,omitempty"`
	Path    string         `json:"path,omitempty"`
	Text    string         `json:"text"`
}

// MarshalJSON writes the line as one flat JSON object. Invalid UTF-8 in the
// text is replaced by U+FFFD there, as JSON requires; Offset still locates
// the exact bytes.
func (l Line) MarshalJSON() ([]byte, error) {
	return json.Marshal(lineJSON{l.Number, l.Offset, l.Label, l.Kind, l.Cat, l.Score, l.Reasons, l.Path, string(l.Text)})
}
