package repeated

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    Norm
		want string
	}{
		{"Page 3 of 12", 0, "Page 3 of 12"},
		{"Page 3 of 12", FoldDigits, "Page 0 of 0"},
		{"Page 1,234 of 12", FoldDigits | StripPunct, "Page 0 of 0"},
		{"1 2 3", FoldDigits | StripSpace, "0"},
		{"1 2 3", FoldDigits, "0 0 0"},
		{"À LA UNE", FoldCase, "à la une"},
		{"Home | News » Sport", StripPunct, "Home  News  Sport"},
		{"Home | News » Sport", NormAll, "homenewssport"},
		{"© 2024 Le Monde.", NormAll, "0lemonde"},
		{"Ⅻ Ⓐ", FoldCase, "ⅻ ⓐ"},
		{"x\xffy", FoldCase, "x\uFFFDy"},
		{"x\xffy", StripPunct, "xy"},
		{"x\xffy", 0, "x\xffy"},
		{"٣ ٤", FoldDigits, "0 0"}, // Arabic-Indic digits
		{"a\u00a0b\u3000c", StripSpace, "abc"},
		{"", NormAll, ""},
	} {
		if got := string(Normalize(nil, []byte(tc.in), tc.n)); got != tc.want {
			t.Errorf("Normalize(%q, %04b) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}

func TestMinLetters(t *testing.T) {
	for _, tc := range []struct {
		line string
		min  int
		want bool // counted
	}{
		{"", 1, false},
		{"   ", 1, false},
		{"|", 1, false},
		{"2024", 1, false},
		{"A", 1, true},
		{"A", 3, false},
		{"OK!", 3, false},
		{"Top", 3, true},
		{"東京都", 3, true},
		{"1 2 3 abc", 3, true},
	} {
		cfg := DefaultConfig()
		cfg.MinLetters = tc.min
		c := mustNew(t, cfg)
		_, got := c.keyer.key(0, []byte(tc.line))
		if got != tc.want {
			t.Errorf("line %q, MinLetters %d: counted %v, want %v", tc.line, tc.min, got, tc.want)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Page 3 of 12", "À LA UNE »", "x\xff\xc3!\x89y", "٣ ٤ Ⓐ", "İstanbul ǅ"} {
		f.Add([]byte(s), uint8(NormAll))
	}
	f.Fuzz(func(t *testing.T, line []byte, bits uint8) {
		n := Norm(bits) & NormAll
		once := Normalize(nil, line, n)
		if n == 0 {
			if !bytes.Equal(once, line) {
				t.Fatalf("Norm 0 changed %q into %q", line, once)
			}
			return
		}
		if !utf8.Valid(once) {
			t.Fatalf("Normalize(%q, %04b) = %q, not valid UTF-8", line, n, once)
		}
		if twice := Normalize(nil, once, n); !bytes.Equal(once, twice) {
			t.Fatalf("not idempotent under %04b: %q -> %q -> %q", n, line, once, twice)
		}
		if len(once) > 3*len(line)+1 {
			t.Fatalf("output %d bytes for %d input bytes", len(once), len(line))
		}
	})
}
