package htmltext

import (
	"strings"
	"testing"
)

func TestJSONLDKinds(t *testing.T) {
	tests := []struct {
		name, json string
		want       Kinds
	}{
		{"article", `{"@context":"https://schema.org","@type":"NewsArticle","headline":"h"}`, KindArticle},
		{"article subtype by suffix", `{"@type":"AnalysisNewsArticle"}`, KindArticle},
		{"blog posting", `{"@type":"BlogPosting"}`, KindArticle},
		{"type array", `{"@type":["WebPage","FAQPage"]}`, KindFAQ},
		{"prefixed and URL types", `[{"@type":"schema:Product"},{"@type":"http://schema.org/Recipe"}]`, KindProduct | KindRecipe},
		{"graph members", `{"@graph":[{"@type":"WebPage"},{"@type":"CollectionPage"},{"@type":"BreadcrumbList"}]}`, KindCollection},
		{"main entity of a QA page", `{"@type":"QAPage","mainEntity":{"@type":"Question","acceptedAnswer":{"@type":"Answer"}}}`, KindDiscussion},
		{"a subscription product nested in an article is not the page", `{"@type":"NewsArticle","isPartOf":{"@type":["CreativeWork","Product"],"name":"Plus"}}`, KindArticle},
		{"an offer nested in a product", `{"@type":"Product","offers":{"@type":"Offer"}}`, KindProduct},
		{"nested comments mark the page", `{"@type":"BlogPosting","comment":[{"@type":"Comment","text":"nice"}]}`, KindArticle | KindComment},
		{"forum thread with replies", `{"@type":"DiscussionForumPosting","comment":{"@type":"Comment"}}`, KindDiscussion | KindComment},
		{"unknown types", `{"@type":"Organization","author":{"@type":"Person"}}`, 0},
		{"type not a string", `{"@type":7}`, 0},
		{"broken JSON says nothing", `{"@type":"Product",`, 0},
		{"not JSON", `var x = 1;`, 0},
		{"empty", ``, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jsonLDKinds(tt.json); got != tt.want {
				t.Errorf("jsonLDKinds(%s) = %v, want %v", tt.json, got, tt.want)
			}
		})
	}
}

func TestJSONLDKindsTooLarge(t *testing.T) {
	big := `{"@type":"Product","description":"` + strings.Repeat("x", maxJSONLD) + `"}`
	if got := jsonLDKinds(big); got != 0 {
		t.Errorf("a JSON-LD text over %d bytes gave %v, want nothing", maxJSONLD, got)
	}
}

func TestOGKinds(t *testing.T) {
	tests := []struct {
		v    string
		want Kinds
	}{
		{"article", KindArticle},
		{" Article ", KindArticle},
		{"article.opinion", KindArticle},
		{"product", KindProduct},
		{"og:product", KindProduct},
		{"product.item", KindProduct},
		{"website", 0},
		{"video.other", 0},
		{"", 0},
	}
	for _, tt := range tests {
		if got := ogKinds(tt.v); got != tt.want {
			t.Errorf("ogKinds(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

func TestKindsString(t *testing.T) {
	if got, want := (KindDiscussion | KindComment | KindFAQ).String(), "discussion|comment|faq"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := Kinds(0).String(); got != "" {
		t.Errorf("Kinds(0).String() = %q, want empty", got)
	}
}

// TestExtractKinds checks where Extract finds a page's kinds (JSON-LD in
// head or body, og:type, microdata anywhere, hidden included) and that a
// block's Items are the itemtypes of its own element and ancestors only.
func TestExtractKinds(t *testing.T) {
	tests := []struct {
		name, html string
		page       Kinds
		items      map[string]Kinds // line text -> its Items
	}{
		{
			name: "JSON-LD in head and og:type",
			html: `<head><meta property="og:type" content="article"><script type="application/ld+json">{"@type":"FAQPage"}</script></head><body><p>One.</p></body>`,
			page: KindArticle | KindFAQ, items: map[string]Kinds{"One.": 0},
		},
		{
			name: "JSON-LD in body, other scripts ignored",
			html: `<body><script>var x={"@type":"Product"}</script><p>One.</p><script type="application/ld+json">{"@type":"Recipe"}</script></body>`,
			page: KindRecipe, items: map[string]Kinds{"One.": 0},
		},
		{
			name: "microdata nests",
			html: `<body><div itemscope itemtype="https://schema.org/DiscussionForumPosting"><p>Question?</p>` +
				`<div itemprop="comment" itemscope itemtype="https://schema.org/Comment"><p>Reply.</p></div></div><p>Footer.</p></body>`,
			page:  KindDiscussion | KindComment,
			items: map[string]Kinds{"Question?": KindDiscussion, "Reply.": KindDiscussion | KindComment, "Footer.": 0},
		},
		{
			name: "hidden microdata counts for the page",
			html: `<body><div hidden itemscope itemtype="http://schema.org/Product"><p>Meta.</p></div><p>Text.</p></body>`,
			page: KindProduct, items: map[string]Kinds{"Text.": 0},
		},
		{
			name: "nothing declared",
			html: `<body><p>Text.</p></body>`,
			page: 0, items: map[string]Kinds{"Text.": 0},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Extract([]byte(tt.html), "", Options{})
			if err != nil {
				t.Fatal(err)
			}
			if p.Kinds != tt.page {
				t.Errorf("page kinds %v, want %v", p.Kinds, tt.page)
			}
			lines := strings.Split(string(p.Text), "\n")
			if len(lines) != len(tt.items) {
				t.Fatalf("lines %q, want %d", lines, len(tt.items))
			}
			for i, l := range lines {
				want, ok := tt.items[l]
				if !ok {
					t.Errorf("unexpected line %q", l)
				} else if p.Lines[i].Items != want {
					t.Errorf("line %q: items %v, want %v", l, p.Lines[i].Items, want)
				}
			}
		})
	}
}

func TestTemplateKinds(t *testing.T) {
	tests := []struct {
		v    string
		want Kinds
	}{
		{"post-template-default single single-post postid-1234 single-format-standard", KindArticle},
		{"archive category category-news", KindCollection},
		{"product-template-default single-product woocommerce woocommerce-page", KindArticle | KindProduct},
		{"template-thread_view", KindDiscussion},
		{"section-viewtopic ltr", KindDiscussion},
		{"catalog-category-view page-layout-2columns-left", KindCollection},
		{"pageRecipe", KindRecipe},
		{"home page-id-5 elementor-default", 0},
		{"x7ad9fforum", 0}, // a generated hash names nothing
		{"", 0},
	}
	for _, tt := range tests {
		if got := templateKinds(tt.v); got != tt.want {
			t.Errorf("templateKinds(%q) = %v, want %v", tt.v, got, tt.want)
		}
	}
}

func TestExtractTemplate(t *testing.T) {
	tests := []struct {
		html string
		want Kinds
	}{
		{`<html class="no-js"><body class="single single-post"><div class="archive"><p>Text.</p></div></body></html>`, KindArticle},
		{`<html id="forum"><body><p>Text.</p></body></html>`, KindDiscussion},
		{`<body class="woocommerce"><p>Text.</p></body>`, KindProduct},
		{`<p class="product">Text.</p>`, 0},
	}
	for _, tt := range tests {
		p, err := Extract([]byte(tt.html), "", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if p.Template != tt.want {
			t.Errorf("%s: template %v, want %v", tt.html, p.Template, tt.want)
		}
	}
}

func TestJSONLDKindsShapes(t *testing.T) {
	tests := []struct {
		name, json string
		want       Kinds
	}{
		{"comments in a main entity of a graph member", `{"@graph":[{"@type":"WebPage","mainEntity":{"@type":"DiscussionForumPosting","comment":[{"text":"x"}]}}]}`, KindDiscussion | KindComment},
		{"an empty comment list is no comment", `{"@type":"BlogPosting","comment":[]}`, KindArticle},
		{"strings where items are expected", `{"@type":"Recipe","mainEntity":"x","@graph":[1,"y",null]}`, KindRecipe},
		{"a type array with other values", `{"@type":["Product",3,null]}`, KindProduct},
		{"top-level array of items", ` [ {"@type":"FAQPage"} , {"@type":"ItemList"} ] `, KindFAQ | KindCollection},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := jsonLDKinds(tt.json); got != tt.want {
				t.Errorf("jsonLDKinds(%s) = %v, want %v", tt.json, got, tt.want)
			}
		})
	}
}

func FuzzJSONLDKinds(f *testing.F) {
	for _, s := range []string{
		`{"@type":"NewsArticle","comment":[{"@type":"Comment"}]}`,
		`[{"@graph":[{"@type":["WebPage","QAPage"],"mainEntity":{"@type":"Question"}}]}]`,
		`{"@type":`, `"x"`, `[[[[{}]]]]`, "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if k := jsonLDKinds(s); k >= 1<<kindCount {
			t.Errorf("jsonLDKinds(%q) = %b: a kind that does not exist", s, k)
		}
	})
}
