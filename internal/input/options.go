package input

import (
	"fmt"
	"io"
	"path"
)

// Defaults used when the corresponding Options field is zero.
const (
	DefaultMaxLineSize     = 64 << 20
	DefaultMaxDocumentSize = 256 << 20
	DefaultMaxRecordSize   = 64 << 20
	DefaultMaxHeaderSize   = 1 << 20
)

// The chaff flags that raise each limit, named in the errors of a
// document, record or line over it (see LimitError).
const (
	flagMaxDocumentSize = "--max-document-size"
	flagMaxRecordSize   = "--max-record-size"
	flagMaxLineSize     = "--max-line-size"
	flagMaxHeaderSize   = "--max-header-size"
)

// limitNames names what each limit bounds, for messages.
var limitNames = map[string]string{
	flagMaxDocumentSize: "document size",
	flagMaxRecordSize:   "record size",
	flagMaxLineSize:     "line size",
	flagMaxHeaderSize:   "header size",
}

// Options configures reading. The zero value reads everything with
// detection and default limits.
type Options struct {
	// Format forces the format of every source; Auto detects it per source.
	Format Format
	// Include, when not empty, keeps only files found while walking a
	// directory whose base name or slash-separated path relative to the
	// directory argument matches one of these path.Match patterns.
	// Files named directly as arguments are always read.
	Include []string
	// Exclude drops files and whole subdirectories found while walking
	// whose base name or relative path matches one of these patterns.
	Exclude []string

	// TextField, IDField and URLField name the JSONL fields holding the
	// document text (default "text"), ID (default "id") and URL
	// (default "url").
	TextField, IDField, URLField string
	// The limits below keep one document, record or line from taking
	// the memory of the machine. Each one over its limit is reported
	// (a *LimitError, or for WARC records a warc error) and skipped, and
	// reading goes on with the next.

	// MaxLineSize bounds a JSONL line (default DefaultMaxLineSize).
	MaxLineSize int
	// MaxDocumentSize bounds a whole-file document (text, HTML, a JSON
	// document of records) and a WARC payload after decoding (default
	// DefaultMaxDocumentSize).
	MaxDocumentSize int64
	// MaxRecordSize bounds a WARC record block, as its Content-Length
	// gives it (default DefaultMaxRecordSize).
	MaxRecordSize int64
	// MaxHeaderSize bounds a WARC record header (default
	// DefaultMaxHeaderSize).
	MaxHeaderSize int
	// AllStatuses keeps WARC responses of any HTTP status; by default only
	// 2xx responses are documents and the others are counted as skipped.
	AllStatuses bool

	// Stdin is read for the source "-"; nil means os.Stdin.
	Stdin io.Reader
	// OnSource, if set, is called when a source has been read (or failed),
	// with its counts.
	OnSource func(SourceStats)
}

func (o *Options) setDefaults() {
	if o.TextField == "" {
		o.TextField = "text"
	}
	if o.IDField == "" {
		o.IDField = "id"
	}
	if o.URLField == "" {
		o.URLField = "url"
	}
	if o.MaxLineSize <= 0 {
		o.MaxLineSize = DefaultMaxLineSize
	}
	if o.MaxDocumentSize <= 0 {
		o.MaxDocumentSize = DefaultMaxDocumentSize
	}
	if o.MaxRecordSize <= 0 {
		o.MaxRecordSize = DefaultMaxRecordSize
	}
	if o.MaxHeaderSize <= 0 {
		o.MaxHeaderSize = DefaultMaxHeaderSize
	}
}

func (o *Options) validate() error {
	switch o.Format {
	case Auto, Text, HTML, JSONL, JSON, WARC:
	default:
		return fmt.Errorf("unknown format %q", string(o.Format))
	}
	for _, list := range [][]string{o.Include, o.Exclude} {
		for _, p := range list {
			if _, err := path.Match(p, ""); err != nil {
				return fmt.Errorf("bad pattern %q: %w", p, err)
			}
		}
	}
	return nil
}

// matchAny reports whether base or rel matches one of the patterns.
func matchAny(patterns []string, base, rel string) bool {
	for _, p := range patterns {
		if ok, _ := path.Match(p, base); ok {
			return true
		}
		if ok, _ := path.Match(p, rel); ok {
			return true
		}
	}
	return false
}
