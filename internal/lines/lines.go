// Package lines splits a document into lines without losing a byte.
//
// A line ends at LF, CRLF or a lone CR; the last line may have no
// terminator. Concatenating every line's text and terminator gives back the
// input exactly, whatever its encoding.
package lines

import "bytes"

// Span locates one line inside a document: Text is data[Start:End] and the
// terminator is data[End:Next] (empty for a last line without one).
type Span struct {
	Start, End, Next int
}

// Split returns the spans of every line of data. An empty input has no
// lines; an input ending with a terminator has no empty line after it.
func Split(data []byte) []Span {
	return AppendSpans(make([]Span, 0, 1+len(data)/48), data)
}

// AppendSpans appends the spans of every line of data to spans, as Split
// returns them, and returns the extended slice: a caller that splits many
// documents can reuse one slice.
func AppendSpans(spans []Span, data []byte) []Span {
	sp := NewSplitter(data)
	return sp.Append(spans, -1)
}

// Splitter cuts a document into lines a few at a time, for a caller that
// holds the spans of some lines only, however many the document has.
type Splitter struct {
	data  []byte
	start int // where the next line starts
	cr    int // the next CR at or after start, len(data) if none; -1 before the first search
}

// NewSplitter returns a Splitter at the first line of data.
func NewSplitter(data []byte) *Splitter { return &Splitter{data: data, cr: -1} }

// Done reports whether every line has been handed out.
func (sp *Splitter) Done() bool { return sp.start >= len(sp.data) }

// Append appends the spans of the next n lines of the document to spans
// (fewer at its end; all that are left for a negative n), as Split
// returns them, and returns the extended slice.
func (sp *Splitter) Append(spans []Span, n int) []Span {
	// Two vectorised searches beat a byte loop: the next LF bounds the
	// line, and the next CR, if it comes before, ends it sooner. Most
	// documents have no CR, or few: the next one is searched for once,
	// then again only once the lines have passed it, rather than once a
	// line.
	data, start, cr := sp.data, sp.start, sp.cr
	for ; start < len(data) && n != 0; n-- {
		end := len(data)
		if j := bytes.IndexByte(data[start:], '\n'); j >= 0 {
			end = start + j
		}
		if cr < start {
			cr = len(data)
			if k := bytes.IndexByte(data[start:], '\r'); k >= 0 {
				cr = start + k
			}
		}
		var s Span
		switch {
		case cr < end && cr+1 < len(data) && data[cr+1] == '\n':
			s = Span{start, cr, cr + 2}
		case cr < end:
			s = Span{start, cr, cr + 1}
		case end < len(data):
			s = Span{start, end, end + 1}
		default:
			s = Span{start, end, end}
		}
		spans = append(spans, s)
		start = s.Next
	}
	sp.start, sp.cr = start, cr
	return spans
}
