package htmltext

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// React's streaming server rendering (React 18 and later, the default of
// Next.js's App Router and of Remix) sends a page's shell first, with a
// placeholder <template id="B:0"> (a Suspense boundary, whose loading
// fallback follows it) or <template id="P:0"> (a segment) where content
// is still loading, then the content itself further down in
// <div hidden id="S:0">, with a small script that moves it into place.
// Without that script the content stays hidden, and a page can be left
// with its menus only. streamed does what the script does, so that the
// content is read where the reader sees it.

// streamed moves the children of every hidden streamed segment of doc
// into the place of its placeholder and removes the placeholder, and for
// a boundary the loading fallback that follows it. A segment whose
// placeholder is missing stays where it is, hidden.
func streamed(doc *html.Node) {
	type segment struct {
		div         *html.Node
		prefix, num string
	}
	ids := map[string]*html.Node{}
	var segments []segment
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if id := attr(n, "id"); id != "" {
				if n.DataAtom == atom.Template {
					ids[id] = n
				} else if n.DataAtom == atom.Div && hasAttr(n, "hidden") {
					if prefix, num, ok := segmentID(id); ok {
						segments = append(segments, segment{n, prefix, num})
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	for _, s := range segments {
		if p := ids[s.prefix+"P:"+s.num]; p != nil && p.Parent != nil {
			moveChildren(s.div, p.Parent, p)
			p.Parent.RemoveChild(p)
		} else if b := ids[s.prefix+"B:"+s.num]; b != nil && b.Parent != nil {
			parent := b.Parent
			moveChildren(s.div, parent, dropFallback(b))
		} else {
			continue
		}
		if s.div.Parent != nil {
			s.div.Parent.RemoveChild(s.div)
		}
	}
}

// segmentID splits a streamed segment's id, "[prefix]S:<digits>", into
// its prefix and number; ok is false for any other id.
func segmentID(id string) (prefix, num string, ok bool) {
	i := strings.LastIndex(id, "S:")
	if i < 0 || i+2 == len(id) {
		return "", "", false
	}
	num = id[i+2:]
	for _, c := range num {
		if c < '0' || c > '9' {
			return "", "", false
		}
	}
	return id[:i], num, true
}

// dropFallback removes a boundary's placeholder b and, when b follows the
// boundary's opening comment <!--$?-->, every node after it up to the
// matching <!--/$-->, nested boundaries included: the loading fallback.
// It returns the node the content goes before: nil for the end of b's
// parent.
func dropFallback(b *html.Node) *html.Node {
	parent, open := b.Parent, b.PrevSibling
	if open == nil || open.Type != html.CommentNode || open.Data != "$?" {
		next := b.NextSibling
		parent.RemoveChild(b)
		return next
	}
	depth := 0
	n := b
	for n != nil {
		if n.Type == html.CommentNode {
			switch n.Data {
			case "/$":
				if depth == 0 {
					return n
				}
				depth--
			case "$", "$?", "$!":
				depth++
			}
		}
		next := n.NextSibling
		parent.RemoveChild(n)
		n = next
	}
	return nil
}

// moveChildren moves the children of from into parent, before its child
// at (at its end when at is nil), in their order.
func moveChildren(from, parent, at *html.Node) {
	for c := from.FirstChild; c != nil; c = from.FirstChild {
		from.RemoveChild(c)
		parent.InsertBefore(c, at)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}
