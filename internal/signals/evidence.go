package signals

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/chaff-dev/chaff/internal/lexicon"
)

// Evidence is one reason to put a line in a noise category. Its code and
// text are formatted only when asked for: most lines are never explained.
type Evidence struct {
	Category string  // noise category, as in docs/labeling.md
	Strength float64 // how much it says, in [0,1]; 0.8 and above is decisive
	rule     string  // "shape:price-change", or "" for a lexicon match
	text     string  // the rule's readable phrase
	match    *lexicon.Match
	run      int // the length of the run, for context:menu-run
}

// Code is a short stable code: "lexicon:reading-time(fr)",
// "lexicon~:script-warning(en)" for a fuzzy match, "shape:price-change".
func (e *Evidence) Code() string {
	if e.match == nil {
		return e.rule
	}
	kind := "lexicon"
	if e.match.Fuzzy {
		kind = "lexicon~"
	}
	return kind + ":" + e.match.Category + "(" + e.match.Lang + ")"
}

// Text is a readable phrase.
func (e *Evidence) Text() string {
	switch {
	case e.match == nil && e.run > 0:
		return fmt.Sprintf(e.text, e.run)
	case e.match == nil:
		return e.text
	case e.match.Fuzzy:
		return fmt.Sprintf("resembles the %s phrase %q (similarity %.2f)", e.match.Category, e.match.Phrase, e.match.Similarity)
	}
	return fmt.Sprintf("matches the %s phrase %q", e.match.Category, e.match.Phrase)
}

// Decisive is the strength from which evidence decides on its own.
const Decisive = 0.8

// Best returns the strongest evidence, or nil.
func (l *Line) Best() *Evidence {
	if len(l.Evidence) == 0 {
		return nil
	}
	return &l.Evidence[0]
}

// gatherEvidence collects the evidence of line i from its lexicon matches,
// its shapes and its context, strongest first, into ev[:0] and returns it.
func gatherEvidence(d *Doc, i int, ev []Evidence) []Evidence {
	ev = ev[:0]
	l := &d.Lines[i]
	if l.Blank() {
		return ev
	}
	words := l.ReadWords()
	add := func(cat, code, text string, s float64) {
		ev = append(ev, Evidence{Category: cat, Strength: s, rule: code, text: text})
	}
	for k := range l.Lex {
		m := &l.Lex[k]
		s := lexStrength(l, m.Coverage)
		if m.Fuzzy {
			s *= m.Similarity
		}
		ev = append(ev, Evidence{Category: m.Category, Strength: s, match: m})
	}
	sh := l.Shape
	switch {
	case sh&Banner != 0 && (sh&URL != 0 || i == 0):
		add("source-header", "shape:banner", "framed by a crawler's banner", 0.95)
	case sh&Change != 0 && words <= 8:
		add("market-data", "shape:price-change", "a signed change with a percentage", 0.9)
	case sh&Numeric != 0 && l.Ctx.NumNear >= 1:
		add("market-data", "shape:quote", "a bare number beside other quotes", 0.9)
	case sh&Pair != 0 && words <= 4:
		add("market-data", "shape:currency-pair", "a currency or crypto pair", 0.85)
	}
	if sh&(Numeric|Change|Pair) == 0 && l.Short() && l.Ctx.NumNear >= 2 && l.Ctx.ShortRun >= 4 {
		add("market-data", "context:ticker-block", "a name inside a block of quotes", 0.85)
	}
	if sh&Bullet != 0 && sh&EndsDate != 0 && !l.prose {
		add("teaser", "shape:dated-link", "a list item ending with a date", 0.9)
	}
	if sh&Ellipsis != 0 && words <= 12 && !l.prose {
		add("truncation", "shape:cut-marker", "a cut marker outside a paragraph", 0.6)
	}
	if sh&Stars != 0 && words <= 12 {
		add("social", "shape:rating", "a rating in stars", 0.85)
	}
	if sh&Copyright != 0 && words <= 20 {
		add("legal", "shape:copyright", "a copyright sign", 0.85)
	}
	if sh&Date != 0 && words <= 8 && !l.prose && sh&Bullet == 0 {
		add("dateline", "shape:date", "a date standing alone", 0.6)
	}
	if l.Ctx.TitleRep {
		add("title-repeat", "context:title-repeat", "the headline again", 0.95)
	}
	if l.Ctx.ShortRun >= 5 && l.Ctx.Zone != Main && words <= 3 {
		ev = append(ev, Evidence{Category: "navigation", Strength: 0.5, rule: "context:menu-run", text: "one of %d short lines in a row", run: l.Ctx.ShortRun})
	}
	slices.SortStableFunc(ev, func(a, b Evidence) int { return cmp.Compare(b.Strength, a.Strength) })
	return ev
}

// lexStrength weighs a phrase match by how much of the line it covers: a
// phrase that is the whole line is decisive, one inside a long paragraph
// says little.
func lexStrength(l *Line, coverage float64) float64 {
	switch words := l.ReadWords(); {
	case coverage >= 0.5 || words <= 6:
		return 0.9
	case l.prose && words > 25:
		return 0.2 * coverage
	default:
		return 0.4 + 0.5*coverage
	}
}
