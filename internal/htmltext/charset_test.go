package htmltext

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// utf8StatsSlow is utf8Stats one rune at a time, the reference.
func utf8StatsSlow(data []byte) (valid, invalid int) {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			invalid++
		case size > 1:
			valid++
		}
		i += size
	}
	return valid, invalid
}

func TestUTF8Stats(t *testing.T) {
	cases := []string{"", "a", "abcdefg", "abcdefgh", strings.Repeat("<p>", 11), "é", "😀", "\xff", "\xe2\x82"}
	// Each special sequence at every offset around the eight-byte steps.
	for _, seq := range []string{"é", "€", "😀", "\xff", "\xc3", "\xe2\x82", "\xf0\x9f\x98"} {
		for at := 0; at <= 17; at++ {
			cases = append(cases, strings.Repeat("x", at)+seq+strings.Repeat("y", 17-at))
		}
	}
	for _, c := range cases {
		v, inv := utf8Stats([]byte(c))
		wv, winv := utf8StatsSlow([]byte(c))
		if v != wv || inv != winv {
			t.Errorf("utf8Stats(%q) = %d, %d; want %d, %d", c, v, inv, wv, winv)
		}
	}
}

func FuzzUTF8Stats(f *testing.F) {
	f.Add([]byte("abcdefgh\xc3\xa9ijklmnop\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, inv := utf8Stats(data)
		wv, winv := utf8StatsSlow(data)
		if v != wv || inv != winv {
			t.Errorf("utf8Stats(%q) = %d, %d; want %d, %d", data, v, inv, wv, winv)
		}
	})
}
