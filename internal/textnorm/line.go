package textnorm

// Line is one line cut into tokens, symbol tokens included (as a Scanner
// with Symbols set cuts it), each with its folded form, so that the
// packages that read the words of the same line share one scan and one
// fold of it. The word tokens are those a Scanner without Symbols gives:
// symbol runes separate words either way.
//
// The zero value is ready for Reset; a Line reused for any number of lines
// allocates nothing once its buffers have grown.
type Line struct {
	Tokens []Token // in line order

	text   []byte
	folded []byte
	sc     Scanner
}

// Token is one token of a Line.
type Token struct {
	Start, End int  // byte offsets in the line
	Runes      int  // runes (letters, digits, marks), 1 for a symbol
	Symbol     bool // a symbol token (see IsSymbolRune)
	Number     bool // made of digits only; never a symbol

	fs, fe int // the folded form in Line.folded
}

// Reset cuts text into tokens, replacing what l held. l keeps text, which
// must not change while l is in use.
func (l *Line) Reset(text []byte) {
	l.text, l.Tokens, l.folded = text, l.Tokens[:0], l.folded[:0]
	l.sc.Symbols = true
	l.sc.Reset(text)
	for l.sc.Next() {
		fs := len(l.folded)
		l.folded = Fold(l.folded, l.sc.Raw())
		l.Tokens = append(l.Tokens, Token{
			Start: l.sc.Start(), End: l.sc.End(), Runes: l.sc.Runes(),
			Symbol: l.sc.IsSymbol(), Number: l.sc.IsNumber(),
			fs: fs, fe: len(l.folded),
		})
	}
}

// Text returns the line l was reset to.
func (l *Line) Text() []byte { return l.text }

// Raw returns the bytes of token i as they are in the line.
func (l *Line) Raw(i int) []byte { t := &l.Tokens[i]; return l.text[t.Start:t.End] }

// Folded returns token i folded (see Fold). The slice is valid until the
// next Reset.
func (l *Line) Folded(i int) []byte { t := &l.Tokens[i]; return l.folded[t.fs:t.fe] }
