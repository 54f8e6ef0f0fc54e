package htmltext

import (
	"bytes"
	"io"
	"strings"

	"golang.org/x/net/html"
)

// flattenDepth is the nesting depth, counted naively on the token stream,
// beyond which flatten drops tags. The parser's own limit is 512 open
// elements; the margin covers the elements it adds (html, body,
// reconstructed formatting elements).
const flattenDepth = 256

// tooDeep reports whether err is golang.org/x/net/html refusing a page
// nested deeper than it supports.
func tooDeep(err error) bool {
	return err != nil && strings.Contains(err.Error(), "open stack of elements exceeds")
}

// flatten rewrites a page nested too deeply for the parser: start tags met
// while flattenDepth elements are open are dropped with their end tags, so
// their text joins the nearest kept ancestor. Depth is counted on the raw
// token stream (every non-void start tag opens, its end tag closes), which
// over-counts and so errs toward dropping more; it runs only on pages the
// parser has already refused.
func flatten(r io.Reader) []byte {
	var out bytes.Buffer
	z := html.NewTokenizer(r)
	var open []string // names of kept open elements
	dropped := map[string]int{}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out.Bytes()
		case html.StartTagToken:
			name, _ := z.TagName()
			if voidElement(string(name)) {
				break
			}
			if len(open) >= flattenDepth {
				dropped[string(name)]++
				continue
			}
			open = append(open, string(name))
		case html.EndTagToken:
			name, _ := z.TagName()
			if n := dropped[string(name)]; n > 0 {
				dropped[string(name)] = n - 1
				continue
			}
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == string(name) {
					open = open[:i]
					break
				}
			}
		}
		out.Write(z.Raw())
	}
}

// voidElement reports whether an element never has content or an end tag.
func voidElement(name string) bool {
	switch name {
	case "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen",
		"link", "meta", "param", "source", "track", "wbr", "frame", "basefont",
		"bgsound", "image", "menuitem":
		return true
	}
	return false
}
