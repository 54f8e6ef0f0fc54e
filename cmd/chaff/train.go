package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/chaff-dev/chaff/internal/evaluate"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/htmltext"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/lang"
	"github.com/chaff-dev/chaff/internal/learn"
	"github.com/chaff-dev/chaff/internal/lexicon"
	"github.com/chaff-dev/chaff/internal/model"
	"github.com/chaff-dev/chaff/internal/output"
	"github.com/chaff-dev/chaff/internal/signals"
)

// pathList is a repeatable flag.
type pathList []string

func (p *pathList) String() string { return strings.Join(*p, ",") }

func (p *pathList) Set(s string) error {
	if s == "" {
		return fmt.Errorf("empty path")
	}
	*p = append(*p, s)
	return nil
}

// trainFlags set how a model is trained; eval and train share them so that
// the figure eval prints is that of the model train makes.
type trainFlags struct {
	seed    uint64
	epochs  int
	stage2  int
	weigh   bool
	goldW   float64
	varW    float64
	trees   int
	depth   int
	tune    int
	sub     float64
	ctx     optionalBool
	rb      optionalBool
	partner optionalBool // --fast-partner
	fast    bool         // the text model is the fast one (--text-model fast)
}

// optionalBool is a boolean flag that knows whether it was given.
type optionalBool struct{ set, value bool }

func (o *optionalBool) String() string {
	if o == nil || !o.set {
		return "default"
	}
	return strconv.FormatBool(o.value)
}

func (o *optionalBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return err
	}
	o.set, o.value = true, v
	return nil
}

func (o *optionalBool) IsBoolFlag() bool { return true }

// or returns the flag's value if it was given, else def.
func (o *optionalBool) or(def bool) bool {
	if o.set {
		return o.value
	}
	return def
}

func (tf *trainFlags) add(fs *flag.FlagSet) {
	fs.Uint64Var(&tf.seed, "seed", 1, "random seed of the training (and of the folds): the same seed and data give the same model")
	fs.IntVar(&tf.epochs, "epochs", 8, "passes over the training lines")
	fs.IntVar(&tf.stage2, "stage2-folds", 3, "inner folds for the neighbour stage of the model; 0 trains a one-stage model")
	fs.BoolVar(&tf.weigh, "weigh-words", true, "weigh each line by the log of its word count, as the benchmark counts words")
	fs.IntVar(&tf.trees, "trees", 0, "boosted trees of each forest (default 250; 60 in the fast text model)")
	fs.IntVar(&tf.depth, "depth", 0, "depth of each tree (default 8 in the accurate text model, 6 in HTML mode, 5 in the fast text model)")
	fs.IntVar(&tf.tune, "tune-trees", 200, "at most this many extra trees fitted to the --gold documents, until each of their lines is decided as labelled")
	fs.Float64Var(&tf.sub, "subsample", 0.7, "share of the training lines each tree is grown on, drawn afresh per tree (stochastic gradient boosting); 1 grows every tree on all")
	fs.Var(&tf.ctx, "context", "stack a third stage, a forest over the second stage's scores of each line and its neighbours (default true; the fast text model has none)")
	fs.Var(&tf.partner, "fast-partner", "text mode: the accurate text model also trains a fast text model on the same documents and averages its scores with that model's, in log-odds (default true; the other models have none)")
	fs.Var(&tf.rb, "readability", "HTML mode: run go-readability on every page and give the model its article as a signal; a model trained with it runs it on every page it scores, a large share of its time: the accurate HTML model (default false: the fast HTML model, the default one)")
	fs.Float64Var(&tf.goldW, "gold-weight", 10, "how much a line of the --gold documents weighs beside a line of the benchmark's automatically labelled pages; with --text-model fast, 0 has them teach the categories only")
	fs.Float64Var(&tf.varW, "variant-weight", variantWeight, "text mode: how much a line weighs in each layout variant of the main training documents (without blank lines, with a blank line after every line, hard-wrapped), which teach the model what does not depend on the layout of one scraper's dumps; the accurate text model learns each document in one of them, its lines weighing three times this; 0 trains on none")
}

// variantWeight is the default --variant-weight, chosen by 5-fold
// cross-validation on the benchmark (three fold seeds): at 0.3 the model
// scores the same on the dumps (F1 0.9158 -> 0.9165 on the mean) and
// 0.859 -> 0.911 on the same pages without blank lines; at 1 the dumps
// lose 0.008 (one seed).
const variantWeight = 0.3

// weights returns how much each kind of training document weighs, and
// in how many layouts a text model learns each document. The accurate
// text model learns each in one layout, in turn, its lines weighing what
// the three layouts' would: with its forests of 250 trees of depth 8 it
// then trains on the seven sets in 4 min 16 s, where in all three
// layouts it took 7 min 57 s even with two inner folds instead of three,
// too long for the time the default models may take. 5-fold on aeb, as
// dumped, without blank lines and wrapped at 72 columns, it scores 0.924,
// 0.921 and 0.896, against 0.913, 0.918 and 0.904 in all three layouts,
// and 0.914, 0.912 and 0.889 for the two-stage model it replaced. The
// fast text model, quick to train, keeps all three: with one, wrapped
// pages fall from 0.893 to 0.845.
func (tf *trainFlags) weights() learn.Weights {
	return learn.Weights{Extra: float32(tf.goldW), Variants: float32(tf.varW), OneLayout: !tf.fast}
}

// forestDefaults are the forest sizes by kind of model. HTML mode, with
// its many more features, gains from 250 trees of depth 6 over 120 of
// depth 5 (5-fold on aeb, F1 0.960 -> 0.965). The accurate text model
// gains from deeper and more trees once it has its third stage:
// leave-one-set-out over the seven benchmark sets, macro F1 0.819 with
// 120 trees of depth 5, 0.831 with 250 of depth 6, 0.839 with 250 of
// depth 8, 0.841 with 400 of depth 7, which trains too slowly for the
// time the default models may take. The fast text model's 60 trees of
// depth 5 were chosen by 5-fold cross-validation on aeb (two seeds): 30
// trees score F1 0.902 and 0.901, 60 trees 0.905 and 0.908, 100 trees
// 0.905 and 0.910, for two thirds more time than 60; it grows no tuning
// trees and no third stage. Fixtures are fitted by the tuning trees
// whatever the size.
var forestDefaults = map[model.Kind]model.ForestConfig{
	model.AccurateText: {Trees: 250, Depth: 8},
	model.FastText:     {Trees: 60, Depth: 5},
	model.AccurateHTML: {Trees: 250, Depth: 6},
	model.FastHTML:     {Trees: 250, Depth: 6},
}

// config returns the model configuration for HTML mode or text mode: the
// fast text model with tf.fast, the accurate HTML model with
// go-readability's signal (--readability), else the fast one. Every
// model but the fast text one stacks the third stage (--context) by
// default: held out it gains on every set in text mode
// (leave-one-set-out macro F1 0.807 -> 0.819 with seed 1, 0.806 -> 0.819
// with seed 2, 120 trees of depth 5), and in HTML mode 5-fold on aeb
// 0.963 -> 0.967.
func (tf *trainFlags) config(html bool) (model.Config, error) {
	if tf.epochs < 1 {
		return model.Config{}, usagef("--epochs %d: want at least 1", tf.epochs)
	}
	if !(tf.goldW >= 0) || tf.goldW > 1000 || tf.goldW == 0 && !tf.fast {
		return model.Config{}, usagef("--gold-weight %v: want a number in (0,1000], or 0 with --text-model fast", tf.goldW)
	}
	if !(tf.varW >= 0) || tf.varW > 1000 {
		return model.Config{}, usagef("--variant-weight %v: want a number in [0,1000]", tf.varW)
	}
	if tf.stage2 < 0 || tf.stage2 == 1 {
		return model.Config{}, usagef("--stage2-folds %d: want 0 (one stage) or at least 2", tf.stage2)
	}
	if tf.rb.or(false) && !html {
		return model.Config{}, usagef("--readability gives HTML pages go-readability's signal: it needs HTML mode")
	}
	if !(tf.sub > 0 && tf.sub <= 1) {
		return model.Config{}, usagef("--subsample %v: want a share in (0,1]", tf.sub)
	}
	kind := model.KindOf(html, html && !tf.rb.or(false) || !html && tf.fast)
	forest := forestDefaults[kind]
	forest.Tune, forest.Subsample, forest.Seed = tf.tune, tf.sub, tf.seed
	if tf.trees != 0 {
		forest.Trees = tf.trees
	}
	if tf.depth != 0 {
		forest.Depth = tf.depth
	}
	if forest.Tune < 0 {
		return model.Config{}, usagef("--tune-trees %d: want 0 or more", tf.tune)
	}
	if forest.Trees < 1 || forest.Depth < 1 || forest.Depth > 12 {
		return model.Config{}, usagef("--trees %d --depth %d: want at least one tree of depth 1 to 12", tf.trees, tf.depth)
	}
	if kind == model.FastText {
		forest.Tune = 0
	}
	if tf.partner.or(false) && kind != model.AccurateText {
		return model.Config{}, usagef("--fast-partner is the accurate text model's: it needs text mode and --text-model accurate")
	}
	cfg := model.Config{Kind: kind, Seed: tf.seed, Epochs: tf.epochs, Folds: tf.stage2, Weighed: tf.weigh, Context: tf.ctx.or(true) && tf.stage2 > 1 && kind != model.FastText, Forest: forest}
	if kind == model.AccurateText && tf.partner.or(true) {
		partner := forestDefaults[model.FastText]
		partner.Subsample, partner.Seed = tf.sub, tf.seed
		cfg.Fast = &partner
	}
	return cfg, nil
}

// defaultEnv is the signals environment of the embedded resources.
func defaultEnv() (*signals.Env, error) {
	lx, err := lexicon.Default()
	if err != nil {
		return nil, err
	}
	return &signals.Env{Lexicon: lx, Lang: lang.Default()}, nil
}

// labelledLines counts the keep and drop rows of docs: the lines a model
// learns from.
func labelledLines(docs []*gold.Doc) int {
	n := 0
	for _, d := range docs {
		for _, r := range d.Rows {
			if r.Label != label.Blank {
				n++
			}
		}
	}
	return n
}

func runTrain(e *env, args []string) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: chaff train --gold PATH [--gold PATH...] [--bench DIR...] -o FILE [flags]

Train a model from labelled documents and write it to FILE. --gold reads
every NAME.txt/NAME.gold pair under a file or directory (repeatable);
--bench labels the naive text dumps of a benchmark set (any folder in the
layout of the article-extraction benchmark) against its ground truth
(repeatable: the sets are pooled, each page weighing as --set-weight says;
pages marked synthetic in meta.jsonl are left out). Give either or both.
The file is written atomically and is byte for byte the same for the same
data, flags and seed.

With --html, the model is for HTML input: it is trained on the
sets' HTML pages (--bench is then required and --gold not allowed);
use it with --html-model FILE.

`)
		for _, line := range wrap("The embedded models are made, from the repository's root, with SETS a "+
			"--bench ../shared/bench/NAME for each of "+model.TrainingSets+":", helpWidth-4) {
			fmt.Fprintln(fs.Output(), line)
		}
		for _, m := range embeddedModels() {
			fmt.Fprintf(fs.Output(), "  %s\n", m.Command)
		}
		fmt.Fprintln(fs.Output())
		printFlags(fs)
	}
	var lf logFlags
	var tf trainFlags
	var golds, benches pathList
	var out, textModel, setWeight string
	var html bool
	lf.add(fs)
	fs.BoolVar(&html, "html", false, "train the HTML-mode model on the sets' HTML pages")
	fs.StringVar(&textModel, "text-model", "accurate", "kind of text model to train: accurate, or fast (--tune-trees and --context do not apply)")
	tf.add(fs)
	fs.Var(&golds, "gold", "file or directory of labelled documents (repeatable)")
	fs.Var(&benches, "bench", "benchmark set directory whose labelled pages are trained on (repeatable)")
	fs.StringVar(&setWeight, "set-weight", string(learn.WeighPages), "how the --bench sets weigh: pages (each page 1), equal (each set the same) or sqrt (a set by the square root of its pages)")
	fs.StringVar(&out, "o", "", "model file to write (required)")
	if err := parse(fs, e, args); err != nil {
		return err
	}
	if err := lf.apply(e.log); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q: give documents with --gold", fs.Arg(0))
	}
	if out == "" {
		return usagef("-o FILE is required")
	}
	if len(golds) == 0 && len(benches) == 0 {
		return usagef("nothing to train on: give --gold PATH or --bench DIR")
	}
	if html && (len(benches) == 0 || len(golds) > 0) {
		return usagef("--html trains on the sets' pages: give --bench DIR and no --gold")
	}
	if textModel != "accurate" && textModel != "fast" || html && textModel == "fast" {
		return usagef("--text-model %q: want accurate or fast, and fast is for text only", textModel)
	}
	scheme := learn.SetWeighting(setWeight)
	if _, err := learn.SetWeights(nil, scheme); err != nil {
		return usagef("--set-weight %q: want pages, equal or sqrt", setWeight)
	}
	tf.fast = textModel == "fast"
	if _, err := tf.config(html); err != nil {
		return err
	}
	// The sets' pages are the main training set; hand-labelled documents
	// beside them weigh --gold-weight, alone they weigh 1.
	var extra []*gold.Doc
	var err error
	if len(golds) > 0 {
		if extra, err = gold.LoadAll(golds...); err != nil {
			return err
		}
	}
	docs, pages, weights, err := loadTraining(benches, html, tf.rb.or(false), scheme)
	if err != nil {
		return err
	}
	if len(benches) == 0 {
		docs, extra = extra, nil
	}
	env, err := defaultEnv()
	if err != nil {
		return err
	}
	start := time.Now()
	m, err := trainModel(env, &tf, html, docs, extra, pages, weights)
	if err != nil {
		return err
	}
	took := time.Since(start)
	write, about := m.Write, m.About
	if err := writeAtomic(out, write); err != nil {
		return err
	}
	n := labelledLines(docs) + labelledLines(extra)
	e.log.WithFields(map[string]any{
		"sets":    len(benches),
		"docs":    len(docs) + len(extra),
		"lines":   n,
		"took":    took.Round(time.Millisecond).String(),
		"lines/s": fmt.Sprintf("%.0f", float64(n)/took.Seconds()),
	}).Infof("wrote %s: %s", out, about)
	return nil
}

// loadTraining loads the benchmark sets in dirs, their text dumps or (with
// html) their pages, the latter with go-readability's signal when
// readability is set, and pools their pages not marked synthetic, weighed
// by scheme.
func loadTraining(dirs []string, html, readability bool, scheme learn.SetWeighting) ([]*gold.Doc, []*htmltext.Page, []float32, error) {
	sets := make([]learn.Set, len(dirs))
	for i, dir := range dirs {
		s := &evalSet{}
		var err error
		if html {
			s.bench, s.docs, s.pages, err = evaluate.BenchPages(dir, htmltext.Options{Readability: readability})
		} else {
			s.bench, s.docs, err = evaluate.BenchDocs(dir)
		}
		if err != nil {
			return nil, nil, nil, err
		}
		sets[i], _ = trainingSet(s, nil)
	}
	return learn.Pool(sets, -1, scheme)
}

// trainModel trains the model kind tf asks for. With html, an HTML-mode
// model of pages[k] with docs[k]'s labels; otherwise the accurate text
// model or, with tf.fast, the fast one, on docs with extra beside them at
// --gold-weight. weights, when not nil, weighs each of docs
// (learn.Weights.Docs).
func trainModel(env *signals.Env, tf *trainFlags, html bool, docs, extra []*gold.Doc, pages []*htmltext.Page, weights []float32) (*model.Model, error) {
	cfg, err := tf.config(html)
	if err != nil {
		return nil, err
	}
	w := tf.weights()
	w.Docs = weights
	return learn.Train(env, learn.Data{Docs: docs, Pages: pages, Extra: extra, Weights: w}, cfg)
}

// writeAtomic writes a file through fill with package output: into a
// temporary file in the same directory, synced, then renamed over path, so
// that readers see the old file or the new one, never a part, and a
// killed run's leftover is recognised as such. Unlike output.Create it
// makes no directory: a mistyped one is an error.
func writeAtomic(path string, fill func(io.Writer) error) error {
	if _, err := os.Stat(filepath.Dir(path)); err != nil {
		return err
	}
	f, err := output.Create(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	if err := fill(f); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Commit()
}
