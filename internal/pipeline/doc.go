// Package pipeline runs a function over a stream of items on several
// goroutines and hands the results to one consumer in input order, with a
// fixed bound on how many items are held in memory at once and,
// optionally, on their total weight (bytes, for documents).
//
// It is meant for corpus work (millions of documents read from JSONL or
// WARC): reading, classifying and writing stay streaming, the output keeps
// the order of the input, and a failing or panicking item is reported to
// the consumer instead of being lost or crashing the run.
package pipeline
