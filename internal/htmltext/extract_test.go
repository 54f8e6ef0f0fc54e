package htmltext

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/korean"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// line is the expected text and signals of one output line; zero fields
// are not checked except Text.
type line struct {
	text    string
	tags    Flags  // must all be set
	notTags Flags  // must all be clear
	noise   Tokens // must all be set
	noNoise Tokens // must all be clear
	link    any    // float64 link density, nil: not checked
	path    string // suffix of Block.Path
}

func TestExtractLines(t *testing.T) {
	tests := []struct {
		name string
		html string
		want []line
	}{
		{"paragraphs in reading order", `<body><div>intro<p>first</p>tail</div><p>second</p></body>`,
			[]line{{text: "intro"}, {text: "first"}, {text: "tail"}, {text: "second"}}},
		{"inline text joined, white space collapsed",
			"<p>Hello\n\t <b>big</b>  wide&nbsp;&nbsp;world <i>!</i></p>",
			[]line{{text: "Hello big wide world !"}}},
		{"words split by tags stay glued", `<p>un<b>believ</b>able</p>`,
			[]line{{text: "unbelievable"}}},
		{"hidden blocks flagged, hidden inline text and other content excluded", `<body>
			<script>var x = "script";</script><style>p{}</style>
			<p>visible</p>
			<p hidden>hidden attr</p>
			<div aria-hidden="true">aria hidden</div>
			<div style="color:red; DISPLAY : none !important">display none</div>
			<span style="visibility:hidden">invisible</span>
			<input type="hidden" value="secret">
			<template><p>template</p></template>
			<svg><text>svg text</text></svg>
			<math><mi>x</mi></math>
			<iframe>frame text</iframe>
			<dialog><p>closed dialog</p></dialog>
			<textarea>typed</textarea>
			<p>Price <span aria-hidden="true">icon</span></p>
			<div style="display:none" itemscope itemtype="https://schema.org/NewsArticle"><div itemprop="datePublished">2019-11-19</div></div>
			<div hidden><div itemprop="description" itemscope>shown when read</div></div>
			<p>end</p></body>`,
			[]line{{text: "visible", notTags: InHidden}, {text: "hidden attr", tags: InHidden}, {text: "aria hidden", tags: InHidden},
				{text: "display none", tags: InHidden}, {text: "Price", notTags: InHidden}, {text: "shown when read", tags: InHidden},
				{text: "end", notTags: InHidden}}},
		{"br splits a paragraph", `<p>Photo: AFP<br>Second line<br/><br>third</p>`,
			[]line{{text: "Photo: AFP"}, {text: "Second line"}, {text: "third"}}},
		{"nested lists", `<ul><li>one<ul><li>two</li><li>three</li></ul></li><li>four</li></ul>`,
			[]line{
				{text: "one", tags: InList, path: "ul>li"},
				{text: "two", tags: InList, path: "ul>li>ul>li"},
				{text: "three", tags: InList},
				{text: "four", tags: InList}}},
		{"link density and is-link", `<p>abcd <a href="/x">efgh</a></p><li><a href="/">Home</a></li><p><a href="/1">A</a> <a href="/2">B</a></p><p><a name="anchor">no href</a></p>`,
			[]line{
				{text: "abcd efgh", link: 0.5, tags: InLink, notTags: IsLink},
				{text: "Home", link: 1.0, tags: IsLink | InLink | InList},
				{text: "A B", link: 1.0, tags: InLink, notTags: IsLink},
				{text: "no href", link: 0.0, notTags: InLink | IsLink}}},
		{"minor link is not a link block", `<p>A long sentence with <a href="/x">one</a> link.</p>`,
			[]line{{text: "A long sentence with one link.", link: 3.0 / 25 /* spaces do not count */, notTags: InLink | IsLink}}},
		{"headings and their level", `<h1>Top</h1><h3>Sub <span>part</span></h3>`,
			[]line{{text: "Top", tags: InHeading | InH1}, {text: "Sub part", tags: InHeading | InH3, notTags: InH1}}},
		{"structural flags", `<header><nav><a href="/">Home</a></nav></header>
			<article><figure><img src=x><figcaption>A caption</figcaption></figure>
			<blockquote>Quoted</blockquote><aside>Aside</aside>
			<table><caption>Table cap</caption><tr><td>cell</td></tr></table>
			<form><label>Name</label> <button>Send message</button><select><option>One</option></select></form></article>
			<footer><small>© 2024</small></footer>`,
			[]line{
				{text: "Home", tags: InHeader | InNav | IsLink},
				{text: "A caption", tags: InFigure | InFigcaption | InArticleTag},
				{text: "Quoted", tags: InBlockquote},
				{text: "Aside", tags: InAside},
				{text: "Table cap", tags: InTable | InCaption},
				{text: "cell", tags: InTable, notTags: InCaption},
				{text: "Name Send message", tags: InForm | InButton, notTags: InLabel},
				{text: "One", tags: InForm | InSelect},
				{text: "© 2024", tags: InFooter | InSmall}}},
		{"inline flag needs half the text", `<p><button>Subscribe now</button> ok</p><p>Read <button>x</button> this long sentence</p>`,
			[]line{{text: "Subscribe now ok", tags: InButton}, {text: "Read x this long sentence", notTags: InButton}}},
		{"pre keeps lines and indentation", "<pre>  a := 1\n\n\tb  \r\n   \nend</pre><p>after</p>",
			[]line{{text: "  a := 1", tags: InPre}, {text: "\tb", tags: InPre}, {text: "end", tags: InPre}, {text: "after", notTags: InPre}}},
		{"noscript text is kept and flagged", `<body><noscript><p>Please enable JavaScript</p></noscript><p>Body</p></body>`,
			[]line{{text: "Please enable JavaScript", tags: InNoscript}, {text: "Body", notTags: InNoscript}}},
		{"noise tokens from class, id, role, itemprop", `
			<div class="social-share"><p>Share this</p></div>
			<div id="mainNav"><p>Menu</p></div>
			<div class="shadow update domain"><p>plain</p></div>
			<div role="contentinfo"><p>Foot</p></div>
			<div itemprop="articleBody"><p>Story</p></div>
			<div class="style--hat-1vqyrZZ3j7vMC x7ad9f"><p>hashed</p></div>
			<div class="ad-slot"><p>Advertisement</p></div>
			<div class="sr-only"><p>screen reader</p></div>`,
			[]line{
				{text: "Share this", noise: TokShare | TokSocial, path: "div.social-share>p"},
				{text: "Menu", noise: TokNav | TokMain},
				{text: "plain", noNoise: TokAd | TokDate | TokMain | TokText | TokHidden},
				{text: "Foot", noise: TokFooter},
				{text: "Story", noise: TokArticle | TokBody},
				{text: "hashed", noNoise: TokAd | TokHidden},
				{text: "Advertisement", noise: TokAd},
				{text: "screen reader", noise: TokHidden}}},
		{"inline tokens need half the text", `<p><span class="byline">By Jane Doe</span></p><p>A much longer sentence of body text <span class="date">today</span></p>`,
			[]line{{text: "By Jane Doe", noise: TokByline}, {text: "A much longer sentence of body text today", noNoise: TokDate}}},
		{"no body, no markup", `just some text`, []line{{text: "just some text"}}},
		{"frames give no line", `<html><frameset><frame src="a.html"><noframes>old browser</noframes></frameset></html>`, nil},
		{"unclosed tags", `<div><p>one<p>two<li>three<table><td>four`,
			[]line{{text: "one"}, {text: "two"}, {text: "three"}, {text: "four", tags: InTable}}},
		{"control characters and invisible-only text", "<p>a\x01b\u200b</p><p>\u200b\u00a0</p><p>c\u2028d</p>",
			[]line{{text: "ab\u200b"}, {text: "c d"}}},
		{"invalid utf-8 becomes U+FFFD", "<meta charset=utf-8><p>caf\xc3\xa9 \xff ok</p>",
			[]line{{text: "café \uFFFD ok"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Extract([]byte(tt.html), "", Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, p)
			got := splitLines(p.Text)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d lines %q, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				b := p.Lines[i]
				if got[i] != w.text {
					t.Errorf("line %d = %q, want %q", i+1, got[i], w.text)
				}
				if !b.Tags.Has(w.tags) || b.Tags&w.notTags != 0 {
					t.Errorf("line %d %q: tags %v, want %v and not %v", i+1, w.text, b.Tags, w.tags, w.notTags)
				}
				if !b.Noise.Has(w.noise) || b.Noise&w.noNoise != 0 {
					t.Errorf("line %d %q: noise %v, want %v and not %v", i+1, w.text, b.Noise, w.noise, w.noNoise)
				}
				if w.link != nil && b.LinkDensity != w.link.(float64) {
					t.Errorf("line %d %q: link density %v, want %v", i+1, w.text, b.LinkDensity, w.link)
				}
				if !strings.HasSuffix(b.Path, w.path) {
					t.Errorf("line %d %q: path %q, want suffix %q", i+1, w.text, b.Path, w.path)
				}
			}
		})
	}
}

func TestExtractMetadata(t *testing.T) {
	p, err := Extract([]byte(`<!DOCTYPE html><html lang="fr-FR"><head><title> Le
		titre </title></head><body><p>x</p><title>second</title></body></html>`), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if p.Title != "Le titre" || p.Lang != "fr-FR" {
		t.Errorf("title %q lang %q", p.Title, p.Lang)
	}
	if got := string(p.Text); got != "x" {
		t.Errorf("text %q: a title must not become a line", got)
	}
	if p.Lines[0].Depth != 3 {
		t.Errorf("depth of html>body>p = %d, want 3", p.Lines[0].Depth)
	}
}

func TestExtractCharset(t *testing.T) {
	tests := []struct {
		name, ct, want, charset string
		html                    []byte
	}{
		{"windows-1252 meta", "", "\u201cquoted\u201d 5\u20ac", "windows-1252",
			[]byte("<meta charset=\"windows-1252\"><p>\x93quoted\x94 5\x80</p>")},
		{"iso-8859-1 http-equiv", "", "caf\u00e9 \u00e0", "windows-1252",
			[]byte("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"><p>caf\xe9 \xe0</p>")},
		{"iso-8859-1 header", "text/html; charset=ISO-8859-1", "na\u00efve", "windows-1252",
			[]byte("<p>na\xefve</p>")},
		{"utf-8 BOM", "", "\u00e9t\u00e9", "utf-8",
			[]byte("\xef\xbb\xbf<p>\xc3\xa9t\xc3\xa9</p>")},
		{"utf-16le BOM", "", "hi \u00e9", "utf-16le",
			[]byte("\xff\xfe<\x00p\x00>\x00h\x00i\x00 \x00\xe9\x00<\x00/\x00p\x00>\x00")},
		{"no declaration, utf-8 after the first KiB", "", "\u00e9l\u00e8ve", "utf-8",
			[]byte("<p>" + strings.Repeat(" ", 2000) + "\xc3\xa9l\xc3\xa8ve</p>")},
		{"no declaration, latin-1 bytes", "", "d\u00e9j\u00e0", "windows-1252",
			[]byte("<p>d\xe9j\xe0</p>")},
		{"declared latin-1 but utf-8 bytes", "", "\u00e9t\u00e9", "utf-8",
			[]byte("<meta charset=iso-8859-1><p>\xc3\xa9t\xc3\xa9</p>")},
		{"declared utf-8 but latin-1 bytes", "", "\u00e9t\u00e9", "windows-1252",
			[]byte("<meta charset=utf-8><p>\xe9t\xe9</p>")},
		{"unknown charset name", "", "ok", "windows-1252",
			[]byte("<meta charset=\"x-nonsense\"><p>ok</p>")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Extract(tt.html, tt.ct, Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, p)
			if string(p.Text) != tt.want || p.Charset != tt.charset {
				t.Errorf("got %q (%s), want %q (%s)", p.Text, p.Charset, tt.want, tt.charset)
			}
		})
	}
}

func TestExtractBinary(t *testing.T) {
	for _, in := range [][]byte{
		{0x1f, 0x8b, 8, 0, 0, 0},
		[]byte("%PDF-1.4\n\x00\x01binary"),
		[]byte(strings.Repeat("\x01\x02\x03\x04\x05 ab", 40)),
	} {
		if _, err := Extract(in, "", Options{}); !errors.Is(err, ErrBinary) {
			t.Errorf("Extract(%q...) error %v, want ErrBinary", in[:6], err)
		}
	}
	p, err := Extract(nil, "", Options{Readability: true})
	if err != nil || len(p.Lines) != 0 || p.Text == nil {
		t.Errorf("empty input: %+v, %v", p, err)
	}
}

func TestExtractReadability(t *testing.T) {
	var b strings.Builder
	b.WriteString(`<html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav><div class="content"><h1>A day at the river</h1>`)
	for i := range 8 {
		b.WriteString(`<p>The river was quiet that morning, and the fishermen who had come down before dawn sat along the bank with their lines in the water, talking softly about the weather and the price of bait. Paragraph `)
		b.WriteString(string(rune('A' + i)))
		b.WriteString(`.</p>`)
	}
	b.WriteString(`</div><footer><p>Copyright 2024 River Times. All rights reserved worldwide.</p></footer></body></html>`)
	in := []byte(b.String())

	p, err := Extract(in, "", Options{Readability: true})
	if err != nil {
		t.Fatal(err)
	}
	checkPage(t, p)
	if !p.HasArticle {
		t.Fatal("readability found no article")
	}
	for i, l := range splitLines(p.Text) {
		want := strings.HasPrefix(l, "The river was quiet")
		if p.Lines[i].InArticle != want && !strings.HasPrefix(l, "A day at") {
			t.Errorf("line %q: InArticle %v, want %v", l, p.Lines[i].InArticle, want)
		}
	}

	off, _ := Extract(in, "", Options{})
	if off.HasArticle || string(off.Text) != string(p.Text) {
		t.Error("without readability the text must be the same and no article set")
	}
	capped, _ := Extract(in, "", Options{Readability: true, MaxReadabilityElems: 5})
	if capped.HasArticle {
		t.Error("MaxReadabilityElems did not skip readability")
	}
}

func TestArticleMatcher(t *testing.T) {
	m := newArticleMatcher([]string{"The quick brown fox jumps over the lazy dog.", "Short one"})
	tests := []struct {
		line string
		want bool
	}{
		{"the QUICK brown  fox jumps over the lazy dog.", true},
		{"quick brown fox jumps over", true},                     // all shingles found
		{"the quick brown fox sleeps under a tree today", false}, // 2 of 7
		{"Short one", true},
		{"Short", false}, // a short line must equal an article line
		{"one", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := m.contains(wordHashes([]byte(tt.line), nil)); got != tt.want {
			t.Errorf("contains(%q) = %v, want %v", tt.line, got, tt.want)
		}
	}
}

func TestTokensValue(t *testing.T) {
	tests := []struct {
		v    string
		want Tokens
	}{
		{"navbar navbar-expand", TokNav},
		{"site-footer", TokFooter},
		{"socialShareButtons", TokSocial | TokShare},
		{"cookieConsentBanner", TokCookie | TokConsent | TokBanner},
		{"comments-area", TokComment},
		{"adsbygoogle", TokAd},
		{"advertisement-top", TokAd},
		{"shadow loading updated-at", TokDate},
		{"domain context runtime", 0},
		{"entry-content", TokEntry | TokContent},
		{"NAV", TokNav},
		{"col-12 h1", 0},
		{"paginationLinks", TokPagination},
	}
	for _, tt := range tests {
		if got := tokens.value(tt.v); got != tt.want {
			t.Errorf("value(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

func TestFlagsAndTokensString(t *testing.T) {
	if s := (InList | IsLink).String(); s != "list|is-link" {
		t.Errorf("Flags.String = %q", s)
	}
	if s := (TokNav | TokText).String(); s != "nav|text" {
		t.Errorf("Tokens.String = %q", s)
	}
	if (InHeading|InH4).HeadingLevel() != 4 || InList.HeadingLevel() != 0 {
		t.Error("HeadingLevel")
	}
	if (TokAd|TokArticle).Noise() != TokAd || (TokAd|TokArticle).Positive() != TokArticle {
		t.Error("Noise/Positive split")
	}
}

// TestExtractElementTree checks that each line's Element climbs through
// Page.Parents along the page's real ancestors, parents numbered first.
func TestExtractElementTree(t *testing.T) {
	p, err := Extract([]byte(`<html><body>
		<div id="main"><p>one <b>bold</b></p><ul><li>two</li><li>three</li></ul></div>
		<p hidden><span>unseen</span></p><span hidden><p>unread</p></span>
		<footer><p>four</p></footer></body></html>`), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for k, parent := range p.Parents {
		if parent >= int32(k) || (parent < 0) != (k == 0) {
			t.Fatalf("Parents[%d] = %d: want a smaller index, -1 only for the root", k, parent)
		}
	}
	// chain returns the number of elements from line i's element up to
	// the root, both included.
	chain := func(i int) int {
		n := 0
		for e := p.Lines[i].Element; e >= 0; e = p.Parents[e] {
			n++
		}
		return n
	}
	tests := []struct {
		text  string
		depth int // html>body>div>p is 4
	}{
		{"one bold", 4},
		{"two", 5},
		{"three", 5},
		{"unseen", 3}, // a hidden block is read; hidden inline elements are not
		{"four", 4},
	}
	if len(p.Lines) != len(tests) {
		t.Fatalf("lines %q, want %d", p.Text, len(tests))
	}
	for i, tt := range tests {
		if got := chain(i); got != tt.depth || got != p.Lines[i].Depth {
			t.Errorf("line %q: %d elements to the root (Depth %d), want %d", tt.text, got, p.Lines[i].Depth, tt.depth)
		}
	}
	li2, li3 := p.Lines[1].Element, p.Lines[2].Element
	if li2 == li3 || p.Parents[li2] != p.Parents[li3] {
		t.Errorf("list items %d and %d: want two elements under one parent (%d, %d)", li2, li3, p.Parents[li2], p.Parents[li3])
	}
	ul := p.Parents[li2]
	if p.Parents[ul] != p.Parents[p.Lines[0].Element] {
		t.Errorf("ul and p should share the div")
	}
	if p.Parents[p.Parents[ul]] != p.Parents[p.Parents[p.Lines[4].Element]] {
		t.Errorf("div#main and footer should share body")
	}
}

// TestExtractDetectsCharset: a page that declares no charset and is not
// UTF-8 is read in the encoding its bytes show, as browsers do; a
// declaration is obeyed even when the bytes disagree.
func TestExtractDetectsCharset(t *testing.T) {
	encode := func(e encoding.Encoding, s string) []byte {
		b, err := e.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	zh := "北京市妇女儿童工作委员会开展了一次全市儿童心理发展现状的调查，为制定切实可行的教育对策提供科学依据。调查覆盖了十三岁到十五岁的学生。"
	ja := "東京都は本日、新しい交通政策を発表しました。この政策は、市民の生活をより便利にすることを目的としています。詳しい内容は来週に公開される予定です。"
	ru := "Правительство объявило о новых мерах поддержки малого бизнеса. Эти меры должны помочь предпринимателям пережить трудный период и сохранить рабочие места."
	ko := "서울시는 오늘 새로운 교통 정책을 발표했습니다. 이 정책은 시민들의 생활을 더 편리하게 만드는 것을 목표로 합니다. 자세한 내용은 다음 주에 공개될 예정입니다."
	page := func(body []byte) []byte {
		return append(append([]byte("<html><body><p>"), body...), "</p></body></html>"...)
	}
	tests := []struct {
		name, want, charset string
		html                []byte
	}{
		{"undeclared gbk", zh, "gbk", page(encode(simplifiedchinese.GBK, zh))},
		{"undeclared shift_jis", ja, "shift_jis", page(encode(japanese.ShiftJIS, ja))},
		{"undeclared windows-1251", ru, "windows-1251", page(encode(charmap.Windows1251, ru))},
		{"undeclared euc-kr", ko, "euc-kr", page(encode(korean.EUCKR, ko))},
		{"undeclared utf-8 with one stray byte", "caf\u00e9 \ufffd " + zh, "utf-8",
			page([]byte("caf\xc3\xa9 \xff " + zh))},
		{"declared windows-1252 is obeyed", "", "windows-1252",
			append([]byte("<meta charset=windows-1252>"), page(encode(simplifiedchinese.GBK, zh))...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Extract(tt.html, "", Options{})
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, p)
			if p.Charset != tt.charset || tt.want != "" && string(p.Text) != tt.want {
				t.Errorf("got %q (%s), want %q (%s)", p.Text, p.Charset, tt.want, tt.charset)
			}
		})
	}
}
