package classify

import (
	"testing"

	"github.com/chaff-dev/chaff/internal/label"
)

// mkLines builds decided lines from (label, score, text) triples.
func mkLines(specs ...any) []Line {
	var ls []Line
	for i := 0; i+2 < len(specs); i += 3 {
		ls = append(ls, Line{Number: len(ls) + 1, Label: specs[i].(label.Label), Score: specs[i+1].(float64), Text: []byte(specs[i+2].(string))})
	}
	return ls
}

// titled makes the first line of ls the document's title.
func titled(ls []Line) []Line {
	ls[0].Kind = label.Title
	return ls
}

const twentyWords = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty"

func TestWordTokens(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
	}{
		{"", 0},
		{"   ", 0},
		{"— · —", 0},
		{"Hello, world!", 2},
		{"snake_case x2 3.14", 4},
		{"état, Straße", 2},
		{"東京で新しい駅が開業した。次の段落", 2},
		{"caf\xe9 au lait", 3},
	} {
		if got := wordTokens([]byte(tc.in)); got != tc.want {
			t.Errorf("wordTokens(%q) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

func TestBelowFloor(t *testing.T) {
	for _, tc := range []struct {
		name string
		ls   []Line
		want bool
	}{
		{"empty document", nil, false},
		{"all dropped, enough text", mkLines(label.Drop, 0.9, twentyWords), true},
		{"all dropped, too little text", mkLines(label.Drop, 0.9, "one two three", label.Drop, 0.9, "four five"), false},
		{"four words kept", mkLines(label.Keep, 0.1, "one two three four", label.Drop, 0.9, twentyWords), true},
		{"five words kept", mkLines(label.Keep, 0.1, "one two three four five", label.Drop, 0.9, twentyWords), false},
		{"five words kept, not a title", mkLines(label.Keep, 0.1, "A line of five words", label.Drop, 0.9, twentyWords), false},
		{"a kept title does not count", titled(mkLines(label.Keep, 0.1, "A title of five words", label.Drop, 0.9, twentyWords)), true},
		{"a title and five words", titled(mkLines(label.Keep, 0.1, "A title", label.Keep, 0.2, "one two three four five", label.Drop, 0.9, twentyWords)), false},
		{"blank lines count nothing", mkLines(label.Blank, 0.0, "   ", label.Drop, 0.9, twentyWords), true},
	} {
		if got := belowFloor(tc.ls); got != tc.want {
			t.Errorf("%s: belowFloor = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestBestBlock(t *testing.T) {
	for _, tc := range []struct {
		name   string
		ls     []Line
		lo, hi int
	}{
		{"nothing dropped with words", mkLines(label.Blank, 0.0, "", label.Drop, 0.99, "—"), -1, -1},
		{"one line", mkLines(label.Drop, 0.99, "a product description"), 0, 0},
		{
			"the least noisy run between menus",
			mkLines(
				label.Drop, 0.999999, "Home",
				label.Drop, 0.999999, "Shop",
				label.Drop, 0.95, "Teak bench with three seats",
				label.Blank, 0.0, "",
				label.Drop, 0.97, "Solid teak, oiled, seats three people comfortably.",
				label.Drop, 0.999999, "Privacy",
				label.Drop, 0.999999, "Terms",
			),
			2, 4,
		},
		{
			"a long line outweighs a slightly less noisy short one",
			mkLines(
				label.Drop, 0.9, "Sale",
				label.Drop, 0.9999999, "Menu item",
				label.Drop, 0.9999999, "Another menu item",
				label.Drop, 0.9999999, "Yet another menu",
				label.Drop, 0.99, twentyWords,
			),
			4, 4,
		},
		{
			"a noisy line inside a block is taken with it",
			mkLines(
				label.Drop, 0.999999, "Home",
				label.Drop, 0.95, twentyWords,
				label.Drop, 0.999, "Add to basket",
				label.Drop, 0.95, twentyWords,
				label.Drop, 0.999999, "Privacy",
			),
			1, 3,
		},
	} {
		if lo, hi := bestBlock(tc.ls); lo != tc.lo || hi != tc.hi {
			t.Errorf("%s: bestBlock = %d..%d, want %d..%d", tc.name, lo, hi, tc.lo, tc.hi)
		}
	}
}

func TestIsErrorPage(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"404 - Page not found", true},
		{"Error 404", true},
		{"Sorry, we couldn't find the page you were looking for.", true},
		{"Seite nicht gefunden", true},
		{"Página no encontrada", true},
		{"Page introuvable", true},
		{"Phone: 404-894-2000", false},
		{"4.5 out of 5 Stars. 404 reviews", false},
		{"Korean Very Positive (25,404)", false},
		{"The server answers 404 not found when the page is missing, and the client then retries with the canonical address given in the header.", false},
	} {
		ls := mkLines(label.Drop, 0.9, tc.line)
		if got := isErrorPage(ls); got != tc.want {
			t.Errorf("isErrorPage(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

// legal names lines idx of ls legal noise.
func legal(ls []Line, idx ...int) []Line {
	for _, i := range idx {
		ls[i].Cat = label.Legal
	}
	return ls
}

func TestIsConsentWall(t *testing.T) {
	for _, tc := range []struct {
		name string
		ls   []Line
		want bool
	}{
		{"no dropped line", mkLines(label.Keep, 0.1, twentyWords), false},
		{"nothing legal", mkLines(label.Drop, 0.9, twentyWords), false},
		{"half the words legal", legal(mkLines(label.Drop, 0.9, "one two three", label.Drop, 0.9, "four five six"), 0), true},
		{"less than half legal", legal(mkLines(label.Drop, 0.9, "one two", label.Drop, 0.9, "three four five"), 0), false},
		{"kept lines do not count", legal(mkLines(label.Drop, 0.9, "one two", label.Keep, 0.1, twentyWords), 0), true},
		{"half the words in less than half the lines", legal(mkLines(label.Drop, 0.9, twentyWords, label.Drop, 0.9, "Home", label.Drop, 0.9, "Deals"), 0), false},
		{"half the lines, less than half the words", legal(mkLines(label.Drop, 0.9, "Privacy", label.Drop, 0.9, "Terms", label.Drop, 0.9, twentyWords, label.Drop, 0.9, "Home"), 0, 1), false},
		{"half the lines and half the words", legal(mkLines(label.Drop, 0.9, "Accept all", label.Drop, 0.9, twentyWords, label.Drop, 0.9, "Home", label.Drop, 0.9, "Menu"), 0, 1), true},
	} {
		if got := isConsentWall(tc.ls); got != tc.want {
			t.Errorf("%s: isConsentWall = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestFallbackConsentWall checks that the floor spares a consent wall of
// which the model kept the headline, and gives back the best block of one
// of which it kept nothing, and of a page with the headline kept whose
// legal words are one long line among menus: the wall is told by the
// model's category, which can call a page it never learnt legal.
func TestFallbackConsentWall(t *testing.T) {
	wall := func(ls []Line) []Line {
		for i := range ls {
			if ls[i].Label == label.Drop {
				ls[i].Cat = label.Legal
			}
		}
		return ls
	}
	for _, tc := range []struct {
		name     string
		ls       []Line
		fallback string
		kept     int // lines kept once the floor has applied
	}{
		{"the headline kept", wall(titled(mkLines(label.Keep, 0.1, "Council adopts the budget", label.Drop, 0.9, twentyWords, label.Drop, 0.95, twentyWords))), "", 1},
		{"nothing kept", wall(mkLines(label.Drop, 0.6, "Council adopts the budget", label.Drop, 0.9, twentyWords, label.Drop, 0.95, twentyWords)), FallbackBestBlock, 3},
		{"an error page, nothing kept", wall(mkLines(label.Drop, 0.6, "Error 404: page not found", label.Drop, 0.9, twentyWords)), "", 0},
		{"the headline kept, one long legal line among menus", titled(legal(mkLines(label.Keep, 0.1, "Council adopts the budget", label.Drop, 0.9, twentyWords+" "+twentyWords, label.Drop, 0.999999, "Home", label.Drop, 0.999999, "News", label.Drop, 0.999999, "Sport"), 1)), FallbackBestBlock, 2},
	} {
		doc := &Document{Lines: tc.ls}
		(&Classifier{}).fallback(doc)
		if doc.Fallback != tc.fallback {
			t.Errorf("%s: Fallback %q, want %q", tc.name, doc.Fallback, tc.fallback)
		}
		kept := 0
		for _, l := range doc.Lines {
			if l.Label == label.Keep {
				kept++
			}
		}
		if kept != tc.kept {
			t.Errorf("%s: %d lines kept, want %d", tc.name, kept, tc.kept)
		}
	}
}
