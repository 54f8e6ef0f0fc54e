package htmltext

import (
	"bytes"
	"unicode"
)

// A page can hide its content until its scripts have run: a wrapper with
// visibility:hidden or the hidden attribute against a flash of unstyled
// content, or a shop's product block with display:none that a script
// shows once the prices have loaded. Read without scripts such a page is
// all hidden, or a menu bar and a footer. revealed shows it as its
// scripts would: when the page's visible lines hold fewer than
// revealBelow letters and digits, and its lines hidden and visible at
// least revealBelow and revealFactor times as many, no line is hidden.
// Over the 2,293 pages of the seven benchmark sets, 6 pages are read so,
// and each of them holds its truth only in its hidden elements.
const (
	revealBelow  = 1000
	revealFactor = 4
)

// revealed clears the InHidden flag of every line of a page that hides
// its content until its scripts run (see revealBelow).
func revealed(text []byte, lines []Block) {
	visible, all := 0, 0
	for i := range lines {
		end := bytes.IndexByte(text, '\n')
		if end < 0 {
			end = len(text)
		}
		n := letters(text[:end])
		if lines[i].Tags&InHidden == 0 {
			if visible += n; visible >= revealBelow {
				return
			}
		}
		all += n
		text = text[min(end+1, len(text)):]
	}
	if all < revealBelow || all < revealFactor*visible {
		return
	}
	for i := range lines {
		lines[i].Tags &^= InHidden
	}
}

// letters counts the letters and digits of text.
func letters(text []byte) int {
	n := 0
	for _, r := range string(text) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
