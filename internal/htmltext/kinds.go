package htmltext

import (
	"encoding/json"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Kinds is a bit set of the kinds of thing a page's structured data says it
// or one of its blocks holds: schema.org types from JSON-LD and microdata,
// and the Open Graph og:type. Publishers write this markup for search
// engines in every language and page template, so it tells a forum thread
// from an article with comments, and a product page from a news teaser
// grid, where the words cannot.
type Kinds uint16

// Kinds of structured data. Each lists the schema.org types it stands for.
const (
	KindArticle    Kinds = 1 << iota // Article and its subtypes (NewsArticle, TechArticle...), BlogPosting, LiveBlogPosting, Report; og:type article
	KindDiscussion                   // DiscussionForumPosting, SocialMediaPosting, QAPage, Question, Answer
	KindComment                      // Comment, UserComments
	KindProduct                      // Product, ProductGroup, IndividualProduct, Offer, AggregateOffer; og:type product
	KindRecipe                       // Recipe, HowTo
	KindCollection                   // CollectionPage, ItemList, SearchResultsPage, OfferCatalog
	KindFAQ                          // FAQPage
	kindCount      = iota
)

var kindNames = [kindCount]string{"article", "discussion", "comment", "product", "recipe", "collection", "faq"}

// String lists the set kinds' names, joined with "|".
func (k Kinds) String() string {
	var b strings.Builder
	for i := 0; i < kindCount; i++ {
		if k&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteByte('|')
			}
			b.WriteString(kindNames[i])
		}
	}
	return b.String()
}

// schemaKinds maps schema.org type names, other than the Article family,
// to their kind.
var schemaKinds = map[string]Kinds{
	"BlogPosting": KindArticle, "LiveBlogPosting": KindArticle, "Report": KindArticle,
	"DiscussionForumPosting": KindDiscussion, "SocialMediaPosting": KindDiscussion,
	"QAPage": KindDiscussion, "Question": KindDiscussion, "Answer": KindDiscussion,
	"Comment": KindComment, "UserComments": KindComment,
	"Product": KindProduct, "ProductGroup": KindProduct, "IndividualProduct": KindProduct,
	"Offer": KindProduct, "AggregateOffer": KindProduct,
	"Recipe": KindRecipe, "HowTo": KindRecipe,
	"CollectionPage": KindCollection, "ItemList": KindCollection,
	"SearchResultsPage": KindCollection, "OfferCatalog": KindCollection,
	"FAQPage": KindFAQ,
}

// schemaKind returns the kind of a schema.org type, written bare
// ("NewsArticle"), prefixed ("schema:Product") or as a URL
// ("https://schema.org/Recipe").
func schemaKind(t string) Kinds {
	t = strings.TrimSpace(t)
	if i := strings.LastIndexAny(t, "/:#"); i >= 0 {
		t = t[i+1:]
	}
	if k, ok := schemaKinds[t]; ok {
		return k
	}
	if strings.HasSuffix(t, "Article") {
		return KindArticle
	}
	return 0
}

// itemKinds returns the kinds of an itemtype attribute's value: one or more
// type URLs separated by spaces.
func itemKinds(v string) Kinds {
	var k Kinds
	for _, t := range strings.Fields(v) {
		k |= schemaKind(t)
	}
	return k
}

// maxJSONLD bounds the bytes of one JSON-LD script read for types.
const maxJSONLD = 1 << 20

// jsonLDKinds returns the kinds of the things a JSON-LD text describes:
// the types of its top-level items, of the members of an @graph and of
// their mainEntity, and KindComment when one of them has comments. Items
// in other properties describe something else than the page (a news
// site's subscription is a Product in its article's isPartOf, its author
// a Person). Text that is not JSON says nothing.
func jsonLDKinds(s string) Kinds {
	if len(s) > maxJSONLD {
		return 0
	}
	var items ldItems
	if json.Unmarshal([]byte(s), &items) != nil {
		return 0
	}
	return items.kinds()
}

// ldItem is what jsonLDKinds reads of a JSON-LD item; encoding/json skips
// the rest without building it.
type ldItem struct {
	Type       ldType  `json:"@type"`
	Graph      ldItems `json:"@graph"`
	MainEntity ldItems `json:"mainEntity"`
	Comment    ldItems `json:"comment"`
}

// ldItems is one item or an array of them; any other value is no item.
type ldItems []ldItem

// UnmarshalJSON reads an object or an array of objects, and takes any
// other JSON value for none.
func (l *ldItems) UnmarshalJSON(b []byte) error {
	switch firstByte(b) {
	case '{':
		var it ldItem
		if err := json.Unmarshal(b, &it); err != nil {
			return err
		}
		*l = ldItems{it}
	case '[':
		// Each element is read as ldItems in turn: an object, a nested
		// array, or nothing.
		var lists []ldItems
		if err := json.Unmarshal(b, &lists); err != nil {
			return err
		}
		for _, it := range lists {
			*l = append(*l, it...)
		}
	}
	return nil
}

func (l ldItems) kinds() Kinds {
	var k Kinds
	for i := range l {
		it := &l[i]
		k |= Kinds(it.Type) | it.Graph.kinds() | it.MainEntity.kinds()
		if len(it.Comment) > 0 {
			k |= KindComment
		}
	}
	return k
}

// ldType is the kinds of an @type value: a string or an array of strings;
// other values name nothing.
type ldType Kinds

// UnmarshalJSON reads a string or an array of strings.
func (t *ldType) UnmarshalJSON(b []byte) error {
	switch firstByte(b) {
	case '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*t = ldType(schemaKind(s))
	case '[':
		var ss []any
		if err := json.Unmarshal(b, &ss); err != nil {
			return err
		}
		for _, v := range ss {
			if s, ok := v.(string); ok {
				*t |= ldType(schemaKind(s))
			}
		}
	}
	return nil
}

// firstByte returns the first byte of a JSON value, past white space.
func firstByte(b []byte) byte {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
			return c
		}
	}
	return 0
}

// ogKinds returns the kind an og:type value names.
func ogKinds(v string) Kinds {
	v = strings.ToLower(strings.TrimSpace(v))
	switch {
	case v == "article" || strings.HasPrefix(v, "article."):
		return KindArticle
	case strings.Contains(v, "product"):
		return KindProduct
	}
	return 0
}

// nodeKinds returns the kinds element n declares by itself: its itemtype,
// and for a JSON-LD script its content. A meta element's og:type is read
// with the page's other meta properties (walker.readMeta).
func nodeKinds(n *html.Node) Kinds {
	var k Kinds
	if n.DataAtom == atom.Script {
		if isJSONLD(n) && n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
			k |= jsonLDKinds(n.FirstChild.Data)
		}
		return k
	}
	for _, a := range n.Attr {
		if a.Key == "itemtype" {
			k |= itemKinds(a.Val)
		}
	}
	return k
}

// metaProperty returns the property (or name) of meta element n, trimmed
// and lower-cased, and its content.
func metaProperty(n *html.Node) (prop, content string) {
	for _, a := range n.Attr {
		switch a.Key {
		case "property", "name":
			prop = strings.ToLower(strings.TrimSpace(a.Val))
		case "content":
			content = a.Val
		}
	}
	return prop, content
}

// isJSONLD reports whether script element n holds JSON-LD.
func isJSONLD(n *html.Node) bool {
	for _, a := range n.Attr {
		if a.Key == "type" && strings.EqualFold(strings.TrimSpace(a.Val), "application/ld+json") {
			return true
		}
	}
	return false
}

// templateWords are the words of the class and id of <html> and <body>
// that name a kind of page, matched whole. Content systems write the
// page's template there: WordPress "single single-post postid-12" or
// "archive category", WooCommerce and Shopify "woocommerce" and
// "template-product", Magento "catalog-category-view", XenForo
// "template-thread_view", phpBB "section-viewtopic".
var templateWords = map[Kinds][]string{
	KindArticle:    {"single", "singular", "postid", "article", "story"},
	KindDiscussion: {"forum", "forums", "thread", "topic", "viewtopic", "showthread", "discussion", "question", "questions"},
	KindProduct:    {"product", "woocommerce", "shop"},
	KindCollection: {"archive", "category", "tax", "term", "collection", "listing", "search", "results", "catalog"},
	KindRecipe:     {"recipe"},
	KindFAQ:        {"faq"},
}

// templates cuts class and id values into words as the block tokens do
// (tokenTable.value), its Tokens holding Kinds bits.
var templates = func() *tokenTable {
	t := &tokenTable{forms: make(map[string]Tokens)}
	for k, ws := range templateWords {
		for _, w := range ws {
			t.forms[w] |= Tokens(k)
		}
	}
	return t
}()

// templateKinds returns the kinds the words of a class or id value of
// <html> or <body> name.
func templateKinds(v string) Kinds { return Kinds(templates.value(v)) }
