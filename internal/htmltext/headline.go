package htmltext

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The headline is the line of the page that its own title names: the
// page declares its title for browsers and link previews (<title>,
// og:title, twitter:title), usually as the headline followed or preceded
// by the site's name ("Headline | Site", "Site - Headline"), and prints
// the headline once more above the content, most often as its <h1>.
// Finding it from the page's own declarations holds in every language and
// on every kind of page, where the headline's position and shape do not.

// titleSeparators split a declared title into the headline and the
// site's name. A hyphen separates only between spaces: "e-mail" is a word.
var titleSeparators = []string{" | ", "|", " - ", " – ", " — ", " :: ", " » ", " · ", " • ", "_", " / ", " : "}

// readMeta reads meta element n's property: og:type names the page's
// kind, og:title and twitter:title its title, the first four in all.
func (w *walker) readMeta(n *html.Node) {
	if n.DataAtom != atom.Meta {
		return
	}
	switch prop, content := metaProperty(n); prop {
	case "og:type":
		w.kinds |= ogKinds(content)
	case "og:title", "twitter:title":
		if c := collapse(content); c != "" && len(w.declared) < 4 {
			w.declared = append(w.declared, c)
		}
	}
}

// findHeadline returns the index of the line of text (one per block of
// lines) that the declared titles name, or -1. In order of preference:
// the first heading that one of them, or its headline part, names (see
// namesLine); the first <h1> that shares at least half its words, and two
// or more, with one of them (a title written for search engines rewords
// the headline: "7 Major Diet Trends for 2025" over "The 7 Biggest Diet
// and Nutrition Trends in 2025"); the first line outside links that is
// one of them exactly.
func findHeadline(text []byte, lines []Block, declared []string) int {
	var cands []string
	for _, t := range declared {
		cands = appendTitleParts(cands, t)
	}
	if len(cands) == 0 {
		return -1
	}
	shortest, longest := len(cands[0]), 0
	for _, c := range cands {
		shortest, longest = min(shortest, len(c)), max(longest, len(c))
	}
	reworded, exact := -1, -1
	var buf []byte
	for i, start := 0, 0; i < len(lines); i++ {
		end := bytes.IndexByte(text[start:], '\n')
		if end < 0 {
			end = len(text) - start
		}
		line := text[start : start+end]
		start += end + 1
		level := lines[i].Tags.HeadingLevel()
		if level == 0 {
			// Only an exact match counts: a line far shorter or longer
			// than every title cannot be one, whatever its punctuation.
			if exact >= 0 || lines[i].LinkDensity >= 0.5 || 2*len(line) < shortest || len(line) > 2*longest+32 {
				continue
			}
			buf = normalise(buf[:0], line)
			for _, c := range cands {
				if c == string(buf) && utf8.RuneCount(buf) >= 2 {
					exact = i
					break
				}
			}
			continue
		}
		buf = normalise(buf[:0], line)
		if utf8.RuneCount(buf) < 2 {
			continue
		}
		l := string(buf)
		for _, c := range cands {
			if namesLine(c, l) {
				return i
			}
			if level == 1 && reworded < 0 && sharesWords(c, l) {
				reworded = i
			}
		}
	}
	if reworded >= 0 {
		return reworded
	}
	return exact
}

// sharesWords reports whether at least half the words of the line l, and
// two or more, are words of the title t, both normalised.
func sharesWords(t, l string) bool {
	words := strings.Fields(l)
	in := strings.Fields(t)
	n := 0
	for _, w := range words {
		if slices.Contains(in, w) {
			n++
		}
	}
	return n >= 2 && 2*n >= len(words)
}

// appendTitleParts appends title, normalised, to dst, and when
// separators split it, its longest part: the headline, where the other
// parts name the site or its section. A site's name is left out because
// its logo is often a heading too. Empty and repeated ones are left out.
func appendTitleParts(dst []string, title string) []string {
	add := func(s string) {
		s = string(normalise(nil, []byte(s)))
		if s != "" && !slices.Contains(dst, s) {
			dst = append(dst, s)
		}
	}
	add(title)
	if part := longestPart(title); len(part) < len(title) {
		add(part)
	}
	return dst
}

// longestPart returns the longest part, in runes, of title between
// titleSeparators, or title itself when none splits it.
func longestPart(title string) string {
	best, bestRunes := "", -1
	from := 0
	for i := 0; i <= len(title); {
		n := 0
		if i < len(title) {
			for _, sep := range titleSeparators {
				if strings.HasPrefix(title[i:], sep) {
					n = len(sep)
					break
				}
			}
		}
		if n == 0 && i < len(title) {
			i++
			continue
		}
		if r := utf8.RuneCountInString(title[from:i]); r > bestRunes {
			best, bestRunes = title[from:i], r
		}
		i += max(n, 1)
		from = i
	}
	return best
}

// namesLine reports whether the declared title (or part of one) t names
// the heading line l, both normalised: they are equal, or one holds the
// other and the shorter is at least half the longer, in runes. Half
// accepts a headline whose title adds a short kicker or a truncation, and
// refuses a section heading ("World") that a long title mentions.
func namesLine(t, l string) bool {
	if t == l {
		return true
	}
	short, long := l, t
	if len(short) > len(long) {
		short, long = long, short
	}
	return strings.Contains(long, short) && 2*utf8.RuneCountInString(short) >= utf8.RuneCountInString(long)
}

// normalise appends s to dst lower-cased, with every run of characters
// other than letters and digits turned into one space and none at either
// end, so that punctuation, quotes and spacing do not tell a headline from
// its title.
func normalise(dst, s []byte) []byte {
	space := false
	for len(s) > 0 {
		r, size := utf8.DecodeRune(s)
		s = s[size:]
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			space = true
			continue
		}
		if space && len(dst) > 0 {
			dst = append(dst, ' ')
		}
		space = false
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}
