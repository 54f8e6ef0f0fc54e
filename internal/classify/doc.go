// Package classify decides, for every line of a scraped text document,
// whether it is part of the article (keep), noise (drop) or blank, with a
// kind or noise category, a score and the reasons that fired.
//
// The flow reads straight through the packages it uses: lines splits the
// document without losing a byte; signals measures each line and its
// context and gathers lexicon and rule evidence; features turns them into a
// vector; model scores it; this package takes the decision. A long
// document is classified in windows of lines (see WindowLines and
// ClassifyWindows), so that memory does not grow with its line count.
// Once every line of a document of one window is decided, a floor applies
// to it: when the model kept (almost) nothing of a document with visible
// text, its least noisy block of lines is kept instead and
// Document.Fallback says so (see Config.NoFallback). A Classifier
// holds only read-only data once built, logs nothing and may be used by any
// number of goroutines.
package classify
