package htmltext

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Tag managers give pages without scripts a tracking pixel,
// <noscript><iframe src="…" style="display:none"></iframe></noscript>,
// and pages built from templates or JSX often write that iframe as
// <iframe … />. An iframe is not a void element, so the slash means
// nothing: a parser reads everything after the tag, up to </iframe> or
// the end of the page, as the iframe's raw text. A browser runs scripts
// and reads the noscript itself as raw text, so it never sees the iframe
// and shows the page. chaff parses with scripting off (noscript content is
// markup, see parse), and the rest of the page would vanish into an
// iframe nobody displays.

// unswallowed gives back what such iframes swallowed: the raw text of an
// iframe that holds the noscript's end tag, </noscript>, is parsed as the
// HTML that follows the noscript and put there, as a browser reads it.
// That end tag is how the iframe is told even where the parser has moved
// it out of its noscript (a noscript in the head ends at an iframe, which
// then opens the body). The iframe keeps no text: iframe fallback text is
// never shown.
func unswallowed(doc *html.Node) {
	var swallowing []*html.Node
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.Iframe {
			if swallowed(n) {
				swallowing = append(swallowing, n)
			}
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	for _, iframe := range swallowing {
		restore(iframe)
	}
}

// swallowed reports whether iframe's raw text holds a </noscript> end
// tag (in any case, as HTML's tag names are).
func swallowed(iframe *html.Node) bool {
	c := iframe.FirstChild
	return c != nil && c.Type == html.TextNode && c.NextSibling == nil && strings.Contains(strings.ToLower(c.Data), "</noscript")
}

// restore parses the text a swallowing iframe holds and puts its nodes
// after the iframe's outermost noscript, or after the iframe when no
// noscript holds it any more.
func restore(iframe *html.Node) {
	text := iframe.FirstChild.Data
	iframe.RemoveChild(iframe.FirstChild)
	after := iframe
	for p := iframe.Parent; p != nil; p = p.Parent {
		if p.Type == html.ElementNode && p.DataAtom == atom.Noscript {
			after = p
		}
	}
	if after.Parent == nil {
		return
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragmentWithOptions(strings.NewReader(text), body, html.ParseOptionEnableScripting(false))
	if err != nil {
		return
	}
	for _, n := range nodes {
		after.Parent.InsertBefore(n, after.NextSibling)
		after = n
	}
}
