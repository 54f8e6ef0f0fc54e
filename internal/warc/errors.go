package warc

import (
	"errors"
	"fmt"
)

// ErrRecordTooLarge is wrapped by the error returned for a record whose
// Content-Length exceeds [Options.MaxRecordSize].
var ErrRecordTooLarge = errors.New("record larger than the maximum record size")

// ErrHeaderTooLarge is wrapped by the error returned for a record whose
// header exceeds [Options.MaxHeaderSize].
var ErrHeaderTooLarge = errors.New("header larger than the maximum header size")

// ErrPayloadTooLarge is wrapped by the error of [Record.Payload] for a
// payload larger than its limit.
var ErrPayloadTooLarge = errors.New("payload larger than the maximum document size")

// ErrNoPayload is returned by [Record.Payload] for record types that carry
// no document (request, warcinfo, metadata, revisit, ...).
var ErrNoPayload = errors.New("record type has no payload")

// RecordError describes a problem with one record of a WARC stream.
type RecordError struct {
	// Record is the 1-based number of the record in the stream.
	Record int
	// Offset is the byte offset of the record (or of the point where the
	// problem was found) in the uncompressed stream.
	Offset int64
	// ID is the WARC-Record-ID of the record when its header could be read.
	ID string
	// Err is the underlying problem.
	Err error
	// Resync is true when the reader will look for the next "WARC/" line
	// and continue; false when the stream cannot be read any further (the
	// next call to Next returns io.EOF).
	Resync bool
}

// Error implements error.
func (e *RecordError) Error() string {
	s := fmt.Sprintf("warc: record %d at offset %d", e.Record, e.Offset)
	if e.ID != "" {
		s += " " + e.ID
	}
	s += ": " + e.Err.Error()
	if e.Resync {
		s += " (skipping to the next WARC/ line)"
	} else {
		s += " (cannot continue)"
	}
	return s
}

// Unwrap returns the underlying error.
func (e *RecordError) Unwrap() error { return e.Err }
