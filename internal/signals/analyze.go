package signals

import (
	"github.com/chaff-dev/chaff/internal/lang"
	"github.com/chaff-dev/chaff/internal/lexicon"
	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/textnorm"
)

// Env holds the read-only resources signals are measured with. One Env
// may serve any number of goroutines.
type Env struct {
	Lexicon *lexicon.Lexicon
	Lang    *lang.Detector
}

// Line is everything measured of one line.
type Line struct {
	Stats
	Shape    Shape
	Lex      []lexicon.Match // phrase matches, in the order found
	Ctx      Context
	Evidence []Evidence // category evidence, strongest first
	prose    bool
	blank    bool
}

// Blank reports whether the line holds only white space (lines.IsBlank
// over the whole line, not only the measured part).
func (l *Line) Blank() bool { return l.blank }

// IsProse reports whether the line reads like running text.
func (l *Line) IsProse() bool { return l.prose }

// Doc is a measured document.
type Doc struct {
	Data      []byte
	Spans     []lines.Span
	Lines     []Line
	Lang      string // detected language, "" when unknown
	Title     int    // index of the title line, -1 if none
	MainStart int    // first line of the main text, -1 if none
	MainEnd   int    // last line of the main text, -1 if none
}

// Text returns the bytes of line i.
func (d *Doc) Text(i int) []byte { s := d.Spans[i]; return d.Data[s.Start:s.End] }

// langSample is how much of a document language detection reads.
const langSample = 16 << 10

// Analyze measures every line of data. spans must be lines.Split(data).
func Analyze(env *Env, data []byte, spans []lines.Span) *Doc {
	return AnalyzeIn(env, data, spans, env.Language(data))
}

// Language detects the language of a document from its first bytes: ""
// when unknown or without a detector.
func (env *Env) Language(data []byte) string {
	if env.Lang == nil {
		return ""
	}
	sample := data
	if len(sample) > langSample {
		sample = sample[:langSample]
	}
	lang, _ := env.Lang.Detect(sample)
	return lang
}

// AnalyzeIn is Analyze for a document, or a part of one, whose language
// is known: lang, as Language detects it. spans must be lines.Split(data).
func AnalyzeIn(env *Env, data []byte, spans []lines.Span, lang string) *Doc {
	return AnalyzeTitled(env, data, spans, lang, -1)
}

// AnalyzeTitled is AnalyzeIn for a document whose title line is known:
// when title is the index of a non-blank line, that line is the title
// (Doc.Title, Context.IsTitle) instead of the one the text's shape would
// suggest. An HTML page knows its headline from its own declarations
// (htmltext.Page.Headline); a text dump does not, and passes -1.
func AnalyzeTitled(env *Env, data []byte, spans []lines.Span, lang string, title int) *Doc {
	d := &Doc{Data: data, Spans: spans, Lines: make([]Line, len(spans)), Title: -1, Lang: lang}
	var stop StopSet
	if env.Lang != nil {
		if s := env.Lang.Stopwords(d.Lang); s != nil {
			stop = s
		}
	}
	var words textnorm.Line
	lw := newLineWords(len(spans))
	var lex []lexicon.Match
	var lexSlab slab[lexicon.Match]
	for i, s := range spans {
		l := &d.Lines[i]
		text := data[s.Start:s.End]
		l.Stats = Measure(text, stop, &words)
		l.blank = lines.IsBlank(text)
		lw.add(&words, l.blank, stop)
		if l.blank {
			continue
		}
		l.Shape = Find(text, &l.Stats)
		l.prose = l.Prose(stop != nil) && l.Shape&(Banner|URL) == 0
		if env.Lexicon != nil && len(text) <= MaxScan {
			lex = env.Lexicon.MatchLine(&words, lex[:0])
			l.Lex = lexSlab.keep(lex)
		}
	}
	fillContext(d)
	findTitle(d, lw.keys, title)
	vocabulary(d, lw)
	var ev []Evidence
	var evSlab slab[Evidence]
	for i := range d.Lines {
		ev = gatherEvidence(d, i, ev)
		d.Lines[i].Evidence = evSlab.keep(ev)
	}
	return d
}

// slab hands out the per-line slices of one document from a few
// allocations, each twice the size of the one before, rather than one or
// more per line.
type slab[T any] struct{ free []T }

// keep returns a copy of s that later calls do not overwrite, or nil when
// s is empty.
func (sl *slab[T]) keep(s []T) []T {
	if len(s) == 0 {
		return nil
	}
	if cap(sl.free)-len(sl.free) < len(s) {
		sl.free = make([]T, 0, max(len(s), 2*cap(sl.free), 8))
	}
	n := len(sl.free)
	sl.free = append(sl.free, s...)
	return sl.free[n:len(sl.free):len(sl.free)]
}

// titleSearch is how many non-blank lines from the top the title is
// looked for in when the document has no main text.
const titleSearch = 40

// findTitle picks the headline among the headline-shaped lines above the
// first paragraph (of the main text, if none was found above any
// paragraph) that no phrase claims and that do not sit inside a menu:
// the first one the document repeats further down (scrapers often print
// the headline twice), else the first one; or known, the index of a
// non-blank line, when it is one. Later copies are marked TitleRep, and
// AfterRep counts the lines since the first copy.
func findTitle(d *Doc, keys []uint64, known int) {
	if known >= 0 && known < len(d.Lines) && !d.Lines[known].Blank() {
		markTitle(d, keys, known)
		return
	}
	var cands []int
	for i, seen := 0, 0; i < len(d.Lines); i++ {
		l := &d.Lines[i]
		if l.Blank() {
			continue
		}
		seen++
		if l.prose && (i >= d.MainStart || len(cands) > 0) || d.MainStart < 0 && seen > titleSearch {
			break
		}
		if headlineShaped(l) && len(l.Lex) == 0 && !insideMenu(d, l) {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		return
	}
	first := cands[0]
	for _, c := range cands {
		if len(repeats(d, keys, c)) > 0 {
			first = c
			break
		}
	}
	markTitle(d, keys, first)
}

// markTitle makes line first the document's title, marks its later
// copies TitleRep and counts AfterRep from the first copy.
func markTitle(d *Doc, keys []uint64, first int) {
	d.Title = first
	d.Lines[first].Ctx.IsTitle = true
	for _, i := range repeats(d, keys, first) {
		d.Lines[i].Ctx.TitleRep = true
	}
	// Scraped pages print the headline in <title> and again above the
	// article: what follows the first repeat is where articles start.
	n := 0
	for i := first + 1; i < len(d.Lines); i++ {
		if n > 0 && !d.Lines[i].Blank() {
			n = min(n+1, MaxDist)
			d.Lines[i].Ctx.AfterRep = n
		}
		if n == 0 && d.Lines[i].Ctx.TitleRep {
			n = 1
		}
	}
}

// repeats returns the later lines that say the same words as line t.
func repeats(d *Doc, keys []uint64, t int) []int {
	var out []int
	for i := t + 1; i < len(d.Lines); i++ {
		if !d.Lines[i].Blank() && keys[i] == keys[t] {
			out = append(out, i)
		}
	}
	return out
}

// insideMenu reports whether l is a menu-sized line between a short line
// and a run of short lines.
func insideMenu(d *Doc, l *Line) bool {
	p, n := l.Ctx.Prev, l.Ctx.Next
	return l.Runes < 30 && p >= 0 && n >= 0 && d.Lines[p].Short() && d.Lines[n].Ctx.ShortRun >= 3
}

// headlineShaped reports whether a line could be a headline: a few words
// (as a reader counts them, Stats.ReadWords), mostly letters, no full stop
// at the end, not a list item or a number.
func headlineShaped(l *Line) bool {
	words := l.ReadWords()
	if words < 3 || words > 30 || l.Letters*3 < l.Runes*2 {
		return false
	}
	if l.Last == '.' || l.Last == '。' || l.Shape&(Numeric|Change|Pair|Bullet|Banner|URL|Email|Separated|Copyright) != 0 {
		return false
	}
	if l.Ctx.ShortRun >= 3 && words < 5 {
		return false
	}
	return true
}
