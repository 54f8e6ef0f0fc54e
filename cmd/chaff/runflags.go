package main

import (
	"flag"
	"runtime"
	"slices"
	"strings"

	"github.com/chaff-dev/chaff/gold"
	"github.com/chaff-dev/chaff/input"
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
	jobs        int
	outDir      string
	outputField string
	mark        bool
	maxDrop     float64
	maxLines    int
	statsFile   string
	progress    string
	rep         repeatFlags
}

func (rf *runFlags) add(fs *flag.FlagSet, mode mode) {
	fs.IntVar(&rf.jobs, "j", runtime.NumCPU(), "number of documents classified at once")
	fs.StringVar(&rf.outDir, "output", "", "write one file per input under `DIR`, mirroring the input paths, each written atomically (default: stdout)")
	rf.inputFlags.add(fs, "format", "html", "its host is the site for --repeated")
	fs.StringVar(&rf.statsFile, "stats", "", "also write the final summary as JSON to `FILE`")
	fs.StringVar(&rf.progress, "progress", "auto", "progress bar on stderr: auto (when stderr is a terminal), always or never")
	if mode == modeClean {
		fs.StringVar(&rf.outputField, "output-field", "", "JSONL: write the cleaned text to this field and leave the text field as it was (default: replace the text field)")
		fs.BoolVar(&rf.mark, "mark", false, "leave the text whole and add the byte spans of noise lines: JSONL field \"chaff_spans\" [[start,end,category,score],...]; other inputs give one JSON record per document")
		fs.Float64Var(&rf.maxDrop, "max-drop", 1, "largest share of a document's non-blank lines that may be removed, in [0,1]; a document past it is left whole and flagged (\"uncut\")")
	}
	fs.IntVar(&rf.maxLines, "max-lines", defaultMaxLines, "largest number of lines (HTML: blocks) of a document; a document with more fails alone, the others are classified (0: no limit)")
	rf.rep.add(fs)
}

// defaultMaxLines is the default of --max-lines. Memory does not grow
// with a document's lines (they are classified in windows), but time and
// the label output do: a document of 10 M short lines takes half a
// minute to clean and several to label (1 GB of labels). 32 M lets
// through a 20 MB file of empty lines (21 M) and bounds what one
// document can take; no web page comes near.
const defaultMaxLines = 32_000_000

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

	formatFlag string // the name of the format flag, for messages
}

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
	}, nil
}

func (rf *runFlags) validate() error {
	if rf.jobs < 1 {
		return usagef("-j %d: want at least 1", rf.jobs)
	}
	if rf.maxLines < 0 {
		return usagef("--max-lines %d: want 0 (no limit) or more", rf.maxLines)
	}
	if rf.maxDrop < 0 || rf.maxDrop > 1 {
		return usagef("--max-drop %v: want a share in [0,1]", rf.maxDrop)
	}
	switch rf.progress {
	case "auto", "always", "never":
	default:
		return usagef("--progress %q: want auto, always or never", rf.progress)
	}
	if rf.mark && rf.outputField != "" {
		return usagef("--mark leaves the text whole: --output-field has no use with it")
	}
	return rf.rep.validate()
}

// withGold adds chaff's gold label files to the exclude patterns: a
// directory of labelled fixtures holds NAME.txt documents beside NAME.gold
// labels, and only the documents are inputs.
func withGold(exclude []string) []string {
	return append(slices.Clone(exclude), "*"+gold.Ext)
}
