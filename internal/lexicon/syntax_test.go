package lexicon

import (
	"math"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

func header() string {
	return "# test lexicon\n"
}

func mustLoad(tb testing.TB, files map[string]string) *Lexicon {
	tb.Helper()
	fsys := fstest.MapFS{}
	for name, text := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(header() + text)}
	}
	lx, err := Load(fsys)
	if err != nil {
		tb.Fatal(err)
	}
	return lx
}

func TestPatternSyntax(t *testing.T) {
	lx := mustLoad(t, map[string]string{
		"en/reading-time.txt": "<num> min read\n",
		"en/navigation.txt":   "^menu$\nskip to content # trailing comment\n",
		"en/byline.txt":       "^by <any> <any>$\n",
		"en/legal.txt":        "© <num>\n",
		"fr/teaser.txt":       "^À LIRE AUSSI\n",
	})
	tests := []struct {
		line       string
		cat        string // "" for no match
		start, end int
		coverage   float64
	}{
		{"5 min read", "reading-time", 0, 10, 1},
		{"Foo bar 5 min read", "reading-time", 8, 18, 8.0 / 14},
		{"five min read", "", 0, 0, 0}, // <num> needs digits, and <num> phrases are exact only
		{"Menu", "navigation", 0, 4, 1},
		{"  MENU  ", "navigation", 2, 6, 1},
		{"Main menu", "", 0, 0, 0},  // ^
		{"Menu items", "", 0, 0, 0}, // $
		{"Skip-to-content!", "navigation", 0, 15, 1},
		{"By Jane Doe", "byline", 0, 11, 1},
		{"By Jane", "", 0, 0, 0},                     // <any> needs a token
		{"By Jane Doe Smith", "", 0, 0, 0},           // $
		{"© 2024 Le Monde", "legal", 0, 7, 5.0 / 12}, // © counts as one rune
		{"à lire aussi : la suite", "teaser", 0, 13, 10.0 / 17},
		{"Il faut à lire aussi", "", 0, 0, 0},
		{"", "", 0, 0, 0},
	}
	for _, tt := range tests {
		ms := lx.Match([]byte(tt.line), nil)
		if tt.cat == "" {
			if len(ms) != 0 {
				t.Errorf("%q: want no match, got %s", tt.line, describe(ms))
			}
			continue
		}
		if len(ms) != 1 {
			t.Errorf("%q: want one %s match, got %s", tt.line, tt.cat, describe(ms))
			continue
		}
		m := ms[0]
		if m.Category != tt.cat || m.Start != tt.start || m.End != tt.end || m.Fuzzy || m.Similarity != 1 {
			t.Errorf("%q: got %s %d..%d fuzzy=%v, want %s %d..%d exact", tt.line, m.Category, m.Start, m.End, m.Fuzzy, tt.cat, tt.start, tt.end)
		}
		if math.Abs(m.Coverage-tt.coverage) > 1e-9 {
			t.Errorf("%q: coverage %.4f, want %.4f", tt.line, m.Coverage, tt.coverage)
		}
	}
}

func TestFuzzy(t *testing.T) {
	lx := mustLoad(t, map[string]string{
		"en/call-to-action.txt": "sign up for our newsletter\n",
		"en/script-warning.txt": "^please enable javascript$\n", // anchored: exact only
		"en/social.txt":         "share on facebook\n",          // one anchor: exact only
	})
	long := strings.Repeat("word ", MaxFuzzyTokens) + "sign up for our newsleter"
	tests := []struct {
		line  string
		fuzzy bool // want one fuzzy call-to-action match
	}{
		{"Sign up for our newsleter", true},               // misspelt anchor
		{"Sign up for our free newsletter", true},         // inserted word
		{"Sign up for our weekly email newsletter", true}, // two inserted words
		{"Sign up for the newsletter", false},             // stopwords must be equal: our/the... only one miss
		{"Signal for our newsletter", false},              // anchor too different
		{"newsletter", false},                             // one anchor only
		{"He said he would sign up for our gym, then read a newsletter about it", false},
		{long, false}, // too many tokens
		{"Please enable javascrpt", false},
		{"Folow us", false},
	}
	for _, tt := range tests {
		ms := lx.Match([]byte(tt.line), nil)
		got := len(ms) == 1 && ms[0].Fuzzy && ms[0].Category == "call-to-action"
		if got != tt.fuzzy || !tt.fuzzy && len(ms) != 0 {
			t.Errorf("%q: got %s, want fuzzy=%v", tt.line, describe(ms), tt.fuzzy)
		}
	}
}

func TestFuzzySkippedWhenExact(t *testing.T) {
	lx := mustLoad(t, map[string]string{
		"en/call-to-action.txt": "sign up for our newsletter\nsubscribe to our newsletter\n",
	})
	ms := lx.Match([]byte("Sign up for our newsletter"), nil)
	if len(ms) != 1 || ms[0].Fuzzy {
		t.Fatalf("exact match must win over fuzzy ones of the same category, got %s", describe(ms))
	}
}

func TestSharedPhraseMerged(t *testing.T) {
	lx := mustLoad(t, map[string]string{
		"de/legal.txt": "^copyright\n",
		"en/legal.txt": "^Copyright\n",
		"en/ad.txt":    "^copyright\n",
	})
	ms := lx.Match([]byte("Copyright 2024"), nil)
	if len(ms) != 2 || ms[0].Lang+ms[1].Lang != "en"+"de,en" && ms[0].Lang+ms[1].Lang != "de,en"+"en" {
		t.Fatalf("want one legal match from de,en and one ad match from en, got %s", describe(ms))
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		file, text, want string
	}{
		{"en/teasers.txt", "read more\n", "en/teasers.txt: unknown category"},
		{"en/teaser.txt", "ok\n<any> thing\n", "en/teaser.txt:3:"},
		{"en/teaser.txt", "<num>\n", "en/teaser.txt:2: \"<num>\": a phrase needs at least one word"},
		{"en/teaser.txt", "...\n", "needs at least one word"},
		{"en/teaser.txt", "a b c d e f g h i j k l m n o p q\n", "at most 16"},
		{"en/teaser.txt", "Read more\n\nread   MORE!\n", "en/teaser.txt:4: phrase \"read   MORE!\" already on line 2"},
		{"en/teaser.txt", "read ^more\n", "misplaced"},
		{"en/teaser.txt", "read<num>\n", "misplaced"},
	}
	for _, tt := range tests {
		_, err := Load(fstest.MapFS{tt.file: {Data: []byte(header() + tt.text)}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %q: err = %v, want it to contain %q", tt.file, tt.text, err, tt.want)
		}
	}
}

func TestZeroAllocs(t *testing.T) {
	lx := mustDefault(t)
	plain := []byte("Elon Musk, le patron de Tesla, s’est défendu lors d’une conférence virtuelle à Pékin, du fait que ses voitures puissent faire de l’espionnage.")
	noisy := []byte("you see this when javscript or css is not working correct")
	dst := make([]Match, 0, 16)
	lx.Match(noisy, dst) // warm the pool
	if n := testing.AllocsPerRun(100, func() { dst = lx.Match(plain, dst[:0]) }); n != 0 {
		t.Errorf("no match: %v allocations, want 0", n)
	}
	if n := testing.AllocsPerRun(100, func() { dst = lx.Match(noisy, dst[:0]) }); n != 0 {
		t.Errorf("fuzzy match into a roomy dst: %v allocations, want 0", n)
	}
}

func TestConcurrentMatch(t *testing.T) {
	lx := mustDefault(t)
	want := make([]string, len(noiseLines))
	for i, tt := range noiseLines {
		want[i] = describe(lx.Match([]byte(tt.line), nil))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Go(func() {
			var dst []Match
			for i, tt := range noiseLines {
				dst = lx.Match([]byte(tt.line), dst[:0])
				if got := describe(dst); got != want[i] {
					errs <- tt.line + ": " + got
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte("# c\n^read more$\n<num> min read\n^by <any> <any>$\n"))
	f.Add([]byte("<any>\n"))
	f.Add([]byte("\xff\xfe ^ $ <num>$\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		lx, err := Load(fstest.MapFS{"en/teaser.txt": {Data: data}})
		if err != nil {
			if !strings.HasPrefix(err.Error(), "en/teaser.txt") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		for _, m := range lx.Match(data, nil) {
			checkMatch(t, data, m)
		}
	})
}

func FuzzMatch(f *testing.F) {
	lx := mustDefault(f)
	for _, tt := range noiseLines {
		f.Add([]byte(tt.line))
	}
	f.Add([]byte("you see this when javscript or css is not working correct"))
	f.Add([]byte("\xff© 2\xc3 min read"))
	f.Fuzz(func(t *testing.T, line []byte) {
		for _, m := range lx.Match(line, nil) {
			checkMatch(t, line, m)
		}
	})
}

func checkMatch(t *testing.T, line []byte, m Match) {
	t.Helper()
	if m.Start < 0 || m.End > len(line) || m.Start >= m.End {
		t.Fatalf("offsets %d..%d out of range for %d bytes", m.Start, m.End, len(line))
	}
	if m.Coverage <= 0 || m.Coverage > 1 || m.Similarity < FuzzyThreshold || m.Similarity > 1 {
		t.Fatalf("coverage %v or similarity %v out of range", m.Coverage, m.Similarity)
	}
	if m.Category == "" || m.Lang == "" || m.Phrase == "" {
		t.Fatalf("incomplete match %+v", m)
	}
}

func TestFuzzyDocExamples(t *testing.T) {
	lx := mustDefault(t)
	for line, cat := range map[string]string{
		"Javascirpt is disabled!":         "script-warning",
		"Sign up for our free newsletter": "call-to-action",
	} {
		ms := lx.Match([]byte(line), nil)
		if len(ms) != 1 || !ms[0].Fuzzy || ms[0].Category != cat {
			t.Errorf("%q: want one fuzzy %s match, got %s", line, cat, describe(ms))
		}
	}
}
