// Package signals measures what a line of scraped text looks like and where
// it stands in its document: the evidence the classifier decides on.
// It works in layers, each readable on its own:
//
//   - stats.go: counts over one line (words, letters, digits, upper case,
//     punctuation, stopwords, final punctuation), words counted as a
//     reader counts them in Chinese and Japanese, which put no spaces
//     between words;
//   - shape.go: patterns of one line (numbers with thousand separators,
//     signed changes with percentages, currency pairs, dates, bullets,
//     banners);
//   - context.go: the document around a line (head, body and tail zones,
//     runs of short lines, distance to the nearest paragraph, the title and
//     its repeats);
//   - analyze.go: Analyze, which runs the layers over a document, adds the
//     lexicon's matches (package lexicon) to each line and picks the title;
//   - vocab.go: whether a line shares the words of the main text and of
//     the title, and whether the document prints it elsewhere;
//   - evidence.go: the rule and lexicon evidence that puts a line in a
//     noise category, the reasons a classifier gives.
//
// Package features turns a measured document into the numeric vectors a
// model scores.
package signals
