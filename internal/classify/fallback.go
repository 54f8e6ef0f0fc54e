package classify

import (
	"math"
	"regexp"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/chaff-dev/chaff/internal/label"
)

// FallbackBestBlock is Document.Fallback when the floor gave back the best
// block of a document the model had emptied, and the code of the reason
// ("fallback:best-block") its lines carry.
const FallbackBestBlock = "best-block"

// The floor (see Classifier.fallback). A document whose kept lines, its
// title left out, hold fewer than floorKept word tokens while all its lines
// hold at least floorVisible is emptied by the model: its best block of
// lines comes back. The title does not count: a page of which the model
// keeps only its headline has lost its content all the same (8 pages of
// wcxb-dev came out so, leave-one-set-out). Both figures were chosen on
// the seven benchmark sets of ../shared/bench (chaff eval --folds 0): every page the models empty
// keeps 0 words; from 5 up the pages that fire are mostly pages with a
// short truth the model got partly right, and their F1 falls when a block
// is added; under 20 visible words a text dump holds no content to give
// back (wcxb-dev's broken dumps of 5 to 19 words).
const (
	floorKept    = 5
	floorVisible = 20
)

// blockMargin is how far, in log-odds of noise, a line may score above the
// document's least noisy line and still count towards the best block: e^8
// in odds. The HTML model scores the pages it empties at 0.9 to 0.9999,
// where probabilities say little and log-odds still tell a product
// description (logit 3 to 6) from a menu (logit 9 and more); among margins
// 4, 5, 6 and 8 it gave the best F1 on the rescued pages and per set.
const blockMargin = 8

// errorPage matches a short line that says its page is an error page (a
// soft 404): such a page is all noise, and stays empty.
var errorPage = regexp.MustCompile(`(?i)\b(error|fehler|erreur|errore|fout)\s*404\b|\b404\b.{0,24}\b(error|not found|page|fehler|introuvable|no encontrada|non trovata|niet gevonden|não encontrada)|\b(page|seite|página|pagina|site)\b.{0,16}\b(not found|nicht gefunden|no encontrada|introuvable|non trovata|niet gevonden|não encontrada)|(couldn't|could not|can't|cannot) find the page|cannot be found`)

// errorLineWords is the most word tokens of a line errorPage looks at: a
// heading or a one-sentence message, not prose that mentions an error.
const errorLineWords = 12

// fallback applies the floor to doc once all its lines are decided: when
// the model kept (almost) nothing of a document with visible text, the
// best block of lines (see bestBlock) is kept instead, its lines labelled
// keep/body with their category and score, and doc.Fallback says so. A
// page that calls itself an error page stays as the model left it, and so
// does a consent wall of which the model kept a line (the headline the
// wall hides). A wall of which the model kept nothing gets its best block
// like any page: the wall is told by the model's legal category, which on
// kinds of page it never learnt can be wrong (a shop's product list, a
// sports schedule, called legal), and an empty output loses the page for
// good. It reads only doc.Lines, and applies to documents of one window
// (see classifyPart).
func (c *Classifier) fallback(doc *Document) {
	if c.noFallback || !belowFloor(doc.Lines) || isErrorPage(doc.Lines) || isConsentWall(doc.Lines) && keptAny(doc.Lines) {
		return
	}
	lo, hi := bestBlock(doc.Lines)
	if lo < 0 {
		return
	}
	for i := lo; i <= hi; i++ {
		l := &doc.Lines[i]
		if l.Label != label.Drop {
			continue
		}
		l.Label, l.Kind = label.Keep, label.Body
		if c.reasons {
			l.Reasons = append([]Reason{{Code: "fallback:" + FallbackBestBlock, Text: "the model kept almost nothing of the document: its least noisy block is kept"}}, l.Reasons...)
		}
	}
	doc.Fallback = FallbackBestBlock
}

// belowFloor reports whether the kept lines of ls other than the title
// hold fewer than floorKept word tokens while all of them hold at least
// floorVisible.
func belowFloor(ls []Line) bool {
	kept, all := 0, 0
	for i := range ls {
		l := &ls[i]
		if l.Label == label.Blank {
			continue
		}
		n := wordTokens(l.Text)
		if l.Label == label.Keep && l.Kind != label.Title {
			if kept += n; kept >= floorKept {
				return false
			}
		}
		all += n
	}
	return all >= floorVisible
}

// keptAny reports whether a line of ls is kept.
func keptAny(ls []Line) bool {
	return slices.ContainsFunc(ls, func(l Line) bool { return l.Label == label.Keep })
}

// isErrorPage reports whether a short line of ls says the page is an
// error page.
func isErrorPage(ls []Line) bool {
	for i := range ls {
		l := &ls[i]
		if l.Label != label.Blank && wordTokens(l.Text) <= errorLineWords && errorPage.Match(l.Text) {
			return true
		}
	}
	return false
}

// isConsentWall reports whether at least half the dropped lines of ls,
// and at least half their words, are legal noise: a cookie or consent
// wall a scraper met in place of the page, whose text is not the page's
// content (in fixtures/de/de_cookie_wall only the headline it hides is
// kept; 23 of its 31 dropped lines are legal). Words alone do not make a
// wall: one run-on line of links the model calls legal can hold most of
// a shop's or a schedule's words (a dump of a furniture shop's category
// page, 957 of its 1,180 dropped words in 3 of its 111 dropped lines).
func isConsentWall(ls []Line) bool {
	legal, all, legalLines, lines := 0, 0, 0, 0
	for i := range ls {
		if l := &ls[i]; l.Label == label.Drop {
			n := wordTokens(l.Text)
			all += n
			lines++
			if l.Cat == label.Legal {
				legal += n
				legalLines++
			}
		}
	}
	return all > 0 && 2*legal >= all && 2*legalLines >= lines
}

// bestBlock returns the first and last index of the run of lines of ls
// with the greatest sum of (ref − logit(score)) × words over its lines
// with words, where ref is the lowest logit of a dropped line plus
// blockMargin: the longest stretch of the least noisy text, long lines
// weighing more. It returns -1, -1 when no dropped line has a word.
func bestBlock(ls []Line) (lo, hi int) {
	ref := math.Inf(1)
	for i := range ls {
		if l := &ls[i]; l.Label == label.Drop && wordTokens(l.Text) > 0 {
			ref = min(ref, logit(l.Score))
		}
	}
	if math.IsInf(ref, 1) {
		return -1, -1
	}
	ref += blockMargin
	best, sum, start := math.Inf(-1), 0.0, 0
	lo, hi = -1, -1
	for i := range ls {
		n := wordTokens(ls[i].Text)
		if ls[i].Label == label.Blank || n == 0 {
			continue
		}
		if sum <= 0 {
			sum, start = 0, i
		}
		sum += (ref - logit(ls[i].Score)) * float64(n)
		if sum > best {
			best, lo, hi = sum, start, i
		}
	}
	return lo, hi
}

// logit is the log-odds of p, p kept within [1e-6, 1−1e-6] so that a
// score of 0 or 1 stays finite.
func logit(p float64) float64 {
	p = min(max(p, 1e-6), 1-1e-6)
	return math.Log(p / (1 - p))
}

// wordTokens counts the word tokens of b the way the benchmark's metric
// does: maximal runs of letters, digits and underscores.
func wordTokens(b []byte) int {
	n, in := 0, false
	for len(b) > 0 {
		r, size := rune(b[0]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b)
		}
		b = b[size:]
		w := r == '_' || r < utf8.RuneSelf && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') || r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsNumber(r))
		if w && !in {
			n++
		}
		in = w
	}
	return n
}
