package htmltext_test

import (
	"fmt"
	"strings"

	"github.com/chaff-dev/chaff/internal/htmltext"
)

func ExampleExtract() {
	page := []byte(`<html lang="en"><head><title>Rivers</title></head><body>
<nav class="site-nav"><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>A day at the river</h1>
<p>The water was <em>cold</em> and clear.<br>Photo: J. Doe</p></article>
<footer id="site-footer"><p>© 2024 River Times</p></footer>
<script>track()</script></body></html>`)

	p, err := htmltext.Extract(page, "text/html; charset=utf-8", htmltext.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Title, p.Lang)
	for i, line := range strings.Split(string(p.Text), "\n") {
		b := p.Lines[i]
		fmt.Printf("%-30q link=%.1f tags=%s noise=%s\n", line, b.LinkDensity, b.Tags, b.Noise)
	}
	// Output:
	// Rivers en
	// "Home News"                    link=1.0 tags=nav|link noise=nav
	// "A day at the river"           link=0.0 tags=heading|h1|article noise=
	// "The water was cold and clear." link=0.0 tags=article noise=
	// "Photo: J. Doe"                link=0.0 tags=article noise=
	// "© 2024 River Times"           link=0.0 tags=footer noise=footer
}

func ExampleFlags_HeadingLevel() {
	p, _ := htmltext.Extract([]byte("<h3>Background</h3><p>text</p>"), "", htmltext.Options{})
	fmt.Println(p.Lines[0].Tags.HeadingLevel(), p.Lines[1].Tags.HeadingLevel())
	// Output: 3 0
}

func ExampleExtractText() {
	text, err := htmltext.ExtractText([]byte("<ul><li>one</li><li>two</li></ul>"))
	fmt.Printf("%q %v\n", text, err)
	// Output: "one\ntwo" <nil>
}
