// Package variants rewrites a labelled document as other scrapers would
// have dumped the same page, each line keeping its label: without blank
// lines, with a blank line after every line, or hard-wrapped at a width.
//
// The benchmark's text dumps all come from one tool, which puts blank
// lines around blocks and never wraps. A model trained on them alone
// learns that layout: on the same pages without blank lines it loses a
// quarter of the article, and on pages wrapped at 78 columns most of it.
// Training on these variants as well teaches it what does not depend on
// the layout. They are training data only: their bytes are made, not read.
package variants

import (
	"bytes"
	"unicode/utf8"

	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/lines"
)

// NoBlank returns d without its blank lines, as a scraper that joins
// blocks with a single line break dumps a page.
func NoBlank(d *gold.Doc) *gold.Doc {
	out := &gold.Doc{Name: d.Name + "#no-blank"}
	for k, s := range lines.Split(d.Data) {
		if d.Rows[k].Label != label.Blank {
			out.Data = append(append(out.Data, d.Data[s.Start:s.End]...), '\n')
			out.Rows = append(out.Rows, d.Rows[k])
		}
	}
	return out
}

// Spaced returns d with one blank line after every other line and no
// other blank line, as a scraper that joins every block with an empty
// line dumps a page.
func Spaced(d *gold.Doc) *gold.Doc {
	out := &gold.Doc{Name: d.Name + "#spaced"}
	blank := gold.Row{Label: label.Blank, Class: gold.Unknown}
	for k, s := range lines.Split(d.Data) {
		if d.Rows[k].Label != label.Blank {
			out.Data = append(append(out.Data, d.Data[s.Start:s.End]...), '\n', '\n')
			out.Rows = append(out.Rows, d.Rows[k], blank)
		}
	}
	return out
}

// Wrapped returns d with every line longer than width runes broken at
// its last space within width (or, past a longer word, at the first
// space after it), again and again, as text browsers and mail tools dump
// pages; each piece keeps the label of its line.
func Wrapped(d *gold.Doc, width int) *gold.Doc {
	out := &gold.Doc{Name: d.Name + "#wrapped"}
	for k, s := range lines.Split(d.Data) {
		text := d.Data[s.Start:s.End]
		for {
			cut := breakAt(text, width)
			if cut < 0 {
				break
			}
			out.Data = append(append(out.Data, text[:cut]...), '\n')
			out.Rows = append(out.Rows, d.Rows[k])
			text = text[cut+1:]
		}
		out.Data = append(append(out.Data, text...), '\n')
		out.Rows = append(out.Rows, d.Rows[k])
	}
	return out
}

// breakAt returns where to break text when it is longer than width
// runes: its last space within the first width+1 runes, or else its first
// space after them; -1 when it stays whole. A space at index 0 is not a
// break: it would leave an empty piece.
func breakAt(text []byte, width int) int {
	i := 0
	for range width {
		if i == len(text) {
			return -1
		}
		_, n := utf8.DecodeRune(text[i:])
		i += n
	}
	if i == len(text) {
		return -1
	}
	_, n := utf8.DecodeRune(text[i:])
	if cut := bytes.LastIndexByte(text[:i+n], ' '); cut > 0 {
		return cut
	}
	if cut := bytes.IndexByte(text[i+n:], ' '); cut >= 0 {
		return i + n + cut
	}
	return -1
}

// TrainWidth is the width the training variants wrap at: html2text's,
// between the 72 of mail and the 80 of text browsers.
const TrainWidth = 78

// Layouts is how many layouts Nth rewrites a document in.
const Layouts = 3

// Nth returns d in layout n of Layouts (n modulo Layouts): without blank
// lines, spaced, or wrapped at TrainWidth.
func Nth(d *gold.Doc, n int) *gold.Doc {
	switch n % Layouts {
	case 0:
		return NoBlank(d)
	case 1:
		return Spaced(d)
	}
	return Wrapped(d, TrainWidth)
}
