package htmltext

import (
	"math/bits"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Path limits: the block's element and at most pathElems-1 ancestors, each
// segment at most segMax bytes, the whole path at most pathMax bytes.
const (
	pathElems = 4
	segMax    = 64
	nameMax   = 24
	pathMax   = 160
)

// frame is one open element on the walker's ancestor stack. Its context is
// cumulative, so pushing is O(1) whatever the depth.
type frame struct {
	node      *html.Node
	flags     Flags      // this element's and all ancestors' flags
	toks      Tokens     // this element's and all ancestors' tokens
	container int        // stack index of the innermost block element
	link      *html.Node // innermost enclosing <a href>, or nil
	kinds     Kinds      // this element's and all ancestors' itemtype kinds
	seg       string     // path segment, built when first needed
	segDone   bool
	id        int32 // index in walker.parents
}

// walker turns a DOM tree into lines. One walker serves one document.
type walker struct {
	textOnly bool // only collect line texts (article matching), hidden elements left out

	stack []frame
	text  []byte
	lines []Block
	texts []string // textOnly: one entry per line
	// parents[k] is the id of element k's parent (Page.Parents).
	parents []int32

	// The line being built.
	buf        []byte
	pending    bool // a space is due before the next visible character
	chars      int  // visible characters
	linkChars  int
	firstLink  *html.Node
	manyLinks  bool
	flagCount  [64]int
	tokCount   [64]int
	flagsTouch Flags
	toksTouch  Tokens

	title    []byte
	hasTitle bool
	declared []string // og:title and twitter:title contents (see readMeta)
	lang     string
	kinds    Kinds // the page's structured-data kinds
	template Kinds // the kinds the classes and ids of <html> and <body> name

	attrTokens map[string]Tokens // cache: attribute value -> tokens
	paths      map[string]string // interned paths
	pathBuf    []byte
}

func newWalker(textOnly bool) *walker {
	w := &walker{textOnly: textOnly}
	if !textOnly {
		w.attrTokens = make(map[string]Tokens)
		w.paths = make(map[string]string)
	}
	return w
}

// walk visits root and its subtree in document order without recursion.
func (w *walker) walk(root *html.Node) {
	n := root
	for {
		if w.enter(n) {
			if n.FirstChild != nil {
				n = n.FirstChild
				continue
			}
			w.leave(n)
		}
		for n != root && n.NextSibling == nil {
			n = n.Parent
			w.leave(n)
		}
		if n == root {
			break
		}
		n = n.NextSibling
	}
	w.flush()
}

// enter handles n and reports whether its children are to be visited
// (then leave is called for n once they have been).
func (w *walker) enter(n *html.Node) bool {
	switch n.Type {
	case html.DocumentNode:
		return true
	case html.TextNode:
		if len(w.stack) > 0 {
			w.addText(n.Data)
		}
		return false
	case html.ElementNode:
	default:
		return false
	}
	var kinds Kinds
	if !w.textOnly {
		kinds = nodeKinds(n)
		w.kinds |= kinds
		w.readMeta(n)
	}
	if n.DataAtom == atom.Head && !w.textOnly {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			w.kinds |= nodeKinds(c)
			w.readMeta(c)
			if c.DataAtom == atom.Title && !w.hasTitle {
				w.setTitle(c)
			}
		}
	}
	if n.DataAtom == atom.Title && !w.hasTitle && n.Namespace == "" {
		w.setTitle(n)
	}
	if (n.DataAtom == atom.Html || n.DataAtom == atom.Body) && !w.textOnly {
		for _, a := range n.Attr {
			if a.Key == "class" || a.Key == "id" {
				w.template |= templateKinds(a.Val)
			}
		}
	}
	if n.DataAtom == atom.Html && w.lang == "" {
		for _, a := range n.Attr {
			if a.Key == "lang" || (a.Key == "xml:lang" && w.lang == "") {
				w.lang = a.Val
			}
		}
	}
	kind, flags := elemInfo(n)
	if kind == kindSkip {
		return false
	}
	if hidden(n) {
		// A hidden block is read and flagged: a closed tab or accordion
		// holds a product's description or a guide, a hidden menu or
		// dialog is noise, and the model tells them apart. Hidden inline
		// text (icon ligatures, a duplicate count) would be glued into a
		// visible line, and stays unread; so does a hidden item of
		// structured data (itemscope), written for machines: an article's
		// dates, image URLs and lead again.
		if w.textOnly || kind != kindBlock || hasAttr(n, "itemscope") {
			return false
		}
		flags |= InHidden
	}
	if kind == kindBreak {
		w.flush()
		return false
	}
	if kind == kindBlock {
		w.flush()
	}
	f := frame{node: n, flags: flags, kinds: kinds}
	parent := int32(-1)
	if len(w.stack) > 0 {
		p := &w.stack[len(w.stack)-1]
		f.flags |= p.flags
		f.kinds |= p.kinds
		f.toks = p.toks
		f.container = p.container
		f.link = p.link
		parent = p.id
	}
	if kind == kindBlock || len(w.stack) == 0 {
		f.container = len(w.stack)
	}
	if flags&InLink != 0 {
		f.link = n
	}
	if !w.textOnly {
		if n.DataAtom != atom.Html && n.DataAtom != atom.Body {
			f.toks |= w.elemTokens(n)
		}
		f.id = int32(len(w.parents))
		w.parents = append(w.parents, parent)
	}
	w.stack = append(w.stack, f)
	return true
}

// setTitle records the text of the first title element met.
func (w *walker) setTitle(n *html.Node) {
	w.hasTitle = true
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			w.title = append(w.title, c.Data...)
		}
	}
}

// leave closes element n (or the document) after its children.
func (w *walker) leave(n *html.Node) {
	if n.Type != html.ElementNode || len(w.stack) == 0 {
		w.flush()
		return
	}
	top := &w.stack[len(w.stack)-1]
	if top.container == len(w.stack)-1 {
		w.flush()
	}
	*top = frame{}
	w.stack = w.stack[:len(w.stack)-1]
}

// elemTokens returns the vocabulary tokens of n's class, id, role and
// itemprop attributes, caching by value.
func (w *walker) elemTokens(n *html.Node) Tokens {
	var t Tokens
	for _, a := range n.Attr {
		switch a.Key {
		case "class", "id", "role", "itemprop":
		default:
			continue
		}
		if a.Val == "" {
			continue
		}
		v, ok := w.attrTokens[a.Val]
		if !ok {
			v = tokens.value(a.Val)
			if len(w.attrTokens) < 1<<16 {
				w.attrTokens[a.Val] = v
			}
		}
		t |= v
	}
	return t
}

// addText appends a text node's data to the current line.
func (w *walker) addText(s string) {
	top := &w.stack[len(w.stack)-1]
	pre := top.flags&InPre != 0
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r == '\n' || r == '\r':
			if pre {
				if r == '\r' && i < len(s) && s[i] == '\n' {
					i++
				}
				w.account(top, n)
				n = 0
				w.flush()
				continue
			}
			w.space()
		case r == ' ' || r == '\t':
			if pre {
				w.buf = append(w.buf, byte(r))
			} else {
				w.space()
			}
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0xfeff:
			// control characters and stray byte order marks are dropped
			// (vertical tab and form feed are white space)
			if r == '\v' || r == '\f' || r == 0x85 {
				w.space()
			}
		case r >= 0x80 && unicode.IsSpace(r):
			w.space()
		default:
			if w.pending {
				w.buf = append(w.buf, ' ')
				w.pending = false
			}
			if size == 1 && r < utf8.RuneSelf {
				w.buf = append(w.buf, byte(r))
			} else {
				// invalid bytes decode to U+FFFD and are written as such
				w.buf = utf8.AppendRune(w.buf, r)
			}
			if r < utf8.RuneSelf || !unicode.Is(unicode.Cf, r) {
				n++
			}
		}
	}
	w.account(top, n)
}

// space records white space: one space before the next visible character,
// none at the start of a line. Inside <pre> it is kept as a space.
func (w *walker) space() {
	if len(w.stack) > 0 && w.stack[len(w.stack)-1].flags&InPre != 0 {
		w.buf = append(w.buf, ' ')
		return
	}
	if len(w.buf) > 0 {
		w.pending = true
	}
}

// account adds n visible characters written under frame f to the line's
// statistics.
func (w *walker) account(f *frame, n int) {
	if n == 0 {
		return
	}
	w.chars += n
	if f.link != nil {
		w.linkChars += n
		if w.firstLink == nil {
			w.firstLink = f.link
		} else if w.firstLink != f.link {
			w.manyLinks = true
		}
	}
	if w.textOnly {
		return
	}
	c := &w.stack[f.container]
	for d := uint64(f.flags &^ c.flags); d != 0; d &= d - 1 {
		w.flagCount[bits.TrailingZeros64(d)] += n
	}
	w.flagsTouch |= f.flags &^ c.flags
	for d := uint64(f.toks &^ c.toks); d != 0; d &= d - 1 {
		w.tokCount[bits.TrailingZeros64(d)] += n
	}
	w.toksTouch |= f.toks &^ c.toks
}

// flush ends the current line, writing it when it has visible characters.
func (w *walker) flush() {
	if w.chars > 0 {
		w.emit()
	}
	w.buf = w.buf[:0]
	w.pending = false
	w.chars, w.linkChars = 0, 0
	w.firstLink, w.manyLinks = nil, false
	for d := uint64(w.flagsTouch); d != 0; d &= d - 1 {
		w.flagCount[bits.TrailingZeros64(d)] = 0
	}
	for d := uint64(w.toksTouch); d != 0; d &= d - 1 {
		w.tokCount[bits.TrailingZeros64(d)] = 0
	}
	w.flagsTouch, w.toksTouch = 0, 0
}

func (w *walker) emit() {
	line := w.buf
	for len(line) > 0 && (line[len(line)-1] == ' ' || line[len(line)-1] == '\t') {
		line = line[:len(line)-1]
	}
	if w.textOnly {
		w.texts = append(w.texts, string(line))
		return
	}
	if len(w.lines) > 0 {
		w.text = append(w.text, '\n')
	}
	w.text = append(w.text, line...)

	ci := 0
	if len(w.stack) > 0 {
		ci = w.stack[len(w.stack)-1].container
	}
	var b Block
	if len(w.stack) > 0 {
		c := &w.stack[ci]
		b.Tags, b.Noise, b.Items = c.flags, c.toks, c.kinds
		b.Depth = ci + 1
		b.Element = c.id
	}
	for d := uint64(w.flagsTouch); d != 0; d &= d - 1 {
		i := bits.TrailingZeros64(d)
		if 2*w.flagCount[i] >= w.chars {
			b.Tags |= 1 << i
		}
	}
	for d := uint64(w.toksTouch); d != 0; d &= d - 1 {
		i := bits.TrailingZeros64(d)
		if 2*w.tokCount[i] >= w.chars {
			b.Noise |= 1 << i
		}
	}
	b.LinkDensity = float64(w.linkChars) / float64(w.chars)
	if w.linkChars == w.chars && !w.manyLinks {
		b.Tags |= IsLink
	}
	if len(w.stack) > 0 {
		b.Path = w.path(ci)
	}
	w.lines = append(w.lines, b)
}

// path returns the compact path of the element at stack index ci: its
// segment and those of up to pathElems-1 ancestors, left ones dropped first
// when the path would exceed pathMax bytes.
func (w *walker) path(ci int) string {
	lo := max(ci-pathElems+1, 0)
	total := 0
	for i := ci; i >= lo; i-- {
		s := w.segment(i)
		if i < ci && total+1+len(s) > pathMax {
			lo = i + 1
			break
		}
		total += len(s) + 1
	}
	w.pathBuf = w.pathBuf[:0]
	for i := lo; i <= ci; i++ {
		if i > lo {
			w.pathBuf = append(w.pathBuf, '>')
		}
		w.pathBuf = append(w.pathBuf, w.stack[i].seg...)
	}
	if p, ok := w.paths[string(w.pathBuf)]; ok {
		return p
	}
	p := string(w.pathBuf)
	w.paths[p] = p
	return p
}

// segment builds (once) the path segment of stack frame i:
// tag#id.class1.class2, with only [A-Za-z0-9_-] kept in names.
func (w *walker) segment(i int) string {
	f := &w.stack[i]
	if f.segDone {
		return f.seg
	}
	f.segDone = true
	var buf [segMax]byte
	b := appendName(buf[:0], f.node.Data, nameMax)
	var id, class string
	for _, a := range f.node.Attr {
		switch a.Key {
		case "id":
			id = a.Val
		case "class":
			class = a.Val
		}
	}
	if id != "" {
		if s := appendName(nil, id, nameMax); len(s) > 0 && len(b)+1+len(s) <= segMax {
			b = append(append(b, '#'), s...)
		}
	}
	classes := 0
	for i := 0; i < len(class) && classes < 2; {
		for i < len(class) && isHTMLSpace(class[i]) {
			i++
		}
		j := i
		for j < len(class) && !isHTMLSpace(class[j]) {
			j++
		}
		if j > i {
			s := appendName(nil, class[i:j], nameMax)
			if len(s) > 0 && len(b)+1+len(s) <= segMax {
				b = append(append(b, '.'), s...)
				classes++
			}
		}
		i = j
	}
	f.seg = string(b)
	return f.seg
}

func isHTMLSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'
}

// appendName appends the [A-Za-z0-9_-] bytes of s, at most limit of them.
func appendName(b []byte, s string, limit int) []byte {
	n := 0
	for i := 0; i < len(s) && n < limit; i++ {
		c := s[i]
		if c == '-' || c == '_' || ('0' <= c && c <= '9') || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') {
			b = append(b, c)
			n++
		}
	}
	return b
}
