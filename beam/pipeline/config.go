package pipeline

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/chaff-dev/chaff"
)

// Config is what a pipeline reads, writes and how it cleans. Every field is
// plain data: Beam serialises it into the DoFns it sends to the workers.
type Config struct {
	// Inputs are file patterns (a path, or a glob such as
	// data/*.jsonl.gz or gs://bucket/crawl/*.warc.gz), read in the order
	// given, each one's matches in lexical order.
	Inputs []string
	// Output is the prefix of the cleaned JSONL shards, one per input
	// file: PREFIX-00000-of-00012.jsonl for the first of 12 files.
	Output string
	// DeadLetter is the prefix of the shards of failed records, one JSON
	// object a line: {"file":…,"record":…,"error":…}.
	DeadLetter string

	Model    ModelConfig
	Read     chaff.ReadOptions
	Clean    chaff.CleanOptions
	Repeated RepeatedConfig
}

// ModelConfig chooses the classifier built on each worker, as chaff's
// model and policy flags do.
type ModelConfig struct {
	// TextModel and HTMLModel name the embedded models by kind
	// (chaff.EmbeddedModel): "accurate-text" or "fast-text" (--text-model),
	// "accurate-html" or "fast-html" (--html-model); "" is chaff's default
	// (accurate for text, fast for HTML).
	TextModel  string
	HTMLModel  string
	Threshold  float64  // --threshold; 0: 0.5
	Keep       []string // --keep
	DropTitle  bool     // --drop-title
	NoFallback bool     // --no-fallback
	MaxLines   int      // --max-lines; 0: the default
	MaxTags    int      // --max-tags; 0: the default
}

// options is the classifier's options, its embedded models decoded.
func (m ModelConfig) options() (chaff.Options, error) {
	opts := chaff.Options{
		Threshold: m.Threshold, Keep: m.Keep,
		DropTitle: m.DropTitle, NoFallback: m.NoFallback,
		MaxLines: m.MaxLines, MaxTags: m.MaxTags,
	}
	var err error
	if m.TextModel != "" {
		if opts.TextModel, err = chaff.EmbeddedModel(m.TextModel); err != nil {
			return opts, err
		}
	}
	if m.HTMLModel != "" {
		if opts.HTMLModel, err = chaff.EmbeddedModel(m.HTMLModel); err != nil {
			return opts, err
		}
	}
	return opts, nil
}

// RepeatedConfig turns on the corpus-wide repeated-line pass (the
// command's --repeated --repeated-two-pass).
type RepeatedConfig struct {
	On bool
	chaff.RepeatedOptions
}

// errConfig is wrapped by every error of Config.Validate.
var errConfig = errors.New("chaff-beam")

// Validate checks cfg before a pipeline is built, so that a bad option
// fails at once rather than on every worker; it fills the defaults.
func (cfg *Config) Validate() error {
	if len(cfg.Inputs) == 0 {
		return fmt.Errorf("%w: no input pattern", errConfig)
	}
	if cfg.Output == "" || cfg.DeadLetter == "" {
		return fmt.Errorf("%w: the output and dead-letter prefixes are both needed", errConfig)
	}
	if cfg.Output == cfg.DeadLetter {
		return fmt.Errorf("%w: output and dead letter share the prefix %q", errConfig, cfg.Output)
	}
	if m := cfg.Clean.MaxDrop; !(m >= 0 && m <= 1) {
		return fmt.Errorf("%w: max-drop %v: want a number in [0,1]", errConfig, m)
	}
	if r := &cfg.Repeated; r.On {
		if r.Min == 0 {
			r.Min = 3
		}
		if r.Scope == "" {
			r.Scope = "site"
		}
		if r.Min < 2 || r.Min > 255 {
			return fmt.Errorf("%w: repeated-min %d: want 2..255", errConfig, r.Min)
		}
		if r.Scope != "site" && r.Scope != "corpus" {
			return fmt.Errorf("%w: repeated-scope %q: want site or corpus", errConfig, r.Scope)
		}
	}
	if cfg.Repeated.On {
		// CleanRecord's drop is asked for keys hashed as RepeatedKeys
		// hashed them.
		cfg.Clean.Repeated = cfg.Repeated.RepeatedOptions
	}
	// Build a classifier once here: an unknown category or a threshold
	// out of range is said before any worker starts.
	if _, err := classifier(cfg.Model); err != nil {
		return fmt.Errorf("%w: %v", errConfig, err)
	}
	return nil
}

// shardName is the name of shard i of n under prefix; the numbers have
// five digits at least, as many as n has at most, so that names sort as
// their numbers do.
func shardName(prefix string, i, n int) string {
	w := max(5, len(strconv.Itoa(n)))
	return fmt.Sprintf("%s-%0*d-of-%0*d.jsonl", prefix, w, i, w, n)
}

// checkOutputs refuses outputs that could replace an input: a matched
// input whose name starts with the output or dead-letter prefix would be
// overwritten by a shard, or read back on the next run.
func checkOutputs(cfg *Config, files []File) error {
	for _, f := range files {
		for _, p := range []string{cfg.Output, cfg.DeadLetter} {
			if strings.HasPrefix(f.Name, p) {
				return fmt.Errorf("%w: input %s starts with the output prefix %q: it could be overwritten", errConfig, f.Name, p)
			}
		}
	}
	if len(files) > maxFiles {
		return fmt.Errorf("%w: %d input files: at most %d", errConfig, len(files), maxFiles)
	}
	return nil
}

// Document references: a record is (file index, record number), packed in
// 64 bits so that "first document" is an integer minimum and the repeated
// table holds 16 bytes a key.
const (
	recordBits = 40                     // a file may hold 2^40 - 1 records
	maxRecord  = 1<<recordBits - 1      // the largest record number
	maxFiles   = 1 << (64 - recordBits) // files in one pipeline
)

// docRef packs a record's position; it orders records as the command reads
// them: file by file in input order, record by record. The caller keeps
// file below maxFiles and record at most maxRecord.
func docRef(file, record int) uint64 {
	return uint64(file)<<recordBits | uint64(record)
}
