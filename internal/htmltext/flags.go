package htmltext

import "strings"

// Flags is a bit set of the element kinds that contain a block.
//
// A flag from a block-level ancestor (heading, list item, table cell, nav,
// ...) applies to the whole block. A flag from an inline element (a, button,
// label, time, code, ...) is set when that element holds at least half of
// the block's visible characters.
type Flags uint64

// Element flags.
const (
	InList       Flags = 1 << iota // li, ul, ol, dl, dd, dt, menu
	InHeading                      // h1-h6 (see HeadingLevel)
	InH1                           // h1
	InH2                           // h2
	InH3                           // h3
	InH4                           // h4
	InH5                           // h5
	InH6                           // h6
	InFigure                       // figure
	InFigcaption                   // figcaption
	InCaption                      // table caption
	InAside                        // aside
	InHeader                       // header
	InFooter                       // footer
	InNav                          // nav
	InForm                         // form, fieldset, select, option
	InTable                        // table and its parts
	InBlockquote                   // blockquote, q
	InPre                          // pre
	InCode                         // code, kbd, samp
	InLink                         // a with an href: at least half of the text is link text
	IsLink                         // the whole block is the text of one single link
	InButton                       // button
	InLabel                        // label, legend
	InNoscript                     // noscript
	InAddress                      // address
	InTime                         // time
	InSmall                        // small
	InStrong                       // b, strong: at least half of the text is bold
	InEmphasis                     // i, em, cite
	InDetails                      // details, summary
	InDialog                       // dialog
	InMain                         // main
	InArticleTag                   // article element (not go-readability's verdict; see Block.InArticle)
	InSection                      // section
	InSelect                       // select, option, datalist
	InHidden                       // a block hidden from the reader (hidden attribute, aria-hidden="true", inline display:none or visibility:hidden)
	flagCount    = iota
)

var flagNames = [flagCount]string{
	"list", "heading", "h1", "h2", "h3", "h4", "h5", "h6", "figure",
	"figcaption", "caption", "aside", "header", "footer", "nav", "form",
	"table", "blockquote", "pre", "code", "link", "is-link", "button", "label",
	"noscript", "address", "time", "small", "strong", "em", "details",
	"dialog", "main", "article", "section", "select", "hidden",
}

// Has reports whether every flag of g is set in f.
func (f Flags) Has(g Flags) bool { return f&g == g }

// HeadingLevel returns 1 to 6 for a block inside h1 to h6 (the largest
// number when headings nest), or 0.
func (f Flags) HeadingLevel() int {
	for l := 6; l >= 1; l-- {
		if f&(InH1<<(l-1)) != 0 {
			return l
		}
	}
	return 0
}

// String lists the set flags' names, joined with "|".
func (f Flags) String() string {
	var b strings.Builder
	for i := 0; i < flagCount; i++ {
		if f&(1<<i) != 0 {
			if b.Len() > 0 {
				b.WriteByte('|')
			}
			b.WriteString(flagNames[i])
		}
	}
	return b.String()
}
