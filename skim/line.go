package skim

import (
	"encoding/binary"
	"math"
	"math/bits"
)

// Bits of byteInfo, what the scan needs to know of an ASCII byte.
const (
	bWord   = 1 << iota // a letter or a digit: part of a word
	bLetter             // a letter
	bUpper              // an upper-case letter
	bDigit              // a digit
	bSpace              // white space: ends a word, not counted
	bPunct              // punctuation or another symbol
	bSep                // a separator of menus and breadcrumbs: | / > < - * +
	bHigh               // a byte of a multi-byte UTF-8 sequence
)

// byteInfo maps every byte to its bits; fold maps a word byte to the byte
// hashed for it: ASCII letters in lower case, every digit as 0.
var byteInfo, fold = func() (t, f [256]uint8) {
	for c := range 256 {
		f[c] = uint8(c)
		switch {
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			t[c] = bSpace
		case c >= 'a' && c <= 'z':
			t[c] = bWord | bLetter
		case c >= 'A' && c <= 'Z':
			t[c] = bWord | bLetter | bUpper
			f[c] = uint8(c) + 'a' - 'A'
		case c >= '0' && c <= '9':
			t[c] = bWord | bDigit
			f[c] = '0'
		case c >= 0x80:
			t[c] = bHigh
		default:
			t[c] = bPunct
		}
	}
	for _, c := range "|/><-*+" {
		t[c] |= bSep
	}
	return t, f
}()

// stats is what one pass over a line's bytes counts.
type stats struct {
	bytes, runes            int // runes leaves out white space
	words, letters, digits  int
	upper, punct, numbers   int
	capitalised, shortWords int
	longest, separators     int
	url, copyright          bool
	first, last             uint8 // rune kinds of the first and last visible rune (see kind*)
}

// Rune kinds of a line's first and last visible rune, as dense features:
// trees split on them like small integers.
const (
	kindNone     = iota
	kindLower    // a lower-case letter, or a letter of a script without case
	kindUpper    // an upper-case letter
	kindDigit    // a digit
	kindSentence // . ! ? …
	kindColon    // : ;
	kindComma    // ,
	kindBullet   // - * > • · | and dashes
	kindClosing  // ) ] " ' » ” and the like
	kindOpening  // ( [ « “
	kindSymbol   // anything else
)

// mix folds eight bytes of a word, packed in a uint64, into its hash:
// one multiplication per eight bytes rather than FNV's one per byte,
// whose chain of multiplications bounds a byte loop.
func mix(h, acc uint64) uint64 {
	h = (h ^ acc) * 0x9e3779b97f4a7c15
	return h ^ h>>29
}

// finish turns a word's hash into 32 bits.
func finish(h uint64) uint32 {
	h ^= h >> 32
	h *= 0xd6e8feb86659fd93
	return uint32(h ^ h>>32)
}

// scan measures text and appends the hashes of its words, of each word
// with the one before, and of its first and last word to h (masked with
// mask). A word is a maximal run of ASCII letters and digits and of
// non-ASCII letters; its hash folds ASCII case and turns every digit into
// 0, so that prices and dates share slots. Non-ASCII punctuation that
// separates words in scraped text (no-break space, guillemets, dashes,
// bullets, typographic quotes, ellipsis) is told from letters by its
// first bytes (see highRune).
func scan(text []byte, h []uint32, mask uint32) (stats, []uint32) {
	return scanWords(text, h, mask, true)
}

// scanWords is scan reading the ASCII letters and digits of a word eight
// bytes at a time when wide, else byte by byte, as the tests do to check
// that both ways measure and hash alike.
func scanWords(text []byte, h []uint32, mask uint32, wide bool) (stats, []uint32) {
	s := stats{bytes: len(text)}
	var prev uint32 // hash of the previous word; 0 before the first
	n := len(text)
	for i := 0; i < n; {
		c := text[i]
		b := byteInfo[c]
		if b&bWord != 0 || b&bHigh != 0 && isLetter(text[i:]) {
			var hw, acc uint64 // the word's hash, and its bytes not yet in it
			wlen, letters, upper, packed := 0, 0, 0, 0
			first := i
			for i < n {
				if wide && i+8 <= n {
					// Up to eight ASCII letters and digits at once.
					x := binary.LittleEndian.Uint64(text[i:])
					lower, upper8, digit := asciiClasses(x)
					word := lower | upper8 | digit
					k := bits.TrailingZeros64(^word&hiBits) >> 3 // word bytes before the first other one
					if k > 0 {
						keep := uint64(1)<<(8*k) - 1 // the k bytes, 1<<64 being 0
						f := bits.ReverseBytes64(foldASCII(x, upper8, digit))
						t := min(k, 8-packed) // bytes that complete acc
						acc = acc<<(8*t) | f>>(64-8*t)
						if packed += t; packed == 8 {
							hw = mix(hw, acc)
							r := k - t
							acc, packed = f<<(8*t)>>(64-8*r), r
						}
						letters += bits.OnesCount64((lower | upper8) & keep)
						upper += bits.OnesCount64(upper8 & keep)
						i += k
						wlen += k
						if k == 8 {
							continue
						}
					}
				}
				c = text[i]
				b = byteInfo[c]
				if b&bWord != 0 {
					acc = acc<<8 | uint64(fold[c])
					if packed++; packed == 8 {
						hw, acc, packed = mix(hw, acc), 0, 0
					}
					letters += int(b&bLetter) >> 1
					upper += int(b&bUpper) >> 2
					i++
					wlen++
					continue
				}
				if b&bHigh == 0 {
					break
				}
				m, k := highRune(text[i:])
				if k != kindLower && k != kindUpper {
					break
				}
				for _, x := range text[i : i+m] {
					acc = acc<<8 | uint64(x)
					if packed++; packed == 8 {
						hw, acc, packed = mix(hw, acc), 0, 0
					}
				}
				letters++
				if k == kindUpper {
					upper++
				}
				i += m
				wlen++
			}
			w := finish(mix(hw, acc|uint64(packed)<<61))
			s.words++
			s.runes += wlen
			s.letters += letters
			s.upper += upper
			s.digits += wlen - letters
			if letters == 0 {
				s.numbers++
			} else if wlen <= 3 {
				s.shortWords++
			}
			if byteInfo[text[first]]&bUpper != 0 || text[first] >= 0x80 && upper > 0 && isUpper(text[first:]) {
				s.capitalised++
			}
			s.longest = max(s.longest, wlen)
			if prev == 0 {
				h = append(h, (w^0x9e3779b9)&mask) // the first word, as such
			} else {
				h = append(h, ((prev*31)^w^0x7f4a7c15)&mask) // the pair with the one before
			}
			h = append(h, w&mask)
			prev = w
			continue
		}
		switch {
		case b&bSpace != 0:
			i++
			continue
		case b&bHigh != 0:
			m, k := highRune(text[i:])
			if k == kindBullet {
				s.separators++
			}
			if m == 2 && c == 0xc2 && text[i+1] == 0xa9 {
				s.copyright = true
			}
			if !(m == 2 && c == 0xc2 && text[i+1] == 0xa0) { // a no-break space is white space
				s.punct++
				s.runes++
			}
			i += m
			continue
		}
		s.punct++
		s.runes++
		if b&bSep != 0 {
			s.separators++
		}
		switch c {
		case ':':
			if i >= 4 && string(text[i-4:i]) == "http" || i >= 5 && string(text[i-5:i]) == "https" {
				s.url = true
			}
		case '@':
			s.url = true
		case '.':
			if i >= 3 && string(text[i-3:i]) == "www" {
				s.url = true
			}
		}
		i++
	}
	if prev != 0 {
		h = append(h, (prev^0x85ebca6b)&mask) // the last word, as such
	}
	s.first, s.last = firstKind(text), lastKind(text)
	return s, h
}

// Masks of asciiClasses: every byte's low and high bit.
const (
	loBits = 0x0101010101010101
	hiBits = 0x8080808080808080
)

// asciiClasses returns, for the eight bytes of x, the high bit of each byte
// that is an ASCII lower-case letter, an upper-case letter or a digit
// (bytes from 0x80 are none of them). Each test adds to every byte's low
// seven bits a constant that carries into its high bit exactly when the
// byte is at or above a bound, so no byte spills into the next.
func asciiClasses(x uint64) (lower, upper, digit uint64) {
	low7 := x &^ hiBits
	ascii := ^x & hiBits
	atLeast := func(c uint64) uint64 { return (low7 + (0x80-c)*loBits) & hiBits }
	lower = atLeast('a') &^ atLeast('z'+1) & ascii
	upper = atLeast('A') &^ atLeast('Z'+1) & ascii
	digit = atLeast('0') &^ atLeast('9'+1) & ascii
	return lower, upper, digit
}

// foldASCII is fold for eight bytes: upper-case letters (upper, as from
// asciiClasses) to lower case, digits to '0'.
func foldASCII(x, upper, digit uint64) uint64 {
	x |= upper >> 2                 // 'A'|0x20 is 'a'
	allDigit := (digit >> 7) * 0xff // every bit of a digit's byte
	return x&^allDigit | allDigit&(0x30*loBits)
}

// isLetter reports whether the multi-byte rune that begins b is a letter.
func isLetter(b []byte) bool {
	_, k := highRune(b)
	return k == kindLower || k == kindUpper
}

// isUpper reports whether the multi-byte rune that begins b is an
// upper-case letter.
func isUpper(b []byte) bool {
	_, k := highRune(b)
	return k == kindUpper
}

// firstKind is the kind of the first rune of text that is not white space.
func firstKind(text []byte) uint8 {
	for i := 0; i < len(text); {
		c := text[i]
		if c < 0x80 {
			if byteInfo[c]&bSpace == 0 {
				return asciiKind(c)
			}
			i++
			continue
		}
		m, k := highRune(text[i:])
		if !(m == 2 && c == 0xc2 && text[i+1] == 0xa0) {
			return k
		}
		i += m
	}
	return kindNone
}

// lastKind is the kind of the last rune of text that is not white space.
func lastKind(text []byte) uint8 {
	for end := len(text); end > 0; {
		c := text[end-1]
		if c < 0x80 {
			if byteInfo[c]&bSpace == 0 {
				return asciiKind(c)
			}
			end--
			continue
		}
		start := end - 1 // back to the first byte of the rune
		for start > 0 && end-start < 4 && text[start]&0xc0 == 0x80 {
			start--
		}
		m, k := highRune(text[start:end])
		if start+m != end {
			return kindSymbol // a stray byte
		}
		if !(m == 2 && text[start] == 0xc2 && text[start+1] == 0xa0) {
			return k
		}
		end = start
	}
	return kindNone
}

// asciiKind is the rune kind of an ASCII byte.
func asciiKind(c byte) uint8 {
	b := byteInfo[c]
	switch {
	case b&bUpper != 0:
		return kindUpper
	case b&bLetter != 0:
		return kindLower
	case b&bDigit != 0:
		return kindDigit
	}
	return punctKind(c)
}

// punctKind is the rune kind of an ASCII punctuation byte.
func punctKind(c byte) uint8 {
	switch c {
	case '.', '!', '?':
		return kindSentence
	case ':', ';':
		return kindColon
	case ',':
		return kindComma
	case '-', '*', '>', '|', '+', '#', '/':
		return kindBullet
	case ')', ']', '}', '"', '\'':
		return kindClosing
	case '(', '[', '{':
		return kindOpening
	}
	return kindSymbol
}

// highRune returns the length (1 to 4, 1 for a byte that starts no valid
// sequence) and the kind of the multi-byte rune that begins b. Letters are
// told apart only where scraped text needs it: Latin-1 and Latin
// Extended-A capitals are upper case, the punctuation of U+00A0–U+00BF
// and U+2000–U+206F is punctuation, and every other rune counts as a
// lower-case letter (most scripts have no case).
func highRune(b []byte) (int, uint8) {
	c := b[0]
	n := 1
	switch {
	case c >= 0xf0 && c < 0xf5:
		n = 4
	case c >= 0xe0:
		n = 3
	case c >= 0xc2:
		n = 2
	}
	if n > len(b) {
		return 1, kindSymbol
	}
	for _, x := range b[1:n] {
		if x&0xc0 != 0x80 {
			return 1, kindSymbol
		}
	}
	if n == 1 {
		return 1, kindSymbol
	}
	switch c {
	case 0xc2:
		switch b[1] {
		case 0xab:
			return n, kindOpening // «
		case 0xbb:
			return n, kindClosing // »
		case 0xb7:
			return n, kindBullet // ·
		}
		return n, kindSymbol // no-break space, ©, °, ¿ …
	case 0xc3:
		if b[1] >= 0x80 && b[1] <= 0x9e && b[1] != 0x97 {
			return n, kindUpper // À–Þ but ×
		}
		if b[1] == 0xb7 {
			return n, kindSymbol // ÷
		}
	case 0xc4, 0xc5:
		if b[1]&1 == 0 { // Latin Extended-A alternates capital, small
			return n, kindUpper
		}
	case 0xe2:
		if b[1] == 0x80 {
			switch b[2] {
			case 0xa6:
				return n, kindSentence // …
			case 0x93, 0x94, 0x95, 0xa2, 0xa3, 0xba:
				return n, kindBullet // – — ― • ‣ ›
			case 0x99, 0x9d, 0xb9:
				return n, kindClosing // ’ ” ‹
			case 0x98, 0x9c:
				return n, kindOpening // ‘ “
			}
			return n, kindSymbol
		}
		if b[1] == 0x81 || b[1] >= 0x86 {
			return n, kindSymbol // more punctuation, arrows, shapes, dingbats
		}
	case 0xe3:
		if b[1] == 0x80 {
			switch b[2] {
			case 0x82:
				return n, kindSentence // 。
			}
			return n, kindSymbol // CJK punctuation
		}
	case 0xef:
		if b[1] == 0xbb && b[2] == 0xbf {
			return n, kindSymbol // byte-order mark
		}
	}
	return n, kindLower
}

func ratio(a, b int) float32 {
	if b == 0 {
		return 0
	}
	return float32(a) / float32(b)
}

// logn is log(1+n), from a table for the counts lines mostly have.
func logn(n int) float32 {
	if n < len(logTable) {
		return logTable[n]
	}
	return float32(math.Log1p(float64(n)))
}

var logTable = func() (t [1024]float32) {
	for n := range t {
		t[n] = float32(math.Log1p(float64(n)))
	}
	return t
}()
