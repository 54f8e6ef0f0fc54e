package report

// Report is the result of a Builder: plain data that marshals to JSON.
// Slices are never nil, so the JSON form always has arrays.
type Report struct {
	Totals     Totals           `json:"totals"`
	Sites      []Site           `json:"sites"`      // by noise line share, highest first
	Categories []CategoryStat   `json:"categories"` // by noise lines, highest first
	Histogram  []Bucket         `json:"histogram"`  // documents by noise share
	TopLines   []FrequentLine   `json:"top_lines"`  // most frequent noise lines
	Failures   FailureSummary   `json:"failures"`
	Documents  []DocumentDetail `json:"documents"` // drill-down sample
	Limits     Limits           `json:"limits"`
	// Notes say where the report is approximate or cut (caps reached).
	Notes []string `json:"notes"`
}

// Totals are exact counts over every document added.
type Totals struct {
	Documents      int     `json:"documents"`
	InputErrors    int     `json:"input_errors"` // inputs that could not be read (see Builder.AddError)
	Lines          int     `json:"lines"`        // all lines, blank included
	TextLines      int     `json:"text_lines"`   // non-blank lines
	NoiseLines     int     `json:"noise_lines"`  // dropped lines
	KeptLines      int     `json:"kept_lines"`
	Bytes          int64   `json:"bytes"`       // bytes of non-blank line text
	NoiseBytes     int64   `json:"noise_bytes"` // bytes of dropped line text
	NoiseLineShare float64 `json:"noise_line_share"`
	NoiseByteShare float64 `json:"noise_byte_share"`
	EmptyDocuments int     `json:"empty_documents"` // documents without a non-blank line
}

// Site sums the documents of one host (or file, or "(no url)").
type Site struct {
	Site           string  `json:"site"`
	Documents      int     `json:"documents"`
	TextLines      int     `json:"text_lines"`
	NoiseLines     int     `json:"noise_lines"`
	Bytes          int64   `json:"bytes"`
	NoiseBytes     int64   `json:"noise_bytes"`
	NoiseLineShare float64 `json:"noise_line_share"`
	NoiseByteShare float64 `json:"noise_byte_share"`
	Failures       int     `json:"failures"` // documents of the site with a suspected failure
}

// CategoryStat counts the noise lines of one category.
type CategoryStat struct {
	Category  string  `json:"category"`
	Lines     int     `json:"lines"`
	Bytes     int64   `json:"bytes"`
	Documents int     `json:"documents"` // documents with at least one such line
	Share     float64 `json:"share"`     // of all noise lines
}

// Bucket counts the documents whose noise share s is in [From, To), the
// last bucket including 1. Documents without a non-blank line are in no
// bucket (see Totals.EmptyDocuments).
type Bucket struct {
	From      float64 `json:"from"`
	To        float64 `json:"to"`
	Documents int     `json:"documents"`
}

// FrequentLine is a noise line that recurs, compared after normalisation
// (case and accents folded, punctuation dropped, digits replaced by 0).
type FrequentLine struct {
	Text      string   `json:"text"` // the first occurrence, shortened
	Key       string   `json:"key"`  // the normalised form
	Category  string   `json:"category"`
	Count     int      `json:"count"`     // occurrences
	Documents int      `json:"documents"` // documents it occurs in
	Examples  []string `json:"examples"`  // names of up to Limits.Examples documents
}

// Failure kinds: why a document looks like a scraper failure.
const (
	NoContent   = "no-content"   // no line kept (empty documents included)
	MostlyNoise = "mostly-noise" // some lines kept, but more than MostlyNoiseShare are noise
	Wall        = "wall"         // dominated by script-warning and legal lines: a JavaScript or cookie wall
	Duplicate   = "duplicate"    // its kept text is identical to an earlier document's
)

// FailureKinds lists the failure kinds in report order.
func FailureKinds() []string { return []string{NoContent, MostlyNoise, Wall, Duplicate} }

// FailureSummary counts suspected failures and lists the first ones.
type FailureSummary struct {
	Documents int         `json:"documents"` // documents with at least one kind
	Counts    []KindCount `json:"counts"`    // one per kind, in FailureKinds order
	Listed    []Failure   `json:"listed"`    // the first Limits.MaxFailuresListed, in input order
	Omitted   int         `json:"omitted"`   // failures not listed
}

// KindCount is the number of documents of one failure kind.
type KindCount struct {
	Kind      string `json:"kind"`
	Documents int    `json:"documents"`
}

// Failure is one suspected scraper failure.
type Failure struct {
	Doc        DocRef   `json:"doc"`
	Kinds      []string `json:"kinds"`
	NoiseShare float64  `json:"noise_share"`
	Detail     string   `json:"detail"`
}

// DocRef names a document.
type DocRef struct {
	Name   string `json:"name"` // file, or file:record
	File   string `json:"file"`
	Record int    `json:"record,omitempty"`
	ID     string `json:"id,omitempty"`
	URL    string `json:"url,omitempty"`
	Site   string `json:"site"`
}

// DocumentDetail is one document of the drill-down sample with its lines.
type DocumentDetail struct {
	Doc          DocRef     `json:"doc"`
	NoiseShare   float64    `json:"noise_share"`
	TextLines    int        `json:"text_lines"`
	NoiseLines   int        `json:"noise_lines"`
	Kinds        []string   `json:"kinds"` // failure kinds, if any
	Lines        []LineView `json:"lines"` // the first Limits.MaxSampleLines lines
	LinesOmitted int        `json:"lines_omitted"`
}

// LineView is one line of a drill-down document.
type LineView struct {
	Number  int     `json:"line"`
	Label   string  `json:"label"` // keep, drop or blank
	Class   string  `json:"class"` // kind of a kept line, category of a dropped one
	Score   float64 `json:"score"`
	Text    string  `json:"text"`    // valid UTF-8, shortened to Limits.MaxLineRunes
	Reasons string  `json:"reasons"` // the strongest reasons, for people
}

// Limits are the caps the report was built with, so readers know what is
// exact and what is a sample.
type Limits struct {
	MaxSites          int     `json:"max_sites"`
	MaxLineKeys       int     `json:"max_line_keys"`
	TopLines          int     `json:"top_lines"`
	Examples          int     `json:"examples"`
	MaxFailuresListed int     `json:"max_failures_listed"`
	SampleWorst       int     `json:"sample_worst"`
	SampleFailures    int     `json:"sample_failures"`
	MaxSampleLines    int     `json:"max_sample_lines"`
	MaxLineRunes      int     `json:"max_line_runes"`
	MaxHashes         int     `json:"max_hashes"`
	SampleBytes       int     `json:"sample_bytes"`
	MostlyNoiseShare  float64 `json:"mostly_noise_share"`
	WallShare         float64 `json:"wall_share"`
}
