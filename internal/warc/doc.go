// Package warc reads WARC/1.0 and WARC/1.1 files (ISO 28500), plain or
// gzip-compressed (whole file or one gzip member per record).
//
// The reader streams: it holds at most one record block in memory, bounded
// by [Options.MaxRecordSize]. A damaged record is reported as a
// [*RecordError] carrying its record number and byte offset, and the reader
// then resynchronises on the next line that starts with "WARC/" so that one
// bad record does not cost the rest of the file: a Content-Length past
// the end of the stream or over the maximum record size, and a damaged
// gzip member (reading resumes at the next member), cost one record.
//
// Offsets are counted in the uncompressed stream.
package warc
