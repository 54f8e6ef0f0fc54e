// Package aeb loads benchmarks in the layout of scrapinghub's
// article-extraction benchmark, scores extractions with its metric, and
// derives line labels from them for training.
//
// # Benchmark sets
//
// Any folder in this layout is a benchmark set (Load): ground-truth.json
// ({id: {"articleBody", "url"}}), html/<id>.html.gz, output/<system>.json
// (each system's extraction; output/html-text.json, the naive dump of each
// page, is chaff's text-mode input), and optionally meta.jsonl, one JSON
// object a page with its "id" and, where known, "lang", "page_type",
// "publisher", "url" and "synthetic" (Meta). A set's name is its folder's
// base name. Group gives the unit pages are split by into folds: the
// publisher, else the URL's host, else the page alone.
//
// # Metric
//
// The metric is that of the benchmark's evaluate.py, reproduced to the last
// bit (see TestPublishedFigures):
//
//   - Tokens are the matches of Python's \w+ on the text: runs of Unicode
//     letters, numbers and underscores. Case is kept ("The" ≠ "the");
//     combining marks and all punctuation separate tokens.
//   - A text's shingles are its runs of 4 consecutive tokens, counted as a
//     multiset. A text of 1 to 3 tokens has a single shorter shingle (all
//     its tokens), which can only match the same short text; an empty text
//     has none.
//   - Per document, TP is the multiset intersection of the truth's and the
//     prediction's shingles, FP the prediction's excess, FN the truth's
//     excess, all three divided by TP+FP+FN.
//   - Precision TP/(TP+FP) is averaged over the documents whose prediction
//     has a shingle; recall TP/(TP+FN) over those whose truth has one. An
//     empty prediction therefore lowers recall only. The means are computed
//     exactly and rounded once, as Python's statistics.mean does.
//   - F1 is the harmonic mean of the averaged precision and recall.
//
// # Line labels
//
// Label turns a page's naive text dump (output/html-text.json, the raw
// text chaff reads in text mode) into training labels, one per line:
//
//  1. The dump's tokens (all lines in a row) are aligned with the truth's
//     tokens the way a diff does it: the longest common run is matched
//     first, then the parts before it and after it are aligned the same
//     way, so matches keep the order of both texts.
//  2. A run shorter than 4 tokens is matched only inside a gap held by
//     matches on both sides. Before the first and after the last long
//     match, where menus, teasers and footers sit, a short coincidence
//     ("Home", "Twitter", a tag that names a person of the article) is not
//     a match. A heading such as "Introduction" is matched because it runs
//     on into the paragraph below it in the token stream, or because it
//     sits in a gap between matched paragraphs; a menu copy of the same
//     word elsewhere in the dump is not matched, since the truth's copy is
//     already taken or lies outside that gap.
//  3. A line is blank when lines.IsBlank says so; keep when at least half
//     of its tokens are matched; drop otherwise. A line only partly in the
//     body (inline link widgets, "Share" buttons glued to a paragraph)
//     thus goes with its majority. A line without tokens ("* * *", "—") is
//     kept when the nearest lines with tokens above and below it are both
//     kept, dropped otherwise.
//
// Text the dump holds in a different order from the truth is matched in
// one place only and dropped elsewhere. The kept lines score against the
// truth (TestLabelCeiling; this "oracle" is the best any line classifier
// can do on the dumps) F1 0.999 on aeb and newspaper4k, 0.996 on fundus,
// 0.986 on readability, 0.982 on magic-html (forum threads 0.963), 0.976
// on wcxb-dev (forums 0.867) and 0.927 on chinese-wce, where six dumps are
// decoded in the wrong charset and hold none of the truth. The half-share
// rule of step 3 is not what limits them: counting a line's share by
// characters instead of tokens (Chinese \w+ tokens are whole clauses), or
// moving the threshold to 0.3 or 0.7, moves no set's oracle by more than
// 0.001. Labels carry no kind or category
// (gold.Unknown): the benchmark says where the article is, not what the
// noise is. Labelling all 181 pages takes about 0.1 s; on pathological,
// highly repetitive text the alignment stops after a fixed amount of work
// and leaves the rest dropped.
package aeb
