package htmltext

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Page is the text of an HTML page, one line per block.
type Page struct {
	// Text holds the lines joined with "\n" (no final newline), valid UTF-8,
	// without carriage returns and without empty lines.
	Text []byte
	// Lines has exactly one Block per line of Text, in the same order.
	Lines []Block
	// Title is the first <title>'s text, white space collapsed.
	Title string
	// Headline is the index in Lines of the page's headline, -1 if none
	// is found: the line the page's declared titles (og:title,
	// twitter:title, <title>) name, preferably a heading (see
	// findHeadline).
	Headline int
	// Lang is the lang (or xml:lang) attribute of <html>, as written.
	Lang string
	// Charset is the name of the encoding the page was decoded from.
	Charset string
	// Kinds are the kinds of thing the page's structured data (JSON-LD,
	// microdata, og:type) declares anywhere, hidden markup included.
	Kinds Kinds
	// Template are the kinds of page the class and id attributes of <html>
	// and <body> name, where content systems write the page's template
	// ("single-post", "archive", "woocommerce", "viewtopic").
	Template Kinds
	// HasArticle reports that go-readability ran and found an article;
	// without it no Block has InArticle set.
	HasArticle bool
	// Parents is the page's element tree, as far as the walk entered it
	// (skipped and hidden subtrees are left out): Parents[k] is the index
	// of element k's parent, -1 for the root. Elements are numbered in
	// document order, so a parent's index is below its children's.
	Parents []int32
}

// Block is what the DOM says about one line.
type Block struct {
	// Path is a compact tag path of the block's element with up to three
	// ancestors, e.g. "body>div#main.article>p": tag, #id and at most two
	// .classes per element, names reduced to [A-Za-z0-9_-] and capped, the
	// whole path at most 160 bytes (left ancestors dropped first).
	Path string
	// LinkDensity is the share of the line's visible characters that are
	// inside <a href> elements, from 0 to 1.
	LinkDensity float64
	// Tags are the element flags of the block (see Flags).
	Tags Flags
	// Noise holds the vocabulary tokens of the class, id, role and itemprop
	// attributes of the block's element and its ancestors (see Tokens),
	// up to but not including <body>: the attributes of <body> and <html>
	// describe the whole page (theme, template, feature switches such as
	// "f_share_tools_on"), not the block.
	Noise Tokens
	// Items are the kinds of the microdata items (itemtype) that hold the
	// block's element, itself included.
	Items Kinds
	// InArticle reports that go-readability's article contains this line's
	// text (Options.Readability must be set).
	InArticle bool
	// Depth is the number of elements from <html> down to the block's
	// element, both included.
	Depth int
	// Element is the index in Page.Parents of the block's element, the
	// innermost block-level element holding the line: lines with the same
	// Element are one container's.
	Element int32
}

// Options tune Extract. The zero value runs no article extraction.
type Options struct {
	// Readability runs go-readability on the parsed page and sets
	// Block.InArticle. It roughly doubles the cost of Extract.
	Readability bool
	// PageURL, when known, is passed to go-readability.
	PageURL *url.URL
	// MaxReadabilityElems skips go-readability (Page.HasArticle stays
	// false) for pages with more elements than this, bounding its time on
	// huge or pathological pages. Zero means DefaultMaxReadabilityElems; a
	// negative value means no limit.
	MaxReadabilityElems int
	// MaxTags bounds the markup of a page Extract parses, counted as its
	// '<' bytes (every tag, opening or closing, comment or doctype has
	// one): a page with more fails with ErrTooManyTags before it is
	// parsed. The parsed page costs about 130 bytes a node, and a page
	// has at most two nodes a '<' (an element and the text after it).
	// Zero means DefaultMaxTags; a negative value means no limit.
	MaxTags int
}

// DefaultMaxTags is the bound on a page's '<' bytes unless
// Options.MaxTags says otherwise: a parsed page then costs at most
// about 130 MB. The largest benchmark page has about 12,000 elements;
// 4 MB of "<p>a</p>" has a million '<'.
const DefaultMaxTags = 500_000

// ErrTooManyTags is returned (wrapped) for a page with more markup than
// Options.MaxTags.
var ErrTooManyTags = errors.New("too much markup")

// checkTags returns a wrapped ErrTooManyTags when data has more '<' bytes
// than opts allow.
func checkTags(data []byte, opts Options) error {
	limit := opts.MaxTags
	if limit == 0 {
		limit = DefaultMaxTags
	}
	if limit < 0 || len(data) <= limit {
		return nil
	}
	if n := bytes.Count(data, []byte{'<'}); n > limit {
		return fmt.Errorf("%w: %d tags ('<'), more than %d", ErrTooManyTags, n, limit)
	}
	return nil
}

// DefaultMaxReadabilityElems is the element count above which Extract skips
// go-readability unless Options.MaxReadabilityElems says otherwise. The
// largest benchmark page has about 12,000 elements.
const DefaultMaxReadabilityElems = 100_000

// DefaultOptions returns go-readability on and the default limits: the
// options for a model trained with go-readability's signal
// (model.Model.Readability), such as chaff's default HTML model. Its fast
// HTML model reads the zero Options.
func DefaultOptions() Options { return Options{Readability: true} }

// Extract decodes data (contentType is the HTTP Content-Type header value,
// or "") and returns its lines. It fails only for input that is not text
// (see ErrBinary); broken markup, a wrong charset, frames or a missing body
// all give a Page, possibly without lines. A page nested deeper than the
// parser accepts (512 open elements) is flattened first: tags past a depth
// of 256 are dropped and their text joins the deepest kept element.
func Extract(data []byte, contentType string, opts Options) (*Page, error) {
	if err := sniffBinary(data); err != nil {
		return nil, err
	}
	if err := checkTags(data, opts); err != nil {
		return nil, err
	}
	r, name := decoder(data, contentType)
	doc, err := parse(r)
	if tooDeep(err) {
		r, _ = decoder(data, contentType)
		doc, err = parse(bytes.NewReader(flatten(r)))
	}
	if err != nil {
		return nil, fmt.Errorf("htmltext: parse: %w", err)
	}
	unswallowed(doc)
	streamed(doc)
	w := newWalker(false)
	w.walk(doc)
	revealed(w.text, w.lines)
	p := &Page{
		Text:     w.text,
		Lines:    w.lines,
		Title:    collapse(string(w.title)),
		Lang:     strings.ToValidUTF8(strings.TrimSpace(w.lang), "\uFFFD"),
		Charset:  name,
		Parents:  w.parents,
		Kinds:    w.kinds,
		Template: w.template,
	}
	if p.Text == nil {
		p.Text = []byte{}
	}
	p.Headline = findHeadline(p.Text, p.Lines, append(w.declared, p.Title))
	if opts.Readability && len(p.Lines) > 0 {
		markArticle(p, doc, opts)
	}
	return p, nil
}

// parse builds the DOM as a browser with scripting disabled would, so that
// noscript content is markup, not a string.
func parse(r io.Reader) (*html.Node, error) {
	return html.ParseWithOptions(r, html.ParseOptionEnableScripting(false))
}

// ExtractText returns only the text of Extract, which the options do not
// change: it runs no go-readability.
func ExtractText(data []byte) ([]byte, error) {
	p, err := Extract(data, "", Options{})
	if err != nil {
		return nil, err
	}
	return p.Text, nil
}

// collapse trims s, turns every run of white space into one space and
// replaces invalid UTF-8.
func collapse(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}
