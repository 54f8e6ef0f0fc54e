// Package aeb loads the article-extraction benchmark (ground-truth.json and
// the systems' output/*.json of scrapinghub's article-extraction-benchmark),
// scores extractions with its metric, and derives line labels from it for
// training.
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
package aeb
