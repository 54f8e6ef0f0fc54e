// Package label holds chaff's taxonomy, as docs/labeling.md defines it: the
// three labels of a line, the kinds of kept lines and the categories of
// noise. It is a leaf: every other package may use it.
package label

// Label is the decision taken for one line.
type Label uint8

// The three labels of docs/labeling.md.
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

// Noise categories, as docs/labeling.md defines them.
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

// Categories lists every noise category in the order of docs/labeling.md.
func Categories() []Category {
	return []Category{MarketData, ScriptWarning, Teaser, Truncation, CallToAction,
		ReadingTime, Byline, Dateline, Media, Navigation, Social, Legal, Ad,
		SourceHeader, TitleRepeat, Repeated}
}
