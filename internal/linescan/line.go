package linescan

import (
	"encoding/binary"
	"math"
	"math/bits"
	"slices"
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

// byteInfo maps every byte to its bits.
var byteInfo = func() (t [256]uint8) {
	for c := range 256 {
		switch {
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			t[c] = bSpace
		case c >= 'a' && c <= 'z':
			t[c] = bWord | bLetter
		case c >= 'A' && c <= 'Z':
			t[c] = bWord | bLetter | bUpper
		case c >= '0' && c <= '9':
			t[c] = bWord | bDigit
		case c >= 0x80:
			t[c] = bHigh
		default:
			t[c] = bPunct
		}
	}
	for _, c := range "|/><-*+" {
		t[c] |= bSep
	}
	return t
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
// with the one before, and of its first and last word to h, each masked
// to WordBits. A word is a maximal run of ASCII letters and digits and of
// non-ASCII letters; its hash folds ASCII case and turns every digit into
// 0, so that prices and dates share slots. Non-ASCII punctuation that
// separates words in scraped text (no-break space, guillemets, dashes,
// bullets, typographic quotes, ellipsis) is told from letters by its
// first bytes (see highRune).
//
// Lines are short, so what a line and a word cost matters more than what
// a byte does. scan classifies 64 bytes at a time into bitmaps (see
// classify), counts letters, digits and punctuation with popcounts,
// decodes only the non-ASCII runes, and keeps each block's word bitmaps;
// then hashWords takes the words as runs of set bits, each hashed from
// eight-byte loads at its start: no loop visits every byte, and a word
// costs a few bit operations rather than a branch per byte. It may read
// text's storage past its end, up to cap(text) (see load), which must not
// be written meanwhile.
func (sc *scanner) scan(text []byte, h []uint32, st *stats) []uint32 {
	n := len(text)
	var (
		// The counts of stats; the runes of words stand for its runes
		// and digits, which follow from them and the others.
		wordRunes, words, letters, upper, punct int
		capitalised, separators                 int
		url, copyright                          bool

		carry uint64 // 1 if the block before ends inside a word
		// The bytes at the start of a block that end a rune begun in the
		// block before, and whether that rune is a letter.
		spill       int
		spillLetter bool
	)
	sc.blocks = sc.blocks[:0]
	var b bitmaps
	for base := 0; base < n; base += 64 {
		classify(text, base, &b)
		// Bitmaps of the word bytes, of the first byte of each rune of a
		// word, of the letters among those and of the upper-case ones:
		// the ASCII ones so far, the non-ASCII ones below.
		inWord, starts, letter, capital := b.word, b.word, b.letter, b.upper
		punct += bits.OnesCount64(b.punct)
		high := b.high &^ (1<<spill - 1)
		if spillLetter {
			inWord |= 1<<spill - 1
		}
		spill, spillLetter = 0, false
		if high == b.pairs|b.pairs<<1 {
			// No non-ASCII bytes, or only two-byte letters, which need
			// no decoding.
			inWord |= high
			starts |= b.pairs
			letter |= b.pairs
			spill = int(b.pairs >> 63)
			spillLetter = spill > 0
		} else {
			for high != 0 {
				q := bits.TrailingZeros64(high)
				i := base + q
				m, k := highRune(text[i:])
				end := q + m // past 64 for a rune that ends in the next block
				high &^= 1<<end - 1
				spill = max(end-64, 0)
				if k == kindLower || k == kindUpper {
					bit := uint64(1) << q
					inWord |= (1<<m - 1) << q
					starts |= bit
					letter |= bit
					if k == kindUpper {
						capital |= bit
					}
					spillLetter = spill > 0
					continue
				}
				if k == kindBullet {
					separators++
				}
				if m == 2 && text[i] == 0xc2 {
					if text[i+1] == 0xa0 {
						continue // a no-break space is white space
					}
					copyright = copyright || text[i+1] == 0xa9
				}
				punct++
			}
		}
		wordRunes += bits.OnesCount64(starts)
		letters += bits.OnesCount64(letter)
		upper += bits.OnesCount64(capital)
		// Words are counted where they begin, the one from the block
		// before, if it goes on here, in that block; hashWords takes
		// them from the bitmaps.
		begins := inWord &^ (inWord<<1 | carry)
		words += bits.OnesCount64(begins)
		capitalised += bits.OnesCount64(begins & capital)
		carry = inWord >> 63
		sc.blocks = append(sc.blocks, wordBits{inWord, starts, letter})
		for p := b.punct; p != 0; p &= p - 1 {
			i := base + bits.TrailingZeros64(p)
			c := text[i]
			separators += int(byteInfo[c] & bSep / bSep)
			if !url {
				url = urlAt(text, i)
			}
		}
	}
	var t wordTally
	h = hashWords(text, sc.blocks, h, words, &t)
	var first, last uint8
	if n > 0 {
		// Most lines begin and end with ASCII that is not white space.
		if first = asciiKinds[text[0]]; first == kindNone {
			first = firstKind(text)
		}
		if last = asciiKinds[text[n-1]]; last == kindNone {
			last = lastKind(text)
		}
	}
	// Field by field: a composite literal is built on the stack and then
	// copied, and the copy's 16-byte loads cannot take their bytes
	// straight from the literal's 8-byte stores.
	st.bytes, st.runes = n, wordRunes+punct
	st.words, st.letters, st.digits = words, letters, wordRunes-letters
	st.upper, st.punct, st.numbers = upper, punct, t.numbers
	st.capitalised, st.shortWords = capitalised, t.short
	st.longest, st.separators = t.longest, separators
	st.url, st.copyright = url, copyright
	st.first, st.last = first, last
	return h
}

// scanner holds the storage scan reuses from one line to the next.
type scanner struct {
	blocks []wordBits // the word bitmaps of each block of the line
}

// wordBits locates the words of 64 bytes of a line: bit j stands for
// the byte at the block's base plus j.
type wordBits struct {
	inWord uint64 // the bytes of words
	starts uint64 // the first byte of each rune of a word
	letter uint64 // the first byte of each letter of a word
}

// wordTally counts what scan counts word by word.
type wordTally struct {
	numbers, short, longest int // words without a letter, short words, runes of the longest
}

// add counts a word of r runes, with a letter if l is not zero.
func (t *wordTally) add(r int, l uint64) {
	number := int((l|-l)>>63 ^ 1)           // no letter
	short := int(uint64(r-4)>>63) &^ number // a letter, and 3 runes at most
	t.numbers += number
	t.short += short
	t.longest = max(t.longest, r)
}

// hashWords appends to h the hashes of the words of text, runs of set
// bits of the blocks' inWord bitmaps that may go on from one block into
// the next: of each word with the one before, or of the first as such,
// and of the last as such; words is how many there are. It counts the
// words in t.
//
// (An assembly form that kept the loop's values in registers gained 4 %
// of chaff clean --text-model fast's CPU time, under the 5 % that
// assembly must earn here: see docs/performance.md.)
func hashWords(text []byte, blocks []wordBits, h []uint32, words int, t *wordTally) []uint32 {
	j := len(h)
	h = slices.Grow(h, 2*words+1)[:j+2*words+1]
	return h[:j+writeWordHashes(text, blocks, h[j:], t)]
}

// writeWordHashes writes the hashes of hashWords to h, from its start,
// sets t and returns how many it wrote. h has room for every hash.
func writeWordHashes(text []byte, blocks []wordBits, h []uint32, t *wordTally) int {
	const mask = 1<<WordBits - 1
	*t = wordTally{}
	j := 0
	var prev uint32 // hash of the previous word; 0 before the first
	for k := 0; k < len(blocks); k++ {
		b := blocks[k]
		for cur := b.inWord; cur != 0; {
			st := bits.TrailingZeros64(cur)
			run := cur &^ (cur + cur&-cur) // the lowest run of set bits
			cur &^= run
			start, end := 64*k+st, 64*k+64-bits.LeadingZeros64(run)
			// Its runes: the first bytes of its runes.
			runes, l := bits.OnesCount64(b.starts&run), b.letter&run
			for run>>63 != 0 && k+1 < len(blocks) {
				// The word goes on into the next block.
				k++
				b = blocks[k]
				x := ^b.inWord
				run = x&-x - 1 // the bits below the first byte past the word: every bit if none
				end = 64*k + bits.OnesCount64(run)
				runes += bits.OnesCount64(b.starts & run)
				l |= b.letter & run
				cur = b.inWord &^ run
			}
			t.add(runes, l)
			// The hash: the word's bytes, folded (see foldWord), taken
			// eight at a time, the last ones with their count.
			var hw uint64
			p := start
			for ; end-p >= 8; p += 8 {
				hw = mix(hw, bits.ReverseBytes64(foldWord(load(text, p))))
			}
			u := uint(end - p)
			// The first u bytes, none for 0: two shifts, as one by 64
			// would need a test.
			acc := bits.ReverseBytes64(foldWord(load(text, p))) >> 1 >> (63 - 8*u&63)
			w := finish(mix(hw, acc|uint64(u)<<61))
			if prev == 0 {
				h[j], h[j+1] = (w^0x9e3779b9)&mask, w&mask // the first word, as such
			} else {
				h[j], h[j+1] = ((prev*31)^w^0x7f4a7c15)&mask, w&mask // the pair with the one before
			}
			j += 2
			prev = w
		}
	}
	if prev != 0 {
		h[j] = (prev ^ 0x85ebca6b) & mask // the last word, as such
		j++
	}
	return j
}

// Masks of a uint64's eight bytes: every byte's low bit, high bit, and
// every byte a space.
const (
	loBits = 0x0101010101010101
	hiBits = 0x8080808080808080
	spaces = 0x2020202020202020
)

// load returns eight bytes of text from p, for p up to len(text); those
// past its end are arbitrary. When text's storage goes on past its end,
// as when it is a line of a document, it reads them there.
func load(text []byte, p int) uint64 {
	if p+8 <= cap(text) {
		return binary.LittleEndian.Uint64(text[p : p+8])
	}
	return loadEnd(text, p)
}

// loadEnd is load for the last bytes of a text whose storage ends with
// it: it gathers them one by one, with zeros after them. It is not
// inlined so that load, which is, stays small.
//
//go:noinline
func loadEnd(text []byte, p int) uint64 {
	var x uint64
	for j := len(text) - 1; j >= p; j-- {
		x = x<<8 | uint64(text[j])
	}
	return x
}

// bitmaps locates the bytes of a class in up to 64 bytes of a line: bit j
// stands for the byte at the block's base plus j.
type bitmaps struct {
	word   uint64 // ASCII letters and digits
	letter uint64 // ASCII letters
	upper  uint64 // upper-case ASCII letters
	high   uint64 // bytes from 0x80: the non-ASCII runes
	punct  uint64 // other ASCII bytes but white space
	// The first bytes of two-byte runes that highRune takes as lower-case
	// letters by their first byte alone, 0xc6 to 0xdf (Greek, Cyrillic,
	// Hebrew, Arabic and more), followed by a continuation byte.
	pairs uint64
}

// classifyGo sets b to the bitmaps of the 64 bytes of text from base, or
// of those up to its end, eight bytes at a time (see atLeast and gather),
// from the last eight, the only ones that may run past the end, to the
// first: each shifts the bitmaps up by a constant. Most blocks are ASCII:
// the bitmap of the others' non-ASCII bytes takes a second pass. It is
// classify in Go: the reference, which classifyAVX2 must match bit for
// bit, and what classify runs where classifyAVX2 cannot.
func classifyGo(text []byte, base int, b *bitmaps) {
	last := base + (min(64, len(text)-base)-1)&^7
	// Spaces for the bytes past the end: they are in no word and count
	// for nothing, so no bitmap needs masking to the line.
	keep := ^uint64(0) >> (64 - 8*uint(min(len(text)-last, 8))) // 8 to 64 bits
	p, x := last, load(text, last)&keep|spaces&^keep
	var word, letter, upper, punct, seen uint64
	for {
		seen |= x
		ascii := ^x & hiBits
		low7 := x &^ hiBits
		lowered := low7 | 0x20*loBits // 'A'|0x20 is 'a'
		l := (atLeast(lowered, 'a') ^ atLeast(lowered, 'z'+1)) & ascii
		w := (atLeast(low7, '0')^atLeast(low7, '9'+1))&ascii | l
		pu := atLeast(low7, '!')&ascii ^ w                     // from '!' to DEL but letters and digits
		if ctl := atLeast(low7, ' ')&ascii ^ ascii; ctl != 0 { // below ' ': rare
			// Tab, vertical tab and form feed are white space.
			space := (atLeast(low7, '\t') ^ atLeast(low7, '\n')) | (atLeast(low7, '\v') ^ atLeast(low7, '\r'))
			pu |= ctl &^ space
		}
		word = word<<8 | gather(w)
		letter = letter<<8 | gather(l)
		upper = upper<<8 | gather(l&(^x<<2)) // letters without 0x20, moved to the high bit
		punct = punct<<8 | gather(pu)
		if p == base {
			break
		}
		p -= 8
		x = binary.LittleEndian.Uint64(text[p : p+8])
	}
	var high, pairs uint64
	if seen&hiBits != 0 {
		var lead, cont uint64
		p, x := last, load(text, last)&keep|spaces&^keep
		for {
			h := x & hiBits
			high = high<<8 | gather(h)
			cont = cont<<8 | gather(h&^(x<<1)) // 0x80 to 0xbf
			low5 := x & (0x1f * loBits)
			lead = lead<<8 | gather(h&(x<<1)&^(x<<2)&atLeast(low5, 6)) // 0xc6 to 0xdf
			if p == base {
				break
			}
			p -= 8
			x = binary.LittleEndian.Uint64(text[p : p+8])
		}
		pairs = lead & (cont >> 1)
		if e := base + 64; e < len(text) && text[e]&0xc0 == 0x80 {
			pairs |= lead & (1 << 63) // a pair that ends in the next block
		}
	}
	*b = bitmaps{word, letter, upper, high, punct, pairs}
}

// atLeast returns, in the high bit of each byte of low7, whose bytes are
// all below 0x80, whether the byte is at least c; its other bits are
// noise. Adding a constant to a byte below 0x80 carries into its high
// bit exactly when the byte is at or above a bound, and never into the
// next byte. A byte is in a range when it is at least the low bound but
// not at least the one past the high bound: the two high bits differ.
func atLeast(low7, c uint64) uint64 {
	return low7 + (0x80-c)*loBits
}

// gather packs the high bits of the eight bytes of m, which has no other
// bits, into its low byte, byte i's at bit i: the product adds byte i's
// bit, at 8i+7, times 1<<7j for each j up to 7, and the one term that
// lands on bit 56+i is j = 7-i; no other lands at or above 56, nor on a
// bit that another term does, so nothing carries there.
func gather(m uint64) uint64 {
	return m * 0x0002040810204081 >> 56
}

// urlAt reports whether the punctuation at text[i] makes the line look
// like it holds a URL or a mail address: the colon of http: or https:,
// the dot of www., an @.
func urlAt(text []byte, i int) bool {
	switch text[i] {
	case ':':
		return i >= 4 && string(text[i-4:i]) == "http" || i >= 5 && string(text[i-5:i]) == "https"
	case '@':
		return true
	case '.':
		return i >= 3 && string(text[i-3:i]) == "www"
	}
	return false
}

// foldWord folds the bytes of a word, eight in x: ASCII letters to lower
// case, digits to '0', other bytes as they are. In a word, an ASCII byte
// with 0x40 is a letter and one without is a digit.
func foldWord(x uint64) uint64 {
	ascii := (^x & hiBits) >> 1 // 0x40 of each ASCII byte
	letter := x & ascii
	digit := ascii &^ x
	return (x | letter>>1) &^ ((digit >> 6) * 0x0f)
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

// asciiKinds is asciiKind of every ASCII byte but white space; it is
// kindNone for white space and for the bytes of non-ASCII runes.
var asciiKinds = func() (t [256]uint8) {
	for c := range 0x80 {
		if byteInfo[c]&bSpace == 0 {
			t[c] = asciiKind(byte(c))
		}
	}
	return t
}()

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
