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
	jobs        int
	outDir      string
	format      string
	include     listFlag
	exclude     listFlag
	textField   string
	idField     string
	urlField    string
	outputField string
	html        bool
	mark        bool
	maxDrop     float64
	statsFile   string
	progress    string
	rep         repeatFlags
}

func (rf *runFlags) add(fs *flag.FlagSet, mode mode) {
	fs.IntVar(&rf.jobs, "j", runtime.NumCPU(), "number of documents classified at once")
	fs.StringVar(&rf.outDir, "output", "", "write one file per input under `DIR`, mirroring the input paths, each written atomically (default: stdout)")
	fs.StringVar(&rf.format, "format", "auto", "input format: auto, text, html, jsonl, json (one document of records) or warc (auto: by extension, then content)")
	fs.Var(&rf.include, "include", "read only files under directory arguments whose name or relative path matches this `GLOB` (repeatable, comma-separated)")
	fs.Var(&rf.exclude, "exclude", "skip files and directories whose name or relative path matches this `GLOB` (repeatable, comma-separated); chaff's own label files, *.gold, are always skipped in directories")
	fs.StringVar(&rf.textField, "text-field", "text", "JSONL field holding the document text")
	fs.StringVar(&rf.idField, "id-field", "id", "JSONL field holding the document id")
	fs.StringVar(&rf.urlField, "url-field", "url", "JSONL field holding the document URL (its host is the site for --repeated)")
	fs.BoolVar(&rf.html, "html", false, "treat every document body as HTML (including JSONL text fields) and extract its text first")
	fs.StringVar(&rf.statsFile, "stats", "", "also write the final summary as JSON to `FILE`")
	fs.StringVar(&rf.progress, "progress", "auto", "progress bar on stderr: auto (when stderr is a terminal), always or never")
	if mode == modeClean {
		fs.StringVar(&rf.outputField, "output-field", "", "JSONL: write the cleaned text to this field and leave the text field as it was (default: replace the text field)")
		fs.BoolVar(&rf.mark, "mark", false, "leave the text whole and add the byte spans of noise lines: JSONL field \"chaff_spans\" [[start,end,category,score],...]; other inputs give one JSON record per document")
		fs.Float64Var(&rf.maxDrop, "max-drop", 1, "largest share of a document's non-blank lines that may be removed, in [0,1]; a document past it is left whole and flagged (\"uncut\")")
	}
	rf.rep.add(fs)
}

// inputOptions turns the flags into input options.
func (rf *runFlags) inputOptions() (input.Options, error) {
	f, err := input.ParseFormat(rf.format)
	if err != nil {
		return input.Options{}, usagef("--format: %v", err)
	}
	for _, name := range []struct{ flag, v string }{{"text-field", rf.textField}, {"id-field", rf.idField}, {"url-field", rf.urlField}} {
		if name.v == "" {
			return input.Options{}, usagef("--%s must not be empty", name.flag)
		}
	}
	return input.Options{
		Format:    f,
		Include:   rf.include,
		Exclude:   withGold(rf.exclude),
		TextField: rf.textField,
		IDField:   rf.idField,
		URLField:  rf.urlField,
	}, nil
}

func (rf *runFlags) validate() error {
	if rf.jobs < 1 {
		return usagef("-j %d: want at least 1", rf.jobs)
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
