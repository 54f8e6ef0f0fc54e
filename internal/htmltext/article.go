package htmltext

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// shingleShare is the share of a line's word 3-shingles that must occur in
// the article for the line to count as part of it.
const shingleShare = 0.6

// markArticle runs go-readability on doc and sets InArticle on the lines
// whose text the article contains. go-readability clones the tree before
// changing it, so doc is handed over as it is: no render and re-parse.
func markArticle(p *Page, doc *html.Node, opts Options) {
	limit := opts.MaxReadabilityElems
	if limit == 0 {
		limit = DefaultMaxReadabilityElems
	}
	if limit > 0 && countElements(doc, limit) > limit {
		return
	}
	pruneForReadability(doc)
	parser := readability.NewParser()
	art, err := parser.ParseDocument(doc, opts.PageURL)
	if err != nil || art.Node == nil {
		return
	}
	root := art.Node
	if root.Parent != nil {
		root = root.Parent
	}
	aw := newWalker(true)
	aw.walk(root)
	if len(aw.texts) == 0 {
		return
	}
	m := newArticleMatcher(aw.texts)
	p.HasArticle = true
	text := p.Text
	var hs []uint64
	for i := range p.Lines {
		line := text
		if j := bytes.IndexByte(text, '\n'); j >= 0 {
			line, text = text[:j], text[j+1:]
		} else {
			text = nil
		}
		hs = wordHashes(line, hs[:0])
		p.Lines[i].InArticle = m.contains(hs)
	}
}

// pruneForReadability removes from doc, in place, the nodes go-readability
// deletes before it looks at the page (comments, style, noscript, and
// script other than JSON-LD metadata), so that its copies and passes skip
// them. Extract has walked doc already: nothing else reads it afterwards.
func pruneForReadability(doc *html.Node) {
	n := doc
	for n != nil {
		prune := prunable(n)
		var next *html.Node
		if !prune {
			next = n.FirstChild
		}
		if next == nil {
			for m := n; m != nil && m != doc; m = m.Parent {
				if next = m.NextSibling; next != nil {
					break
				}
			}
		}
		if prune {
			n.Parent.RemoveChild(n)
		}
		n = next
	}
}

// prunable reports whether go-readability would delete n unread.
func prunable(n *html.Node) bool {
	if n.Parent == nil {
		return false
	}
	switch n.Type {
	case html.CommentNode:
		return true
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Style, atom.Noscript:
			return true
		case atom.Script:
			return !isJSONLD(n)
		}
	}
	return false
}

// countElements counts element nodes of doc, stopping past limit.
func countElements(doc *html.Node, limit int) int {
	count := 0
	n := doc
	for n != nil && count <= limit {
		if n.Type == html.ElementNode {
			count++
		}
		if n.FirstChild != nil {
			n = n.FirstChild
			continue
		}
		for n != nil && n != doc && n.NextSibling == nil {
			n = n.Parent
		}
		if n == nil || n == doc {
			break
		}
		n = n.NextSibling
	}
	return count
}

// articleMatcher answers whether a line's words occur in the article.
type articleMatcher struct {
	lines    map[uint64]struct{} // hashes of whole article lines
	shingles map[uint64]struct{} // word 3-shingles over the whole article
}

func newArticleMatcher(texts []string) *articleMatcher {
	m := &articleMatcher{lines: make(map[uint64]struct{}, len(texts))}
	var all, hs []uint64
	for _, t := range texts {
		hs = wordHashes([]byte(t), hs[:0])
		if len(hs) > 0 {
			m.lines[seqHash(hs)] = struct{}{}
			all = append(all, hs...)
		}
	}
	m.shingles = make(map[uint64]struct{}, len(all))
	for i := 0; i+2 < len(all); i++ {
		m.shingles[seqHash(all[i:i+3])] = struct{}{}
	}
	return m
}

// contains reports whether the line with word hashes hs is an article line
// (same words, any case and spacing) or, with three words or more, has at
// least shingleShare of its 3-shingles in the article.
func (m *articleMatcher) contains(hs []uint64) bool {
	if len(hs) == 0 {
		return false
	}
	if _, ok := m.lines[seqHash(hs)]; ok {
		return true
	}
	if len(hs) < 3 {
		return false
	}
	found, total := 0, len(hs)-2
	for i := 0; i < total; i++ {
		if _, ok := m.shingles[seqHash(hs[i:i+3])]; ok {
			found++
		}
	}
	return float64(found) >= shingleShare*float64(total)
}

// seqHash combines word hashes, order-sensitively.
func seqHash(hs []uint64) uint64 {
	h := uint64(len(hs))
	for _, x := range hs {
		h = (h^x)*0x9e3779b97f4a7c15 + 0x632be59bd9b4e019
		h ^= h >> 29
	}
	return h
}

// wordHashes appends the FNV-1a hash of each lower-cased, white-space
// separated word of s to dst.
func wordHashes(s []byte, dst []uint64) []uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h, in := uint64(offset), false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(s[i:])
		}
		i += size
		if r == ' ' || r == '\t' || (r >= utf8.RuneSelf && unicode.IsSpace(r)) {
			if in {
				dst = append(dst, h)
				h, in = offset, false
			}
			continue
		}
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		} else if r >= utf8.RuneSelf {
			r = unicode.ToLower(r)
		}
		in = true
		for r > 0 {
			h = (h ^ uint64(r&0xff)) * prime
			r >>= 8
		}
	}
	if in {
		dst = append(dst, h)
	}
	return dst
}
