package signals

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/chaff-dev/chaff/internal/textnorm"
)

// Shape is a set of patterns found in one line.
type Shape uint32

// Shapes a line can have.
const (
	Numeric   Shape = 1 << iota // only a number: "6 169,41", "1,1905", "-0,26"
	Change                      // a signed number and a percentage: "+3,69 (+0,06 %)"
	Percent                     // a number with a per cent sign
	Pair                        // a currency or crypto pair: "EUR/USD", "BTC-EUR"
	Date                        // a date: "22/11/2024", "2019-11-20", "21 décembre 2024"
	Time                        // a time of day: "07:45", "9h30"
	EndsDate                    // the line ends with a date (and maybe a time)
	Bullet                      // starts with a bullet or dash: "- ", "• ", "» "
	Arrows                      // starts with ">>" or "»" link arrows
	URL                         // holds a URL
	Email                       // holds an e-mail address
	Banner                      // framed by ===, ***, ### runs, as scrapers print headers
	Ellipsis                    // a cut marker: "(...)", "[…]"
	Separated                   // two or more " | ", " · ", " • ", " > ", " › " or " » " separators: menus, breadcrumbs
	AllCaps                     // every letter upper case (four or more letters)
	Copyright                   // ©, (c) or &copy;
	Stars                       // a rating: three or more star signs in a row, "★★★★☆"
)

var shapeNames = [...]string{"numeric", "change", "percent", "pair", "date", "time",
	"ends-date", "bullet", "arrows", "url", "email", "banner", "ellipsis",
	"separated", "all-caps", "copyright", "stars"}

// Names returns the names of the shapes in s, for reasons.
func (s Shape) Names() []string {
	var names []string
	for i, n := range shapeNames {
		if s&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	return names
}

// NumShapes is the number of distinct shapes.
const NumShapes = len(shapeNames)

// Find returns the shapes of line (its first MaxScan bytes).
func Find(line []byte, st *Stats) Shape {
	if len(line) > MaxScan {
		line = line[:MaxScan]
	}
	t := bytes.TrimFunc(line, isSpaceRune)
	if len(t) == 0 {
		return 0
	}
	var in byteSet
	in.add(t)
	var s Shape
	if st.Digits > 0 && numericOnly(t) {
		s |= Numeric
	}
	if bytes.IndexByte(t, '%') >= 0 && st.Digits > 0 {
		s |= Percent
		if hasSignedNumber(t) {
			s |= Change
		}
	}
	if hasPair(t) {
		s |= Pair
	}
	if st.Digits > 0 {
		d, end := findDates(t)
		s |= d
		if d&Date != 0 && len(t)-end <= 2 {
			s |= EndsDate
		}
	}
	s |= leading(t)
	if in.contains(t, []byte("://")) || in.contains(t, []byte("www.")) {
		s |= URL
	}
	if hasEmail(t) {
		s |= Email
	}
	if hasEllipsisMark(t, &in) {
		s |= Ellipsis
	}
	if separators(t, &in) >= 2 {
		s |= Separated
	}
	if st.Letters >= 4 && st.Upper == st.Letters {
		s |= AllCaps
	}
	if hasStars(t) {
		s |= Stars
	}
	if in.contains(t, []byte("©")) || in.contains(t, []byte("(c)")) || in.contains(t, []byte("(C)")) || in.contains(t, []byte("&copy;")) {
		s |= Copyright
	}
	return s
}

func isSpaceRune(r rune) bool {
	return unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff'
}

// numericOnly reports whether t is a number with its trimmings: digits,
// thousand separators (space, no-break space, narrow no-break space, dot,
// comma, apostrophe), a sign, a per cent sign, a currency sign and brackets.
func numericOnly(t []byte) bool {
	for i := 0; i < len(t); {
		r, n := utf8.DecodeRune(t[i:])
		i += n
		switch {
		case '0' <= r && r <= '9':
		case r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009' || r == '.' || r == ',' || r == '\'':
		case r == '+' || r == '-' || r == '−' || r == '–' || r == '%' || r == '(' || r == ')':
		case unicode.Is(unicode.Sc, r):
		default:
			return false
		}
	}
	return true
}

// hasSignedNumber reports whether t holds "+3", "-0,2" or "−1" with the
// sign at a word boundary.
func hasSignedNumber(t []byte) bool {
	for i := 0; i < len(t); i++ {
		var n int
		switch {
		case t[i] == '+' || t[i] == '-':
			n = 1
		case bytes.HasPrefix(t[i:], []byte("−")):
			n = len("−")
		default:
			continue
		}
		if i+n < len(t) && '0' <= t[i+n] && t[i+n] <= '9' && (i == 0 || t[i-1] == ' ' || t[i-1] == '(' || t[i-1] == 0xa0) {
			return true
		}
	}
	return false
}

// hasPair finds two runs of 3 or 4 upper-case ASCII letters joined by "/"
// or "-", standing as a word: EUR/USD, BTC-EUR.
func hasPair(t []byte) bool {
	for i := 0; i < len(t); i++ {
		if t[i] != '/' && t[i] != '-' {
			continue
		}
		l := i
		for l > 0 && 'A' <= t[l-1] && t[l-1] <= 'Z' {
			l--
		}
		r := i + 1
		for r < len(t) && 'A' <= t[r] && t[r] <= 'Z' {
			r++
		}
		if i-l < 3 || i-l > 4 || r-i-1 < 3 || r-i-1 > 4 {
			continue
		}
		if (l == 0 || !isASCIIAlnum(t[l-1])) && (r == len(t) || !isASCIIAlnum(t[r])) {
			return true
		}
	}
	return false
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// leading returns the bullet and arrow shapes of the line's start.
func leading(t []byte) Shape {
	if bytes.HasPrefix(t, []byte(">>")) || bytes.HasPrefix(t, []byte("»")) || bytes.HasPrefix(t, []byte("›")) {
		return Arrows | Bullet
	}
	if isBanner(t) {
		return Banner
	}
	r, n := utf8.DecodeRune(t)
	switch r {
	case '-', '–', '—', '•', '*', '·', '►', '▶', '▸', '◦', '▪', '‣', '■', '□', '○', '●', '+':
		if n == len(t) {
			return 0
		}
		next, _ := utf8.DecodeRune(t[n:])
		if next == ' ' || next == '\u00a0' || r == '•' || r == '·' || r == '►' || r == '▶' {
			return Bullet
		}
	}
	return 0
}

// isBanner reports whether t starts with a run of at least four =, #, *, ~
// or _ characters, as crawlers print around a page's name.
func isBanner(t []byte) bool {
	if len(t) < 4 {
		return false
	}
	c := t[0]
	if c != '=' && c != '#' && c != '*' && c != '~' && c != '_' {
		return false
	}
	for i := 1; i < 4; i++ {
		if t[i] != c {
			return false
		}
	}
	return true
}

var ellipsisMarks = [][]byte{[]byte("(...)"), []byte("[...]"), []byte("(…)"), []byte("[…]")}

func hasEllipsisMark(t []byte, in *byteSet) bool {
	for _, m := range ellipsisMarks {
		if in.contains(t, m) {
			return true
		}
	}
	return false
}

// separators counts the "|", "·", "•" and ">" separators of menus and
// breadcrumbs.
func separators(t []byte, in *byteSet) int {
	return in.count(t, []byte(" | ")) + in.count(t, []byte(" · ")) +
		in.count(t, []byte(" • ")) + in.count(t, []byte(" > ")) +
		in.count(t, []byte(" › ")) + in.count(t, []byte(" » "))
}

// byteSet is the set of byte values that occur in a line: a pattern with a
// byte the line lacks cannot be in it, which saves most of Find's
// searches.
type byteSet [4]uint64

// add puts the bytes of t in the set.
func (in *byteSet) add(t []byte) {
	for _, c := range t {
		in[c>>6] |= 1 << (c & 63)
	}
}

// has reports whether c is in the set.
func (in *byteSet) has(c byte) bool { return in[c>>6]&(1<<(c&63)) != 0 }

// mayHold reports whether every byte of pat is in the set.
func (in *byteSet) mayHold(pat []byte) bool {
	for _, c := range pat {
		if !in.has(c) {
			return false
		}
	}
	return true
}

// contains is bytes.Contains(t, pat) for a t whose bytes are in the set.
func (in *byteSet) contains(t, pat []byte) bool {
	return in.mayHold(pat) && bytes.Contains(t, pat)
}

// count is bytes.Count(t, pat) for a t whose bytes are in the set and a
// non-empty pat.
func (in *byteSet) count(t, pat []byte) int {
	if !in.mayHold(pat) {
		return 0
	}
	return bytes.Count(t, pat)
}

// findDates looks for numeric dates (22/11/2024, 2019-11-20, 21.12.2024),
// dates with a month name in one of the supported languages (21 décembre
// 2024, November 20, 2019) and times (07:45, 9h30). It returns the shapes
// found and the end offset of the last date.
func findDates(t []byte) (Shape, int) {
	var s Shape
	end := -1
	for i := 0; i < len(t); {
		if t[i] < '0' || t[i] > '9' || i > 0 && isASCIIAlnum(t[i-1]) {
			i++
			continue
		}
		j := i
		for j < len(t) && '0' <= t[j] && t[j] <= '9' {
			j++
		}
		n := j - i
		if e := numericDate(t, i, j); e > 0 {
			s |= Date
			end = e
			i = e
			continue
		}
		if n <= 2 && j+2 < len(t) && (t[j] == ':' || t[j] == 'h' || t[j] == 'H') && isDigit2(t, j+1) && (j+3 == len(t) || !isASCIIAlnum(t[j+3])) {
			s |= Time
			end = max(end, j+3)
			i = j + 3
			continue
		}
		if n == 4 && isYear(t[i:j]) {
			if monthBefore(t[:i]) {
				s |= Date
				end = j
			}
		}
		i = j
	}
	if s&Time != 0 && end >= 0 && s&Date == 0 {
		end = -1
	}
	return s, end
}

func isDigit2(t []byte, i int) bool {
	return i+1 < len(t) && '0' <= t[i] && t[i] <= '9' && '0' <= t[i+1] && t[i+1] <= '9'
}

func isYear(b []byte) bool {
	return (b[0] == '1' && b[1] == '9') || (b[0] == '2' && b[1] == '0')
}

// numericDate matches d/m/y, d.m.y, d-m-y and y-m-d starting at i (the
// first run of digits ends at j) and returns the end offset, or 0.
func numericDate(t []byte, i, j int) int {
	n := j - i
	if j >= len(t) {
		return 0
	}
	sep := t[j]
	if sep != '/' && sep != '.' && sep != '-' {
		return 0
	}
	k := j + 1
	m := k
	for m < len(t) && '0' <= t[m] && t[m] <= '9' {
		m++
	}
	if m-k < 1 || m-k > 2 || m >= len(t) || t[m] != sep {
		return 0
	}
	o := m + 1
	p := o
	for p < len(t) && '0' <= t[p] && t[p] <= '9' {
		p++
	}
	switch {
	case n <= 2 && (p-o == 4 || p-o == 2):
	case n == 4 && p-o <= 2 && p-o >= 1:
	default:
		return 0
	}
	if p < len(t) && isASCIIAlnum(t[p]) {
		return 0
	}
	return p
}

// monthBefore reports whether the text just before a year ends with a
// month name, maybe followed by a day number and a comma: "décembre ",
// "November 20, ", "März ".
func monthBefore(t []byte) bool {
	t = bytes.TrimRight(t, " \u00a0,.")
	for len(t) > 0 && '0' <= t[len(t)-1] && t[len(t)-1] <= '9' {
		t = t[:len(t)-1]
	}
	t = bytes.TrimRight(t, " \u00a0,.")
	k := len(t)
	for k > 0 {
		r, n := utf8.DecodeLastRune(t[:k])
		if !unicode.IsLetter(r) {
			break
		}
		k -= n
	}
	word := t[k:]
	if len(word) < 3 || len(word) > 12 {
		return false
	}
	var buf [48]byte
	return isMonth(textnorm.Fold(buf[:0], word))
}

// hasStars reports a run of three or more rating stars, as review and
// rating widgets print them.
func hasStars(t []byte) bool {
	if bytes.IndexByte(t, 0xE2) < 0 { // every star below is U+2xxx: E2 xx xx in UTF-8
		return false
	}
	run := 0
	for i := 0; i < len(t); {
		r, n := utf8.DecodeRune(t[i:])
		i += n
		switch r {
		case '★', '☆', '⭐', '✩', '✪', '✫', '✬', '✭', '✮', '✯', '✰', '⯨', '⯪':
			run++
			if run == 3 {
				return true
			}
		default:
			run = 0
		}
	}
	return false
}

// hasEmail finds a word of the form local@domain.tld.
func hasEmail(t []byte) bool {
	for at := bytes.IndexByte(t, '@'); at >= 0; {
		start := bytes.LastIndexAny(t[:at], " \t\u00a0<(:;,") + 1
		end := at + 1
		for end < len(t) && !bytes.ContainsAny(t[end:end+1], " \t<>),;") {
			end++
		}
		if dot := bytes.LastIndexByte(t[at:end], '.'); at > start && dot > 1 && at+dot < end-1 {
			return true
		}
		next := bytes.IndexByte(t[at+1:], '@')
		if next < 0 {
			break
		}
		at += 1 + next
	}
	return false
}
