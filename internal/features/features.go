// Package features turns the signals of each line into the numeric vector
// a model scores: named dense features that explain a decision, and hashed
// word and character n-grams that let a model learn a vocabulary.
package features

import (
	"math"

	"github.com/chaff-dev/chaff/internal/htmltext"
	"github.com/chaff-dev/chaff/internal/signals"
	"github.com/chaff-dev/chaff/internal/textnorm"
)

// Categories are the noise categories that lexicon and rule evidence can
// name, in the order of their dense features.
var categories = [...]string{"market-data", "script-warning", "teaser", "truncation",
	"call-to-action", "reading-time", "byline", "dateline", "media", "navigation",
	"social", "legal", "ad", "source-header", "title-repeat"}

// Names of the dense features, index for index.
var names = buildNames()

func buildNames() []string {
	n := []string{"bias", "words", "runes", "letter-ratio", "digit-ratio", "upper-ratio",
		"punct-ratio", "stopword-ratio", "capitalised-ratio", "long-word-ratio",
		"ends-sentence", "ends-colon", "prose", "short",
		"zone:head", "zone:main", "zone:tail", "position", "short-run",
		"prose-behind", "prose-ahead", "quotes-near", "title", "title-repeat",
		"prose-before", "first-line", "fuzzy-match",
		"prev:prose", "prev:words", "next:prose", "next:words",
		"prev:short", "next:short", "prev:evidence", "next:evidence",
		"language-known", "very-long", "blank-before", "blank-after",
		"prose-density", "relative-size", "main-distance", "inside-main",
		"after-title", "after-title-repeat", "main-overlap", "title-overlap", "copies"}
	for i := 0; i < signals.NumShapes; i++ {
		n = append(n, "shape:"+signals.Shape(1 << i).Names()[0])
	}
	for _, c := range categories {
		n = append(n, "evidence:"+c)
	}
	n = append(n, "html", "link-density", "readability-article", "page-has-article", "dom-depth", "heading-level",
		"container-share", "container-article", "container-link-density", "container-lines")
	for _, f := range domFlags {
		n = append(n, "dom:"+f.String())
	}
	for _, t := range domTokens {
		n = append(n, "class:"+t.String())
	}
	for _, src := range kindSources {
		for _, k := range kinds {
			n = append(n, src+":"+k.String())
		}
	}
	return n
}

// domFlags and domTokens list the element flags and class-name tokens of
// package htmltext, each of which is a dense feature in HTML mode.
var domFlags, domTokens = func() ([]htmltext.Flags, []htmltext.Tokens) {
	var fs []htmltext.Flags
	var ts []htmltext.Tokens
	for i := 0; i < 64; i++ {
		if f := htmltext.Flags(1) << i; f.String() != "" {
			fs = append(fs, f)
		}
		if t := htmltext.Tokens(1) << i; t.String() != "" {
			ts = append(ts, t)
		}
	}
	return fs, ts
}()

// kindSources name where the page's kinds come from, in the order of
// their HTML-mode features: the page's structured data (page.Kinds), the
// microdata items holding the block (Block.Items) and the page's template
// (page.Template).
var kindSources = [...]string{"page", "item", "template"}

// kinds lists the kinds of package htmltext; each is a dense feature for
// each of kindSources.
var kinds = func() []htmltext.Kinds {
	var ks []htmltext.Kinds
	for i := 0; i < 16; i++ {
		if k := htmltext.Kinds(1) << i; k.String() != "" {
			ks = append(ks, k)
		}
	}
	return ks
}()

// Dense is the number of dense features.
var Dense = len(names)

// Name returns the name of dense feature i.
func Name(i int) string { return names[i] }

// HashBits sets the size of the hashed feature space: 1<<HashBits slots.
const HashBits = 18

// Vectors holds the features of every line of a document: Width dense
// values per line in X, hashed feature indices per line in
// H[Off[i]:Off[i+1]]. In text mode Width leaves out the HTML features,
// which would all be zero; in HTML mode it is Dense.
type Vectors struct {
	X     []float32
	H     []uint32
	Off   []int32
	Width int
	// Element and Parents place the lines in the page's element tree in
	// HTML mode (htmltext.Block.Element per line, htmltext.Page.Parents);
	// both are nil in text mode.
	Element, Parents []int32
}

// Row returns the dense features of line i: the first Width of them, the
// others are zero.
func (v *Vectors) Row(i int) []float32 { return v.X[i*v.Width : (i+1)*v.Width] }

// Hashed returns the hashed feature indices of line i.
func (v *Vectors) Hashed(i int) []uint32 { return v.H[v.Off[i]:v.Off[i+1]] }

// Build computes the features of every line of d. Blank lines get zero
// vectors: they are labelled blank without a model. page is nil in text
// mode; in HTML mode it is the page d was made from, one block per line,
// and its DOM signals fill the html features.
func Build(d *signals.Doc, page *htmltext.Page) *Vectors {
	n := len(d.Lines)
	width := domStart
	if page != nil {
		width = Dense
	}
	v := &Vectors{X: make([]float32, n*width), Off: make([]int32, n+1), H: make([]uint32, 0, n*12), Width: width}
	var cs map[string]*container
	var total float64
	if page != nil {
		cs, total = containers(d, page)
		v.Parents = page.Parents
		v.Element = make([]int32, n)
		for i := range page.Lines {
			v.Element[i] = page.Lines[i].Element
		}
	}
	var sc textnorm.Scanner
	var buf []byte
	for i := range d.Lines {
		l := &d.Lines[i]
		if !l.Blank() {
			dense(d, i, v.Row(i))
			if page != nil {
				dom(page, cs, total, i, v.Row(i)[domStart:])
			}
			if l.ReadWords() <= maxHashedWords {
				v.H, buf = hashed(v.H, d.Text(i), l, &sc, buf)
			}
		}
		v.Off[i+1] = int32(len(v.H))
	}
	return v
}

func b2f(b bool) float32 {
	if b {
		return 1
	}
	return 0
}

func ratio(a, b int) float32 {
	if b == 0 {
		return 0
	}
	return float32(a) / float32(b)
}

func logn(n int) float32 { return float32(math.Log1p(float64(n))) }

func dense(d *signals.Doc, i int, x []float32) {
	l := &d.Lines[i]
	c := &l.Ctx
	k := 0
	put := func(f float32) { x[k] = f; k++ }
	put(1)
	put(logn(l.ReadWords()))
	put(logn(l.Runes))
	put(ratio(l.Letters, l.Runes))
	put(ratio(l.Digits, l.Runes))
	put(ratio(l.Upper, l.Letters))
	put(ratio(l.Punct, l.Runes))
	put(ratio(l.Stop, l.Words))
	put(ratio(l.CapWords, l.Words-l.NumWords))
	put(ratio(l.LongWords, l.Words))
	put(b2f(l.EndsSentence()))
	put(b2f(l.Last == ':'))
	put(b2f(l.IsProse()))
	put(b2f(l.Short()))
	put(b2f(c.Zone == signals.Head))
	put(b2f(c.Zone == signals.Main))
	put(b2f(c.Zone == signals.Tail))
	put(float32(c.RelPos))
	put(logn(c.ShortRun))
	put(float32(c.ProseBack) / signals.MaxDist)
	put(float32(c.ProseFwd) / signals.MaxDist)
	put(float32(c.NumNear) / 6)
	put(b2f(c.IsTitle))
	put(b2f(c.TitleRep))
	put(float32(c.ProseFrac))
	put(b2f(i == 0))
	fuzzy := false
	for _, m := range l.Lex {
		fuzzy = fuzzy || m.Fuzzy
	}
	put(b2f(fuzzy))
	neighbour := func(j int) {
		if j < 0 {
			put(0)
			put(0)
			return
		}
		put(b2f(d.Lines[j].IsProse()))
		put(logn(d.Lines[j].ReadWords()))
	}
	neighbour(c.Prev)
	neighbour(c.Next)
	put(b2f(c.Prev >= 0 && d.Lines[c.Prev].Short()))
	put(b2f(c.Next >= 0 && d.Lines[c.Next].Short()))
	put(b2f(c.Prev >= 0 && len(d.Lines[c.Prev].Evidence) > 0))
	put(b2f(c.Next >= 0 && len(d.Lines[c.Next].Evidence) > 0))
	put(b2f(d.Lang != ""))
	put(b2f(l.ReadWords() >= 50))
	put(b2f(i > 0 && d.Lines[i-1].Blank()))
	put(b2f(i+1 < len(d.Lines) && d.Lines[i+1].Blank()))
	put(float32(c.Density))
	put(float32(c.RelSize))
	put(logn(c.MainDist))
	put(b2f(c.MainDist == 0))
	put(b2f(d.Title >= 0 && i > d.Title))
	put(logn(c.AfterRep))
	put(float32(c.MainOverlap))
	put(float32(c.TitleOverlap))
	put(float32(c.Copies))
	for s := 0; s < signals.NumShapes; s++ {
		put(b2f(l.Shape&(1<<s) != 0))
	}
	for _, cat := range categories {
		best := 0.0
		for _, e := range l.Evidence {
			if e.Category == cat && e.Strength > best {
				best = e.Strength
			}
		}
		put(float32(best))
	}
}

// domStart is the index of the first HTML-mode feature.
var domStart = len(names) - 10 - len(domFlags) - len(domTokens) - len(kindSources)*len(kinds)

// container sums the lines that share a DOM path: siblings in one
// element, the unit boilerplate detectors such as boilerpipe and
// trafilatura judge.
type container struct {
	letters, article, linked float64
	lines                    int
}

// containers sums the lines of the page by DOM path.
func containers(d *signals.Doc, page *htmltext.Page) (map[string]*container, float64) {
	cs := map[string]*container{}
	total := 0.0
	for i := range page.Lines {
		b := &page.Lines[i]
		c := cs[b.Path]
		if c == nil {
			c = &container{}
			cs[b.Path] = c
		}
		n := float64(d.Lines[i].Letters)
		c.letters += n
		c.linked += float64(n * b.LinkDensity)
		if b.InArticle {
			c.article += n
		}
		c.lines++
		total += n
	}
	return cs, total
}

// dom fills the HTML-mode features of line i from its block and its
// container.
func dom(page *htmltext.Page, cs map[string]*container, total float64, i int, x []float32) {
	b := &page.Lines[i]
	x[0] = 1
	x[1] = float32(b.LinkDensity)
	x[2] = b2f(b.InArticle)
	x[3] = b2f(page.HasArticle)
	x[4] = logn(b.Depth)
	x[5] = float32(b.Tags.HeadingLevel())
	c := cs[b.Path]
	if c.letters > 0 {
		x[6] = float32(c.letters / max(total, 1))
		x[7] = float32(c.article / c.letters)
		x[8] = float32(c.linked / c.letters)
	}
	x[9] = logn(c.lines)
	k := 10
	for _, f := range domFlags {
		x[k] = b2f(b.Tags&f != 0)
		k++
	}
	for _, t := range domTokens {
		x[k] = b2f(b.Noise&t != 0)
		k++
	}
	for _, set := range [len(kindSources)]htmltext.Kinds{page.Kinds, b.Items, page.Template} {
		for _, kd := range kinds {
			x[k] = b2f(set&kd != 0)
			k++
		}
	}
}

// maxTokens and maxGramBytes bound the hashed features of one line.
const (
	maxHashedWords = 15 // longer lines are judged on dense features only: their words say what the article is about, not whether it is noise
	maxTokens      = 12
	maxGramBytes   = 64
)

// hashed appends the line's hashed features: its first folded words, the
// first and last word with their position, and character trigrams of its
// folded beginning, each salted so that the kinds never collide on purpose.
func hashed(h []uint32, text []byte, l *signals.Line, sc *textnorm.Scanner, buf []byte) ([]uint32, []byte) {
	const mask = 1<<HashBits - 1
	sc.Reset(text)
	buf = buf[:0]
	n := 0
	var last uint32
	for sc.Next() && n < maxTokens {
		start := len(buf)
		if len(buf) > 0 {
			buf = append(buf, ' ')
			start++
		}
		buf = textnorm.Fold(buf, sc.Raw())
		w := hash(1, buf[start:])
		if sc.IsNumber() {
			w = hash(1, []byte("<num>"))
		}
		if n == 0 {
			h = append(h, (w^0x9e3779b9)&mask)
		}
		h = append(h, w&mask)
		last = w
		n++
	}
	if n > 0 {
		h = append(h, (last^0x85ebca6b)&mask)
	}
	g := buf
	if len(g) > maxGramBytes {
		g = g[:maxGramBytes]
	}
	for j := 0; j+3 <= len(g); j++ {
		h = append(h, hash(2, g[j:j+3])&mask)
	}
	return h, buf
}

// hash is FNV-1a salted with a kind byte.
func hash(kind byte, b []byte) uint32 {
	x := uint32(2166136261)
	x = (x ^ uint32(kind)) * 16777619
	for _, c := range b {
		x = (x ^ uint32(c)) * 16777619
	}
	return x
}
