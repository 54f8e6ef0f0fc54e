package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/evaluate"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/learn"
	"github.com/chaff-dev/chaff/internal/model"
)

// checkSuite names the JUnit test suite of chaff check.
const checkSuite = "chaff check"

func runCheck(e *env, args []string) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: chaff check [flags] [DIR]

Classify every labelled document (NAME.txt beside NAME.gold) under DIR
(default "fixtures") and compare with the gold labels: precision, recall,
F1 and support per class, the confusion table and every mismatching line.

Gates: --min-f1 fails any class with gold lines whose F1 is below it;
--baseline fails any class whose F1 dropped by more than --tolerance since
the baseline (written by --write-baseline). Without either gate, any
mismatching line fails the check. Exit status 0: passed; 1: a gate failed;
2: usage error.

--folds K cross-validates: each fold of the fixtures is checked by a model
trained without it (on the other folds, and on --bench's dumps if given):
the honest figure for pages the model has not seen.

--update writes a first draft of the .gold file of every .txt without one,
and rewrites each .gold file from chaff's predictions (the .txt files
are never touched) for a person to review in the diff; rows with an unknown
class whose label chaff agrees with are left as they are.

`)
		printFlags(fs)
	}
	var lf logFlags
	var cf classifyFlags
	var minF1, tolerance float64
	var baseline, writeBaseline, junit, format string
	var update bool
	var folds int
	var bench string
	var tf trainFlags
	lf.add(fs)
	cf.add(fs)
	tf.add(fs)
	fs.IntVar(&folds, "folds", 0, "cross-validate: split the fixtures into this many folds by document and check each with a model trained without it (0: check the given model)")
	fs.StringVar(&bench, "bench", "", "with --folds: also train every fold on this benchmark's labelled text dumps, as the embedded model is")
	fs.Float64Var(&minF1, "min-f1", 0, "fail when a class with gold lines has an F1 below this, in [0,1] (0: no minimum)")
	fs.StringVar(&baseline, "baseline", "", "baseline JSON of per-class F1 to compare with (see --write-baseline)")
	fs.Float64Var(&tolerance, "tolerance", 0.02, "how far a class's F1 may fall below the baseline's")
	fs.StringVar(&writeBaseline, "write-baseline", "", "write this check's per-class F1 as a baseline JSON file")
	fs.StringVar(&junit, "junit", "", "write a JUnit XML report to this file")
	fs.BoolVar(&update, "update", false, "rewrite the .gold files from chaff's predictions, for review")
	fs.StringVar(&format, "format", "table", "output: table or json")
	if err := parse(fs, e, args); err != nil {
		return err
	}
	if err := lf.apply(e.log); err != nil {
		return err
	}
	dir := "fixtures"
	switch fs.NArg() {
	case 0:
	case 1:
		dir = fs.Arg(0)
	default:
		return usagef("want at most one directory, got %d arguments", fs.NArg())
	}
	if err := checkShare("min-f1", minF1); err != nil {
		return err
	}
	if err := checkShare("tolerance", tolerance); err != nil {
		return err
	}
	switch {
	case format != "table" && format != "json":
		return usagef("--format %q: want table or json", format)
	case update && (baseline != "" || minF1 > 0):
		return usagef("--update rewrites the gold files; it cannot be combined with --baseline or --min-f1")
	case folds < 0 || folds == 1:
		return usagef("--folds %d: want 0 (no cross-validation) or at least 2", folds)
	case folds > 0 && (update || cf.modelPath != ""):
		return usagef("--folds trains its own models: it cannot be combined with --update or --model")
	case bench != "" && folds == 0:
		return usagef("--bench trains the folds' models: it needs --folds")
	}
	cfg, err := cf.config()
	if err != nil {
		return err
	}
	tf.fast = cfg.TextModel != nil && cfg.TextModel.Kind == model.FastText
	var base *evaluate.Baseline
	if baseline != "" {
		f, err := os.Open(baseline)
		if err != nil {
			return err
		}
		base, err = evaluate.ReadBaseline(baseline, f)
		f.Close()
		if err != nil {
			return err
		}
	}
	cl, err := classify.New(cfg)
	if err != nil {
		return err
	}
	if update {
		n, err := draftMissingGold(cl, dir)
		if err != nil {
			return err
		}
		if n > 0 {
			e.log.WithField("files", n).Info("drafted gold files for new documents from chaff's predictions: review every line")
		}
	}
	docs, err := gold.LoadAll(dir)
	if err != nil {
		return err
	}
	var r *evaluate.Report
	if folds > 0 {
		if folds > len(docs) {
			return usagef("--folds %d: %s has only %d documents", folds, dir, len(docs))
		}
		if r, err = crossCheck(e, cfg, tf, docs, folds, bench); err != nil {
			return err
		}
	} else {
		r = evaluate.Check(cl, docs)
	}

	if update {
		n, err := updateGold(cl, docs)
		if err != nil {
			return err
		}
		e.log.WithField("files", n).Info("rewrote gold files from chaff's predictions: review them with git diff")
		return writeCheck(e.stdout, format, r, nil, nil)
	}

	var failures []evaluate.Failure
	var gates []string
	if minF1 > 0 {
		gates = append(gates, fmt.Sprintf("min F1 %.3f", minF1))
		failures = append(failures, r.BelowMinF1(minF1)...)
	}
	if base != nil {
		gates = append(gates, fmt.Sprintf("baseline %s, tolerance %.3f", baseline, tolerance))
		failures = append(failures, r.Regressions(base, tolerance)...)
	}
	passed := len(failures) == 0
	if len(gates) == 0 {
		gates = append(gates, "no mismatching line")
		passed = len(r.Mismatches) == 0
	}
	if writeBaseline != "" {
		if err := writeAtomic(writeBaseline, r.Baseline().Write); err != nil {
			return err
		}
	}
	if junit != "" {
		err := writeAtomic(junit, func(w io.Writer) error { return r.WriteJUnit(w, checkSuite, failures) })
		if err != nil {
			return err
		}
	}
	if err := writeCheck(e.stdout, format, r, gates, failures); err != nil {
		return err
	}
	if passed {
		return nil
	}
	for _, f := range failures {
		e.log.WithField("class", f.Class).Error(f.Why)
	}
	if len(failures) == 0 {
		e.log.Errorf("%d lines differ from the gold labels", len(r.Mismatches))
	}
	return errFailed
}

// crossCheck checks every fixture with a model trained without it: the
// documents are split into folds, and each fold is checked by a model
// trained on the other folds (and on the benchmark's dumps, if bench is
// given), as the embedded model is trained on all of them. The figures are
// those of documents the model never saw.
func crossCheck(e *env, base classify.Config, tf trainFlags, docs []*gold.Doc, k int, bench string) (*evaluate.Report, error) {
	mcfg, err := tf.config(false)
	if err != nil {
		return nil, err
	}
	env, err := defaultEnv()
	if err != nil {
		return nil, err
	}
	var benchDocs []*gold.Doc
	if bench != "" {
		if _, benchDocs, err = evaluate.BenchDocs(bench); err != nil {
			return nil, err
		}
	}
	var reports []*evaluate.Report
	for f, held := range learn.Folds(len(docs), k, tf.seed) {
		isHeld := map[int]bool{}
		var test, train []*gold.Doc
		for _, d := range held {
			isHeld[d] = true
			test = append(test, docs[d])
		}
		for d := range docs {
			if !isHeld[d] {
				train = append(train, docs[d])
			}
		}
		main, extra, w := benchDocs, train, tf.weights()
		if len(benchDocs) == 0 {
			main, extra, w.Extra = train, nil, 1
		}
		c := base
		c.Lexicon, c.Languages = env.Lexicon, env.Lang
		if c.TextModel, err = learn.Train(env, learn.Data{Docs: main, Extra: extra, Weights: w}, mcfg); err != nil {
			return nil, err
		}
		cl, err := classify.New(c)
		if err != nil {
			return nil, err
		}
		reports = append(reports, evaluate.Check(cl, test))
		e.log.WithField("fold", fmt.Sprintf("%d/%d", f+1, k)).Info("checked the held-out fixtures")
	}
	return evaluate.Merge(reports...), nil
}

// draftMissingGold writes a gold file, from the classifier's predictions,
// beside every text document under dir that has none: the first draft of
// a new fixture, for a person to correct. It returns how many it wrote.
func draftMissingGold(cl *classify.Classifier, dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, gold.DocExt) {
			return err
		}
		goldPath := strings.TrimSuffix(path, gold.DocExt) + gold.Ext
		if _, err := os.Stat(goldPath); err == nil {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		got := cl.Classify(data)
		rows := make([]gold.Row, len(got.Lines))
		for i := range got.Lines {
			rows[i] = gold.Row{Label: got.Lines[i].Label, Class: got.Lines[i].Class()}
			if rows[i].Class == "" {
				rows[i].Class = gold.Unknown
			}
		}
		if err := writeAtomic(goldPath, func(w io.Writer) error { return gold.Write(w, data, rows) }); err != nil {
			return err
		}
		n++
		return nil
	})
	return n, err
}

// updateGold rewrites the gold file of every document from the
// classifier's predictions, and returns how many files changed. A row whose
// class is unknown keeps its "-" when chaff agrees with its label, so that
// the diff shows only disagreements.
func updateGold(cl *classify.Classifier, docs []*gold.Doc) (int, error) {
	n := 0
	for _, d := range docs {
		got := cl.Classify(d.Data)
		rows := make([]gold.Row, len(got.Lines))
		for i := range got.Lines {
			l := &got.Lines[i]
			rows[i] = gold.Row{Label: l.Label, Class: l.Class()}
			if rows[i].Class == "" || (d.Rows[i].Class == gold.Unknown && d.Rows[i].Label == l.Label) {
				rows[i].Class = gold.Unknown
			}
		}
		var buf bytes.Buffer
		if err := gold.Write(&buf, d.Data, rows); err != nil {
			return n, fmt.Errorf("%s: %w", d.Name, err)
		}
		path := strings.TrimSuffix(d.Name, gold.DocExt) + gold.Ext
		old, err := os.ReadFile(path)
		if err != nil {
			return n, err
		}
		if bytes.Equal(old, buf.Bytes()) {
			continue
		}
		if err := writeAtomic(path, func(w io.Writer) error { _, err := w.Write(buf.Bytes()); return err }); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// checkClassJSON is one class in check's JSON output.
type checkClassJSON struct {
	Class     string  `json:"class"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"`
	TP        int     `json:"tp"`
	FP        int     `json:"fp"`
	FN        int     `json:"fn"`
}

type mismatchJSON struct {
	Doc     string `json:"doc"`
	Line    int    `json:"line"`
	Gold    string `json:"gold"`
	Got     string `json:"got"`
	Reason  string `json:"reason,omitempty"`
	Excerpt string `json:"excerpt"`
}

type failureJSON struct {
	Class string  `json:"class"`
	F1    float64 `json:"f1"`
	Want  float64 `json:"want"`
	Why   string  `json:"why"`
}

type checkJSON struct {
	Docs       int                       `json:"docs"`
	Lines      int                       `json:"lines"`
	Classes    []checkClassJSON          `json:"classes"`
	Confusion  map[string]map[string]int `json:"confusion"`
	Mismatches []mismatchJSON            `json:"mismatches"`
	Gates      []string                  `json:"gates,omitempty"`
	Failures   []failureJSON             `json:"failures"`
}

// writeCheck writes the report, the gates and their failures as a table
// or as JSON.
func writeCheck(w io.Writer, format string, r *evaluate.Report, gates []string, failures []evaluate.Failure) error {
	if format == "json" {
		out := checkJSON{Docs: r.Docs, Lines: r.Lines, Confusion: r.Confusion, Gates: gates,
			Classes: []checkClassJSON{}, Mismatches: []mismatchJSON{}, Failures: []failureJSON{}}
		for _, n := range r.ClassNames() {
			if n == "blank" {
				continue
			}
			c := r.Classes[n]
			out.Classes = append(out.Classes, checkClassJSON{n, c.Precision(), c.Recall(), c.F1(), c.Support(), c.TP, c.FP, c.FN})
		}
		for _, m := range r.Mismatches {
			mj := mismatchJSON{Doc: m.Doc, Line: m.Line, Gold: m.Gold, Got: m.Got, Excerpt: m.Excerpt}
			if len(m.Reasons) > 0 {
				mj.Reason = m.Reasons[0].Code
			}
			out.Mismatches = append(out.Mismatches, mj)
		}
		for _, f := range failures {
			out.Failures = append(out.Failures, failureJSON(f))
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	fmt.Fprintf(w, "%d documents, %d lines, %d mismatching\n\n", r.Docs, r.Lines, len(r.Mismatches))
	if err := r.WriteTable(w); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nconfusion (gold down, chaff across):")
	if err := r.WriteConfusion(w); err != nil {
		return err
	}
	if len(r.Mismatches) > 0 {
		fmt.Fprintln(w, "\nmismatches:")
		r.WriteMismatches(w)
	}
	if len(gates) == 0 {
		return nil
	}
	fmt.Fprintf(w, "\ngates: %s\n", strings.Join(gates, "; "))
	for _, f := range failures {
		fmt.Fprintf(w, "FAIL %s: %s\n", f.Class, f.Why)
	}
	switch {
	case len(failures) > 0:
		fmt.Fprintf(w, "check failed: %d classes\n", len(failures))
	case gates[0] == "no mismatching line" && len(r.Mismatches) > 0:
		fmt.Fprintf(w, "check failed: %d lines differ from the gold labels\n", len(r.Mismatches))
	default:
		fmt.Fprintln(w, "check passed")
	}
	return nil
}
