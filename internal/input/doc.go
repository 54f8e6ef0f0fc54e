// Package input turns paths into a stream of documents for chaff.
//
// A source is a file, a directory (walked recursively in lexical order) or
// "-" for standard input. Sources are decompressed by magic bytes (gzip,
// including multi-member files, and zstd), then read according to their
// format: JSON Lines (one document per line), WARC (one document per
// response, resource or conversion record with an HTML or text payload),
// or a whole HTML or text file as one document. A text or HTML file, or a
// WARC payload, in UTF-16 with a byte order mark is transcoded to UTF-8
// (see Document.Decoded); every other body is kept byte for byte.
//
// Nothing is lost silently: every bad record is reported as an [*Error]
// naming the source and the record number, and reading goes on with the
// next record. [Counts] let a caller check that every record was either
// returned, skipped on purpose, blank, or reported as failed. A damaged
// gzip member costs its records only: reading resumes at the next member.
// A damaged zstd frame ends its source. A document, record or line over
// one of the size limits of [Options] fails alone ([*LimitError]).
//
// Only one record (or one whole-file document) is held in memory at a time.
package input
