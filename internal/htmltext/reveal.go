package htmltext

import (
	"unicode"

	"golang.org/x/net/html"
)

// A page can hide all its content until its scripts have run: a wrapper
// with visibility:hidden or the hidden attribute, shown once the styles
// or the data have loaded, against a flash of unstyled content. Read
// without scripts such a page is empty. revealed gives it its hidden
// text: when the page's visible text holds fewer than revealBelow letters
// and digits and the page read with its hidden elements shown holds at
// least revealFactor times as many, that reading is the page's.
const (
	revealBelow  = 100
	revealFactor = 4
)

// revealed returns w, the walk of doc, or the walk of doc with hidden
// elements shown when w is all but empty and that one is not (see
// revealBelow).
func revealed(doc *html.Node, w *walker) *walker {
	seen := letters(w.text)
	if seen >= revealBelow {
		return w
	}
	r := newWalker(false)
	r.showHidden = true
	r.walk(doc)
	if n := letters(r.text); n >= revealBelow && n >= revealFactor*seen {
		return r
	}
	return w
}

// letters counts the letters and digits of text, up to revealBelow ×
// revealFactor: no more are needed.
func letters(text []byte) int {
	n := 0
	for _, r := range string(text) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if n++; n >= revealBelow*revealFactor {
				break
			}
		}
	}
	return n
}
