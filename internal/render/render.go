// Package render writes classified documents in chaff's three output forms:
// the cleaned text, one JSON object per line, and an annotated view for
// people.
package render

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/label"
)

// Policy chooses which kept lines clean writes.
type Policy struct {
	DropTitle bool // leave the title out of the cleaned text
}

// Kept reports whether clean writes line l under policy p.
func (p Policy) Kept(l *classify.Line) bool {
	return l.Label == label.Keep && !(p.DropTitle && l.Kind == label.Title)
}

// Clean writes the kept lines of doc, each with its own bytes and
// terminator. A run of blank or dropped lines that held at least one blank
// line between two kept lines becomes one empty line; nothing is written
// before the first kept line or after the last.
func Clean(w io.Writer, doc *classify.Document, p Policy) error {
	_, err := w.Write(AppendClean(nil, doc, p))
	return err
}

// AppendClean is Clean appending to dst, for a caller that writes many
// documents into storage of its own.
func AppendClean(dst []byte, doc *classify.Document, p Policy) []byte {
	c := Cleaner{Policy: p}
	return c.Append(dst, doc)
}

// Cleaner is Clean for a document that comes in parts, such as the
// windows of classify.Classifier.ClassifyWindows: it carries the blank
// lines between a part's last kept line and the next part's first, so
// that the parts give the text Clean gives of the whole. Use a new
// Cleaner, or the zero value with its Policy set, for each document.
type Cleaner struct {
	Policy Policy
	wrote  bool   // a kept line has been written
	gap    bool   // a blank line came after the last kept line
	gapEOL []byte // the terminator of the first such blank line
}

// Append appends the kept lines of part to dst, with the empty line of a
// gap before each that follows one, and returns the extended slice.
func (c *Cleaner) Append(dst []byte, part *classify.Document) []byte {
	wrote, gap, gapEOL := c.wrote, c.gap, c.gapEOL
	for i := range part.Lines {
		l := &part.Lines[i]
		switch {
		case c.Policy.Kept(l):
			if wrote && gap {
				dst = append(dst, gapEOL...)
			}
			dst = append(append(dst, l.Text...), l.EOL...)
			wrote, gap = true, false
		case l.Label == label.Blank:
			if !gap {
				gapEOL = l.EOL
				if len(gapEOL) == 0 {
					gapEOL = []byte{'\n'}
				}
			}
			gap = true
		}
	}
	c.wrote, c.gap, c.gapEOL = wrote, gap, gapEOL
	return dst
}

// record is one line of the label output.
type record struct {
	File string `json:"file"`
	classify.Line
}

// MarshalJSON puts the file name in front of the line's own fields.
func (r record) MarshalJSON() ([]byte, error) {
	line, err := json.Marshal(r.Line)
	if err != nil {
		return nil, err
	}
	name, _ := json.Marshal(r.File)
	out := make([]byte, 0, len(line)+len(name)+10)
	out = append(out, `{"file":`...)
	out = append(out, name...)
	out = append(out, ',')
	return append(out, line[1:]...), nil
}

// Labels writes one JSON object per line of doc: file, line, offset,
// label, kind or category, score, reasons and text.
func Labels(w io.Writer, file string, doc *classify.Document) error {
	bw := bufio.NewWriter(w)
	for i := range doc.Lines {
		b, err := json.Marshal(record{file, doc.Lines[i]})
		if err != nil {
			return err
		}
		bw.Write(b)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

const (
	reset = "\x1b[0m"
	green = "\x1b[32m"
	red   = "\x1b[31m"
	dim   = "\x1b[2m"
)

// Annotate writes a view for people: each line with its number, a marker
// (+ kept, - dropped, blank lines bare), its kind or category, its score
// and its text, then the first reason of a dropped line or of a line the
// fallback kept (see classify.Document.Fallback); colour only when color
// is set.
func Annotate(w io.Writer, file string, doc *classify.Document, color bool) error {
	if file != "" {
		if _, err := fmt.Fprintf(w, "==> %s <==\n", file); err != nil {
			return err
		}
	}
	return AnnotateLines(w, doc, color)
}

// AnnotateLines is Annotate without the file header, for a document that
// comes in parts (see Cleaner): each part's lines in turn.
func AnnotateLines(w io.Writer, doc *classify.Document, color bool) error {
	bw := bufio.NewWriter(w)
	for i := range doc.Lines {
		l := &doc.Lines[i]
		mark, col := " ", ""
		switch l.Label {
		case label.Keep:
			mark, col = "+", green
		case label.Drop:
			mark, col = "-", red
		}
		text := printable(l.Text)
		if color && col != "" {
			fmt.Fprintf(bw, "%s%4d %s %-14s %.2f%s │ %s%s%s", dim, l.Number, mark, l.Class(), l.Score, reset, col, text, reset)
		} else {
			fmt.Fprintf(bw, "%4d %s %-14s %.2f │ %s", l.Number, mark, l.Class(), l.Score, text)
		}
		if len(l.Reasons) > 0 && (l.Label == label.Drop || strings.HasPrefix(l.Reasons[0].Code, "fallback:")) {
			fmt.Fprintf(bw, "  [%s]", l.Reasons[0].Code)
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// printable makes a line safe to show on a terminal: control characters
// and invalid bytes are escaped, very long lines cut.
func printable(b []byte) string {
	const maxRunes = 160
	var sb strings.Builder
	n := 0
	for i := 0; i < len(b); {
		if n == maxRunes {
			sb.WriteString("…")
			break
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&sb, `\x%02x`, b[i])
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			fmt.Fprintf(&sb, `\x%02x`, r)
		default:
			sb.WriteRune(r)
		}
		i += size
		n++
	}
	return sb.String()
}
