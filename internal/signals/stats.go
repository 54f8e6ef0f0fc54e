package signals

import (
	"unicode"
	"unicode/utf8"

	"github.com/chaff-dev/chaff/internal/textnorm"
)

// MaxScan is how many bytes of a line are measured. A longer line is
// judged on its first MaxScan bytes, which keeps the work per line bounded
// (a 50 MB single-line document costs no more than a short one).
const MaxScan = 4096

// Stats are counts over the first MaxScan bytes of one line.
type Stats struct {
	Bytes     int  // whole line, not capped
	Runes     int  // non-space runes
	Words     int  // word tokens (textnorm)
	CJK       int  // letters of Chinese and Japanese (Han, Hiragana, Katakana, the prolonged sound mark)
	Letters   int  // letter runes
	Digits    int  // digit runes
	Upper     int  // upper-case letters
	Punct     int  // punctuation and symbol runes
	Stop      int  // word tokens that are stopwords of the document's language
	CapWords  int  // word tokens starting with an upper-case letter
	LongWords int  // word tokens of 7 runes or more
	NumWords  int  // word tokens made of digits only
	First     rune // first non-space rune, 0 if none
	Last      rune // last non-space rune, 0 if none
	Invalid   int  // bytes of invalid UTF-8
}

// StopSet tells whether a folded token is a stopword.
type StopSet interface {
	Has(folded []byte) bool
}

// Measure counts over line. stop may be nil when the language is unknown.
// words is scratch space the caller keeps between lines; on return it
// holds the tokens of the measured part of line (its first MaxScan
// bytes).
func Measure(line []byte, stop StopSet, words *textnorm.Line) Stats {
	st := Stats{Bytes: len(line)}
	if len(line) > MaxScan {
		line = line[:MaxScan]
	}
	for i := 0; i < len(line); {
		c := line[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRune(line[i:])
			if r == utf8.RuneError && size <= 1 {
				st.Invalid++
				i++
				continue
			}
		}
		i += size
		switch classOf(r) {
		case spaceRune:
			continue
		case lowerRune:
			st.Letters++
			if r >= minCJK && (unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana) || r == prolongedSound) {
				st.CJK++
			}
		case upperRune:
			st.Letters++
			st.Upper++
		case digitRune:
			st.Digits++
		case punctRune:
			st.Punct++
		}
		if st.First == 0 {
			st.First = r
		}
		st.Last = r
		st.Runes++
	}
	words.Reset(line)
	for i, t := range words.Tokens {
		if t.Symbol {
			continue
		}
		st.Words++
		if t.Runes >= 7 {
			st.LongWords++
		}
		if t.Number {
			st.NumWords++
			continue
		}
		if r, _ := utf8.DecodeRune(words.Raw(i)); unicode.IsUpper(r) {
			st.CapWords++
		}
		if stop != nil && t.Runes <= 12 && stop.Has(words.Folded(i)) {
			st.Stop++
		}
	}
	return st
}

// minCJK is the lowest rune of the scripts Stats.CJK counts (the CJK
// radicals; Hiragana, Katakana and the ideographs come after it).
const minCJK = 0x2e80

// prolongedSound is the Japanese mark that lengthens a vowel (カレー), a
// letter of the Common script.
const prolongedSound = 'ー'

// runesPerWord is about how many letters a word of Chinese or Japanese
// takes.
const runesPerWord = 2

// ReadWords is how many words a reader counts in the line: its word
// tokens or, when more, a word per runesPerWord letters of Chinese and
// Japanese. Those are written without spaces, so that a token is a whole
// clause: a paragraph of 150 letters is a dozen tokens, a menu entry of
// four letters one. Word tokens stay what the benchmark's metric and the
// training weights count.
func (s *Stats) ReadWords() int { return max(s.Words, s.CJK/runesPerWord) }

// runeClass is what Measure counts a rune as.
type runeClass uint8

const (
	otherRune runeClass = iota // a rune only: marks, controls, unassigned
	spaceRune                  // nothing
	lowerRune                  // a letter, not upper case
	upperRune                  // an upper-case letter
	digitRune
	punctRune // punctuation or symbol
)

// classOf returns the class of r, from a table below U+2070 (ASCII,
// Latin, Greek, Cyrillic and the general punctuation), else from the
// Unicode tables.
func classOf(r rune) runeClass {
	if uint32(r) < uint32(len(runeClasses)) {
		return runeClasses[r]
	}
	return unicodeClass(r)
}

// runeClasses caches unicodeClass for the runes below U+2070.
var runeClasses = func() (t [0x2070]runeClass) {
	for r := range t {
		t[r] = unicodeClass(rune(r))
	}
	return t
}()

// unicodeClass returns the class of r from the Unicode tables.
func unicodeClass(r rune) runeClass {
	switch {
	case r == ' ' || r == '\t' || r == '\u00a0' || unicode.IsSpace(r):
		return spaceRune
	case 'a' <= r && r <= 'z':
		return lowerRune
	case 'A' <= r && r <= 'Z':
		return upperRune
	case '0' <= r && r <= '9':
		return digitRune
	case r < utf8.RuneSelf:
		return punctRune
	case unicode.IsLetter(r):
		if unicode.IsUpper(r) {
			return upperRune
		}
		return lowerRune
	case unicode.IsDigit(r):
		return digitRune
	case unicode.IsPunct(r) || unicode.IsSymbol(r):
		return punctRune
	}
	return otherRune
}

// EndsSentence reports whether the line ends like a sentence: with a full
// stop, a question or exclamation mark, an ellipsis or a closing quote, in
// Latin script or another (the ideographic full stop, the full-width marks
// and corner brackets of Chinese and Japanese, the Arabic question mark,
// the Urdu full stop, the Devanagari danda, the Armenian and Ethiopic full
// stops).
func (s *Stats) EndsSentence() bool {
	switch s.Last {
	case '.', '!', '?', '…', '"', '»', '”', '’', ')', ';', ':',
		'。', '．', '！', '？', '；', '：', '）', '」', '』', '؟', '۔', '।', '։', '።':
		return true
	}
	return false
}

// Prose reports whether the line reads like a paragraph of running text:
// long enough (in ReadWords), rich in stopwords (or, where no stopword
// list applies, in words) and ending like a sentence.
func (s *Stats) Prose(haveStop bool) bool {
	words := s.ReadWords()
	if words < 12 || s.Letters*2 < s.Runes {
		return false
	}
	if haveStop && s.Stop*100 < s.Words*15 {
		return false
	}
	return s.EndsSentence() || words >= 30
}

// Short reports whether the line is short enough to be a menu entry, a
// label or a ticker cell.
func (s *Stats) Short() bool { return s.ReadWords() <= 4 && s.Runes <= 40 }
