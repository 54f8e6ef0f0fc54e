package linescan

import "github.com/chaff-dev/chaff/internal/lines"

// names of the dense features of a line, index for index.
var names = [...]string{
	"bias", "bytes", "words", "letter-ratio", "digit-ratio", "upper-ratio",
	"punct-ratio", "capitalised-ratio", "short-word-ratio", "number-ratio",
	"mean-word", "longest-word", "separators", "url", "copyright",
	"first-rune", "last-rune", "position", "lines-before", "lines-after",
	"blank-before", "blank-after", "group-lines", "group-position",
	"group-share", "doc-lines", "relative-size",
}

// Name returns the name of dense feature j.
func Name(j int) string { return names[j] }

// Dense is the number of dense features of a line.
const Dense = len(names)

// WordBits sets the size of the hashed word space: 1<<WordBits slots.
const WordBits = 18

// Features holds the features of every line of a document: Dense values
// per line in X, and the hashed words of line i in H[Off[i]:Off[i+1]].
type Features struct {
	X     []float32
	H     []uint32
	Off   []int32
	Blank []bool // lines with nothing but white space: not scored
	// Letters and Words per line, for the block inputs and the categories.
	Letters, Words []int32

	last []uint8 // per line, the kind of its last visible rune
	sc   scanner // the storage of scan
}

// Row returns the dense features of line i.
func (f *Features) Row(i int) []float32 { return f.X[i*Dense : (i+1)*Dense] }

// Hashed returns the hashed words of line i.
func (f *Features) Hashed(i int) []uint32 { return f.H[f.Off[i]:f.Off[i+1]] }

// Build measures every line of data, cut at spans.
func Build(data []byte, spans []lines.Span) *Features {
	f := new(Features)
	f.Measure(data, spans)
	return f
}

// Measure measures every line of data, cut at spans, into f, in the
// storage of the document f held before when it is big enough: a caller
// that measures many documents one after the other allocates little.
func (f *Features) Measure(data []byte, spans []lines.Span) {
	n := len(spans)
	f.X, f.Off = resize(f.X, n*Dense), resize(f.Off, n+1)
	f.Blank, f.Letters, f.Words, f.last = resize(f.Blank, n), resize(f.Letters, n), resize(f.Words, n), resize(f.last, n)
	f.Off[0] = 0
	if want := len(data)/3 + n; cap(f.H) < want { // about one hashed word per three bytes
		f.H = make([]uint32, 0, want)
	}
	f.H = f.H[:0]
	// First the inputs of each line alone; relative-size holds the line's
	// bytes until the longest line is known.
	nonBlank, maxBytes, totalLetters := 0, 1, 0
	var s stats
	for i, sp := range spans {
		text := data[sp.Start:sp.End:len(data)] // scan may read on to the end of data, no further
		// Most lines begin with a byte that is neither white space nor
		// part of a non-ASCII rune, which no blank line does.
		f.Blank[i] = len(text) == 0 || (text[0] <= ' ' || text[0] >= 0x80) && lines.IsBlank(text)
		if f.Blank[i] {
			clear(f.Row(i))
			f.Letters[i], f.Words[i], f.last[i] = 0, 0, kindNone
		} else {
			f.H = f.sc.scan(text, f.H, &s)
			nonBlank++
			maxBytes = max(maxBytes, s.bytes)
			totalLetters += s.letters
			f.Letters[i], f.Words[i] = int32(s.letters), int32(s.words)
			f.last[i] = s.last
			lineInputs(f.Row(i), &s)
		}
		f.Off[i+1] = int32(len(f.H))
	}
	// Then the inputs of its place in the document and in its group, a
	// run of non-blank lines between blank ones.
	k, docLines := 0, logn(nonBlank)
	for i := 0; i < n; {
		if f.Blank[i] {
			i++
			continue
		}
		j, letters := i, 0
		for j < n && !f.Blank[j] {
			letters += int(f.Letters[j])
			j++
		}
		groupLines, share := logn(j-i), ratio(letters, totalLetters)
		for g := i; g < j; g++ {
			x := f.Row(g)
			_ = x[26] // one bounds check for the row
			x[17] = ratio(k, nonBlank)
			x[18] = logn(k)
			x[19] = logn(nonBlank - k - 1)
			x[20] = b2f(g == i)
			x[21] = b2f(g == j-1)
			x[22] = groupLines
			x[23] = ratio(g-i, j-i)
			x[24] = share
			x[25] = docLines
			x[26] /= float32(maxBytes)
			k++
		}
		i = j
	}
}

// lineInputs writes the inputs that depend on a line alone to its row x,
// and its size in bytes to x[26], for Build to scale.
func lineInputs(x []float32, s *stats) {
	_ = x[26] // one bounds check for the row
	x[0] = 1
	x[1] = logn(s.bytes)
	x[2] = logn(s.words)
	x[3] = ratio(s.letters, s.runes)
	x[4] = ratio(s.digits, s.runes)
	x[5] = ratio(s.upper, s.letters)
	x[6] = ratio(s.punct, s.runes)
	x[7] = ratio(s.capitalised, s.words)
	x[8] = ratio(s.shortWords, s.words)
	x[9] = ratio(s.numbers, s.words)
	x[10] = ratio(s.letters, s.words)
	x[11] = logn(s.longest)
	x[12] = logn(s.separators)
	x[13] = b2f(s.url)
	x[14] = b2f(s.copyright)
	x[15] = float32(s.first)
	x[16] = float32(s.last)
	x[26] = float32(s.bytes)
}

// Heading reports whether line i has the shape of a heading: a few words
// that do not end like a sentence or a clause.
func (f *Features) Heading(i int) bool {
	switch f.last[i] {
	case kindSentence, kindColon, kindComma:
		return false
	}
	return f.Words[i] > 0 && f.Words[i] <= maxHeadingWords
}

// maxHeadingWords is the most words a heading has.
const maxHeadingWords = 12

// resize returns s resized to n values, in its own storage when that is
// big enough. It does not clear them, as Measure writes every one: the
// inputs of each non-blank line, and zeros for a blank one.
func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

func b2f(b bool) float32 {
	if b {
		return 1
	}
	return 0
}
