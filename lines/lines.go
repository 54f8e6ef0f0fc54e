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
	for start := 0; start < len(data); {
		s := Next(data, start)
		spans = append(spans, s)
		start = s.Next
	}
	return spans
}

// Next returns the span of the line that begins at start, which must be
// below len(data).
func Next(data []byte, start int) Span {
	// Two vectorised searches beat a byte loop: the first LF bounds the
	// line, and a CR before it, if any, ends it sooner.
	end := len(data)
	if j := bytes.IndexByte(data[start:], '\n'); j >= 0 {
		end = start + j
	}
	if k := bytes.IndexByte(data[start:end], '\r'); k >= 0 {
		i := start + k
		if i+1 < len(data) && data[i+1] == '\n' {
			return Span{start, i, i + 2}
		}
		return Span{start, i, i + 1}
	}
	if end < len(data) {
		return Span{start, end, end + 1}
	}
	return Span{start, end, end}
}
