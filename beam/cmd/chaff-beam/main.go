// Command chaff-beam cleans a corpus with chaff on Apache Beam: the
// records of JSONL (plain, .gz, .zst) and WARC files matched by --input are
// classified on the workers, repeated lines are counted across the whole
// corpus with --repeated, and the records are written as sharded JSONL in
// the shape `chaff clean` writes, failures to a dead letter.
//
//	chaff-beam --input 'crawl/*.jsonl.gz' --output out/clean --dead-letter out/failed \
//	    --repeated --repeated-keep-first
//
// runs on the local runner (prism, in this process); --runner dataflow,
// flink or spark with their own flags run the same pipeline on a cluster.
//
// Exit codes: 0 done; 1 the pipeline failed, or records failed (they are in
// the dead letter); 2 bad flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/gcs"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/x/beamx"

	"github.com/chaff-dev/chaff/beam/pipeline"
)

// listFlag is a repeatable flag; each use may hold a comma-separated list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

// Set adds the comma-separated values of s.
func (l *listFlag) Set(s string) error {
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			*l = append(*l, p)
		}
	}
	return nil
}

// flags are chaff-beam's own flags; Beam's (--runner and the runners'
// options) share the command line.
type flags struct {
	inputs    listFlag
	keep      listFlag
	textModel string
	htmlModel string
	maxDrop   float64
	repeated  bool
	repScope  string
	repMin    int
	repKeep   bool
	repNorm   bool
	cfg       pipeline.Config
}

// register adds the flags to fs.
func (f *flags) register(fs *flag.FlagSet) {
	c := &f.cfg
	fs.Var(&f.inputs, "input", "input files: a path or glob (local or gs://) of JSONL (plain, .gz, .zst) or WARC (.warc, .warc.gz) files; repeatable, comma-separated")
	fs.StringVar(&c.Output, "output", "", "prefix of the cleaned JSONL shards, one per input file: PREFIX-00000-of-00012.jsonl for the first of 12")
	fs.StringVar(&c.DeadLetter, "dead-letter", "", "prefix of the dead-letter shards, one per input file with failures: one JSON object per failed record, {\"file\",\"record\",\"error\"}")
	fs.BoolVar(&c.Clean.ForceHTML, "html", false, "treat every document body as HTML (including JSONL text fields) and classify it as a page")
	fs.StringVar(&f.textModel, "text-model", "accurate", "embedded model for text: accurate, or fast (several times the speed, a little less accurate)")
	fs.StringVar(&f.htmlModel, "html-model", "fast", "embedded model for HTML: fast (without go-readability), or accurate (reads go-readability's article: about half the pages per second)")
	fs.Float64Var(&c.Model.Threshold, "threshold", 0.5, "noise score from which the model drops a line, in (0,1]; higher keeps more")
	fs.Var(&f.keep, "keep", "noise categories to keep instead of dropping (e.g. byline,dateline); repeatable, comma-separated")
	fs.BoolVar(&c.Model.DropTitle, "drop-title", false, "leave the title out of the cleaned text")
	fs.BoolVar(&c.Model.NoFallback, "no-fallback", false, "leave a document the model empties empty (default: its least noisy block is kept)")
	fs.IntVar(&c.Model.MaxLines, "max-lines", 0, "largest number of lines (HTML: blocks) of a document; a longer one fails alone (0: 32,000,000)")
	fs.IntVar(&c.Model.MaxTags, "max-tags", 0, "largest number of tags of an HTML page; a page with more fails alone (0: 500,000)")
	fs.Float64Var(&f.maxDrop, "max-drop", 1, "largest share of a document's non-blank lines that may be removed, in [0,1]; a document past it is left whole and flagged (\"uncut\")")
	fs.BoolVar(&c.Clean.Mark, "mark", false, "leave the text whole and add the byte spans of noise lines: field \"chaff_spans\" [[start,end,category,score],...]")
	fs.StringVar(&c.Read.TextField, "text-field", "text", "JSONL field holding the document text")
	fs.StringVar(&c.Read.IDField, "id-field", "id", "JSONL field holding the document id")
	fs.StringVar(&c.Read.URLField, "url-field", "url", "JSONL field holding the document URL (its host is the site for --repeated)")
	fs.StringVar(&c.Clean.OutputField, "output-field", "", "write the cleaned text to this field and leave the text field as it was (default: replace the text field)")
	fs.BoolVar(&f.repeated, "repeated", false, "drop lines that recur across documents of one site (or of the corpus) as category \"repeated\", counted over the whole corpus before any is dropped")
	fs.IntVar(&f.repMin, "repeated-min", 3, "number of documents a line must occur in to be repeated, 2..255")
	fs.StringVar(&f.repScope, "repeated-scope", "site", "count lines per site (host of the URL field or WARC target) or across the whole corpus: site or corpus")
	fs.BoolVar(&f.repKeep, "repeated-keep-first", false, "keep the copy of a repeated line in its first document (by file, then record number) and drop the later ones; default: drop every copy")
	fs.BoolVar(&f.repNorm, "repeated-normalize", false, "compare lines with case folded, digit runs as one digit, punctuation, symbols and spaces removed")
}

// errUsage marks an error in the flags (exit 2).
var errUsage = errors.New("usage")

// config checks the flags and returns the pipeline's configuration; set
// holds the names of the flags given.
func (f *flags) config(set map[string]bool) (pipeline.Config, error) {
	c := f.cfg
	c.Inputs = f.inputs
	c.Model.Keep = f.keep
	for _, m := range []struct {
		flag, value, kind string
		dst               *string
	}{{"text-model", f.textModel, "text", &c.Model.TextModel}, {"html-model", f.htmlModel, "html", &c.Model.HTMLModel}} {
		if m.value != "accurate" && m.value != "fast" {
			return c, fmt.Errorf("%w: --%s %q: want accurate or fast", errUsage, m.flag, m.value)
		}
		*m.dst = m.value + "-" + m.kind
	}
	if !(c.Model.Threshold > 0 && c.Model.Threshold <= 1) {
		return c, fmt.Errorf("%w: --threshold %v: want a number in (0,1]", errUsage, c.Model.Threshold)
	}
	if c.Clean.Mark && c.Clean.OutputField != "" {
		return c, fmt.Errorf("%w: --mark leaves the text whole: --output-field has no use with it", errUsage)
	}
	c.Clean.MaxDrop = maxDrop(f.maxDrop)
	for _, name := range []string{"repeated-min", "repeated-scope", "repeated-keep-first", "repeated-normalize"} {
		if set[name] && !f.repeated {
			return c, fmt.Errorf("%w: --%s needs --repeated", errUsage, name)
		}
	}
	if f.repeated {
		c.Repeated.On = true
		c.Repeated.Min, c.Repeated.Scope = f.repMin, f.repScope
		c.Repeated.KeepFirst, c.Repeated.Normalize = f.repKeep, f.repNorm
	}
	if err := c.Validate(); err != nil {
		return c, fmt.Errorf("%w: %v", errUsage, err)
	}
	return c, nil
}

// maxDrop is --max-drop as chaff.CleanOptions takes it: there 0 means no
// bound, while the flag's 0 leaves whole every document that would lose a
// line, so it becomes a share below one line's.
func maxDrop(v float64) float64 {
	if v == 0 {
		return 1e-12
	}
	return v
}

func main() {
	os.Exit(run(context.Background(), os.Stderr))
}

// run parses the command line, builds the pipeline and runs it on the
// runner --runner names (prism by default); it returns the exit code.
func run(ctx context.Context, stderr io.Writer) int {
	var f flags
	f.register(flag.CommandLine)
	flag.Parse()
	// A worker started by a runner with --worker runs its harness here and
	// never returns.
	beam.Init()
	set := map[string]bool{}
	flag.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	cfg, err := f.config(set)
	if err == nil && flag.NArg() > 0 {
		err = fmt.Errorf("%w: unexpected arguments %q: inputs go in --input", errUsage, flag.Args())
	}
	if err != nil {
		fmt.Fprintln(stderr, "chaff-beam:", err)
		return 2
	}
	p, s := beam.NewPipelineWithRoot()
	if err := pipeline.Build(ctx, s, cfg); err != nil {
		fmt.Fprintln(stderr, "chaff-beam:", err)
		return 2
	}
	res, err := beamx.RunWithMetrics(ctx, p)
	if err != nil {
		fmt.Fprintln(stderr, "chaff-beam: the pipeline failed:", err)
		return 1
	}
	return summary(stderr, res)
}

// summary writes the counters to stderr, when the runner gives them, and
// returns 1 when records failed.
func summary(w io.Writer, res beam.PipelineResult) int {
	var counts map[string]int64
	if res != nil {
		counts = pipeline.Counts(res.Metrics())
	}
	if len(counts) == 0 {
		fmt.Fprintln(w, "chaff-beam: done (the runner gave no counters)")
		return 0
	}
	names := make([]string, 0, len(counts))
	for n := range counts {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		fmt.Fprintf(w, "%s\t%d\n", n, counts[n])
	}
	if counts["records_failed"] > 0 {
		fmt.Fprintf(w, "chaff-beam: %d records failed: see the dead letter\n", counts["records_failed"])
		return 1
	}
	return 0
}
