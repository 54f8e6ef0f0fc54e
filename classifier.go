package chaff

import (
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/clean"
	"github.com/chaff-dev/chaff/internal/input"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/render"
)

// Options choose a Classifier's models and policy. The zero value gives
// the embedded default models, accurate for text and fast for HTML, and
// the policy of `chaff clean` without flags.
type Options struct {
	Fast      bool   // the fast embedded text model instead of the accurate one (HTML's default model is the fast one)
	TextModel *Model // nil: the embedded text model (per Fast)
	HTMLModel *Model // nil: the embedded fast HTML model; EmbeddedModel("accurate-html") for the accurate one
	// Threshold is the noise score from which a line is dropped, in
	// (0,1]; higher keeps more. 0: the default, 0.5.
	Threshold float64
	// Keep lists noise categories kept rather than dropped (see
	// Categories): their lines are kept, and still carry their category.
	Keep []string
	// DropTitle leaves the title out of the cleaned text.
	DropTitle bool
	// NoFallback leaves a document the model empties empty. By default,
	// when it keeps fewer than 5 words besides the title of a document of
	// 20 or more, its least noisy block of lines is kept
	// (Document.Fallback), unless the page says it is an error page or is
	// a consent wall.
	NoFallback bool
	// Explain fills Line.Reasons. Explaining costs as much as scoring:
	// leave it off for cleaning.
	Explain bool
	// MaxLines bounds the lines (HTML: blocks) of a document: a longer
	// one fails with an error. 0: 32,000,000; negative: no limit.
	MaxLines int
	// MaxTags bounds the tags ('<' bytes) of an HTML page, counted before
	// it is parsed: its DOM costs about 260 bytes a tag. 0: 500,000;
	// negative: no limit.
	MaxTags int
}

// Categories returns the names of the noise categories, for Options.Keep
// and Line.Category.
func Categories() []string {
	var out []string
	for _, c := range label.Categories() {
		out = append(out, string(c))
	}
	return out
}

// Classifier labels the lines of documents. Build one with New; it holds
// only read-only data and may be used by any number of goroutines.
type Classifier struct {
	// Engines for the three uses: with scores and, per Options.Explain,
	// reasons (Classify, ClassifyHTML); for cleaning, which needs only the
	// decisions; and for marking, which needs the scores.
	labelling, cleaning, marking *classify.Classifier
	policy                       render.Policy
	keep                         []label.Category
	maxTags                      int       // as htmltext.Options.MaxTags takes it
	docs                         sync.Pool // *classify.Document, classified into again
	cleaners                     sync.Map  // cleanerKey -> *clean.Cleaner
}

// use is what a document is classified for (see engineConfig).
type use int

const (
	useLabel use = iota // scores, and reasons when asked
	useClean            // decisions only
	useMark             // decisions and scores, no reasons
)

// New builds a Classifier; it fails on an option out of range, an unknown
// category or a model of the wrong kind.
func New(opts Options) (*Classifier, error) {
	keep, err := categories(opts.Keep)
	if err != nil {
		return nil, err
	}
	if !(opts.Threshold >= 0 && opts.Threshold <= 1) { // NaN fails both
		return nil, fmt.Errorf("chaff: threshold %v: want a number in (0,1]", opts.Threshold)
	}
	text, html, err := models(&opts)
	if err != nil {
		return nil, err
	}
	c := &Classifier{policy: render.Policy{DropTitle: opts.DropTitle}, keep: keep}
	for _, u := range []struct {
		cl  **classify.Classifier
		use use
	}{{&c.labelling, useLabel}, {&c.cleaning, useClean}, {&c.marking, useMark}} {
		if *u.cl, err = classify.New(engineConfig(&opts, keep, text, html, u.use)); err != nil {
			return nil, fmt.Errorf("chaff: %w", err)
		}
	}
	c.maxTags = c.cleaning.HTMLOptions().MaxTags
	return c, nil
}

// categories checks the names of noise categories.
func categories(names []string) ([]label.Category, error) {
	var out []label.Category
	for _, n := range names {
		c := label.Category(n)
		if !slices.Contains(label.Categories(), c) {
			return nil, fmt.Errorf("chaff: unknown noise category %q (known: %v)", n, Categories())
		}
		out = append(out, c)
	}
	return out, nil
}

// models returns the text and HTML models of opts, the embedded ones
// decoded when not given.
func models(opts *Options) (text, html *Model, err error) {
	text, html = opts.TextModel, opts.HTMLModel
	if text == nil {
		name := embeddedText
		if opts.Fast {
			name = embeddedFastText
		}
		if text, err = embedded(name); err != nil {
			return nil, nil, err
		}
	}
	if html == nil {
		if html, err = embedded(embeddedFastHTML); err != nil {
			return nil, nil, err
		}
	}
	if html.fastText() {
		return nil, nil, fmt.Errorf("chaff: %s is a fast text model: it cannot classify HTML", html.name)
	}
	return text, html, nil
}

// engineConfig is the engine's configuration for opts, its models and a
// use: the one place that knows how the engine is configured.
func engineConfig(opts *Options, keep []label.Category, text, html *Model, u use) classify.Config {
	cfg := classify.Config{
		TextModel: text.model, HTMLModel: html.model,
		Threshold: opts.Threshold, Keep: keep, NoFallback: opts.NoFallback,
		SkipReasons: u != useLabel || !opts.Explain,
		StopEarly:   u == useClean,
		MaxLines:    opts.MaxLines,
		MaxTags:     opts.MaxTags,
	}
	switch {
	case cfg.MaxLines == 0:
		cfg.MaxLines = clean.DefaultMaxLines
	case cfg.MaxLines < 0:
		cfg.MaxLines = 0
	}
	return cfg
}

// Classify labels every line of a text document, as `chaff clean` and
// `chaff label` do. text is not modified and the lines refer to it.
func (c *Classifier) Classify(text []byte) (*Document, error) {
	return c.classify(&input.Document{Format: input.Text, Body: text})
}

// ClassifyHTML turns an HTML page into lines, one per block of text in
// reading order, and labels them with the HTML model. contentType is the
// HTTP Content-Type header, if known, for the charset.
func (c *Classifier) ClassifyHTML(page []byte, contentType string) (*Document, error) {
	return c.classify(&input.Document{Format: input.HTML, Body: page, ContentType: contentType})
}

// classify labels d whole with the labelling engine.
func (c *Classifier) classify(d *input.Document) (*Document, error) {
	cd, err := clean.Whole(c.labelling, d, false, new(classify.Document))
	if err != nil {
		return nil, fmt.Errorf("chaff: %w", err)
	}
	return newDocument(cd, c.policy), nil
}

// errNoRecord is the error of a nil record.
var errNoRecord = errors.New("chaff: no record")
