// Package htmltext turns an HTML page into lines of text for chaff's line
// classifier.
//
// Extract decodes the page's charset, parses it with golang.org/x/net/html
// and writes one line per block of text, in document (reading) order. Each
// line comes with a Block that records the DOM signals the classifier can
// learn from: a short tag path, the share of its text inside links, a set of
// element flags (heading, list, nav, footer, figure caption, ...), the noise
// and content tokens found in class, id, role and itemprop attributes,
// whether go-readability's article extraction kept the same text, and the
// block element's place in the page's element tree (Page.Parents), so that
// a model can weigh a line by what else its containers hold.
//
// Line rules:
//
//   - Block-level elements (p, div, li, h1-h6, td, blockquote, section, ...)
//     and <br>/<hr> end a line; inline text is joined and every run of white
//     space becomes one space, except inside <pre>, whose own line breaks and
//     indentation are kept (trailing white space is trimmed).
//   - No empty or white-space-only line is ever written: every line of Text
//     has at least one visible character, so len(Lines) equals the number of
//     lines of Text.
//   - script, style, template, svg, math, iframe, object, embed, textarea
//     and head content write nothing.
//   - A block hidden from the reader (the hidden attribute,
//     aria-hidden="true", an inline style with display:none or
//     visibility:hidden) is written and its lines flagged InHidden: a closed
//     tab or accordion holds a product's description or a guide, a hidden
//     menu or dialog is noise, and the classifier tells them apart. Hidden
//     inline elements (icon ligatures, duplicate counts) and hidden items
//     of structured data (itemscope: dates, image URLs, the lead again,
//     for machines) write nothing. Two
//     exceptions read a page as a browser shows it once its scripts have
//     run: the hidden segments of React's streaming server rendering are
//     read, not flagged, in the place of their placeholders, and a page
//     whose visible text is all but empty has no line flagged when its
//     hidden blocks hold its text.
//   - noscript is parsed as markup (as a browser with scripting disabled
//     would) and its text IS written, flagged InNoscript: such text ("please
//     enable JavaScript") is exactly what naive scrapers dump, and keeping it
//     lets the classifier learn to drop it.
//   - Form controls' visible text (button, label, option) is written and
//     flagged; input values are not.
//
// Text is always valid UTF-8, with no carriage returns.
package htmltext
