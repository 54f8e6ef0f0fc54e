package signals

import (
	"bytes"

	"github.com/chaff-dev/chaff/lang"
	"github.com/chaff-dev/chaff/lexicon"
	"github.com/chaff-dev/chaff/lines"
	"github.com/chaff-dev/chaff/textnorm"
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
}

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
const langSample = 64 << 10

// Analyze measures every line of data. spans must be lines.Split(data).
func Analyze(env *Env, data []byte, spans []lines.Span) *Doc {
	d := &Doc{Data: data, Spans: spans, Lines: make([]Line, len(spans)), Title: -1}
	var stop StopSet
	if env.Lang != nil {
		sample := data
		if len(sample) > langSample {
			sample = sample[:langSample]
		}
		d.Lang, _ = env.Lang.Detect(sample)
		if s := env.Lang.Stopwords(d.Lang); s != nil {
			stop = s
		}
	}
	var sc textnorm.Scanner
	var fold []byte
	for i, s := range spans {
		l := &d.Lines[i]
		text := data[s.Start:s.End]
		l.Stats, fold = Measure(text, stop, &sc, fold)
		if l.Blank() {
			continue
		}
		l.Shape = Find(text, &l.Stats)
		l.prose = l.Prose(stop != nil)
		if env.Lexicon != nil && len(text) <= MaxScan {
			l.Lex = env.Lexicon.Match(text, nil)
		}
	}
	fillContext(d)
	findTitle(d)
	for i := range d.Lines {
		gatherEvidence(d, i)
	}
	return d
}

// findTitle picks the headline: the first headline-shaped line before the
// main text that no noise evidence claims, preferring one that the
// document repeats (scrapers often print the headline twice) and one that
// a source header names. Later copies are marked TitleRep.
func findTitle(d *Doc) {
	limit := len(d.Lines)
	if d.MainStart >= 0 {
		limit = d.MainStart + 1
	}
	first := -1
	for i := 0; i < limit && i < len(d.Lines); i++ {
		l := &d.Lines[i]
		if l.Blank() || !headlineShaped(l) || len(l.Lex) > 0 {
			continue
		}
		first = i
		break
	}
	if first < 0 {
		return
	}
	d.Title = first
	d.Lines[first].Ctx.IsTitle = true
	key := fold(d.Text(first))
	for i := first + 1; i < len(d.Lines); i++ {
		if d.Lines[i].Blank() || d.Lines[i].Words > d.Lines[first].Words+2 || d.Lines[i].Words+2 < d.Lines[first].Words {
			continue
		}
		if bytes.Equal(fold(d.Text(i)), key) {
			d.Lines[i].Ctx.TitleRep = true
		}
	}
}

// headlineShaped reports whether a line could be a headline: a few words,
// mostly letters, no full stop at the end, not a list item or a number.
func headlineShaped(l *Line) bool {
	if l.Words < 3 || l.Words > 30 || l.Letters*3 < l.Runes*2 {
		return false
	}
	if l.Last == '.' || l.Shape&(Numeric|Change|Pair|Bullet|Banner|URL|Email|Separated|Copyright) != 0 {
		return false
	}
	if l.Ctx.ShortRun >= 3 && l.Words < 5 {
		return false
	}
	return true
}

// fold returns the line's word tokens folded and joined by spaces.
func fold(text []byte) []byte {
	var out, buf []byte
	var sc textnorm.Scanner
	sc.Reset(text)
	for sc.Next() {
		buf = textnorm.Fold(buf[:0], sc.Raw())
		if len(out) > 0 {
			out = append(out, ' ')
		}
		out = append(out, buf...)
	}
	return out
}
