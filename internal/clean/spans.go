package clean

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/label"
)

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
	cat, err := JSONString(s.Cat)
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

// JSONString encodes s as a JSON string without HTML escaping.
func JSONString(s string) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

// formatScore writes a score rounded to four decimals.
func formatScore(f float64) string { return strconv.FormatFloat(math.Round(f*1e4)/1e4, 'f', -1, 64) }
