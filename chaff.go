// Package chaff finds the noise in scraped web text and pages, line by
// line, and removes it: menus, share bars, cookie notices, bylines,
// related-article lists, footers.
//
// Build a Classifier once (New; it is safe for concurrent use), then
// classify a text (Classifier.Classify) or an HTML page
// (Classifier.ClassifyHTML) and take its cleaned text (Document.Clean) or
// look at each line's decision (Document.Lines).
//
// For corpora, Records reads files as the chaff command does (JSONL, WARC,
// HTML, text; plain, gzip or zstd; directories walked) and
// Classifier.CleanRecord turns each record into the exact output line
// `chaff clean` writes for it; Classifier.Stream does the same on several
// goroutines, in input order, with the cross-document repeated-line pass
// when asked. RepeatedKeys and CleanRecord's drop predicate let a
// distributed pipeline count repeated lines itself.
package chaff
