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
	ids := map[string]*html.Node{}
	var segments []*html.Node
	var visit func(n *html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode {
			if id := attr(n, "id"); id != "" {
				switch {
				case n.DataAtom == atom.Template:
					ids[id] = n
				case n.DataAtom == atom.Div && hasAttr(n, "hidden") && segmentNumber(id) != "":
					segments = append(segments, n)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	for _, s := range segments {
		id := attr(s, "id")
		prefix, num := id[:len(id)-len(segmentNumber(id))-2], segmentNumber(id)
		if p := ids[prefix+"P:"+num]; p != nil && p.Parent != nil {
			moveChildren(s, p.Parent, p)
			p.Parent.RemoveChild(p)
		} else if b := ids[prefix+"B:"+num]; b != nil && b.Parent != nil {
			parent := b.Parent
			moveChildren(s, parent, dropFallback(b))
		} else {
			continue
		}
		if s.Parent != nil {
			s.Parent.RemoveChild(s)
		}
	}
}

// segmentNumber returns the number of a streamed segment's id,
// "[prefix]S:<digits>", or "" for any other id.
func segmentNumber(id string) string {
	i := strings.LastIndex(id, "S:")
	if i < 0 || i+2 == len(id) {
		return ""
	}
	num := id[i+2:]
	for _, c := range num {
		if c < '0' || c > '9' {
			return ""
		}
	}
	return num
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
