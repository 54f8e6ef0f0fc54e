package textnorm

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Hello World", "hello world"},
		{"Été à Noël", "ete a noel"},
		{"Straße", "strasse"},
		{"Œuvre, cœur, Æsop", "oeuvre, coeur, aesop"},
		{"d’une l‘eau ʼx", "d'une l'eau 'x"},
		{"ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝ", "aaaaaaceeeeiiiinoooooouuuuy"},
		{"ąćęłńśźż ĄĆĘŁŃŚŹŻ", "acelnszz acelnszz"},
		{"Ğİış", "giis"},
		{"e\u0301te\u0301", "ete"},   // decomposed accents
		{"ẞ ệ", "ss e"},              // beyond Latin Extended-A: NFD base, lower case
		{"ΑΒΓ Привет", "αβγ привет"}, // other scripts are lower-cased
		{"Ά ǎ", "α a"},               // Greek tonos and Latin Extended-B lose accents
		{"Йод 한국 日本", "йод 한국 日本"},   // but Cyrillic й, Hangul and Han stay whole
		{"2 × 3 ÷ 4", "2 × 3 ÷ 4"},
		{"a\xffb\xc3", "a\xffb\xc3"}, // invalid bytes copied unchanged
	}
	for _, tt := range tests {
		if got := string(Fold(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestFoldAppends(t *testing.T) {
	got := Fold([]byte("x:"), []byte("É"))
	if string(got) != "x:e" {
		t.Fatalf("Fold must append to dst, got %q", got)
	}
}

type tok struct {
	text       string
	start, end int
}

func collect(line string) []tok {
	var out []tok
	Tokens([]byte(line), func(b []byte, s, e int) { out = append(out, tok{string(b), s, e}) })
	return out
}

func TestTokens(t *testing.T) {
	tests := []struct {
		in   string
		want []tok
	}{
		{"", nil},
		{"  ,;  ", nil},
		{"d’une", []tok{{"d", 0, 1}, {"une", 4, 7}}},
		{"l'été-2024", []tok{{"l", 0, 1}, {"été", 2, 7}, {"2024", 8, 12}}},
		{"2 min de lecture", []tok{{"2", 0, 1}, {"min", 2, 5}, {"de", 6, 8}, {"lecture", 9, 16}}},
		{"a\xffb", []tok{{"a", 0, 1}, {"b", 2, 3}}},
		{"\xc3", nil},
		{"© 2024 Le Monde", []tok{{"2024", 3, 7}, {"Le", 8, 10}, {"Monde", 11, 16}}},
		{"cafe\u0301!", []tok{{"cafe\u0301", 0, 6}}},
		{"日本語 text", []tok{{"日本語", 0, 9}, {"text", 10, 14}}},
	}
	for _, tt := range tests {
		got := collect(tt.in)
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("Tokens(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestScannerSymbolsAndKinds(t *testing.T) {
	var s Scanner
	s.Symbols = true
	s.Reset([]byte("© 2024 Groupe, 5 %"))
	var got []string
	for s.Next() {
		k := "w"
		switch {
		case s.IsSymbol():
			k = "s"
		case s.IsNumber():
			k = "n"
		}
		got = append(got, k+":"+string(s.Folded()))
	}
	want := "s:© n:2024 w:groupe n:5 s:%"
	if strings.Join(got, " ") != want {
		t.Fatalf("got %q, want %q", strings.Join(got, " "), want)
	}
}

func TestFoldedTokens(t *testing.T) {
	var got []string
	FoldedTokens(nil, []byte("À LIRE AUSSI"), func(b []byte, s, e int) { got = append(got, string(b)) })
	if strings.Join(got, "|") != "a|lire|aussi" {
		t.Fatalf("got %v", got)
	}
}

func TestZeroAllocs(t *testing.T) {
	line := []byte("Publié le 21/12/2024 à 07:45 — Élodie Durand, Straße d’Œuvre")
	buf := make([]byte, 0, 64)
	var s Scanner
	n := testing.AllocsPerRun(100, func() {
		buf = FoldedTokens(buf, line, func([]byte, int, int) {})
		s.Reset(line)
		for s.Next() {
			_ = s.Folded()
		}
		buf = Fold(buf[:0], line)
	})
	if n != 0 {
		t.Fatalf("allocations per line = %v, want 0", n)
	}
}

func FuzzTokens(f *testing.F) {
	for _, s := range []string{"d’une", "a\xffb", "© 2024", "e\u0301", "ß"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		prev := 0
		var s Scanner
		s.Symbols = true
		s.Reset(line)
		for s.Next() {
			if s.Start() < prev || s.End() <= s.Start() || s.End() > len(line) {
				t.Fatalf("bad offsets %d..%d after %d in %d bytes", s.Start(), s.End(), prev, len(line))
			}
			prev = s.End()
			if !utf8.Valid(s.Raw()) {
				t.Fatalf("token %q is not valid UTF-8", s.Raw())
			}
		}
		folded := Fold(nil, line)
		if utf8.Valid(line) && !utf8.Valid(folded) {
			t.Fatalf("Fold made valid input invalid: %q -> %q", line, folded)
		}
		if bytes.Equal(line, nil) && len(folded) != 0 {
			t.Fatal("Fold of nothing gave something")
		}
	})
}

func BenchmarkFoldedTokens(b *testing.B) {
	line := []byte("Elon Musk, le patron de Tesla, s’est défendu, lors d’une conférence virtuelle à Pékin, du fait que ses voitures puissent jamais faire de l’espionnage.")
	buf := make([]byte, 0, 64)
	b.ReportAllocs()
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		buf = FoldedTokens(buf, line, func([]byte, int, int) {})
	}
}

func ExampleTokens() {
	line := []byte("À lire aussi : l’été 2024")
	Tokens(line, func(tok []byte, start, end int) {
		fmt.Printf("%s %d-%d\n", Fold(nil, tok), start, end)
	})
	// Output:
	// a 0-2
	// lire 3-7
	// aussi 8-13
	// l 16-17
	// ete 20-25
	// 2024 26-30
}

func ExampleFold() {
	fmt.Println(string(Fold(nil, []byte("Ihr Browser ist veraltet – Straße, Œuvre, Été"))))
	// Output: ihr browser ist veraltet – strasse, oeuvre, ete
}

func TestIsWordRuneFastPathsAgree(t *testing.T) {
	for r := rune(0); r < 0x2100; r++ {
		if got, want := IsWordRune(r), isWordRune(r); got != want {
			t.Errorf("IsWordRune(%U) = %v, want %v", r, got, want)
		}
		if r >= 0x2000 && r <= 0x206F && r != '‰' && IsSymbolRune(r) != unicode.In(r, unicode.So, unicode.Sc) {
			t.Errorf("IsSymbolRune(%U) disagrees with the Unicode tables", r)
		}
	}
}

func TestASCIISymbols(t *testing.T) {
	var s Scanner
	s.Symbols = true
	for c := rune(0); c < utf8.RuneSelf; c++ {
		s.Reset([]byte{byte(c)})
		got := s.Next() && s.IsSymbol()
		if got != IsSymbolRune(c) {
			t.Errorf("%q: symbol token %v, IsSymbolRune %v", c, got, IsSymbolRune(c))
		}
	}
}
