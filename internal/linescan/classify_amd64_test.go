//go:build !purego

package linescan

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chaff-dev/chaff/internal/lines"
)

// classifyBytes is classify one byte at a time, from byteInfo, as plain as
// it can be put: the third opinion when classifyAVX2 and classifyGo
// disagree, and the one the table of TestClassifyAVX2 is checked against.
func classifyBytes(text []byte, base int) bitmaps {
	var b bitmaps
	for j := range 64 {
		i := base + j
		if i >= len(text) {
			break
		}
		c, bit := text[i], uint64(1)<<j
		info := byteInfo[c]
		if info&bWord != 0 {
			b.word |= bit
		}
		if info&bLetter != 0 {
			b.letter |= bit
		}
		if info&bUpper != 0 {
			b.upper |= bit
		}
		if info&bHigh != 0 {
			b.high |= bit
		}
		if info&bPunct != 0 {
			b.punct |= bit
		}
		if c >= 0xc6 && c <= 0xdf && i+1 < len(text) && text[i+1]&0xc0 == 0x80 {
			b.pairs |= bit
		}
	}
	return b
}

// checkClassify compares classifyAVX2, where the processor and text's
// storage allow it, and classify with classifyGo and classifyBytes at
// every block of text.
func checkClassify(t *testing.T, text []byte) {
	t.Helper()
	for base := 0; base < len(text); base += 64 {
		want := bitmapsOf(classifyGo, text, base)
		if plain := classifyBytes(text, base); plain != want {
			t.Fatalf("classifyGo(%q, %d) (cap %d) is not classifyBytes:\n%s", text, base, cap(text), diff(want, plain))
		}
		if useAVX2 && cap(text) >= 64 {
			if got := bitmapsOf(classifyAVX2, text, base); got != want {
				t.Fatalf("classifyAVX2(%q, %d) (cap %d):\n%s", text, base, cap(text), diff(got, want))
			}
		}
		if got := bitmapsOf(classify, text, base); got != want {
			t.Fatalf("classify(%q, %d) (cap %d):\n%s", text, base, cap(text), diff(got, want))
		}
	}
}

// checkStorages runs checkClassify on line alone in its storage, and
// followed in it by each of afters, which are not part of it.
func checkStorages(t *testing.T, line []byte, afters ...[]byte) {
	t.Helper()
	n := len(line)
	checkClassify(t, append([]byte(nil), line...)[:n:n])
	for _, after := range afters {
		text := append(append(make([]byte, 0, n+len(after)), line...), after...)
		checkClassify(t, text[:n:len(text)])
	}
}

// diff shows the bitmaps that differ, got above want, byte 0 on the right.
func diff(got, want bitmaps) string {
	var s strings.Builder
	row := func(name string, g, w uint64) {
		if g != w {
			s.WriteString(name + "\n got " + bin(g) + "\nwant " + bin(w) + "\n")
		}
	}
	row("word", got.word, want.word)
	row("letter", got.letter, want.letter)
	row("upper", got.upper, want.upper)
	row("high", got.high, want.high)
	row("punct", got.punct, want.punct)
	row("pairs", got.pairs, want.pairs)
	return s.String()
}

// bin writes the 64 bits of x, bit 0 on the right, as diff shows them.
func bin(x uint64) string {
	const digits = "01"
	b := make([]byte, 64)
	for j := range 64 {
		b[63-j] = digits[x>>j&1]
	}
	return string(b)
}

// skipNoAVX2 skips t where the processor has no AVX2.
func skipNoAVX2(t testing.TB) {
	if !useAVX2 {
		t.Skip("no AVX2")
	}
}

// TestClassifyAVX2 checks classifyAVX2 on lines that show each bitmap,
// against bitmaps read off by hand, bit j standing for byte j, and then
// against classifyGo and classifyBytes, alone in their storage and
// followed there by other bytes.
func TestClassifyAVX2(t *testing.T) {
	skipNoAVX2(t)
	pad := strings.Repeat("z", 64) // storage for the window, after the line
	tests := []struct {
		line, after string
		base        int
		want        bitmaps
	}{
		{"Ab9 z", pad, 0, bitmaps{word: 0b10111, letter: 0b10011, upper: 0b1}},
		{"@[`{/:", pad, 0, bitmaps{punct: 0b111111}},
		{" \t\v\f\n\r\x00\x1f\x7f!", pad, 0, bitmaps{punct: 0b1111110000}},
		{"é.", pad, 0, bitmaps{high: 0b11, punct: 0b100}},                                    // 0xc3, below 0xc6
		{"я日", pad, 0, bitmaps{high: 0b11111, pairs: 0b1}},                                   // 0xd1 0x8f, then three bytes
		{"\xc6\x80\xdf\xbf\xc5\x80\xe0\x80\xc6", pad, 0, bitmaps{high: 0x1ff, pairs: 0b101}}, // 0xc6 ends the line
		{"\xc6", "\x80" + pad, 0, bitmaps{high: 0b1}},                                        // the continuation is not the line's
		{strings.Repeat("a", 63) + "я", pad, 0, bitmaps{word: 1<<63 - 1, letter: 1<<63 - 1, high: 1 << 63, pairs: 1 << 63}},
		{strings.Repeat("a", 63) + "я", pad, 64, bitmaps{high: 0b1}},
		{strings.Repeat("a", 63) + "\xd1", "\x8f" + pad, 0, bitmaps{word: 1<<63 - 1, letter: 1<<63 - 1, high: 1 << 63}},
		{strings.Repeat(" ", 64) + "A", "", 64, bitmaps{word: 1, letter: 1, upper: 1}}, // the window is the last 64 bytes
		{strings.Repeat("-", 70), "", 64, bitmaps{punct: 0b111111}},
		{strings.Repeat("1", 64), "", 0, bitmaps{word: ^uint64(0)}},
	}
	for _, tt := range tests {
		text := []byte(tt.line + tt.after)
		text = text[:len(tt.line):len(text)]
		if got := bitmapsOf(classifyAVX2, text, tt.base); got != tt.want {
			t.Errorf("classifyAVX2(%q, %d), followed by %q:\n%s", tt.line, tt.base, tt.after, diff(got, tt.want))
		}
		checkStorages(t, []byte(tt.line), []byte(tt.after), []byte(pad))
	}
}

// TestClassifyAVX2EveryByte puts every byte value at every offset of the
// first two blocks and of the eight-byte steps of classifyGo, followed by
// each kind of byte that matters to pairs, in lines that end just after
// it or go on.
func TestClassifyAVX2EveryByte(t *testing.T) {
	skipNoAVX2(t)
	fill := []byte(strings.Repeat("aZ 0.", 30))
	for c := range 256 {
		for _, next := range []byte{0x80, 0xbf, 0xc0, 'a'} {
			for p := range 130 {
				line := append([]byte(nil), fill[:p+2]...)
				line[p], line[p+1] = byte(c), next
				checkStorages(t, line[:p+1], line[p+1:], fill)
				checkStorages(t, line)
			}
		}
	}
}

// TestClassifyAVX2Fixtures checks every line of the fixtures as Build
// scans it, its storage going on to the end of the document, and alone in
// its storage.
func TestClassifyAVX2Fixtures(t *testing.T) {
	skipNoAVX2(t)
	paths, _ := filepath.Glob("../../fixtures/*/*.txt")
	if len(paths) == 0 {
		t.Fatal("no fixtures")
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, sp := range lines.Split(data) {
			checkClassify(t, data[sp.Start:sp.End:len(data)])
			checkStorages(t, data[sp.Start:sp.End])
		}
	}
}

// TestClassifyAVX2Random checks random lines of every length up to four
// blocks, of ASCII, of non-ASCII runes, of control bytes and of any
// bytes, alone in their storage and followed by random bytes.
func TestClassifyAVX2Random(t *testing.T) {
	skipNoAVX2(t)
	rng := rand.New(rand.NewPCG(3, 4))
	const ascii = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789     .,;:!?'\"()[]{}<>-_/|@#$%^&*+=~`\\\t"
	runes := []rune("aZ9 éÉßøЯяжΩωא日本語😀\u00a0«»–—’…•·©ĀāŁłǅɐʃ")
	kinds := map[string]func() byte{
		"ascii": func() byte { return ascii[rng.IntN(len(ascii))] },
		"control": func() byte {
			if rng.IntN(3) == 0 {
				return ascii[rng.IntN(len(ascii))]
			}
			if rng.IntN(8) == 0 {
				return 0x7f
			}
			return byte(rng.IntN(0x21))
		},
		"any": func() byte { return byte(rng.Uint32()) },
	}
	random := func(n int, next func() byte) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = next()
		}
		return b
	}
	for range 20 {
		for n := 1; n <= 256; n++ {
			for _, next := range kinds {
				checkStorages(t, random(n, next), random(rng.IntN(8), kinds["any"]), random(rng.IntN(100), kinds["any"]))
			}
			// Non-ASCII runes, cut to n bytes, which may split the last.
			var b []byte
			for len(b) < n {
				b = utf8.AppendRune(b, runes[rng.IntN(len(runes))])
			}
			checkStorages(t, b[:n], b[n:], random(rng.IntN(100), kinds["any"]))
		}
	}
}

// TestClassifyNoAVX2 checks that classify runs classifyGo where the
// processor has no AVX2, as if this one had none.
func TestClassifyNoAVX2(t *testing.T) {
	defer func(has bool) { useAVX2 = has }(useAVX2)
	useAVX2 = false
	for _, line := range []string{"Ab9 z", "« Élan » — l’été…", strings.Repeat("Вход на сайт, ", 12)} {
		checkStorages(t, []byte(line), []byte(strings.Repeat("z", 64)))
	}
}

// FuzzClassifyAVX2 checks classifyAVX2 and classify against classifyGo on
// any bytes, alone in their storage and followed there by any others.
func FuzzClassifyAVX2(f *testing.F) {
	skipNoAVX2(f)
	for _, s := range []string{"abcdefghijklmnop qrs", "CAC 40 / 6 169,41", "« Élan » — l’été…", "\xff\xc3abcdefgh\xe2\x80",
		" \t\v\f\n\r\x00\x7f", strings.Repeat("Вход на сайт, ", 6), strings.Repeat("x", 63) + "я"} {
		f.Add([]byte(s), []byte("\x80Ab"))
	}
	f.Fuzz(func(t *testing.T, line, after []byte) {
		if len(line) > 0 {
			checkStorages(t, line, after)
		}
	})
}

// bitmapsOf returns the bitmaps classifier sets for the block of text at
// base, into a variable that first holds bits in every field, so that a
// field left unset shows.
func bitmapsOf(classifier func([]byte, int, *bitmaps), text []byte, base int) bitmaps {
	b := bitmaps{^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0), ^uint64(0)}
	classifier(text, base, &b)
	return b
}
