package aeb

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hello, world! It's me.", []string{"Hello", "world", "It", "s", "me"}},
		{"snake_case x2 ²", []string{"snake_case", "x2", "²"}},
		{"東京 ２０２０年\u00a0Ⅻ", []string{"東京", "２０２０年", "Ⅻ"}},
		{"l’été — d'une", []string{"l", "été", "d", "une"}},
		{"e\u0301te", []string{"e", "te"}}, // a combining mark is not \w in Python
		{"bad\xffutf8", []string{"bad", "utf8"}},
	}
	for _, tt := range tests {
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCompare(t *testing.T) {
	const undef = -1.0 // precision or recall left out of the mean
	tests := []struct {
		name        string
		truth, pred string
		want        Counts
		p, r        float64
	}{
		{"identical", "a b c d e", "a b c d e", Counts{1, 0, 0}, 1, 1},
		{"punctuation ignored", "Hello, world! It's me.", "Hello world It s me", Counts{1, 0, 0}, 1, 1},
		{"disjoint", "a b c d", "e f g h", Counts{0, 0.5, 0.5}, 0, 0},
		{"case sensitive", "The cat sat down", "the cat sat down", Counts{0, 0.5, 0.5}, 0, 0},
		// truth shingles abcd bcde cdef, prediction abcd bcde cdex.
		{"partial", "a b c d e f", "a b c d e x", Counts{0.5, 0.25, 0.25}, 2.0 / 3, 2.0 / 3},
		// truth has abcd twice among 5 shingles, the prediction once.
		{"multiset", "a b c d a b c d", "a b c d", Counts{0.2, 0, 0.8}, 1, 0.2},
		{"extra text", "a b c d", "x a b c d", Counts{0.5, 0.5, 0}, 0.5, 1},
		{"empty prediction", "a b c d", "", Counts{0, 0, 1}, undef, 0},
		{"empty truth", "", "a b c d", Counts{0, 1, 0}, 0, undef},
		{"both empty", " ... ", "", Counts{}, undef, undef},
		{"short texts equal", "Hello world", "Hello world", Counts{1, 0, 0}, 1, 1},
		// A short text has one shorter shingle, which never equals a longer one.
		{"short text differs", "Hello world", "Hello world again", Counts{0, 0.5, 0.5}, 0, 0},
		{"short inside long", "Hello world", "Hello world again and again", Counts{0, 2.0 / 3, 1.0 / 3}, 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Compare(tt.truth, tt.pred)
			if !near(got.TP, tt.want.TP) || !near(got.FP, tt.want.FP) || !near(got.FN, tt.want.FN) {
				t.Errorf("Compare = %+v, want %+v", got, tt.want)
			}
			checkRate(t, "precision", tt.p, got.Precision)
			checkRate(t, "recall", tt.r, got.Recall)
		})
	}
}

func checkRate(t *testing.T, name string, want float64, f func() (float64, bool)) {
	t.Helper()
	got, ok := f()
	switch {
	case want < 0 && ok:
		t.Errorf("%s = %v, want undefined", name, got)
	case want >= 0 && (!ok || !near(got, want)):
		t.Errorf("%s = %v (defined %v), want %v", name, got, ok, want)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-12 }

func TestEvaluate(t *testing.T) {
	truth := map[string]Page{
		"same":    {Body: "one two three four five"},
		"missing": {Body: "six seven eight nine"},       // no prediction: recall 0
		"nobody":  {Body: ""},                           // empty truth: precision 0
		"half":    {Body: "a b c d e f"},                // P 2/3, R 2/3
		"absent":  {Body: "only in truth, never asked"}, // not in ids
	}
	pred := map[string]string{
		"same":   "one two three four five",
		"nobody": "junk junk junk junk",
		"half":   "a b c d e x",
	}
	ids := []string{"half", "missing", "nobody", "same"}
	got := Evaluate(truth, pred, ids)
	wantP := (2.0/3 + 0 + 1) / 3 // half, nobody, same
	wantR := (2.0/3 + 0 + 1) / 3 // half, missing, same
	if !near(got.Precision, wantP) || !near(got.Recall, wantR) || got.Docs != 4 || got.Empty != 1 {
		t.Fatalf("Evaluate = %+v, want P %v R %v over 4 docs, 1 of them (missing) empty", got, wantP, wantR)
	}
	if !near(got.F1, 2*wantP*wantR/(wantP+wantR)) {
		t.Errorf("F1 = %v, want the harmonic mean of P and R", got.F1)
	}

	docs := PerDoc(truth, pred, ids)
	if len(docs) != 4 || docs[1].ID != "missing" || docs[1].Truth != 1 || docs[1].Pred != 0 {
		t.Errorf("PerDoc[1] = %+v, want missing with 1 truth shingle and no predicted one", docs[1])
	}

	if got := Evaluate(truth, nil, nil); got != (Score{}) {
		t.Errorf("Evaluate of no document = %+v, want zero", got)
	}
}

// TestMeanExact checks that the mean does not depend on the order of the
// documents, which a plain float sum does not guarantee.
func TestMeanExact(t *testing.T) {
	xs := []float64{1e-17, 1, 1e-17, 1e-17, 0.1, 0.2, 0.3, 1.0 / 3}
	want := mean(xs)
	rng := rand.New(rand.NewPCG(1, 2))
	for range 50 {
		rng.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
		if got := mean(xs); got != want {
			t.Fatalf("mean depends on order: %v vs %v", got, want)
		}
	}
	// Python's statistics.mean gives these (a left-to-right float sum gives
	// 0.2, a right-to-left one 0.2000000000000001).
	for _, c := range []struct {
		xs   []float64
		want float64
	}{
		{[]float64{1, 1e-16, 1e-16, 1e-16, 1e-16}, 0.20000000000000007},
		{[]float64{0.1, 0.2}, 0.15000000000000002},
		{[]float64{0.1, 0.7}, 0.39999999999999997},
	} {
		if got := mean(c.xs); got != c.want {
			t.Errorf("mean(%v) = %v, want %v", c.xs, got, c.want)
		}
	}
}
