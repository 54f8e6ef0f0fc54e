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
		{"番茄牛腩，小火慢炖。", nil, Stats{Bytes: 30, Runes: 10, Words: 2, CJK: 8, Letters: 8, Punct: 2, First: '番', Last: '。'}},
		{"カレーを作ります", nil, Stats{Bytes: 24, Runes: 8, Words: 1, CJK: 8, Letters: 8, LongWords: 1, First: 'カ', Last: 'す'}},
		{"서울 날씨", nil, Stats{Bytes: 13, Runes: 4, Words: 2, Letters: 4, First: '서', Last: '씨'}},
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
		{"牛腩先焯水再小火慢炖。", true},
		{"真的吗？", true},
		{"「はい」", true},
		{"هل هذا صحيح؟", true},
		{"यह सही है।", true},
		{"首页", false},
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
		{"chinese paragraph", "天气转凉，最想喝一碗热乎乎的番茄牛腩汤。牛腩先焯水再小火慢炖，番茄分两次下锅。", false, true, false},
		{"chinese wrapped line", "张家界的春天，美得让人眩目。长期过著从家门到校门的机械生活，一下子置身于翠绿", false, false, false},
		{"japanese paragraph", "kumoctlは起動時にカレントディレクトリのkumo.tomlを読み込みます。ファイルが見つからない場合は、ホームディレクトリの設定を使います。", false, true, false},
		{"japanese sentence under 12 words", "kumoctlは起動時にカレントディレクトリのkumo.tomlを読み込みます。", false, false, false},
		{"chinese menu entry", "公民读本与先贤论著", false, false, true},
		{"chinese clause over 4 words", "推动中国的宪政运动和公民社会", false, false, false},
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

func TestReadWords(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"", 0},
		{"Le gouvernement a présenté mardi", 5},
		{"首页", 1},
		{"天气转凉，最想喝一碗热乎乎的番茄牛腩汤。", 9}, // 18 Han letters, 2 tokens
		{"kumo.tomlを読み込みます", 3},     // 7 kana and Han letters, 3 tokens: the tokens
		{"서울의 날씨는 오늘 맑고 따뜻합니다", 5},  // Korean is written with spaces
	}
	for _, tt := range tests {
		st := measure(tt.line, nil)
		if got := st.ReadWords(); got != tt.want {
			t.Errorf("ReadWords(%q) = %d, want %d (%+v)", tt.line, got, tt.want, st)
		}
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
