package htmltext

import (
	"bytes"
	"strings"
	"testing"

	readability "github.com/go-shiori/go-readability"
	"golang.org/x/net/html"
)

func TestPruneForReadability(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"comment", `<p>a<!-- x -->b</p>`, `<p>ab</p>`},
		{"style and script", `<style>p{}</style><p>a</p><script>var x;</script>`, `<p>a</p>`},
		{"noscript", `<p>a</p><noscript><p>enable JS</p></noscript>`, `<p>a</p>`},
		{"json-ld kept", `<script type="application/ld+json">{}</script><p>a</p>`, `<script type="application/ld+json">{}</script><p>a</p>`},
		{"json-ld any case", `<script type=" Application/LD+JSON ">{}</script>`, `<script type=" Application/LD+JSON ">{}</script>`},
		{"nested and consecutive", `<div><script>1</script><script>2</script><p>a<!--c--><style>s</style></p></div><!--end-->`, `<div><p>a</p></div>`},
		{"only prunable", `<script>1</script><!--c-->`, ``},
		{"text around", `x<script>1</script>y`, `xy`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc, err := parse(strings.NewReader("<html><head></head><body>" + tc.in + "</body></html>"))
			if err != nil {
				t.Fatal(err)
			}
			pruneForReadability(doc)
			var body *html.Node
			for n := doc.FirstChild.FirstChild; n != nil; n = n.NextSibling {
				if n.Data == "body" {
					body = n
				}
			}
			var b bytes.Buffer
			for c := body.FirstChild; c != nil; c = c.NextSibling {
				if err := html.Render(&b, c); err != nil {
					t.Fatal(err)
				}
			}
			if got := b.String(); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPruneKeepsArticleText checks the premise of pruneForReadability:
// go-readability finds the same article text with and without the pruned
// nodes. (Its HTML may differ: an image inside <noscript> can replace the
// lazy-loading image before it, which has no text.)
func TestPruneKeepsArticleText(t *testing.T) {
	page := `<html><head><title>T</title><style>p{}</style></head><body>
<div class="article"><h1>T</h1><p>First paragraph, long enough to be scored, with commas, words, and more words to pass the thresholds of the scorer.</p>
<!-- comment --><script>document.write("x")</script><noscript><p>Enable scripts to read the comments below.</p></noscript>
<p>Second paragraph, again long enough, and again with commas, words, and more words for the scorer of go-readability.</p></div></body></html>`
	if checkPruneKeepsArticle(t, "inline", []byte(page)) == "" {
		t.Fatal("go-readability found no article: the test checks nothing")
	}
}

// TestPruneKeepsArticleTextBench is TestPruneKeepsArticleText on every
// benchmark page.
func TestPruneKeepsArticleTextBench(t *testing.T) {
	for _, pg := range loadBenchPages(t) {
		checkPruneKeepsArticle(t, pg.id, pg.html)
	}
}

// checkPruneKeepsArticle compares go-readability's article text on page
// with and without pruning, and returns it.
func checkPruneKeepsArticle(t *testing.T, id string, page []byte) string {
	t.Helper()
	var texts [2]string
	for i, prune := range []bool{false, true} {
		r, _ := decoder(page, "")
		doc, err := parse(r)
		if err != nil {
			return "" // too deep: Extract flattens such pages first
		}
		if prune {
			pruneForReadability(doc)
		}
		parser := readability.NewParser()
		art, err := parser.ParseDocument(doc, nil)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		texts[i] = art.TextContent
	}
	if texts[0] != texts[1] {
		t.Errorf("%s: article text changed by pruning:\nfull:   %.200q\npruned: %.200q", id, texts[0], texts[1])
	}
	return texts[0]
}
