package main

import (
	"flag"
	"math"
	"runtime"
	"slices"
	"strings"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/clean"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/htmltext"
	"github.com/chaff-dev/chaff/internal/input"
)

// listFlag is a flag that may be repeated; each use may also hold a
// comma-separated list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// runFlags are the flags of clean, label and annotate that choose inputs,
// outputs and the corpus pipeline.
type runFlags struct {
	inputFlags
	boundFlags
	jobs        int
	outDir      string
	outputField string
	mark        bool
	maxDrop     float64
	statsFile   string
	progress    string
	sep         separator
	rep         repeatFlags
}

func (rf *runFlags) add(fs *flag.FlagSet, mode mode) {
	fs.IntVar(&rf.jobs, "j", runtime.NumCPU(), "number of documents classified at once, at most 4 × the CPUs")
	fs.StringVar(&rf.outDir, "output", "", "write one file per input under `DIR`, mirroring the input paths, each written atomically; an output path that is an input is refused (default: stdout)")
	rf.inputFlags.add(fs, "format", "html", "its host is the site for --repeated")
	fs.StringVar(&rf.statsFile, "stats", "", "also write the final summary as JSON to `FILE`, even when the run fails or is interrupted (\"interrupted\": true)")
	fs.StringVar(&rf.progress, "progress", "auto", "progress bar on stderr: auto (when stderr is a terminal), always or never")
	if mode == modeClean {
		fs.StringVar(&rf.outputField, "output-field", "", "JSONL: write the cleaned text to this field and leave the text field as it was (default: replace the text field)")
		fs.BoolVar(&rf.mark, "mark", false, "leave the text whole and add the byte spans of noise lines: JSONL field \"chaff_spans\" [[start,end,category,score],...]; other inputs give one JSON record per document")
		fs.Var(&rf.sep, "separator", separatorHelp)
		fs.Float64Var(&rf.maxDrop, "max-drop", 1, "largest share of a document's non-blank lines that may be removed, in [0,1]; a document past it is left whole and flagged (\"uncut\")")
	}
	rf.boundFlags.add(fs)
	rf.rep.add(fs)
}

// boundFlags bound what one document may cost to classify, for clean,
// label, annotate and report.
type boundFlags struct {
	maxLines int
	maxTags  int
}

func (bf *boundFlags) add(fs *flag.FlagSet) {
	fs.IntVar(&bf.maxLines, "max-lines", defaultMaxLines, "largest number of lines (HTML: blocks) of a document; a document with more fails alone, the others are classified (0: no limit)")
	fs.IntVar(&bf.maxTags, "max-tags", htmltext.DefaultMaxTags, "largest number of tags ('<' bytes) of an HTML page, counted before it is parsed: its DOM costs about 260 bytes a tag; a page with more fails alone (0: no limit)")
}

// validate checks the bounds.
func (bf *boundFlags) validate() error {
	if bf.maxLines < 0 {
		return usagef("--max-lines %d: want 0 (no limit) or more", bf.maxLines)
	}
	if bf.maxTags < 0 {
		return usagef("--max-tags %d: want 0 (no limit) or more", bf.maxTags)
	}
	return nil
}

// apply sets the bounds in a classifier's configuration.
func (bf *boundFlags) apply(cfg *classify.Config) {
	cfg.MaxLines = bf.maxLines
	cfg.MaxTags = bf.htmlMaxTags()
}

// htmlMaxTags is --max-tags as classify.Config.MaxTags takes it.
func (bf *boundFlags) htmlMaxTags() int {
	if bf.maxTags == 0 {
		return -1 // no limit
	}
	return bf.maxTags
}

// defaultMaxLines is the default of --max-lines (see clean.DefaultMaxLines).
const defaultMaxLines = clean.DefaultMaxLines

// inputFlags are the flags that choose and read inputs, shared by clean,
// label, annotate and report.
type inputFlags struct {
	inFormat  string
	include   listFlag
	exclude   listFlag
	textField string
	idField   string
	urlField  string
	html      bool

	// Limits (see input.Options).
	maxDocumentSize, maxRecordSize, maxLineSize, maxHeaderSize sizeFlag

	formatFlag string // the name of the format flag, for messages
}

// sizeFlag is a byte size given as 512k, 64MB or 1GiB (see
// input.ParseSize).
type sizeFlag int64

func (s *sizeFlag) String() string { return input.FormatSize(int64(*s)) }

func (s *sizeFlag) Set(v string) error {
	n, err := input.ParseSize(v)
	if err != nil {
		return err
	}
	*s = sizeFlag(n)
	return nil
}

// sizeUnits says how the size flags are written; the help shows it once,
// above them.
const sizeUnits = "SIZE: 512k, 64MB, 1GiB; k, M, G and KiB, MiB, GiB are powers of 1024, KB, MB, GB of 1000."

// add registers the input flags; report names its format and HTML flags
// differently because its own --format and --html are about its output.
func (in *inputFlags) add(fs *flag.FlagSet, formatFlag, htmlFlag, site string) {
	fs.StringVar(&in.inFormat, formatFlag, "auto", "input format: auto, text, html, jsonl, json (one document of records) or warc (auto: by extension, then content)")
	fs.Var(&in.include, "include", "read only files under directory arguments whose name or relative path matches this `GLOB` (repeatable, comma-separated)")
	fs.Var(&in.exclude, "exclude", "skip files and directories whose name or relative path matches this `GLOB` (repeatable, comma-separated); chaff's own label files, *.gold, are always skipped in directories")
	fs.StringVar(&in.textField, "text-field", "text", "JSONL field holding the document text")
	fs.StringVar(&in.idField, "id-field", "id", "JSONL field holding the document id")
	fs.StringVar(&in.urlField, "url-field", "url", "JSONL field holding the document URL ("+site+")")
	fs.BoolVar(&in.html, htmlFlag, false, "treat every document body as HTML (including JSONL text fields) and classify it as a page")
	in.maxDocumentSize, in.maxRecordSize = input.DefaultMaxDocumentSize, input.DefaultMaxRecordSize
	in.maxLineSize, in.maxHeaderSize = input.DefaultMaxLineSize, input.DefaultMaxHeaderSize
	fs.Var(&in.maxDocumentSize, "max-document-size", "largest `SIZE` of a text or HTML file, a JSON document of records or a decoded WARC payload; a larger one fails alone")
	fs.Var(&in.maxLineSize, "max-line-size", "largest `SIZE` of a JSONL line; a longer line fails alone")
	fs.Var(&in.maxRecordSize, "max-record-size", "largest `SIZE` of a WARC record block (its Content-Length); a larger record fails alone and reading goes on at the next WARC/ line")
	fs.Var(&in.maxHeaderSize, "max-header-size", "largest `SIZE` of a WARC record header; a larger one fails alone")
	in.formatFlag = formatFlag
}

// inputOptions turns the flags into input options.
func (in *inputFlags) inputOptions() (input.Options, error) {
	f, err := input.ParseFormat(in.inFormat)
	if err != nil {
		return input.Options{}, usagef("--%s: %v", in.formatFlag, err)
	}
	for _, name := range []struct{ flag, v string }{{"text-field", in.textField}, {"id-field", in.idField}, {"url-field", in.urlField}} {
		if name.v == "" {
			return input.Options{}, usagef("--%s must not be empty", name.flag)
		}
	}
	return input.Options{
		Format:    f,
		Include:   in.include,
		Exclude:   withGold(in.exclude),
		TextField: in.textField,
		IDField:   in.idField,
		URLField:  in.urlField,

		MaxDocumentSize: int64(in.maxDocumentSize),
		MaxRecordSize:   int64(in.maxRecordSize),
		MaxLineSize:     int(min(in.maxLineSize, math.MaxInt)),
		MaxHeaderSize:   int(min(in.maxHeaderSize, math.MaxInt)),
	}, nil
}

// validate checks the flags; set holds the names of the flags given.
func (rf *runFlags) validate(set map[string]bool) error {
	if err := checkJobs(rf.jobs); err != nil {
		return err
	}
	if err := rf.boundFlags.validate(); err != nil {
		return err
	}
	if err := checkShare("max-drop", rf.maxDrop); err != nil {
		return err
	}
	switch rf.progress {
	case "auto", "always", "never":
	default:
		return usagef("--progress %q: want auto, always or never", rf.progress)
	}
	if rf.mark && rf.outputField != "" {
		return usagef("--mark leaves the text whole: --output-field has no use with it")
	}
	if set["separator"] && rf.outDir != "" {
		return usagef("--separator is for standard output: with --output each text document has a file of its own")
	}
	return rf.rep.validate(set)
}

// withGold adds chaff's gold label files to the exclude patterns: a
// directory of labelled fixtures holds NAME.txt documents beside NAME.gold
// labels, and only the documents are inputs.
func withGold(exclude []string) []string {
	return append(slices.Clone(exclude), "*"+gold.Ext)
}
