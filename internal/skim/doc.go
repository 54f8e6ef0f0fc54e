// Package skim is chaff's fast text model: it decides each line of a text
// document from one pass over the line's bytes, for pipelines that need
// several times the speed of the default model and can give up a few
// thousandths of F1 for it (docs/benchmarks.md has the figures).
//
// The pass counts what shapes a line (letters, digits, capitals,
// punctuation, separators, how it starts and ends) and hashes its words,
// word pairs and first and last words, case and digits folded, with one
// multiplication per eight bytes. Stage one is a logistic regression over
// those counts and hashes, its word weights read from a byte each so that
// they stay in the processor's cache (Model.quantize); stage two is a
// forest of boosted trees over the counts, the line's place in the
// document and among its blank-line groups, and the stage-one scores of
// its neighbours (package model's forest, grown on out-of-fold scores). A
// category model, a softmax regression over the same inputs, names the
// noise of a dropped line.
//
// What it leaves out, against the default model, is what costs: no
// lexicon, no language detection, no stopwords, no character n-grams, no
// title matching, and one forest rather than two.
//
// Three loops have an AVX2 form in assembly, run where the processor has
// it: the classification of a line's 64-byte blocks into bitmaps
// (classify_amd64.s), the category model's sums (logits_amd64.s) and the
// choice of the greatest of them (best_amd64.s); a fourth, the hashing
// of a line's words (words_amd64.s), runs where it has POPCNT. Each has
// a Go twin, the reference its tests hold it to bit for bit, which runs
// on other processors and architectures: a model decides the same
// everywhere.
package skim
