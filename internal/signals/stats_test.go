package signals

import (
	"strings"
	"testing"
	"unicode"

	"github.com/chaff-dev/chaff/internal/textnorm"
)

// stopSet is a tiny stopword list for tests.
type stopSet map[string]bool

func (s stopSet) Has(folded []byte) bool { return s[string(folded)] }

var testStop = stopSet{"le": true, "la": true, "de": true, "et": true, "the": true, "of": true, "a": true, "is": true}

func measure(line string, stop StopSet) Stats {
	var words textnorm.Line
	return Measure([]byte(line), stop, &words)
}

func TestMeasure(t *testing.T) {
	tests := []struct {
		line string
		stop StopSet
		want Stats
	}{
		{"", testStop, Stats{}},
		{"Le Chat de 42 ans.", testStop, Stats{Bytes: 18, Runes: 14, Words: 5, Letters: 11, Digits: 2, Upper: 2, Punct: 1,
			Stop: 2, CapWords: 2, NumWords: 1, First: 'L', Last: '.'}},
		{"Le Chat de 42 ans.", nil, Stats{Bytes: 18, Runes: 14, Words: 5, Letters: 11, Digits: 2, Upper: 2, Punct: 1,
			CapWords: 2, NumWords: 1, First: 'L', Last: '.'}},
		{"  Été\u00a0à Zürich  ", testStop, Stats{Bytes: 21, Runes: 10, Words: 3, Letters: 10, Upper: 2,
			Stop: 1, CapWords: 2, First: 'É', Last: 'h'}},
		{"abc\xff\xfedef", nil, Stats{Bytes: 8, Runes: 6, Words: 2, Letters: 6, First: 'a', Last: 'f', Invalid: 2}},
		{"international", nil, Stats{Bytes: 13, Runes: 13, Words: 1, Letters: 13, LongWords: 1, First: 'i', Last: 'l'}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			if got := measure(tt.line, tt.stop); got != tt.want {
				t.Errorf("Measure(%q) =\n %+v\nwant\n %+v", tt.line, got, tt.want)
			}
		})
	}
}

func TestMeasureReusesScratch(t *testing.T) {
	var words textnorm.Line
	a := Measure([]byte("The end of the day"), testStop, &words)
	b := Measure([]byte("The end of the day"), testStop, &words)
	if a != b || a.Stop != 3 {
		t.Errorf("Measure with reused scratch: %+v then %+v, want Stop 3 both times", a, b)
	}
}

func TestMeasureMaxScan(t *testing.T) {
	head := strings.Repeat("word ", MaxScan/5) // < MaxScan bytes
	head += strings.Repeat("x", MaxScan-len(head))
	line := head + " TAIL 123456 UPPER"
	st := measure(line, nil)
	if st.Bytes != len(line) {
		t.Errorf("Bytes = %d, want the full length %d", st.Bytes, len(line))
	}
	want := measure(line[:MaxScan], nil)
	want.Bytes = len(line)
	if st != want {
		t.Errorf("Measure(long line) =\n %+v\nwant the counts of its first MaxScan bytes\n %+v", st, want)
	}
	if st.Digits != 0 || st.Upper != 0 {
		t.Errorf("digits or upper case past MaxScan were counted: %+v", st)
	}
}

func TestEndsSentence(t *testing.T) {
	tests := []struct {
		line string
		want bool
	}{
		{"Il pleut.", true},
		{"Vraiment ?", true},
		{"Quoi !", true},
		{"Et puis…", true},
		{"« Oui »", true},
		{"Lire aussi", false},
		{"Prix: 12", false},
		{"", false},
		{"Voici :", true},
	}
	for _, tt := range tests {
		st := measure(tt.line, nil)
		if got := st.EndsSentence(); got != tt.want {
			t.Errorf("EndsSentence(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestProseAndShort(t *testing.T) {
	para := "Le gouvernement a présenté mardi un projet de loi sur la fin de vie et le débat commence."
	tests := []struct {
		name     string
		line     string
		haveStop bool
		prose    bool
		short    bool
	}{
		{"paragraph", para, true, true, false},
		{"paragraph without final stop", strings.TrimSuffix(para, "."), true, false, false},
		{"paragraph, no stopword list", para, false, true, false},
		{"menu entry", "Économie", true, false, true},
		{"five words", "un deux trois quatre cinq", true, false, false},
		{"four words over 40 runes", "aaaaaaaaaaa bbbbbbbbbbb ccccccccccc ddddddddddd", true, false, false},
		{"few stopwords", "Apple Google Microsoft Amazon Tesla Nvidia Meta Intel Oracle Cisco Adobe Netflix.", true, false, false},
		{"few stopwords, no list", "Apple Google Microsoft Amazon Tesla Nvidia Meta Intel Oracle Cisco Adobe Netflix.", false, true, false},
		{"numbers", "1 2 3 4 5 6 7 8 9 10 11 12 13.", false, false, false},
		{"long list without final stop", strings.Repeat("mot ", 30), false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stop StopSet
			if tt.haveStop {
				stop = testStop
			}
			st := measure(tt.line, stop)
			if got := st.Prose(tt.haveStop); got != tt.prose {
				t.Errorf("Prose(%q) = %v, want %v (%+v)", tt.line, got, tt.prose, st)
			}
			if got := st.Short(); got != tt.short {
				t.Errorf("Short(%q) = %v, want %v", tt.line, got, tt.short)
			}
		})
	}
}

func TestClassOfAgreesWithUnicode(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if got, want := classOf(r), unicodeClass(r); got != want {
			t.Fatalf("classOf(%U) = %d, want %d", r, got, want)
		}
	}
	tests := []struct {
		r    rune
		want runeClass
	}{
		{' ', spaceRune}, {'\u00a0', spaceRune}, {'\u2003', spaceRune}, {'\n', spaceRune},
		{'a', lowerRune}, {'é', lowerRune}, {'ß', lowerRune}, {'я', lowerRune}, {'日', lowerRune},
		{'A', upperRune}, {'É', upperRune}, {'Я', upperRune},
		{'7', digitRune}, {'٣', digitRune},
		{'.', punctRune}, {'\x00', punctRune}, {'’', punctRune}, {'€', punctRune}, {'©', punctRune},
		{'\u0301', otherRune}, {'\u200b', otherRune},
	}
	for _, tt := range tests {
		if got := classOf(tt.r); got != tt.want {
			t.Errorf("classOf(%U) = %d, want %d", tt.r, got, tt.want)
		}
	}
}
