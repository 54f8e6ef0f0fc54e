package repeated

import (
	"errors"
	"fmt"
)

// Scope says which documents a line is counted across.
type Scope uint8

// Scopes.
const (
	// PerSite counts a line across the documents of one site: the scope
	// string the caller passes (a host taken from a URL or WARC target).
	PerSite Scope = iota
	// Corpus counts a line across every document; the scope string is
	// ignored.
	Corpus
)

// Policy says which copies of a repeated line Flag marks.
type Policy uint8

// Policies.
const (
	// DropAll marks every copy of a repeated line, as CCNet does.
	DropAll Policy = iota
	// KeepFirst leaves the copies in the first document (in Flag call
	// order) that holds the line and marks the later ones, as C4 and
	// Dolma do.
	KeepFirst
)

// Norm is a set of normalisations applied to a line before it is hashed,
// so that lines differing only in what they remove count as one.
type Norm uint8

// Normalisations; combine them with |.
const (
	FoldCase   Norm = 1 << iota // lower-case every rune (Unicode simple mapping)
	FoldDigits                  // a run of decimal digits becomes one '0': "Page 3 of 12" = "Page 0 of 0"
	StripPunct                  // drop Unicode punctuation and symbols (P*, S*): "|", "»", "©", "€"
	StripSpace                  // drop every white-space rune

	// NormAll is every normalisation.
	NormAll = FoldCase | FoldDigits | StripPunct | StripSpace
)

// Defaults used by DefaultConfig and for zero fields of a Config.
const (
	DefaultThreshold   = 2
	DefaultMinLetters  = 3
	DefaultExactBudget = 6 << 20 // 6,291,456 keys: 96 MiB of exact tables
	DefaultSketchWidth = 1 << 25 // cells per row
	DefaultSketchDepth = 4       // rows
	maxThreshold       = 255     // sketch cells are 8-bit saturating counters
)

// Config chooses how lines are counted and flagged. Zero numeric fields
// take the defaults above.
type Config struct {
	Scope  Scope
	Policy Policy
	Norm   Norm

	// Threshold is the number of distinct documents of its scope a line
	// must occur in to be repeated: 2 flags from the second occurrence.
	// It must lie in 2..255.
	Threshold int

	// MinLetters is the number of letters (Unicode category L) a line needs
	// to be counted at all: blank lines, "|", "1" or "OK" are never
	// repeated with the default 3.
	MinLetters int

	// ExactBudget is how many distinct (scope, line) hashes are counted
	// exactly. The keys are spread over 64 shards; a shard that would hold
	// more than ExactBudget/64 of them moves its counts into the count-min
	// sketch and frees its table.
	ExactBudget int

	// SketchWidth and SketchDepth size the count-min sketch used past the
	// budget: Depth rows of Width one-byte cells, allocated on first need.
	SketchWidth, SketchDepth int
}

// DefaultConfig returns per-site counting, threshold 2, every copy flagged,
// every normalisation on, and the default budgets.
func DefaultConfig() Config {
	return Config{Scope: PerSite, Policy: DropAll, Norm: NormAll}
}

// ErrConfig is wrapped by every error New returns for a bad Config.
var ErrConfig = errors.New("repeated: invalid config")

// withDefaults fills zero fields and checks the rest.
func (c Config) withDefaults() (Config, error) {
	if c.Threshold == 0 {
		c.Threshold = DefaultThreshold
	}
	if c.MinLetters == 0 {
		c.MinLetters = DefaultMinLetters
	}
	if c.ExactBudget == 0 {
		c.ExactBudget = DefaultExactBudget
	}
	if c.SketchWidth == 0 {
		c.SketchWidth = DefaultSketchWidth
	}
	if c.SketchDepth == 0 {
		c.SketchDepth = DefaultSketchDepth
	}
	switch {
	case c.Scope > Corpus:
		return c, fmt.Errorf("%w: unknown scope %d", ErrConfig, c.Scope)
	case c.Policy > KeepFirst:
		return c, fmt.Errorf("%w: unknown policy %d", ErrConfig, c.Policy)
	case c.Norm&^NormAll != 0:
		return c, fmt.Errorf("%w: unknown normalisation bits %#x", ErrConfig, uint8(c.Norm&^NormAll))
	case c.Threshold < 2 || c.Threshold > maxThreshold:
		return c, fmt.Errorf("%w: threshold %d outside 2..%d", ErrConfig, c.Threshold, maxThreshold)
	case c.MinLetters < 0:
		return c, fmt.Errorf("%w: negative MinLetters %d", ErrConfig, c.MinLetters)
	case c.ExactBudget < 0:
		return c, fmt.Errorf("%w: negative ExactBudget %d", ErrConfig, c.ExactBudget)
	case c.SketchWidth < 64 || int64(c.SketchWidth) > 1<<31:
		return c, fmt.Errorf("%w: SketchWidth %d outside 64..2^31", ErrConfig, c.SketchWidth)
	case c.SketchDepth < 1 || c.SketchDepth > 16:
		return c, fmt.Errorf("%w: SketchDepth %d outside 1..16", ErrConfig, c.SketchDepth)
	}
	return c, nil
}
