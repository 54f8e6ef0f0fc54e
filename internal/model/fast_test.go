package model

import (
	"bytes"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/linescan"
)

// TestStage1All checks that scoring a whole document gives every line
// its stage-one logit, bit for bit: the dense features summed as
// training sums them, then the words from the rounded weights; and that
// it leaves blank lines at zero.
func TestStage1All(t *testing.T) {
	m, err := Embedded(FastText)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	f := randomFeatures(rng, 500)
	for i := range f.Blank {
		f.Blank[i] = rng.IntN(4) == 0
	}
	z := make([]float32, len(f.Blank))
	m.stage1All(f, z)
	for i, blank := range f.Blank {
		want := float32(0)
		if !blank {
			// The dense part as stage1 sums it, then the coded words.
			for j, x := range f.Row(i) {
				want += float32(m.Dense[j] * x)
			}
			var words float32
			for _, h := range f.Hashed(i) {
				words += m.wordValues[m.wordCodes[h]]
			}
			want += words
		}
		if math.Float32bits(z[i]) != math.Float32bits(want) {
			t.Fatalf("line %d: %v, want %v", i, z[i], want)
		}
	}
}

// TestQuantize checks the word codes of the embedded model: each weight
// has the code whose value is nearest, so it is within half the gap
// between the values around it; the largest weight keeps its
// value; zero stays zero; and a model without word weights scores its
// words as zero.
func TestQuantize(t *testing.T) {
	m, err := Embedded(FastText)
	if err != nil {
		t.Fatal(err)
	}
	var top float64
	for _, w := range m.Hashed {
		top = max(top, math.Abs(float64(w)))
	}
	value := func(q float64) float64 { return top * q * q / 127 / 127 }
	for h, w := range m.Hashed {
		got := float64(m.wordValues[m.wordCodes[h]])
		a := 127 * math.Sqrt(math.Abs(float64(w))/top)
		gap := value(math.Ceil(a)) - value(math.Floor(a))
		if d := math.Abs(got - float64(w)); d > gap/2+1e-6*top {
			t.Fatalf("word %d: weight %v coded as %v, %v away, more than half the gap %v", h, w, got, d, gap)
		}
		if w == 0 && got != 0 {
			t.Fatalf("word %d: weight 0 coded as %v", h, got)
		}
		if math.Abs(float64(w)) == top && got != float64(w) {
			t.Errorf("the largest weight %v is coded as %v", w, got)
		}
	}
	zero := &Model{Dense: m.Dense, Hashed: make([]float32, len(m.Hashed))}
	zero.quantize()
	text := []byte("Read more about cookies\n")
	if got := zero.wordSum(linescan.Build(text, lines.Split(text)), 0); got != 0 {
		t.Errorf("all-zero word weights sum to %v, want 0", got)
	}
}

// TestDecideFast checks that stopping the trees early changes no decision
// at the threshold on the fixtures' lines, keeps the exact score of
// every line that summed every tree, and that thresholds of 0 and 1 sum
// every tree; the explanation of a stopped line covers the trees its
// score summed.
func TestDecideFast(t *testing.T) {
	m, err := Embedded(FastText)
	if err != nil {
		t.Fatal(err)
	}
	paths, _ := filepath.Glob("../../fixtures/*/*.txt")
	if len(paths) == 0 {
		t.Fatal("no fixtures")
	}
	stopped := 0
	for _, threshold := range []float64{0.5, 0.2, 0.9, 0, 1} {
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			f := linescan.Build(data, lines.Split(data))
			var exact, early FastScores
			m.ScoreFast(&exact, f)
			m.DecideFast(&early, f, threshold)
			for i := range f.Blank {
				if f.Blank[i] {
					continue
				}
				pe, pd := exact.P[i], early.P[i]
				if threshold > 0 && threshold < 1 && (pe >= threshold) != (pd >= threshold) {
					t.Errorf("%s line %d, threshold %v: exact score %v, early %v decide apart", p, i+1, threshold, pe, pd)
				}
				if len(early.trees) == 0 || early.trees[i] == int32(len(m.Forest.Trees)) {
					if pe != pd {
						t.Errorf("%s line %d: summed every tree, yet %v against %v", p, i+1, pd, pe)
					}
					continue
				}
				if threshold == 0 || threshold == 1 {
					t.Fatalf("threshold %v stopped early", threshold)
				}
				stopped++
				if cts := m.ExplainFast(f, &early, i, 3); len(cts) == 0 {
					t.Errorf("%s line %d: no reason for an early score", p, i+1)
				}
			}
		}
	}
	if stopped == 0 {
		t.Error("no line stopped early: the test proves nothing")
	}
}

// TestWindowStats holds windowStats to the plain loop over the window,
// bit for bit, on windows of every length up to a whole one, drawn from
// values where min, max and addition are delicate: signed zeros, NaN,
// infinities, and ties.
func TestWindowStats(t *testing.T) {
	values := []float32{0, float32(math.Copysign(0, -1)), 1, -1, 2.5, -2.5,
		float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)), 1e-30, 3e38}
	rng := rand.New(rand.NewPCG(5, 6))
	same := func(a, b float32) bool { return math.Float32bits(a) == math.Float32bits(b) || a != a && b != b }
	for range 20000 {
		win := make([]float32, 1+rng.IntN(2*window+1))
		for j := range win {
			win[j] = values[rng.IntN(len(values))]
		}
		var sum float32
		lo, hi := win[0], win[0]
		for _, v := range win {
			sum, lo, hi = sum+v, min(lo, v), max(hi, v)
		}
		gs, gl, gh := windowStats(win)
		if !same(gs, sum) || !same(gl, lo) || !same(gh, hi) {
			t.Fatalf("windowStats(%v) = %v, %v, %v; the loop gives %v, %v, %v", win, gs, gl, gh, sum, lo, hi)
		}
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
		f := linescan.Build(data, lines.Split(data))
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
		ex = append(ex, Example{Lines: f, Noise: y, Class: class})
	}
	return ex
}

// scoreFast scores f with m into fresh scores.
func scoreFast(m *Model, f *linescan.Features) FastScores {
	var s FastScores
	m.ScoreFast(&s, f)
	return s
}

func TestTrainFastLearnsAndIsDeterministic(t *testing.T) {
	cfg := Config{Kind: FastText, Seed: 7, Epochs: 20, Folds: 2, Forest: ForestConfig{Trees: 20, Depth: 3, MinLeaf: 1}}
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
	f := linescan.Build(data, lines.Split(data))
	s, s2 := scoreFast(m, f), scoreFast(m2, f)
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
	if got := m.Categories.Best(f.Row(6), f.Hashed(6)); got != "social" {
		t.Errorf("category of %q = %q, want social", "Share on Facebook", got)
	}
	if cts := m.ExplainFast(f, &s, 6, 3); len(cts) == 0 || cts[0].Weight <= 0 {
		t.Errorf("a noise line is explained by %+v", cts)
	}
}

func TestReadRejectsFast(t *testing.T) {
	m := Train(trainSet(), Config{Kind: FastText, Seed: 1, Epochs: 1})
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	tests := map[string][]byte{
		"empty":       nil,
		"other magic": append([]byte(legacyMagic), good[len(magic+"fast-text\n"):]...),
		"other kind":  append([]byte(magic+"accurate-text\n"), good[len(magic+"fast-text\n"):]...),
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
		m := Train(trainSet(), Config{Kind: FastText, Seed: 1, Epochs: 1})
		m.Hashed[12345] = bad // no code stands for it
		buf.Reset()
		if err := m.Write(&buf); err != nil {
			t.Fatal(err)
		}
		if _, err := Read(&buf); err == nil || !strings.Contains(err.Error(), "word weight 12345") {
			t.Errorf("a model with a word weight of %v: error %v, want one naming the weight", bad, err)
		}
	}
}

func TestEmbeddedFast(t *testing.T) {
	m, err := Embedded(FastText)
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
	m, err := Embedded(FastText)
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("Accueil | Actualités | Contact\n\nUn paragraphe d'article, avec des mots et une fin.\n", 40)
	docs := []string{long, "Un titre\n\nUne phrase courte.\n", "", "   \n\t\n", long[:500], "日本語のテキスト\r\nCAC 40 / 6 169,41"}
	var f linescan.Features
	var sc FastScores
	for k, doc := range docs {
		data := []byte(doc)
		spans := lines.Split(data)
		f.Measure(data, spans)
		m.ScoreFast(&sc, &f)
		want := linescan.Build(data, spans)
		wantScores := scoreFast(m, want)
		if !slices.Equal(f.X, want.X) || !slices.Equal(f.H, want.H) || !slices.Equal(f.Off, want.Off) ||
			!slices.Equal(f.Blank, want.Blank) || !slices.Equal(f.Letters, want.Letters) || !slices.Equal(f.Words, want.Words) {
			t.Errorf("document %d: reused features differ from fresh ones", k)
		}
		if !slices.Equal(sc.P, wantScores.P) || !slices.Equal(sc.Z1, wantScores.Z1) || !slices.Equal(sc.ctx, wantScores.ctx) {
			t.Errorf("document %d: reused scores differ from fresh ones", k)
		}
	}
}

// FuzzScoreFast checks that any bytes give one feature row per line,
// finite features, hashes inside the word space, and scores in [0,1].
func FuzzScoreFast(f *testing.F) {
	for _, s := range []string{"", "a\nb", "CAC 40 / 6 169,41", "« Élan » — l’été…", "\xff\xc3\n\xe2\x80", "日本語\r\n\r\n"} {
		f.Add([]byte(s))
	}
	m, err := Embedded(FastText)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		spans := lines.Split(data)
		fs := linescan.Build(data, spans)
		if len(fs.Blank) != len(spans) || len(fs.X) != len(spans)*linescan.Dense || len(fs.Off) != len(spans)+1 {
			t.Fatalf("%d lines, %d blank flags, %d values, %d offsets", len(spans), len(fs.Blank), len(fs.X), len(fs.Off))
		}
		for _, x := range fs.X {
			if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
				t.Fatalf("feature %v", x)
			}
		}
		for _, h := range fs.H {
			if h >= 1<<linescan.WordBits {
				t.Fatalf("hash %d outside the word space", h)
			}
		}
		for i, p := range scoreFast(m, fs).P {
			if !(p >= 0 && p <= 1) || fs.Blank[i] && p != 0 {
				t.Fatalf("line %d: score %v", i+1, p)
			}
		}
	})
}
