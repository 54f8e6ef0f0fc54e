package signals

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/chaff-dev/chaff/internal/textnorm"
)

// findShape measures line and returns its shapes, as Analyze does.
func findShape(line string) Shape {
	var words textnorm.Line
	st := Measure([]byte(line), nil, &words)
	return Find([]byte(line), &st)
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		line string
		want Shape // every one of these must be found
		not  Shape // none of these may be found
		skip string
	}{
		{"quote with no-break space", "6\u00a0169,41", Numeric, Change | Pair | Date, ""},
		{"price change", "+3,69 (+0,06 %)", Change | Percent, Pair | Date, ""},
		{"currency pair", "EUR/USD", Pair, Numeric | Date, ""},
		{"crypto pair", "BTC-EUR", Pair, Numeric | Date, ""},
		{"dated teaser", "- SOLTEO lève 1,5 million d'euros - 22/11/2024", Bullet | Date | EndsDate, Pair | Numeric, ""},
		{"publication time", "Publié le 21/12/2024 à 07:45", Date | Time, Bullet | Numeric, ""},
		{"english month name", "November 20, 2019", Date, Numeric | Time, ""},
		{"french month name", "21 décembre 2024", Date, Numeric, ""},
		{"iso date", "2019-11-20", Date, Time, ""},
		{"crawler banner", "====== L'Express: x ====== https://x", Banner | URL, Bullet, ""},
		{"cut marker", "(...) Cliquez ici", Ellipsis, Numeric, ""},
		{"menu", "Home | News | Sport", Separated, Bullet, ""},
		{"one separator is not a menu", "Home | News", 0, Separated, ""},
		{"breadcrumb with single guillemets", "Fóruns › Bicicletas elétricas › Baterias e carregadores", Separated, Bullet, ""},
		{"breadcrumb with guillemets", "Главная » Овощи » Томаты и перцы", Separated, Bullet, ""},
		{"rating", "★★★★☆ 4.1", Stars, Date, ""},
		{"copyright", "© 2024 Le Monde", Copyright, Numeric, ""},
		{"all caps", "LIRE AUSSI", AllCaps, 0, ""},
		{"e-mail alone", "jean@example.com", Email, URL, ""},
		{"e-mail after a label", "contact: jean@example.com", Email, URL, ""},
		{"no e-mail in a handle", "follow @chaff on X", 0, Email, ""},
		{"arrows", ">> Lire la suite", Arrows | Bullet, 0, ""},
		{"percent in a sentence", "Le chômage a baissé de 3 % cette année selon les chiffres publiés.", Percent, Change | Numeric, ""},
		{"ticker in parentheses is no pair", "Tesla Inc (NASDAQ:TSLA) est censée lancer", 0, Pair, ""},
		{"covid-19 is no date", "La covid-19 recule", 0, Date | EndsDate, ""},
		{"hyphenated word is no bullet", "Saint-Étienne gagne", 0, Bullet | Pair, ""},
		{"blank", "  \t ", 0, ^Shape(0), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.skip != "" {
				t.Skip(tt.skip)
			}
			got := findShape(tt.line)
			if got&tt.want != tt.want {
				t.Errorf("Find(%q) = %v, missing %v", tt.line, got.Names(), (tt.want &^ got).Names())
			}
			if got&tt.not != 0 {
				t.Errorf("Find(%q) = %v, must not have %v", tt.line, got.Names(), (got & tt.not).Names())
			}
		})
	}
}

func TestFindCapsAtMaxScan(t *testing.T) {
	// A date after MaxScan bytes is not looked at.
	line := make([]byte, MaxScan, MaxScan+16)
	for i := range line {
		line[i] = 'a'
	}
	line[MaxScan-2] = ' '
	line = append(line, " 22/11/2024"...)
	var words textnorm.Line
	st := Measure(line, nil, &words)
	if got := Find(line, &st); got&Date != 0 {
		t.Errorf("Find found a date past MaxScan: %v", got.Names())
	}
}

func TestShapeNames(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < NumShapes; i++ {
		names := Shape(1 << i).Names()
		if len(names) != 1 || names[0] == "" || seen[names[0]] {
			t.Fatalf("Shape(1<<%d).Names() = %v, want one new name", i, names)
		}
		seen[names[0]] = true
	}
	if got := (Date | URL).Names(); len(got) != 2 || got[0] != "date" || got[1] != "url" {
		t.Errorf("(Date|URL).Names() = %v", got)
	}
	if got := Shape(0).Names(); len(got) != 0 {
		t.Errorf("Shape(0).Names() = %v", got)
	}
}

func TestByteSetAgreesWithBytes(t *testing.T) {
	lines := []string{"", "a | b · c • d > e", "https://x.org www.y", "© (c) (C) &copy; [...] (…)", "||| >>> ···", "日本 ★★★ ·•", "\xff\xfe |"}
	pats := []string{" | ", " · ", " • ", " > ", "://", "www.", "©", "(c)", "(C)", "&copy;", "(...)", "[...]", "(…)", "[…]"}
	rng := rand.New(rand.NewPCG(3, 4))
	alphabet := []byte(" |·•>:/w.©()cC&opy;[]…")
	for range 2000 {
		b := make([]byte, rng.IntN(24))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		lines = append(lines, string(b))
	}
	for _, line := range lines {
		var in byteSet
		in.add([]byte(line))
		for _, p := range pats {
			if got, want := in.contains([]byte(line), []byte(p)), bytes.Contains([]byte(line), []byte(p)); got != want {
				t.Errorf("contains(%q, %q) = %v, want %v", line, p, got, want)
			}
			if got, want := in.count([]byte(line), []byte(p)), bytes.Count([]byte(line), []byte(p)); got != want {
				t.Errorf("count(%q, %q) = %d, want %d", line, p, got, want)
			}
		}
	}
}
