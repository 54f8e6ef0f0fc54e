package textnorm

import (
	"bytes"
	"testing"
)

// TestLineAgreesWithScanner checks that a Line holds the tokens of a
// Scanner with Symbols set, folded as Fold folds them, and that its word
// tokens are exactly those of a Scanner without Symbols.
func TestLineAgreesWithScanner(t *testing.T) {
	lines := []string{
		"",
		"  ,;  ",
		"Publié le 21/12/2024 à 07:45 — Élodie Durand, Straße d’Œuvre",
		"© 2024 Groupe, 5 % – 3 $ ™ §2 ‰ €",
		"a\xffb\xc3 cafe\u0301! 日本語 text ★★★",
		"ÀLIRE AUSSI: l'été-2024",
	}
	var l Line
	for _, line := range lines {
		checkLine(t, &l, line)
	}
}

func FuzzLine(f *testing.F) {
	for _, s := range []string{"d’une", "a\xffb", "© 2024 5 %", "e\u0301", "ß$"} {
		f.Add(s)
	}
	var l Line
	f.Fuzz(func(t *testing.T, line string) { checkLine(t, &l, line) })
}

// checkLine resets l to line and compares it with the two scanners.
func checkLine(t *testing.T, l *Line, line string) {
	t.Helper()
	l.Reset([]byte(line))
	if !bytes.Equal(l.Text(), []byte(line)) {
		t.Errorf("%q: Text() = %q", line, l.Text())
	}
	var sym Scanner
	sym.Symbols = true
	sym.Reset([]byte(line))
	i := 0
	for ; sym.Next(); i++ {
		if i >= len(l.Tokens) {
			t.Fatalf("%q: Line has %d tokens, the scanner more", line, len(l.Tokens))
		}
		tok := l.Tokens[i]
		want := Token{Start: sym.Start(), End: sym.End(), Runes: sym.Runes(), Symbol: sym.IsSymbol(), Number: sym.IsNumber(), fs: tok.fs, fe: tok.fe}
		if tok != want || !bytes.Equal(l.Raw(i), sym.Raw()) || !bytes.Equal(l.Folded(i), sym.Folded()) {
			t.Errorf("%q token %d: %+v %q %q, want %+v %q %q", line, i, tok, l.Raw(i), l.Folded(i), want, sym.Raw(), sym.Folded())
		}
	}
	if i != len(l.Tokens) {
		t.Errorf("%q: Line has %d tokens, the scanner %d", line, len(l.Tokens), i)
	}
	var words Scanner
	words.Reset([]byte(line))
	for _, tok := range l.Tokens {
		if tok.Symbol {
			continue
		}
		if !words.Next() || words.Start() != tok.Start || words.End() != tok.End {
			t.Fatalf("%q: word token %d..%d is not the next word of a scanner without symbols", line, tok.Start, tok.End)
		}
	}
	if words.Next() {
		t.Errorf("%q: the scanner without symbols has more words than the Line", line)
	}
}

func TestLineZeroAllocs(t *testing.T) {
	line := []byte("Publié le 21/12/2024 à 07:45 — Élodie Durand, Straße d’Œuvre ©")
	var l Line
	l.Reset(line)
	if n := testing.AllocsPerRun(100, func() { l.Reset(line) }); n != 0 {
		t.Fatalf("allocations per Reset = %v, want 0", n)
	}
}
