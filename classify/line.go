package classify

import "encoding/json"

// Label is the decision taken for one line.
type Label uint8

// The three labels of LABELING.md.
const (
	Keep  Label = iota // part of the article
	Drop               // noise, removed by clean
	Blank              // empty or white space only
)

var labelNames = [...]string{Keep: "keep", Drop: "drop", Blank: "blank"}

// String returns keep, drop or blank.
func (l Label) String() string {
	if int(l) < len(labelNames) {
		return labelNames[l]
	}
	return "invalid"
}

// ParseLabel is the inverse of Label.String.
func ParseLabel(s string) (Label, bool) {
	for i, n := range labelNames {
		if n == s {
			return Label(i), true
		}
	}
	return 0, false
}

// MarshalText writes the label's name, so JSON carries "keep", not 0.
func (l Label) MarshalText() ([]byte, error) { return []byte(l.String()), nil }

// Kind says what a kept line is.
type Kind string

// Kinds of kept lines.
const (
	Title   Kind = "title"   // first occurrence of the headline
	Heading Kind = "heading" // sub-heading inside the body
	Body    Kind = "body"    // paragraph, standfirst, quote, list item
)

// Category says what kind of noise a dropped line is.
type Category string

// Noise categories, as LABELING.md defines them.
const (
	MarketData    Category = "market-data"
	ScriptWarning Category = "script-warning"
	Teaser        Category = "teaser"
	Truncation    Category = "truncation"
	CallToAction  Category = "call-to-action"
	ReadingTime   Category = "reading-time"
	Byline        Category = "byline"
	Dateline      Category = "dateline"
	Media         Category = "media"
	Navigation    Category = "navigation"
	Social        Category = "social"
	Legal         Category = "legal"
	Ad            Category = "ad"
	SourceHeader  Category = "source-header"
	TitleRepeat   Category = "title-repeat"
	Repeated      Category = "repeated"
)

// Categories lists every noise category in the order of LABELING.md.
func Categories() []Category {
	return []Category{MarketData, ScriptWarning, Teaser, Truncation, CallToAction,
		ReadingTime, Byline, Dateline, Media, Navigation, Social, Legal, Ad,
		SourceHeader, TitleRepeat, Repeated}
}

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
	Label   Label
	Kind    Kind     // set when Label is Keep
	Cat     Category // set when Label is Drop
	Score   float64  // how sure the classifier is that the line is noise, in [0,1]
	Reasons []Reason // strongest first
}

// Class returns the kind of a kept line, the category of a dropped one and
// "" for a blank one.
func (l *Line) Class() string {
	switch l.Label {
	case Keep:
		return string(l.Kind)
	case Drop:
		return string(l.Cat)
	}
	return ""
}

// lineJSON is the wire form of a Line used by MarshalJSON.
type lineJSON struct {
	Line    int      `json:"line"`
	Offset  int64    `json:"offset"`
	Label   Label    `json:"label"`
	Kind    Kind     `json:"kind,omitempty"`
	Cat     Category `json:"category,omitempty"`
	Score   float64  `json:"score"`
	Reasons []Reason `json:"reasons,omitempty"`
	Text    string   `json:"text"`
}

// MarshalJSON writes the line as one flat JSON object. Invalid UTF-8 in the
// text is replaced by U+FFFD there, as JSON requires; Offset still locates
// the exact bytes.
func (l Line) MarshalJSON() ([]byte, error) {
	return json.Marshal(lineJSON{l.Number, l.Offset, l.Label, l.Kind, l.Cat, l.Score, l.Reasons, string(l.Text)})
}
