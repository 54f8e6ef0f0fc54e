// Package report builds a quality report for scraper teams from classified
// documents: how much of what they scraped is noise, on which sites, of
// which categories, which noise lines recur most, and which pages look like
// scraper failures (nothing left after cleaning, mostly noise, JavaScript
// or cookie walls, duplicates).
//
// A [Builder] takes one [DocInfo] per document, with all its lines
// ([Builder.Add]) or with a [Tally] of them gathered window by window
// ([Builder.AddTally]), so that a document of any length costs memory
// bounded by the options, not by its lines. It keeps only bounded
// summaries: exact totals, per-site and per-category counts (sites capped
// at Options.MaxSites), a pruned table of frequent noise lines, a capped
// set of content hashes for duplicate detection, and the lines of a small
// sample of documents for drill-down (the worst by noise share and the
// first failures). Its memory does not grow with the number of documents
// beyond those caps. [Builder.Build] returns a [Report], a plain struct
// that marshals to JSON; [Report.WriteText] writes a terminal summary and
// [Report.WriteHTML] one self-contained HTML page (inline CSS, SVG charts
// and a little script, nothing fetched) whose size is bounded by the same
// caps.
//
// Shares are taken over non-blank lines: a document's noise share is its
// dropped lines divided by its non-blank lines, and byte shares count the
// bytes of line text without terminators.
package report
