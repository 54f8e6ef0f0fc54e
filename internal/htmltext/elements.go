package htmltext

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// elemKind says how an element takes part in line building.
type elemKind uint8

const (
	kindInline elemKind = iota // text joins the surrounding line
	kindBlock                  // starts and ends a line
	kindBreak                  // void element that ends the current line (br, hr)
	kindSkip                   // neither it nor its content writes anything
)

// elemInfo returns how element n is treated and the flags it adds.
func elemInfo(n *html.Node) (elemKind, Flags) {
	if n.Namespace != "" { // svg, math and their content
		return kindSkip, 0
	}
	switch n.DataAtom {
	case atom.Script, atom.Style, atom.Template, atom.Svg, atom.Math,
		atom.Iframe, atom.Object, atom.Embed, atom.Textarea, atom.Head,
		atom.Noframes, atom.Frame, atom.Input, atom.Img, atom.Video,
		atom.Audio, atom.Canvas, atom.Map, atom.Area, atom.Param,
		atom.Source, atom.Track, atom.Base, atom.Link, atom.Meta,
		atom.Title, atom.Datalist, atom.Picture, atom.Xmp, atom.Plaintext:
		return kindSkip, 0
	case atom.Br, atom.Hr:
		return kindBreak, 0
	case atom.Dialog:
		if !hasAttr(n, "open") {
			return kindSkip, 0
		}
		return kindBlock, InDialog
	case atom.A:
		if hasAttr(n, "href") {
			return kindInline, InLink
		}
		return kindInline, 0
	case atom.Li, atom.Dd, atom.Dt, atom.Ul, atom.Ol, atom.Dl, atom.Menu, atom.Dir:
		return kindBlock, InList
	case atom.H1:
		return kindBlock, InHeading | InH1
	case atom.H2:
		return kindBlock, InHeading | InH2
	case atom.H3:
		return kindBlock, InHeading | InH3
	case atom.H4:
		return kindBlock, InHeading | InH4
	case atom.H5:
		return kindBlock, InHeading | InH5
	case atom.H6:
		return kindBlock, InHeading | InH6
	case atom.Figure:
		return kindBlock, InFigure
	case atom.Figcaption:
		return kindBlock, InFigcaption
	case atom.Caption:
		return kindBlock, InCaption | InTable
	case atom.Aside:
		return kindBlock, InAside
	case atom.Header:
		return kindBlock, InHeader
	case atom.Footer:
		return kindBlock, InFooter
	case atom.Nav:
		return kindBlock, InNav
	case atom.Form, atom.Fieldset:
		return kindBlock, InForm
	case atom.Select, atom.Option, atom.Optgroup:
		return kindBlock, InForm | InSelect
	case atom.Legend:
		return kindBlock, InLabel
	case atom.Table, atom.Tbody, atom.Thead, atom.Tfoot, atom.Tr, atom.Td, atom.Th, atom.Colgroup, atom.Col:
		return kindBlock, InTable
	case atom.Blockquote:
		return kindBlock, InBlockquote
	case atom.Pre, atom.Listing:
		return kindBlock, InPre
	case atom.Noscript:
		return kindBlock, InNoscript
	case atom.Address:
		return kindBlock, InAddress
	case atom.Details, atom.Summary:
		return kindBlock, InDetails
	case atom.Main:
		return kindBlock, InMain
	case atom.Article:
		return kindBlock, InArticleTag
	case atom.Section:
		return kindBlock, InSection
	case atom.Html, atom.Body, atom.Div, atom.P, atom.Center, atom.Hgroup,
		atom.Frameset, atom.Search:
		return kindBlock, 0
	case atom.Q:
		return kindInline, InBlockquote
	case atom.Code, atom.Kbd, atom.Samp, atom.Tt:
		return kindInline, InCode
	case atom.Button:
		return kindInline, InButton
	case atom.Label:
		return kindInline, InLabel
	case atom.Time:
		return kindInline, InTime
	case atom.Small:
		return kindInline, InSmall
	case atom.B, atom.Strong:
		return kindInline, InStrong
	case atom.I, atom.Em, atom.Cite:
		return kindInline, InEmphasis
	}
	return kindInline, 0
}

// hidden reports whether an element's attributes hide it from a reader.
func hidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "aria-hidden":
			if strings.EqualFold(strings.TrimSpace(a.Val), "true") {
				return true
			}
		case "style":
			if hiddenStyle(a.Val) {
				return true
			}
		}
	}
	return false
}

// hiddenStyle reports whether an inline style declares display:none or
// visibility:hidden (any case and spacing, !important allowed).
func hiddenStyle(s string) bool {
	if len(s) < 12 {
		return false
	}
	for decl := range strings.SplitSeq(s, ";") {
		prop, val, ok := strings.Cut(decl, ":")
		if !ok {
			continue
		}
		prop = strings.ToLower(strings.TrimSpace(prop))
		val = strings.ToLower(strings.TrimSpace(val))
		val = strings.TrimSpace(strings.TrimSuffix(val, "!important"))
		if (prop == "display" && val == "none") || (prop == "visibility" && val == "hidden") {
			return true
		}
	}
	return false
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}
