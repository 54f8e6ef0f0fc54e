// Package linescan is the featurizer of chaff's fast text model
// (model.FastText): a one-pass line scanner that measures each line of a
// text document from its bytes alone, for pipelines that need several
// times the speed of the accurate model and can give up a few thousandths
// of F1 for it.
//
// The pass counts what shapes a line (letters, digits, capitals,
// punctuation, separators, how it starts and ends) and hashes its words,
// word pairs and first and last words, case and digits folded, with one
// multiplication per eight bytes; then each line gets its place in the
// document and among its blank-line groups. What it leaves out, against
// package features, is what costs: no lexicon, no language detection, no
// stopwords, no character n-grams, no title matching.
//
// One loop has a form in assembly (classify_amd64.s): the classification
// of a line's 64-byte blocks into bitmaps, in AVX2. Its Go twin,
// classifyGo, the reference its tests hold it to bit for bit, runs on
// other processors and architectures and with the purego build tag: a
// model decides the same everywhere.
package linescan
