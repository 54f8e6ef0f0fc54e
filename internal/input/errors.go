package input

import (
	"errors"
	"fmt"

	"github.com/chaff-dev/chaff/internal/warc"
)

// Error is a problem with one source or one record of a source. Iteration
// goes on after it with the next record or source.
type Error struct {
	// Source is the path, or "-" for standard input.
	Source string
	// Record is the 1-based record number (JSONL line number, WARC record
	// number), or 0 when the error concerns the whole source.
	Record int
	// Err is the underlying problem. For WARC sources it wraps a
	// *warc.RecordError.
	Err error
}

// Error implements error, e.g.
// `input: data/a.jsonl.gz: record 17: text field "text" is not a string`.
func (e *Error) Error() string {
	s := "input: "
	if e.Source != "" {
		s += e.Source + ": "
	}
	if e.Record > 0 {
		s += fmt.Sprintf("record %d: ", e.Record)
	}
	return s + e.Err.Error()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// warcCause presents a *warc.RecordError inside an *Error without repeating
// the record number, while keeping it reachable with errors.As.
type warcCause struct{ re *warc.RecordError }

func (w *warcCause) Error() string {
	s := fmt.Sprintf("offset %d", w.re.Offset)
	if w.re.ID != "" {
		s += " " + w.re.ID
	}
	s += ": " + w.re.Err.Error()
	switch {
	case errors.Is(w.re.Err, warc.ErrRecordTooLarge):
		s += "; raise it with " + flagMaxRecordSize
	case errors.Is(w.re.Err, warc.ErrHeaderTooLarge):
		s += "; raise it with " + flagMaxHeaderSize
	}
	if w.re.Resync {
		s += " (skipping to the next WARC/ line)"
	}
	return s
}

func (w *warcCause) Unwrap() error { return w.re }

// LimitError is a document, record or line larger than one of the size
// limits of Options. Only that one is refused: reading goes on with the
// next.
type LimitError struct {
	// What is refused: "file", "JSONL line", ...
	What string
	// Limit is the limit in bytes and Name what it bounds: "document
	// size", "line size", ...
	Limit int64
	Name  string
	// Flag is the chaff flag that raises the limit.
	Flag string
}

// Error implements error, e.g. `JSONL line larger than the maximum line
// size of 64MiB (67108864 bytes); raise it with --max-line-size`.
func (e *LimitError) Error() string {
	return fmt.Sprintf("%s larger than the maximum %s of %s (%d bytes); raise it with %s", e.What, e.Name, FormatSize(e.Limit), e.Limit, e.Flag)
}

// limitError returns the error of a document or record over the limit
// that flag sets.
func limitError(what, flag string, limit int64) error {
	return &LimitError{What: what, Limit: limit, Name: limitNames[flag], Flag: flag}
}
