package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/clean"
	"github.com/chaff-dev/chaff/internal/output"
)

// textCommand runs clean, label or annotate: every document of the inputs
// (files, directories, "-") is classified on a pool of workers and its
// output written in input order, to stdout or under --output DIR.
func textCommand(e *env, name string, m mode, args []string) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var lf logFlags
	var cf classifyFlags
	rf := runFlags{maxDrop: 1}
	lf.add(fs)
	cf.add(fs)
	rf.add(fs, m)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: chaff %s [flags] [FILE|DIR|-]...\n\n%s\n\n", name, commandHelp[m])
		printFlags(fs)
	}
	if err := parse(fs, e, args); err != nil {
		return err
	}
	if err := lf.apply(e.log); err != nil {
		return err
	}
	if err := rf.validate(givenFlags(fs)); err != nil {
		return err
	}
	if m == modeClean {
		if err := rf.checkFieldFlags(); err != nil {
			return err
		}
	}
	opts, err := rf.inputOptions()
	if err != nil {
		return err
	}
	cfg, err := cf.config()
	if err != nil {
		return err
	}
	cfg.SkipReasons = m == modeClean           // clean shows no reasons: explaining costs as much as scoring
	cfg.StopEarly = m == modeClean && !rf.mark // clean writes no scores but --mark's
	rf.boundFlags.apply(&cfg)
	cl, err := classify.New(cfg)
	if err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	if err := checkOutputs(paths, &rf, m); err != nil {
		return err
	}
	// A killed run's temporary files are never inputs.
	opts.Exclude = append(opts.Exclude, output.TempGlob)
	if rf.outDir != "" {
		opts.Exclude = append(opts.Exclude, excludeOutput(paths, rf.outDir)...)
	}
	rep, err := rf.rep.state(paths, cfg.Keep)
	if err != nil {
		return err
	}
	ctx, caught, stop := e.interruptible(context.Background())
	defer stop()
	opts.Stdin = e.stdin
	if e.notify != nil && slices.Contains(paths, "-") {
		opts.Stdin = stdinUntil(ctx, e.stdin)
	}
	r := &runner{
		e: e, mode: m, rf: &rf, cl: cl, policy: cf.policy(), paths: paths, opts: opts, rep: rep,
		prog: newProgress(e.stderr, showProgress(rf.progress, e.stderr), paths, len(rf.include)+len(rf.exclude) > 0),
	}
	if m == modeClean {
		r.cleaner = clean.New(clean.Options{Policy: r.policy, TextField: rf.textField, OutputField: rf.outputField, Mark: rf.mark, MaxDrop: rf.maxDrop})
		r.fields = r.cleaner.Options().Written()
	}
	r.dest = newDestination(e.stdout, m, rf.mark, rf.outDir, rf.sep, e.createFile, r.settle)
	return r.run(ctx, caught)
}

// checkOutputs refuses, before anything is written, an output that would
// replace an input: a file under --output, or the --stats file.
func checkOutputs(paths []string, rf *runFlags, m mode) error {
	ins := newInputSet(paths)
	if rf.outDir != "" {
		if err := ins.checkOutDir(rf.outDir, m, rf.mark, paths); err != nil {
			return err
		}
	}
	return ins.checkFile("--stats", rf.statsFile)
}

// excludeOutput returns exclude patterns that keep a directory walk from
// reading the output directory when it lies inside an input directory.
func excludeOutput(paths []string, outDir string) []string {
	var out []string
	absOut := resolve(outDir)
	for _, p := range paths {
		if p == "-" {
			continue
		}
		absIn := resolve(p)
		rel, err := filepath.Rel(absIn, absOut)
		if err != nil || rel == "." || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			continue
		}
		if fi, err := os.Stat(p); err == nil && fi.IsDir() {
			out = append(out, filepath.ToSlash(rel))
		}
	}
	return out
}

var commandHelp = map[mode]string{
	modeClean: `Writes the kept lines of each document. Inputs are files, directories
(walked recursively; see --include, --exclude) and "-" for stdin, in text,
HTML, JSONL or WARC, plain or gzip/zstd compressed. A text or HTML file gives
its cleaned text; a JSONL record gives the same record with the cleaned text
in its text field (or --output-field), every other field byte for byte, and a
field "chaff": {"lines":N,"kept":M,"dropped":{category:n},"uncut":true}; a
WARC record gives a JSON object {"id","url","text","chaff"}. A document the
model empties (it keeps fewer than 5 words of 20 or more) gets its least
noisy block of lines back, and "fallback":"best-block" in "chaff"
(--no-fallback leaves it empty).`,
	modeLabel: `Writes one JSON object per line of each document: file, record and id
(for JSONL and WARC records), line, offset, label, kind or category, score,
reasons and text.`,
	modeAnnotate: `Shows each line of each document with its label, category and score.`,
}

func runClean(e *env, args []string) error    { return textCommand(e, "clean", modeClean, args) }
func runLabel(e *env, args []string) error    { return textCommand(e, "label", modeLabel, args) }
func runAnnotate(e *env, args []string) error { return textCommand(e, "annotate", modeAnnotate, args) }
