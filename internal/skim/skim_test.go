package skim

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/model"
)

func TestScan(t *testing.T) {
	tests := []struct {
		line string
		want stats // bytes is filled in from line
	}{
		{"Hello world.", stats{runes: 11, words: 2, letters: 10, upper: 1, punct: 1, capitalised: 1, longest: 5, first: kindUpper, last: kindSentence}},
		{"CAC 40 / 6 169,41 / +3,69 (+0,06 %)", stats{runes: 27, words: 9, letters: 3, digits: 14, upper: 3, punct: 10, numbers: 8, capitalised: 1, shortWords: 1, longest: 3, separators: 4, first: kindUpper, last: kindClosing}},
		{"« Élan » — l’été…", stats{runes: 13, words: 3, letters: 8, upper: 1, punct: 5, capitalised: 1, shortWords: 2, longest: 4, separators: 1, first: kindOpening, last: kindSentence}},
		{"See https://example.com or mail@example.com", stats{runes: 40, words: 8, letters: 34, upper: 1, punct: 6, capitalised: 1, shortWords: 4, longest: 7, separators: 2, url: true, first: kindUpper, last: kindLower}},
		{"© 2025 Groupe\u00a0Média", stats{runes: 16, words: 3, letters: 11, digits: 4, upper: 2, punct: 1, numbers: 1, capitalised: 2, longest: 6, copyright: true, first: kindSymbol, last: kindLower}},
		{"  \t", stats{}},
		{"日本語のテキスト", stats{runes: 8, words: 1, letters: 8, longest: 8, first: kindLower, last: kindLower}},
		{"bad \xff byte", stats{runes: 8, words: 2, letters: 7, punct: 1, shortWords: 1, longest: 4, first: kindLower, last: kindLower}},
	}
	for _, tt := range tests {
		t.Run(tt.line, func(t *testing.T) {
			got, _ := scanLine([]byte(tt.line), nil)
			tt.want.bytes = len(tt.line)
			if got != tt.want {
				t.Errorf("scan(%q)\n got %+v\nwant %+v", tt.line, got, tt.want)
			}
		})
	}
}

func TestScanHashes(t *testing.T) {
	hashes := func(s string) []uint32 {
		_, h := scanLine([]byte(s), nil)
		return h
	}
	// Case and digits are folded; punctuation and spacing do not matter.
	same := [][2]string{
		{"Lire aussi", "LIRE   AUSSI"},
		{"12 mars 2024", "47 mars 1999"},
		{"Partager: Facebook", "partager — facebook"},
	}
	for _, p := range same {
		if a, b := hashes(p[0]), hashes(p[1]); !equal(a, b) {
			t.Errorf("%q and %q hash differently: %v, %v", p[0], p[1], a, b)
		}
	}
	// Two words give the first, the second, their pair and the last.
	if h := hashes("lire aussi"); len(h) != 5 {
		t.Errorf("two words give %d hashes, want 5: %v", len(h), h)
	}
	if a, b := hashes("lire aussi"), hashes("aussi lire"); equal(a, b) {
		t.Error("word order is lost")
	}
	if h := hashes(" \t-- "); len(h) != 0 {
		t.Errorf("a line without words gives hashes %v", h)
	}
}

func equal(a, b []uint32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestHighRune checks the rune kinds against the Unicode tables where
// skim claims to agree with them: every letter of U+0080–U+07FF and of
// General Punctuation is a letter or punctuation as Unicode says.
func TestHighRune(t *testing.T) {
	for r := rune(0x80); r < 0x3000; r++ {
		if !(r < 0x800 || r >= 0x2000 && r < 0x2070) {
			continue
		}
		b := utf8.AppendRune(nil, r)
		n, k := highRune(b)
		if n != len(b) {
			t.Fatalf("%U: length %d, want %d", r, n, len(b))
		}
		letter := k == kindLower || k == kindUpper
		switch {
		case r >= 0x2000 && letter:
			t.Errorf("%U (%q) is a letter", r, r)
		case r >= 0xa0 && r < 0xc0 && letter && r != 0xaa && r != 0xba && r != 0xb5:
			t.Errorf("%U (%q) is a letter", r, r)
		case r >= 0xc0 && r < 0x180 && r != 0xd7 && r != 0xf7 && !letter:
			t.Errorf("%U (%q) is not a letter", r, r)
		case r >= 0xc0 && r < 0xdf && r != 0xd7 && (k == kindUpper) != unicode.IsUpper(r):
			t.Errorf("%U (%q): upper %v, Unicode says %v", r, r, k == kindUpper, unicode.IsUpper(r))
		}
	}
	for _, b := range [][]byte{{0xff}, {0xc3}, {0xe2, 0x80}, {0xc3, 0x41}} {
		if n, k := highRune(b); n != 1 || k != kindSymbol {
			t.Errorf("% x: length %d kind %d, want 1, symbol", b, n, k)
		}
	}
}

func TestBuild(t *testing.T) {
	data := []byte("Menu\nHome | News\n\nA first paragraph, with words.\r\nA second one.\n  \nFooter")
	f := Build(data, lines.Split(data))
	wantBlank := []bool{false, false, true, false, false, true, false}
	if len(f.Blank) != len(wantBlank) {
		t.Fatalf("%d lines, want %d", len(f.Blank), len(wantBlank))
	}
	for i, b := range wantBlank {
		if f.Blank[i] != b {
			t.Errorf("line %d blank %v, want %v", i+1, f.Blank[i], b)
		}
		if b && (len(f.Hashed(i)) != 0 || f.Row(i)[0] != 0) {
			t.Errorf("blank line %d has features", i+1)
		}
	}
	at := func(i int, name string) float32 {
		for j, n := range names {
			if n == name {
				return f.Row(i)[j]
			}
		}
		t.Fatalf("no feature %q", name)
		return 0
	}
	checks := []struct {
		line int // 0-based
		name string
		want float32
	}{
		{0, "position", 0},
		{1, "separators", logn(1)},
		{3, "group-lines", logn(2)},
		{3, "blank-before", 1},
		{3, "blank-after", 0},
		{4, "group-position", 0.5},
		{6, "lines-after", 0},
		{6, "lines-before", logn(4)},
		{3, "last-rune", kindSentence},
	}
	for _, c := range checks {
		if got := at(c.line, c.name); math.Abs(float64(got-c.want)) > 1e-6 {
			t.Errorf("line %d %s = %v, want %v", c.line+1, c.name, got, c.want)
		}
	}
	if !f.Heading(0) || f.Heading(3) {
		t.Errorf("Heading: %q %v, %q %v", "Menu", f.Heading(0), "A first paragraph, with words.", f.Heading(3))
	}
}

// trainSet is a small corpus of documents where menus, shares and
// footers are noise and sentences are content.
func trainSet() []Example {
	docs := []string{
		"Home\nNews\nSport\n\nThe council voted on Tuesday to extend the tram line to the hospital.\nWork should begin next spring, the mayor said.\n\nShare on Facebook\nShare on X\n© 2025 City Paper",
		"Home\nWorld\nBusiness\n\nPrices rose again last month, driven by energy and food.\nEconomists expect the trend to slow before the summer.\n\nShare on Facebook\nNewsletter\n© 2024 Daily Post",
		"Menu\nSearch\nLog in\n\nThe museum reopens on Saturday after two years of works.\nVisitors will find a new wing devoted to local painters.\n\nShare on X\nFollow us\n© 2025 Arts Weekly",
		"Home\nCulture\n\nThe festival drew more visitors than ever this year.\nOrganisers plan a second stage for the next edition.\n\nShare on Facebook\n© 2023 Evening News",
	}
	var ex []Example
	for _, d := range docs {
		data := []byte(d)
		f := Build(data, lines.Split(data))
		y := make([]int8, len(f.Blank))
		class := make([]string, len(f.Blank))
		for i, sp := range lines.Split(data) {
			text := data[sp.Start:sp.End]
			switch {
			case f.Blank[i]:
				y[i] = -1
			case bytes.HasSuffix(text, []byte(".")):
				y[i] = 0
			default:
				y[i] = 1
				class[i] = "navigation"
				if bytes.HasPrefix(text, []byte("Share")) {
					class[i] = "social"
				}
			}
		}
		ex = append(ex, Example{F: f, Noise: y, Class: class})
	}
	return ex
}

func TestTrainLearnsAndIsDeterministic(t *testing.T) {
	cfg := Config{Seed: 7, Epochs: 20, Folds: 2, Forest: model.ForestConfig{Trees: 20, Depth: 3, MinLeaf: 1}}
	ex := trainSet()
	m := Train(ex, cfg)
	if m.Forest == nil || m.Categories == nil {
		t.Fatalf("model without forest or categories: %s", m.About)
	}
	var a, b bytes.Buffer
	if err := m.Write(&a); err != nil {
		t.Fatal(err)
	}
	if err := Train(trainSet(), cfg).Write(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the same data and seed give different models")
	}
	m2, err := Read(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("Home\nSport\n\nThe mayor opened the new library on Monday morning.\nIt holds twenty thousand books.\n\nShare on Facebook\n© 2026 Town Paper")
	f := Build(data, lines.Split(data))
	s, s2 := m.Score(f), m2.Score(f)
	for i := range s.P {
		if s.P[i] != s2.P[i] {
			t.Fatalf("line %d: %v before writing, %v after reading", i+1, s.P[i], s2.P[i])
		}
	}
	want := []bool{true, true, false, false, false, false, true, true} // noise per line
	for i, noise := range want {
		if f.Blank[i] {
			continue
		}
		if (s.P[i] >= 0.5) != noise {
			t.Errorf("line %d: noise score %.2f, want noise %v", i+1, s.P[i], noise)
		}
	}
	if got := m.Categories.Best(f, 6); got != "social" {
		t.Errorf("category of %q = %q, want social", "Share on Facebook", got)
	}
	if cts := m.Explain(f, &s, 6, 3); len(cts) == 0 || cts[0].Weight <= 0 {
		t.Errorf("a noise line is explained by %+v", cts)
	}
}

func TestReadRejects(t *testing.T) {
	m := Train(trainSet(), Config{Seed: 1, Epochs: 1})
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	tests := map[string][]byte{
		"empty":       nil,
		"other magic": append([]byte("chaff-model-1\n"), good[len(Magic):]...),
		"truncated":   good[:len(good)/2],
	}
	for name, data := range tests {
		if _, err := Read(bytes.NewReader(data)); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
	m.Names = m.Names[1:]
	m.Dense = m.Dense[1:]
	buf.Reset()
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(&buf); err == nil {
		t.Error("a model with other features was read")
	}
	for _, bad := range []float32{float32(math.NaN()), float32(math.Inf(-1))} {
		m := Train(trainSet(), Config{Seed: 1, Epochs: 1})
		m.Words[12345] = bad // no code stands for it
		buf.Reset()
		if err := m.Write(&buf); err != nil {
			t.Fatal(err)
		}
		if _, err := Read(&buf); err == nil || !strings.Contains(err.Error(), "word weight 12345") {
			t.Errorf("a model with a word weight of %v: error %v, want one naming the weight", bad, err)
		}
	}
}

func TestDefault(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if m.Forest == nil || m.Categories == nil {
		t.Errorf("the embedded model lacks a stage: %s", m.About)
	}
}

// TestReuse checks that measuring and scoring a document in the storage
// of the documents before it gives what fresh storage gives, whether the
// one before was longer (stale values past the new end) or shorter.
func TestReuse(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Accueil | Actualités | Contact\n\nUn paragraphe d'article, avec des mots et une fin.\n", 40)
	docs := []string{long, "Un titre\n\nUne phrase courte.\n", "", "   \n\t\n", long[:500], "日本語のテキスト\r\nCAC 40 / 6 169,41"}
	var f Features
	var sc Scores
	for k, doc := range docs {
		data := []byte(doc)
		spans := lines.Split(data)
		f.Measure(data, spans)
		m.ScoreTo(&sc, &f)
		want := Build(data, spans)
		wantScores := m.Score(want)
		if !slices.Equal(f.X, want.X) || !slices.Equal(f.H, want.H) || !slices.Equal(f.Off, want.Off) ||
			!slices.Equal(f.Blank, want.Blank) || !slices.Equal(f.Letters, want.Letters) || !slices.Equal(f.Words, want.Words) {
			t.Errorf("document %d: reused features differ from fresh ones", k)
		}
		if !slices.Equal(sc.P, wantScores.P) || !slices.Equal(sc.Z1, wantScores.Z1) || !slices.Equal(sc.ctx, wantScores.ctx) {
			t.Errorf("document %d: reused scores differ from fresh ones", k)
		}
	}
}

// FuzzBuild checks that any bytes give one feature row per line, finite
// features, and hashes inside the word space.
func FuzzBuild(f *testing.F) {
	for _, s := range []string{"", "a\nb", "CAC 40 / 6 169,41", "« Élan » — l’été…", "\xff\xc3\n\xe2\x80", "日本語\r\n\r\n"} {
		f.Add([]byte(s))
	}
	m, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		spans := lines.Split(data)
		fs := Build(data, spans)
		if len(fs.Blank) != len(spans) || len(fs.X) != len(spans)*Dense || len(fs.Off) != len(spans)+1 {
			t.Fatalf("%d lines, %d blank flags, %d values, %d offsets", len(spans), len(fs.Blank), len(fs.X), len(fs.Off))
		}
		for _, x := range fs.X {
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				t.Fatalf("feature %v", x)
			}
		}
		for _, h := range fs.H {
			if h >= 1<<WordBits {
				t.Fatalf("hash %d outside the word space", h)
			}
		}
		for i, p := range m.Score(fs).P {
			if !(p >= 0 && p <= 1) || fs.Blank[i] && p != 0 {
				t.Fatalf("line %d: score %v", i+1, p)
			}
		}
	})
}
