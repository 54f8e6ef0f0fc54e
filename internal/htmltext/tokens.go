package htmltext

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokens is a bit set of vocabulary words found in the class, id, role and
// itemprop attributes of a block's element and its ancestors.
//
// An attribute value is cut into words at every non-letter and at
// lower-to-upper case changes ("site-footer", "socialShare" and
// "nav_main2" give footer, social+share and nav+main). A word matches a
// token when it equals the token or one of its listed forms; most noise
// tokens also match as a prefix or suffix of a longer word ("navbar",
// "topnav", "comments"), but short or ambiguous ones (ad, tag, date, time,
// more, main, text, body, post, entry, story) only match whole words or
// their listed forms, so "shadow", "update" or "domain" match nothing.
//
// Tokens from inline elements (a span.byline inside a p) count when the
// element holds at least half of the block's visible characters.
type Tokens uint64

// Noise tokens.
const (
	TokNav Tokens = 1 << iota
	TokMenu
	TokFooter
	TokHeader
	TokShare
	TokSocial
	TokRelated
	TokPromo
	TokRecommend
	TokComment
	TokCookie
	TokConsent
	TokGDPR
	TokNewsletter
	TokSubscribe
	TokSidebar
	TokBreadcrumb
	TokCaption
	TokCredit
	TokByline
	TokAuthor
	TokDate
	TokTime
	TokTag
	TokWidget
	TokAd // ad, ads, advert..., sponsor..., adsense, dfp...
	TokPopup
	TokModal
	TokBanner
	TokSignup
	TokLogin
	TokTeaser
	TokMore
	TokPagination
	TokHidden // hidden, sr-only, visually-hidden, screen-reader: text meant for screen readers only

	// Positive (content) tokens.
	TokArticle
	TokContent
	TokMain
	TokPost
	TokEntry
	TokStory
	TokBody
	TokText
	tokCount = iota
)

// NoiseTokens is the set of all noise tokens; PositiveTokens the content ones.
const (
	NoiseTokens    Tokens = TokArticle - 1
	PositiveTokens Tokens = (1<<tokCount - 1) &^ NoiseTokens
)

type tokenSpec struct {
	name  string
	forms []string // whole-word forms
	stems []string // match as prefix or suffix of a longer word
	pre   []string // match only as prefix of a longer word
}

var tokenSpecs = [tokCount]tokenSpec{
	{name: "nav", forms: []string{"nav", "navigation", "navbar"}, stems: []string{"nav"}},
	{name: "menu", forms: []string{"menu", "menus", "menuitem", "menubar", "hamburger"}, stems: []string{"menu"}},
	{name: "footer", forms: []string{"footer", "foot", "contentinfo", "colophon"}, stems: []string{"footer"}},
	{name: "header", forms: []string{"header", "masthead", "topbar"}, stems: []string{"header"}},
	{name: "share", forms: []string{"share", "sharing", "shares", "sharethis", "addthis"}, stems: []string{"share"}},
	{name: "social", forms: []string{"social", "facebook", "twitter", "whatsapp", "linkedin", "pinterest"}, stems: []string{"social"}},
	{name: "related", forms: []string{"related", "relatedposts", "see", "also", "outbrain", "taboola"}, stems: []string{"related"}},
	{name: "promo", forms: []string{"promo", "promos", "promoted", "promotion", "promotions", "offer", "offers"}, stems: []string{"promo"}},
	{name: "recommend", forms: []string{"recommend", "recommended", "recommendation", "recommendations", "trending", "popular", "mostread"}, stems: []string{"recommend"}},
	{name: "comment", forms: []string{"comment", "comments", "disqus", "discussion", "reply", "replies"}, stems: []string{"comment"}},
	{name: "cookie", forms: []string{"cookie", "cookies"}, stems: []string{"cookie"}},
	{name: "consent", forms: []string{"consent", "cmp", "didomi", "onetrust", "privacy"}, stems: []string{"consent"}},
	{name: "gdpr", forms: []string{"gdpr", "rgpd"}, stems: []string{"gdpr"}},
	{name: "newsletter", forms: []string{"newsletter", "newsletters"}, stems: []string{"newsletter"}},
	{name: "subscribe", forms: []string{"subscribe", "subscription", "subscriber", "paywall", "premium", "abonnement", "abo"}, stems: []string{"subscri", "paywall"}},
	{name: "sidebar", forms: []string{"sidebar", "aside", "rail", "complementary"}, stems: []string{"sidebar"}},
	{name: "breadcrumb", forms: []string{"breadcrumb", "breadcrumbs", "crumbs", "crumb"}, stems: []string{"breadcrumb"}},
	{name: "caption", forms: []string{"caption", "figcaption", "legend", "legende"}, stems: []string{"caption"}},
	{name: "credit", forms: []string{"credit", "credits", "copyright", "photographer"}, stems: []string{"credit"}},
	{name: "byline", forms: []string{"byline", "bylines", "signature"}, stems: []string{"byline"}},
	{name: "author", forms: []string{"author", "authors", "writer", "auteur"}, stems: []string{"author"}},
	{name: "date", forms: []string{"date", "dates", "dateline", "datetime", "published", "updated", "modified", "pubdate"}, pre: []string{"date"}},
	{name: "time", forms: []string{"time", "timestamp", "timeago"}, pre: []string{"timestamp"}},
	{name: "tag", forms: []string{"tag", "tags", "tagged", "keywords", "topics", "tagcloud"}},
	{name: "widget", forms: []string{"widget", "widgets"}, stems: []string{"widget"}},
	{name: "ad", forms: []string{"ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adsense", "adsbygoogle", "adslot", "adunit", "dfp", "gpt", "sponsor", "sponsored", "pub", "publicite", "werbung", "anzeige"}, stems: []string{"advert", "sponsor"}},
	{name: "popup", forms: []string{"popup", "popups", "popover", "overlay", "lightbox"}, stems: []string{"popup"}},
	{name: "modal", forms: []string{"modal", "modals", "dialog", "alertdialog"}, stems: []string{"modal"}},
	{name: "banner", forms: []string{"banner", "banners", "alert", "notice"}, stems: []string{"banner"}},
	{name: "signup", forms: []string{"signup", "register", "registration", "optin"}, stems: []string{"signup"}},
	{name: "login", forms: []string{"login", "signin", "logon", "account"}, stems: []string{"login"}},
	{name: "teaser", forms: []string{"teaser", "teasers", "card", "cards", "tile", "tiles", "thumbnail"}, stems: []string{"teaser"}},
	{name: "more", forms: []string{"more", "readmore", "seemore", "showmore", "loadmore"}},
	{name: "pagination", forms: []string{"pagination", "pager", "paging", "pages", "prev", "next"}, stems: []string{"paginat"}},
	{name: "hidden", forms: []string{"hidden", "hide", "sr", "screenreader", "offscreen", "invisible"}},
	{name: "article", forms: []string{"article", "articles", "articlebody"}, stems: []string{"article"}},
	{name: "content", forms: []string{"content", "contents", "maincontent"}, stems: []string{"content"}},
	{name: "main", forms: []string{"main"}},
	{name: "post", forms: []string{"post", "posts", "postbody", "hentry"}},
	{name: "entry", forms: []string{"entry", "entries"}},
	{name: "story", forms: []string{"story", "stories", "storybody"}},
	{name: "body", forms: []string{"body", "bodytext", "copy"}},
	{name: "text", forms: []string{"text", "texte", "prose", "paragraph", "richtext"}},
}

// tokenTable is the immutable matcher built from tokenSpecs.
type tokenTable struct {
	forms map[string]Tokens
	stems []stemRule
}

type stemRule struct {
	stem       string
	tok        Tokens
	prefixOnly bool
}

var tokens = buildTokenTable()

func buildTokenTable() *tokenTable {
	t := &tokenTable{forms: make(map[string]Tokens)}
	for i, s := range tokenSpecs {
		tok := Tokens(1) << i
		for _, f := range s.forms {
			t.forms[f] |= tok
		}
		for _, st := range s.stems {
			t.stems = append(t.stems, stemRule{stem: st, tok: tok})
		}
		for _, st := range s.pre {
			t.stems = append(t.stems, stemRule{stem: st, tok: tok, prefixOnly: true})
		}
	}
	return t
}

// word classifies one lower-case word.
func (t *tokenTable) word(w []byte) Tokens {
	if tok, ok := t.forms[string(w)]; ok {
		return tok
	}
	var tok Tokens
	for _, r := range t.stems {
		if len(w) <= len(r.stem) {
			continue
		}
		if bytes.HasPrefix(w, []byte(r.stem)) || (!r.prefixOnly && bytes.HasSuffix(w, []byte(r.stem))) {
			tok |= r.tok
		}
	}
	return tok
}

// value classifies an attribute value (one or more class names, an id, a
// role list...). It cuts the value into parts at every character that is
// neither a letter nor a digit, skips parts that look like generated hashes
// (a digit followed by a letter: "1vqyrZZ3j7vMC", "x7ad9f"), and cuts the
// other parts into words at digits and lower-to-upper case changes.
func (t *tokenTable) value(v string) Tokens {
	var tok Tokens
	for i := 0; i < len(v); {
		r, size := decodeRune(v, i)
		if !isAlnum(r) {
			i += size
			continue
		}
		j := i
		hashy, digit := false, false
		for j < len(v) {
			r, size := decodeRune(v, j)
			if !isAlnum(r) {
				break
			}
			if r >= '0' && r <= '9' {
				digit = true
			} else if digit {
				hashy = true
			}
			j += size
		}
		if !hashy {
			tok |= t.part(v[i:j])
		}
		i = j
	}
	return tok
}

// part classifies one run of letters and digits, cut into words at digits
// and lower-to-upper case changes.
func (t *tokenTable) part(p string) Tokens {
	var tok Tokens
	var buf [64]byte
	w := buf[:0]
	prevLower := false
	flush := func() {
		if len(w) > 1 {
			tok |= t.word(w)
		}
		w = w[:0]
	}
	for i := 0; i < len(p); {
		r, size := decodeRune(p, i)
		i += size
		switch {
		case r >= '0' && r <= '9':
			flush()
			prevLower = false
		case unicode.IsUpper(r):
			if prevLower {
				flush()
			}
			w = utf8.AppendRune(w, unicode.ToLower(r))
			prevLower = false
		default:
			w = utf8.AppendRune(w, unicode.ToLower(r))
			prevLower = true
		}
	}
	flush()
	return tok
}

func decodeRune(s string, i int) (rune, int) {
	if s[i] < utf8.RuneSelf {
		return rune(s[i]), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isAlnum(r rune) bool {
	if r < utf8.RuneSelf {
		return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Has reports whether every token of u is set in t.
func (t Tokens) Has(u Tokens) bool { return t&u == u }

// Noise returns only the noise tokens of t.
func (t Tokens) Noise() Tokens { return t & NoiseTokens }

// Positive returns only the content tokens of t.
func (t Tokens) Positive() Tokens { return t & PositiveTokens }

// String lists the set tokens' names, joined with "|".
func (t Tokens) String() string {
	var b strings.Builder
	for i := 0; i < tokCount; i++ {
		if t&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteByte('|')
			}
			b.WriteString(tokenSpecs[i].name)
		}
	}
	return b.String()
}
