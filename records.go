package chaff

import (
	"context"
	"errors"
	"fmt"
	"io"
	"iter"

	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/input"
	"github.com/chaff-dev/chaff/internal/output"
)

// Record is one document of a corpus: a JSONL line, a WARC record, or a
// whole HTML or text file. CleanRecord cleans its fields as the caller
// left them; a JSONL record's other fields, id and url included, are
// written as they were read.
type Record struct {
	Source string // the file it was read from ("-" for standard input)
	Number int    // its record number in the file (1-based; 0 for a whole-file document)
	ID     string // the JSONL id field or the WARC-Record-ID
	URL    string // the JSONL url field or the WARC-Target-URI
	HTML   bool   // Body is an HTML page
	Body   []byte // the text or the page

	doc       *input.Document // as read: the raw JSON record, to rewrite it
	textField string          // the JSONL field Body came from
}

// ReadOptions choose how Records reads. The zero value reads every format
// with detection, the JSONL fields "text", "id" and "url", and the
// command's default limits.
type ReadOptions struct {
	// Format forces the format of every source: "text", "html",
	// "jsonl", "json" (one JSON document of records) or "warc"; "" or
	// "auto" detects it by extension, then content.
	Format string
	// TextField, IDField, URLField name the JSONL fields of the text
	// ("text"), the id ("id") and the URL ("url").
	TextField, IDField, URLField string
	// Include, when not empty, reads only the files under a directory
	// whose name or relative path matches one of these path.Match
	// patterns; Exclude skips files and directories that match one.
	Include, Exclude []string
	// Size limits, 0 for the defaults: a text, HTML or JSON file or a
	// decoded WARC payload (256 MiB), a JSONL line (64 MiB), a WARC record
	// block (64 MiB) and header (1 MiB). A larger one fails alone.
	MaxDocumentSize, MaxLineSize, MaxRecordSize, MaxHeaderSize int64
}

// Error is a source or a record that could not be read or cleaned.
// Reading goes on after it with the next record or source.
type Error struct {
	Source string // the file, "-" for standard input
	Record int    // the record number in it, 0 for the whole source
	Err    error
}

// Error names the source and the record, e.g. `chaff: data/a.jsonl.gz:
// record 17: text field "text" is not a string`.
func (e *Error) Error() string {
	s := "chaff: "
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

// Records reads the records of paths: files, directories (walked in
// lexical order; chaff's label files *.gold and its temporary files are
// skipped) and "-" for standard input, in JSONL, WARC, HTML or text,
// plain, gzip or zstd compressed, as the chaff command reads them. A
// record or source that cannot be read yields an *Error naming the file
// and record, and reading goes on; when ctx is cancelled the sequence
// yields its error and ends.
func Records(ctx context.Context, paths []string, opts ReadOptions) iter.Seq2[*Record, error] {
	return func(yield func(*Record, error) bool) {
		in, err := opts.input()
		if err != nil {
			yield(nil, err)
			return
		}
		in.Exclude = append(in.Exclude, "*"+gold.Ext, output.TempGlob)
		records(input.NewReader(paths, in).Documents(ctx), &in)(yield)
	}
}

// RecordsFrom reads the records of one stream the caller opened, named
// name (for errors and Record.Source; its extension counts for detecting
// the format), as Records reads a file. r is read once: the sequence
// gives its records once.
func RecordsFrom(ctx context.Context, name string, r io.Reader, opts ReadOptions) iter.Seq2[*Record, error] {
	return func(yield func(*Record, error) bool) {
		in, err := opts.input()
		if err != nil {
			yield(nil, err)
			return
		}
		records(input.NewReader(nil, in).DocumentsFrom(ctx, name, r), &in)(yield)
	}
}

// records turns the documents of the input package into records.
func records(docs iter.Seq2[*input.Document, error], opts *input.Options) iter.Seq2[*Record, error] {
	return func(yield func(*Record, error) bool) {
		for d, err := range docs {
			if err != nil {
				if !yield(nil, publicError(err)) {
					return
				}
				continue
			}
			if !yield(newRecord(d, opts.TextField), nil) {
				return
			}
		}
	}
}

// newRecord wraps a document read with the JSONL text field textField.
func newRecord(d *input.Document, textField string) *Record {
	return &Record{Source: d.Source, Number: d.Record, ID: d.ID, URL: d.URL, HTML: d.Format == input.HTML, Body: d.Body, doc: d, textField: textField}
}

// publicError turns an *input.Error into an *Error.
func publicError(err error) error {
	var ie *input.Error
	if errors.As(err, &ie) {
		return &Error{Source: ie.Source, Record: ie.Record, Err: ie.Err}
	}
	return err
}

// input returns the input options of o, defaults filled in.
func (o *ReadOptions) input() (input.Options, error) {
	f, err := input.ParseFormat(o.Format)
	if err != nil {
		return input.Options{}, fmt.Errorf("chaff: %w", err)
	}
	in := input.Options{
		Format: f, Include: o.Include, Exclude: append([]string(nil), o.Exclude...),
		TextField: o.TextField, IDField: o.IDField, URLField: o.URLField,
		MaxDocumentSize: o.MaxDocumentSize, MaxRecordSize: o.MaxRecordSize,
		MaxLineSize: int(o.MaxLineSize), MaxHeaderSize: int(o.MaxHeaderSize),
	}
	if in.TextField == "" {
		in.TextField = "text"
	}
	if in.IDField == "" {
		in.IDField = "id"
	}
	if in.URLField == "" {
		in.URLField = "url"
	}
	return in, nil
}

// document returns the record as the engine reads it: as it was read, with
// the exported fields as the caller may have changed them.
func (r *Record) document() *input.Document {
	var d input.Document
	if r.doc != nil {
		d = *r.doc
	} else {
		d.NameFields("id", "url")
	}
	d.Source, d.Record, d.ID, d.URL, d.Body = r.Source, r.Number, r.ID, r.URL, r.Body
	d.Format = input.Text
	if r.HTML {
		d.Format = input.HTML
	}
	return &d
}

// field returns the JSONL field the record's text is in.
func (r *Record) field() string {
	if r.textField == "" {
		return "text"
	}
	return r.textField
}
