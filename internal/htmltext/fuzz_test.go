package htmltext

import (
	"testing"
)

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"",
		"<p>hello <b>world</b></p>",
		"<pre>a\r\n\n b\rc</pre>",
		"<meta charset=windows-1252><p>\x93hi\x94</p>",
		"\xef\xbb\xbf<title>t</title><ul><li>x<li>y",
		"\xff\xfe<\x00p\x00>\x00",
		"<frameset><frame></frameset><noframes>x</noframes>",
		"<div hidden>a</div><span style='display:none'>b</span><noscript><p>js</p></noscript>",
		"<table><td><a href=x>l</a><br>m\u2028n\x0bo",
		"<div><div><div><svg><p>x</p></svg><math><mi>y",
		"<head><noscript><iframe src=x /></noscript></head><body><noscript><iframe /></noscript><p>a</p><iframe>b</noscript><p>c",
		`<script type="application/ld+json">{"@graph":[{"@type":["NewsArticle"],"comment":[{"@type":"Comment"}]}]}</script><div itemscope itemtype="https://schema.org/Product"><p>x`,
		`<head><title>A | B - C_D</title><meta property="og:title" content="«A»"></head><h1>B</h1><h1>a b c</h1><div>A</div>`,
		"<p>\xb1\xb1\xbe\xa9\xca\xd0\xb8\xbe\xc5\xae\xb6\xf9\xcd\xaf</p>", // GBK, undeclared
	} {
		f.Add([]byte(s), "")
	}
	f.Add([]byte("<p>caf\xe9</p>"), "text/html; charset=iso-8859-1")
	f.Fuzz(func(t *testing.T, data []byte, contentType string) {
		p, err := Extract(data, contentType, Options{Readability: true})
		if err != nil {
			return
		}
		checkPage(t, p)
	})
}
