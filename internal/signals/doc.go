// Package signals measures what a line of scraped text looks like and where
// it stands in its document: the evidence the classifier decides on.
//
// It works in three layers, each readable on its own:
//
//   - stats.go: counts over one line (words, letters, digits, upper case,
//     punctuation, stopwords, final punctuation);
//   - shape.go: patterns of one line (numbers with thousand separators,
//     signed changes with percentages, currency pairs, dates, bullets,
//     banners);
//   - context.go: the document around a line (head, body and tail zones,
//     runs of short lines, distance to the nearest paragraph, the title and
//     its repeats).
//
// Lexicon matches (package lexicon) are added per line, and features.go
// turns everything into the numeric vector a model scores.
package signals
