package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"sort"
	"text/tabwriter"
	"time"

	"github.com/chaff-dev/chaff/aeb"
	"github.com/chaff-dev/chaff/classify"
	"github.com/chaff-dev/chaff/evaluate"
	"github.com/chaff-dev/chaff/gold"
	"github.com/chaff-dev/chaff/htmltext"
	"github.com/chaff-dev/chaff/learn"
	"github.com/chaff-dev/chaff/model"
	"github.com/chaff-dev/chaff/variants"
	"github.com/sirupsen/logrus"
)

// systemScore is one row of eval's table.
type systemScore struct {
	System         string  `json:"system"`
	Precision      float64 `json:"precision"`
	Recall         float64 `json:"recall"`
	F1             float64 `json:"f1"`
	Docs           int     `json:"docs"`
	Chaff          bool    `json:"chaff"`
	CrossValidated bool    `json:"cross_validated"`
	Folds          int     `json:"folds,omitempty"`
	// Seeds holds one score per cross-validation run when --repeat runs
	// more than one; the row's figures are then their means.
	Seeds []seedScore `json:"seeds,omitempty"`
}

// seedScore is chaff's score on one cross-validation run.
type seedScore struct {
	Seed      uint64  `json:"seed"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func runEval(e *env, args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: chaff eval --bench DIR [flags]

Score chaff on the article-extraction benchmark in DIR beside every system
whose output is in DIR/output, all with the benchmark's own metric, sorted
by F1. In text mode (the default) chaff reads the naive text dump of each
page (output/html-text.json); in HTML mode it reads the page itself
(html/<id>.html.gz), one line per block of text. Its extraction is the kept
lines joined by newlines.

With --folds K (default 5) the pages are split into K folds; each fold is
classified by a model trained on the other folds only, labels derived from
the ground truth, so the figure is that of pages the model never saw. With
--folds 0 the given model (--model, or the embedded one) is scored as it
is: the embedded model was trained on these very pages, so that row is not
cross-validated and overstates chaff.

How the pages fall into folds moves the figure by a few thousandths. With
--repeat N the cross-validation runs N times, with seeds --seed, --seed+1,
..., and chaff's row is the mean of the N runs (each run's figures are in
the JSON output and the log): compare two models on several seeds before
calling a difference a gain.

Flags:
`)
		fs.PrintDefaults()
	}
	var lf logFlags
	var tf trainFlags
	var cf classifyFlags
	var extra pathList
	var bench, mode, format string
	var folds, repeat int
	var keepTitle bool
	lf.add(fs)
	tf.add(fs)
	fs.StringVar(&bench, "bench", "", "benchmark directory: ground-truth.json and output/*.json (required)")
	fs.StringVar(&mode, "mode", "text", "what chaff reads: text (the naive text dumps) or html (the pages)")
	fs.IntVar(&folds, "folds", 5, "cross-validation folds, by page; 0 scores --model (or the embedded model) without cross-validation")
	fs.IntVar(&repeat, "repeat", 1, "cross-validation runs, with seeds --seed, --seed+1, ...; chaff's row is their mean")
	fs.BoolVar(&keepTitle, "keep-title", false, "count the title line as extracted text; off because the benchmark's articleBody leaves the headline out")
	fs.StringVar(&format, "format", "table", "output: table or json")
	fs.Var(&extra, "gold", "labelled documents added to every fold's training set with --gold-weight, never scored (repeatable)")
	fs.Float64Var(&cf.threshold, "threshold", classify.DefaultThreshold, "noise score from which the model drops a line, in (0,1]")
	fs.StringVar(&cf.modelPath, "model", "", "model file to score with --folds 0 (default: the embedded model)")
	fs.StringVar(&cf.textModel, "text-model", "accurate", "text model: accurate, or fast (package skim); cross-validation trains that kind, --folds 0 scores the embedded one")
	fs.StringVar(&cf.htmlModel, "html-model", "", "HTML model to score with --folds 0 and --mode html: accurate (the embedded default), fast (the embedded one without go-readability) or a file")
	if err := parse(fs, e, args); err != nil {
		return err
	}
	if err := lf.apply(e.log); err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return usagef("unexpected argument %q", fs.Arg(0))
	case bench == "":
		return usagef("--bench DIR is required")
	case mode != "text" && mode != "html":
		return usagef("--mode %q: want text or html", mode)
	case folds < 0 || folds == 1:
		return usagef("--folds %d: want 0 (no cross-validation) or at least 2", folds)
	case repeat < 1:
		return usagef("--repeat %d: want 1 or more", repeat)
	case folds == 0 && repeat > 1:
		return usagef("--repeat runs cross-validation; it needs --folds 2 or more")
	case format != "table" && format != "json":
		return usagef("--format %q: want table or json", format)
	case folds > 0 && (cf.modelPath != "" || cf.htmlModel != ""):
		return usagef("--model and --html-model are scored with --folds 0 only; cross-validation trains its own models")
	case folds == 0 && len(extra) > 0:
		return usagef("--gold adds training documents to cross-validation; it needs --folds 2 or more")
	case mode == "html" && len(extra) > 0:
		return usagef("--gold documents are text; HTML mode trains on pages only")
	case mode == "html" && cf.textModel == "fast":
		return usagef("--text-model fast is for text mode")
	}
	tf.fast = cf.textModel == "fast"
	mcfg, err := tf.config(mode == "html")
	if err != nil {
		return err
	}
	base, err := cf.config()
	if err != nil {
		return err
	}
	var b *aeb.Bench
	var docs []*gold.Doc
	var pages []*htmltext.Page
	if mode == "html" {
		// Pages carry go-readability's signal when the models that score
		// them read it: the ones cross-validation trains, or the one scored.
		rb := mcfg.Readability
		if folds == 0 {
			m := base.HTMLModel
			if m == nil {
				if m, err = model.DefaultHTML(); err != nil {
					return err
				}
			}
			rb = m.Readability
		}
		b, docs, pages, err = evaluate.BenchPages(bench, htmltext.Options{Readability: rb})
	} else {
		b, docs, err = evaluate.BenchDocs(bench)
	}
	if err != nil {
		return err
	}
	if folds > len(docs) {
		return usagef("--folds %d: the benchmark has only %d pages", folds, len(docs))
	}
	var extraDocs []*gold.Doc
	if len(extra) > 0 {
		if extraDocs, err = gold.LoadAll(extra...); err != nil {
			return err
		}
	}

	row := systemScore{Chaff: true, Folds: folds}
	var layoutRows []systemScore
	if folds > 0 {
		env, err := defaultEnv()
		if err != nil {
			return err
		}
		skimCfg, err := tf.skimConfig()
		if err != nil {
			return err
		}
		var layouts []learn.Layout
		if pages == nil {
			for _, l := range evalLayouts {
				layouts = append(layouts, l.layout)
				layoutRows = append(layoutRows, systemScore{Chaff: true, Folds: folds})
			}
		}
		for r := range repeat {
			cfg := mcfg
			cfg.Seed += uint64(r)
			cfg.Forest.Seed += uint64(r)
			start := time.Now()
			var classified [][]*classify.Document
			if base.Skim != nil {
				scfg := skimCfg
				scfg.Seed, scfg.Forest.Seed = cfg.Seed, cfg.Forest.Seed
				classified, err = learn.CrossValidateSkim(docs, extraDocs, tf.weights(), folds, scfg, base, layouts...)
			} else {
				classified, err = learn.CrossValidate(env, docs, extraDocs, tf.weights(), pages, folds, cfg, base, layouts...)
			}
			if err != nil {
				return err
			}
			for j, c := range classified {
				s, err := score(b, c, keepTitle)
				if err != nil {
					return err
				}
				r := &row
				what := "the benchmark"
				if j > 0 {
					r, what = &layoutRows[j-1], "the benchmark "+evalLayouts[j-1].name
				}
				entry := e.log.WithField("seed", cfg.Seed)
				if j == 0 {
					entry = logClassified(e, len(docs), folds, time.Since(start)).WithField("seed", cfg.Seed)
				}
				entry.WithField("f1", fmt.Sprintf("%.4f", s.F1)).Info("chaff cross-validated on " + what)
				r.Seeds = append(r.Seeds, seedScore{Seed: cfg.Seed, Precision: s.Precision, Recall: s.Recall, F1: s.F1})
				r.Docs = s.Docs
			}
		}
		meanOfSeeds(&row, folds, "")
		for j := range layoutRows {
			meanOfSeeds(&layoutRows[j], folds, ", "+evalLayouts[j].name)
		}
	} else {
		cl, err := classify.New(base)
		if err != nil {
			return err
		}
		start := time.Now()
		var classified []*classify.Document
		for k, d := range docs {
			if pages != nil {
				classified = append(classified, cl.ClassifyPage(pages[k]))
			} else {
				classified = append(classified, cl.Classify(d.Data))
			}
		}
		logClassified(e, len(docs), folds, time.Since(start)).Info("chaff classified the benchmark")
		s, err := score(b, classified, keepTitle)
		if err != nil {
			return err
		}
		row.Precision, row.Recall, row.F1, row.Docs = s.Precision, s.Recall, s.F1, s.Docs
		row.System = "chaff (not cross-validated: trained on these pages?)"
	}
	rows := append([]systemScore{row}, layoutRows...)

	systems, err := aeb.Systems(bench)
	if err != nil {
		return err
	}
	for _, sys := range systems {
		out, err := aeb.LoadOutput(aeb.OutputPath(bench, sys))
		if err != nil {
			return err
		}
		s := aeb.Evaluate(b.Truth, out, b.IDs)
		rows = append(rows, systemScore{System: sys, Precision: s.Precision, Recall: s.Recall, F1: s.F1, Docs: s.Docs})
	}
	sortScores(rows)
	if format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	return writeScores(e.stdout, rows)
}

// evalLayouts are the layouts of other scrapers that text-mode
// cross-validation also scores chaff on: each held-out page rewritten
// (package variants) and classified by the same fold's model. The width
// is one the training variants do not use.
var evalLayouts = []struct {
	name   string
	layout learn.Layout
}{
	{"without blank lines", variants.NoBlank},
	{"wrapped at 72 columns", func(d *gold.Doc) *gold.Doc { return variants.Wrapped(d, 72) }},
}

// meanOfSeeds sets a cross-validated row's figures to the means of its
// seeds and names it, with what said of its input; the seeds stay in the
// row only when there are several.
func meanOfSeeds(row *systemScore, folds int, what string) {
	for _, sc := range row.Seeds {
		n := float64(len(row.Seeds))
		row.Precision += sc.Precision / n
		row.Recall += sc.Recall / n
		row.F1 += sc.F1 / n
	}
	row.System, row.CrossValidated = fmt.Sprintf("chaff (%d-fold cross-validated%s)", folds, what), true
	if len(row.Seeds) > 1 {
		lo, hi := row.Seeds[0].F1, row.Seeds[0].F1
		for _, sc := range row.Seeds {
			lo, hi = min(lo, sc.F1), max(hi, sc.F1)
		}
		row.System = fmt.Sprintf("chaff (%d-fold cross-validated%s, mean of %d seeds, F1 %.3f-%.3f)", folds, what, len(row.Seeds), lo, hi)
	} else {
		row.Seeds = nil
	}
}

// score rates chaff's extraction from the classified documents with the
// benchmark's metric.
func score(b *aeb.Bench, classified []*classify.Document, keepTitle bool) (aeb.Score, error) {
	pred, err := evaluate.Extractions(b.IDs, classified, keepTitle)
	if err != nil {
		return aeb.Score{}, err
	}
	return aeb.Evaluate(b.Truth, pred, b.IDs), nil
}

// logClassified returns the log entry of one pass of chaff over the
// benchmark, with its pace.
func logClassified(e *env, docs, folds int, took time.Duration) *logrus.Entry {
	return e.log.WithFields(map[string]any{
		"docs":   docs,
		"folds":  folds,
		"took":   took.Round(time.Millisecond).String(),
		"docs/s": fmt.Sprintf("%.1f", float64(docs)/took.Seconds()),
	})
}

// sortScores orders rows by F1, best first, then by name.
func sortScores(rows []systemScore) {
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].F1 != rows[j].F1 {
			return rows[i].F1 > rows[j].F1
		}
		return rows[i].System < rows[j].System
	})
}

// writeScores writes eval's table.
func writeScores(w io.Writer, rows []systemScore) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "system\tprecision\trecall\tF1")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\n", r.System, r.Precision, r.Recall, r.F1)
	}
	return tw.Flush()
}
