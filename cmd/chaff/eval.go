package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/chaff-dev/chaff/internal/aeb"
	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/evaluate"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/htmltext"
	"github.com/chaff-dev/chaff/internal/learn"
	"github.com/chaff-dev/chaff/internal/model"
	"github.com/chaff-dev/chaff/internal/signals"
	"github.com/chaff-dev/chaff/internal/variants"
	"github.com/sirupsen/logrus"
)

// Modes of eval's rows: chaff reads the text dumps or the pages; the
// systems of output/ and --peers read the pages their own way.
const (
	modeText = "text"
	modeHTML = "html"
	modePage = "page"
)

// macroSet names the rows that average a system over all the sets.
const macroSet = "macro"

// oracleSystem names the row of the lines labelled keep: the best a line
// classifier can do on the set's lines.
const oracleSystem = "oracle (lines labelled keep)"

// systemScore is one row of eval's table.
type systemScore struct {
	Set  string `json:"set"`
	Mode string `json:"mode"` // text or html for chaff and the oracle, page for the others
	// By is "key=value" on a row that scores only the pages whose
	// meta.jsonl field key is value (e.g. page_type=forum); "" otherwise.
	By             string  `json:"by,omitempty"`
	System         string  `json:"system"`
	Precision      float64 `json:"precision"`
	Recall         float64 `json:"recall"`
	F1             float64 `json:"f1"`
	Docs           int     `json:"docs"`
	Empty          int     `json:"empty"` // documents with an empty output and a non-empty truth
	Chaff          bool    `json:"chaff"`
	CrossValidated bool    `json:"cross_validated"`
	Folds          int     `json:"folds,omitempty"`
	// Seeds holds one score per cross-validation run when --repeat runs
	// more than one; the row's figures are then their means.
	Seeds []seedScore `json:"seeds,omitempty"`

	docs []aeb.DocScore // per document, for the breakdowns
}

// seedScore is chaff's score on one cross-validation run.
type seedScore struct {
	Seed      uint64  `json:"seed"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// evalOpts are eval's parsed flags.
type evalOpts struct {
	benches   pathList
	pool      pathList // --pool: sets trained on in every fold, never scored
	peers     pathList
	modes     []string
	by        []string
	format    string
	folds     int
	repeat    int
	loso      bool
	byPage    bool // --fold-by page: every page its own group
	keepTitle bool
	setWeight learn.SetWeighting
	extra     []*gold.Doc
	tf        trainFlags
	cf        classifyFlags
	// poolSets are the --pool sets, loaded for the mode at hand.
	poolSets []*evalSet
	// skipGiven leaves out, in HTML mode, the rows of the given model,
	// whose pages would need go-readability's signal where the
	// leave-one-set-out models' must not have it, or the other way round.
	skipGiven bool
}

// evalSet is one benchmark set loaded for one mode: its pages' lines
// labelled from the truth, and in HTML mode the pages.
type evalSet struct {
	bench *aeb.Bench
	docs  []*gold.Doc
	pages []*htmltext.Page
}

func evalUsage(fs *flag.FlagSet) func() {
	return func() {
		fmt.Fprint(fs.Output(), `Usage: chaff eval --bench DIR [--bench DIR]... [flags]

Score chaff on benchmark sets beside every system whose output is in a
set's output/ folder (and in --peers), all with the article-extraction
benchmark's metric, in one table: per set, then averaged over the sets
(macro rows: the mean of each set's precision, recall and F1, and the sum
of empty outputs, for the systems scored on every set). A set is any
folder with ground-truth.json, html/<id>.html.gz, output/<system>.json
and, optionally, meta.jsonl (lang, page_type, publisher, url).

In text mode chaff reads each page's naive text dump
(output/html-text.json); in HTML mode the page itself (html/<id>.html.gz);
--mode both gives both. Its extraction is the kept lines joined by
newlines, the title line left out (the truths are bodies; --keep-title
counts it). The oracle row keeps exactly the lines labelled keep from
the truth, the title's left out too: the ceiling of any line classifier
on those lines. In HTML mode the page's headline is labelled keep/title
whatever the truth says. "empty" counts
the pages whose output has no word while their truth has.

With --folds K (default 5) each set is split into K folds, the pages of
one publisher or site (meta.jsonl's publisher, else the URL's host) in one
fold; each fold is classified by a model trained on the other folds only.
With --folds 0 the given model (--model, or the embedded one) is scored as
it is: the embedded models were trained on the seven sets of
../shared/bench (chaff version lists them), so on those sets that row
overstates chaff. With --loso each set is also scored by a model trained
on all the other sets given (with the --gold documents in text mode), its
pages weighed by --set-weight: how chaff does on a kind of page it never
saw. Pages marked synthetic in meta.jsonl are scored, never trained on.

With --pool DIR (repeatable, with --folds K) the pooled sets join the
training of every fold, each weighed as a set by --set-weight beside the
one cross-validated, and are never scored; a fold's model is not trained
on their pages of the held-out fold's sites. That is how the embedded
models, trained on every set, meet a new site of a kind of page they know
(chaff eval --bench $B/wcxb-dev --pool $B/aeb ... --mode html).

How the pages fall into folds moves the figure by a few thousandths. With
--repeat N the cross-validation runs N times, with seeds --seed, --seed+1,
..., and chaff's row is the mean of the N runs (each run's figures are in
the JSON output and the log).

--by page_type,lang adds tables that break the scores down by those
meta.jsonl fields; the JSON output always has them (rows with "by").

`)
		printFlags(fs)
	}
}

// parseEval reads eval's flags into o.
func parseEval(e *env, args []string) (*evalOpts, error) {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.Usage = evalUsage(fs)
	o := &evalOpts{}
	var lf logFlags
	var extra pathList
	var mode, by, setWeight, foldBy string
	lf.add(fs)
	o.tf.add(fs)
	fs.Var(&o.benches, "bench", "benchmark set directory: ground-truth.json, html/, output/*.json, meta.jsonl (repeatable; at least one)")
	fs.Var(&o.pool, "pool", "with --folds K, a set whose pages join the training of every fold, weighed by --set-weight, and are never scored; its pages of the held-out fold's sites are left out (repeatable)")
	fs.Var(&o.peers, "peers", "directory of other systems' outputs: PEERS/<set>/<system>.json in the format of output/ (repeatable)")
	fs.StringVar(&mode, "mode", modeText, "what chaff reads: text (the naive text dumps), html (the pages) or both")
	fs.IntVar(&o.folds, "folds", 5, "cross-validation folds within each set, by publisher or site; 0 scores --model (or the embedded model) without cross-validation")
	fs.StringVar(&foldBy, "fold-by", "site", "what stays in one fold: site (meta.jsonl's publisher, else the URL's host) or page (each page alone, which lets a model meet a site's template in training and in the held-out fold)")
	fs.BoolVar(&o.loso, "loso", false, "also score each set with a model trained on all the other sets (leave one set out)")
	fs.StringVar(&setWeight, "set-weight", string(learn.WeighPages), "with --loso or --pool, how the training sets weigh: pages (each page 1), equal (each set the same) or sqrt (a set by the square root of its pages)")
	fs.IntVar(&o.repeat, "repeat", 1, "cross-validation runs, with seeds --seed, --seed+1, ...; chaff's row is their mean")
	fs.BoolVar(&o.keepTitle, "keep-title", false, "count the title line as extracted text; off because the benchmark's articleBody leaves the headline out")
	fs.StringVar(&by, "by", "", "comma-separated meta.jsonl fields to break the table down by: page_type, lang")
	fs.StringVar(&o.format, "format", "table", "output: table or json (the JSON always holds the breakdowns)")
	fs.Var(&extra, "gold", "labelled documents added to every text-mode training set with --gold-weight, never scored (repeatable)")
	fs.Float64Var(&o.cf.threshold, "threshold", classify.DefaultThreshold, "noise score from which the model drops a line, in (0,1]")
	fs.BoolVar(&o.cf.noFallback, "no-fallback", false, "score the models' decisions without the floor: a page the model empties stays empty")
	fs.StringVar(&o.cf.modelPath, "model", "", "model file to score with --folds 0 (default: the embedded model)")
	fs.StringVar(&o.cf.textModel, "text-model", "accurate", "text model: accurate or fast; training trains that kind, --folds 0 scores the embedded one")
	fs.StringVar(&o.cf.htmlModel, "html-model", "", "HTML model to score with --folds 0 in HTML mode: fast (the embedded default, without go-readability), accurate (the embedded one that reads go-readability's article) or a file")
	if err := parse(fs, e, args); err != nil {
		return nil, err
	}
	if err := lf.apply(e.log); err != nil {
		return nil, err
	}
	switch foldBy {
	case "site", "page":
		o.byPage = foldBy == "page"
	default:
		return nil, usagef("--fold-by %q: want site or page", foldBy)
	}
	if err := o.check(fs, mode, by, setWeight, len(extra) > 0); err != nil {
		return nil, err
	}
	if len(extra) > 0 {
		var err error
		if o.extra, err = gold.LoadAll(extra...); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// check validates the flags and sets o.modes, o.by and o.setWeight.
func (o *evalOpts) check(fs *flag.FlagSet, mode, by, setWeight string, extra bool) error {
	switch mode {
	case modeText, modeHTML:
		o.modes = []string{mode}
	case "both":
		o.modes = []string{modeText, modeHTML}
	default:
		return usagef("--mode %q: want text, html or both", mode)
	}
	for _, k := range strings.Split(by, ",") {
		if k = strings.TrimSpace(k); k == "" {
			continue
		}
		if !slices.Contains(aeb.BreakdownKeys, k) {
			return usagef("--by %q: want fields among %s", k, strings.Join(aeb.BreakdownKeys, ","))
		}
		o.by = append(o.by, k)
	}
	o.setWeight = learn.SetWeighting(setWeight)
	if _, err := learn.SetWeights(nil, o.setWeight); err != nil {
		return usagef("--set-weight %q: want pages, equal or sqrt", setWeight)
	}
	training := o.folds > 0 || o.loso
	switch {
	case fs.NArg() > 0:
		return usagef("unexpected argument %q", fs.Arg(0))
	case len(o.benches) == 0:
		return usagef("--bench DIR is required")
	case o.folds < 0 || o.folds == 1:
		return usagef("--folds %d: want 0 (no cross-validation) or at least 2", o.folds)
	case o.repeat < 1:
		return usagef("--repeat %d: want 1 or more", o.repeat)
	case o.folds == 0 && o.repeat > 1:
		return usagef("--repeat runs cross-validation; it needs --folds 2 or more")
	case o.format != "table" && o.format != "json":
		return usagef("--format %q: want table or json", o.format)
	case o.folds > 0 && (o.cf.modelPath != "" || o.cf.htmlModel != ""):
		return usagef("--model and --html-model are scored with --folds 0 only; cross-validation trains its own models")
	case !training && extra:
		return usagef("--gold adds training documents; it needs --folds 2 or more, or --loso")
	case len(o.pool) > 0 && o.folds == 0:
		return usagef("--pool joins the training of cross-validation; it needs --folds 2 or more")
	case len(o.pool) > 0 && o.loso:
		return usagef("--pool and --loso exclude each other: leave-one-set-out trains on the other --bench sets")
	case o.loso && len(o.benches) < 2:
		return usagef("--loso trains on the other sets: give at least two --bench")
	case mode == modeHTML && extra:
		return usagef("--gold documents are text; HTML mode trains on pages only")
	case mode == modeHTML && o.cf.textModel == "fast":
		return usagef("--text-model fast is for text mode")
	}
	o.tf.fast = o.cf.textModel == "fast"
	return nil
}

func runEval(e *env, args []string) error {
	o, err := parseEval(e, args)
	if err != nil {
		return err
	}
	var rows []systemScore
	var sets []*evalSet
	for _, mode := range o.modes {
		if sets, err = o.load(mode); err != nil {
			return err
		}
		for _, s := range sets {
			rows = append(rows, oracleRow(s, mode, o.keepTitle))
		}
		chaff, err := o.chaffRows(e, mode, sets)
		if err != nil {
			return err
		}
		rows = append(rows, chaff...)
	}
	for _, s := range sets {
		sys, err := o.systemRows(s.bench)
		if err != nil {
			return err
		}
		rows = append(rows, sys...)
	}
	benches := make([]*aeb.Bench, len(sets))
	for i, s := range sets {
		benches[i] = s.bench
	}
	rows = append(rows, breakdowns(rows, benches, aeb.BreakdownKeys)...)
	if len(sets) > 1 {
		rows = append(rows, macroRows(rows, len(sets))...)
	}
	sortScores(rows, benches)
	if o.format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rows)
	}
	return writeScores(e.stdout, rows, o.by)
}

// load loads every --bench set for mode, its lines labelled from the
// truth, and then the --pool sets into o.poolSets.
func (o *evalOpts) load(mode string) ([]*evalSet, error) {
	rb := false
	if mode == modeHTML {
		// Pages carry go-readability's signal when the models that score
		// them read it: the ones trained here, or the one scored.
		mcfg, err := o.tf.config(true)
		if err != nil {
			return nil, err
		}
		rb = mcfg.Kind == model.AccurateHTML
		if o.folds == 0 {
			base, err := o.cf.config()
			if err != nil {
				return nil, err
			}
			m := base.HTMLModel
			if m == nil {
				if m, err = model.Embedded(model.FastHTML); err != nil {
					return nil, err
				}
			}
			switch {
			case !o.loso:
				rb = m.Readability
			case m.Readability != rb:
				// A page carries go-readability's signal or not: loaded
				// for the models trained here, it would mislead the one
				// given, which is scored in a run of its own.
				o.skipGiven = true
			}
		}
	}
	var sets []*evalSet
	names := map[string]string{}
	for _, dir := range o.benches {
		s, err := loadSet(dir, mode, rb, names)
		if err != nil {
			return nil, err
		}
		if o.folds > len(s.docs) {
			return nil, usagef("--folds %d: set %s has only %d pages", o.folds, s.bench.Name, len(s.docs))
		}
		sets = append(sets, s)
	}
	o.poolSets = nil
	for _, dir := range o.pool {
		s, err := loadSet(dir, mode, rb, names)
		if err != nil {
			return nil, err
		}
		o.poolSets = append(o.poolSets, s)
	}
	return sets, nil
}

// loadSet loads the set in dir for mode (its pages with go-readability's
// signal when rb is set), and records its name in names, the directory of
// each set loaded so far: two sets of one name are an error.
func loadSet(dir, mode string, rb bool, names map[string]string) (*evalSet, error) {
	s := &evalSet{}
	var err error
	if mode == modeHTML {
		s.bench, s.docs, s.pages, err = evaluate.BenchPages(dir, htmltext.Options{Readability: rb})
	} else {
		s.bench, s.docs, err = evaluate.BenchDocs(dir)
	}
	if err != nil {
		return nil, err
	}
	if other, dup := names[s.bench.Name]; dup {
		return nil, usagef("%s and %s: two sets named %q", other, dir, s.bench.Name)
	}
	names[s.bench.Name] = dir
	return s, nil
}

// oracleRow scores the lines labelled keep of every page of s, the
// title's left out unless keepTitle is set (see evaluate.GoldExtract).
func oracleRow(s *evalSet, mode string, keepTitle bool) systemScore {
	pred := make(map[string]string, len(s.docs))
	for k, id := range s.bench.IDs {
		pred[id] = evaluate.GoldExtract(s.docs[k], keepTitle)
	}
	return scored(s.bench, mode, oracleSystem, pred)
}

// scored returns the row of a system's predictions on bench.
func scored(b *aeb.Bench, mode, system string, pred map[string]string) systemScore {
	docs := aeb.PerDoc(b.Truth, pred, b.IDs)
	s := aeb.Aggregate(docs)
	return systemScore{Set: b.Name, Mode: mode, System: system, Precision: s.Precision, Recall: s.Recall, F1: s.F1, Docs: s.Docs, Empty: s.Empty, docs: docs}
}

// systemRows scores every system of b's output/ folder and of the --peers
// folders' <set>/ subfolder; a peer's row is named "NAME (peers)", so that
// it never mixes with a system of output/ of the same name in macro rows.
func (o *evalOpts) systemRows(b *aeb.Bench) ([]systemScore, error) {
	var rows []systemScore
	add := func(path, name string) error {
		out, err := aeb.LoadOutput(path)
		if err != nil {
			return err
		}
		rows = append(rows, scored(b, modePage, name, out))
		return nil
	}
	systems, _ := aeb.Systems(b.Dir) // a set without output/ has no system
	for _, sys := range systems {
		if err := add(aeb.OutputPath(b.Dir, sys), sys); err != nil {
			return nil, err
		}
	}
	for _, dir := range o.peers {
		files, err := filepath.Glob(filepath.Join(dir, b.Name, "*.json"))
		if err != nil {
			return nil, err
		}
		sort.Strings(files)
		for _, f := range files {
			if err := add(f, strings.TrimSuffix(filepath.Base(f), ".json")+" (peers)"); err != nil {
				return nil, err
			}
		}
	}
	return rows, nil
}

// chaffRows scores chaff on every set in mode: the given model with
// --folds 0, k-fold cross-validation within each set otherwise, and with
// --loso a model trained on the other sets.
func (o *evalOpts) chaffRows(e *env, mode string, sets []*evalSet) ([]systemScore, error) {
	base, err := o.cf.config()
	if err != nil {
		return nil, err
	}
	if mode == modeHTML {
		base.TextModel = nil // the text model has no say on pages
	}
	var rows []systemScore
	for _, s := range sets {
		var rs []systemScore
		if o.folds == 0 {
			if o.skipGiven && mode == modeHTML {
				continue
			}
			rs, err = o.givenRows(e, mode, s, base)
		} else {
			rs, err = o.crossValidated(e, mode, s, base)
		}
		if err != nil {
			return nil, err
		}
		rows = append(rows, rs...)
	}
	if o.loso {
		rs, err := o.leaveOneSetOut(e, mode, sets, base)
		if err != nil {
			return nil, err
		}
		rows = append(rows, rs...)
	}
	return rows, nil
}

// givenRows scores the given (or embedded) model on s.
func (o *evalOpts) givenRows(e *env, mode string, s *evalSet, base classify.Config) ([]systemScore, error) {
	cl, err := classify.New(base)
	if err != nil {
		return nil, err
	}
	start := time.Now()
	classified := classifyAll(cl, s)
	logClassified(e, s, len(s.docs), 0, time.Since(start)).Info("chaff classified the set")
	row, err := chaffScore(s, mode, "chaff (model as given: not cross-validated)", classified, o.keepTitle)
	return []systemScore{row}, err
}

// classifyAll classifies every page of s with cl.
func classifyAll(cl *classify.Classifier, s *evalSet) []*classify.Document {
	out := make([]*classify.Document, len(s.docs))
	for k := range out {
		if s.pages != nil {
			out[k] = cl.ClassifyPage(s.pages[k])
		} else {
			out[k] = cl.Classify(s.docs[k].Data)
		}
	}
	return out
}

// chaffScore scores chaff's extraction from the classified pages of s.
func chaffScore(s *evalSet, mode, name string, classified []*classify.Document, keepTitle bool) (systemScore, error) {
	pred, err := evaluate.Extractions(s.bench.IDs, classified, keepTitle)
	if err != nil {
		return systemScore{}, err
	}
	row := scored(s.bench, mode, name, pred)
	row.Chaff = true
	return row, nil
}

// crossValidated scores chaff on s by --folds fold cross-validation, with
// the pages of one group (aeb.Bench.Group) in one fold, --repeat times: as
// folding says, in text mode also on the pages rewritten by evalLayouts,
// or with the --pool sets in training.
func (o *evalOpts) crossValidated(e *env, mode string, s *evalSet, base classify.Config) ([]systemScore, error) {
	mcfg, err := o.tf.config(mode == modeHTML)
	if err != nil {
		return nil, err
	}
	env, err := defaultEnv()
	if err != nil {
		return nil, err
	}
	groups, err := o.groups(s)
	if err != nil {
		return nil, err
	}
	run, names, err := o.folding(env, s, base)
	if err != nil {
		return nil, err
	}
	rows := make([]systemScore, len(names))
	for r := range o.repeat {
		cfg := mcfg
		cfg.Seed += uint64(r)
		cfg.Forest.Seed += uint64(r)
		folds := learn.GroupFolds(groups, o.folds, cfg.Seed)
		start := time.Now()
		classified, fields, err := run(folds, cfg)
		if err != nil {
			return nil, err
		}
		for j, c := range classified {
			sc, err := chaffScore(s, mode, "", c, o.keepTitle)
			if err != nil {
				return nil, err
			}
			entry := e.log.WithField("seed", cfg.Seed)
			if j == 0 {
				entry = logClassified(e, s, len(s.docs), o.folds, time.Since(start)).WithFields(fields).WithField("seed", cfg.Seed)
			}
			entry.WithField("f1", fmt.Sprintf("%.4f", sc.F1)).Info("chaff cross-validated on " + s.bench.Name + names[j])
			rows[j].Seeds = append(rows[j].Seeds, seedScore{Seed: cfg.Seed, Precision: sc.Precision, Recall: sc.Recall, F1: sc.F1})
			rows[j].docs = append(rows[j].docs, sc.docs...)
			rows[j].Docs, rows[j].Empty = sc.Docs, rows[j].Empty+sc.Empty
		}
	}
	for j := range rows {
		rows[j].Set, rows[j].Mode, rows[j].Chaff, rows[j].Folds = s.bench.Name, mode, true, o.folds
		rows[j].Empty /= o.repeat
		meanOfSeeds(&rows[j], o.folds, names[j])
	}
	return rows, nil
}

// foldRun classifies the pages of a set by cross-validation over folds
// with a model of cfg's kind, and returns them as given and as rewritten
// in each layout, with what to log of the run.
type foldRun func(folds [][]int, cfg model.Config) ([][]*classify.Document, logrus.Fields, error)

// folding returns how crossValidated classifies the folds of s, and what
// names each of the documents it returns: the pages by a model of the
// other folds and, in text mode, the pages rewritten in evalLayouts; with
// --pool, the pages by a model of the other folds and the --pool sets,
// each weighed as a set by --set-weight, but for their pages of the
// held-out fold's sites: how a model trained on many sets meets a new site
// of a kind of page it knows.
func (o *evalOpts) folding(env *signals.Env, s *evalSet, base classify.Config) (foldRun, []string, error) {
	extra := o.extra
	if s.pages != nil {
		extra = nil
	}
	if len(o.poolSets) == 0 {
		var layouts []learn.Layout
		names := []string{""}
		if s.pages == nil {
			for _, l := range evalLayouts {
				layouts = append(layouts, l.layout)
				names = append(names, ", "+l.name)
			}
		}
		data := learn.Data{Docs: s.docs, Pages: s.pages, Extra: extra, Weights: o.tf.weights()}
		return func(folds [][]int, cfg model.Config) ([][]*classify.Document, logrus.Fields, error) {
			c, err := learn.CrossValidate(env, data, folds, cfg, base, layouts...)
			return c, nil, err
		}, names, nil
	}
	train := []learn.Set{{Docs: s.docs, Pages: s.pages}}
	var sites []string // the site of each page of the pool, in pooled order
	for _, p := range o.poolSets {
		t, ts := trainingSet(p, nil)
		train = append(train, t)
		sites = append(sites, ts...)
	}
	docs, pages, weights, err := learn.Pool(train, -1, o.setWeight)
	if err != nil {
		return nil, nil, err
	}
	w := o.tf.weights()
	w.Docs = weights
	data := learn.Data{Docs: docs, Pages: pages, Extra: extra, Weights: w}
	n := len(s.docs)
	return func(folds [][]int, cfg model.Config) ([][]*classify.Document, logrus.Fields, error) {
		unused := make([][]int, len(folds))
		left := 0
		for i, fold := range folds {
			ids := make([]string, len(fold))
			for k, d := range fold {
				ids[k] = s.bench.IDs[d]
			}
			held := siteSet(s.bench, ids)
			for k, site := range sites {
				if held[site] {
					unused[i] = append(unused[i], n+k)
				}
			}
			left += len(unused[i])
		}
		c, err := learn.CrossValidatePooled(env, data, n, folds, unused, cfg, base)
		if err != nil {
			return nil, nil, err
		}
		return [][]*classify.Document{c}, logrus.Fields{"pool_pages": len(docs) - n, "pool_pages_left_out": left}, nil
	}, []string{", the --pool sets in training"}, nil
}

// sites returns the sites (aeb.Bench.Site) of the pages of s; pages
// without a URL have none.
func (s *evalSet) sites() map[string]bool { return siteSet(s.bench, s.bench.IDs) }

// siteSet returns the sites (aeb.Bench.Site) of the pages ids of b; pages
// without a URL have none.
func siteSet(b *aeb.Bench, ids []string) map[string]bool {
	sites := map[string]bool{}
	for _, id := range ids {
		if site := b.Site(id); site != "" {
			sites[site] = true
		}
	}
	return sites
}

// groups returns the group of each page of s, the pages of one group in
// one fold: its publisher or site, or the page itself with --fold-by page.
func (o *evalOpts) groups(s *evalSet) ([]string, error) {
	groups := make([]string, len(s.bench.IDs))
	distinct := map[string]bool{}
	for k, id := range s.bench.IDs {
		groups[k] = s.bench.Group(id)
		if o.byPage {
			groups[k] = "page:" + id
		}
		distinct[groups[k]] = true
	}
	if len(distinct) < o.folds {
		return nil, fmt.Errorf("set %s: its %d pages come from %d publishers or sites, fewer than --folds %d: some folds would have no page", s.bench.Name, len(groups), len(distinct), o.folds)
	}
	return groups, nil
}

// leaveOneSetOut scores each set with a model trained on the other sets
// (their pages not marked synthetic), weighed by --set-weight, with the
// --gold documents in text mode. Pages of the held-out set's sites are
// left out of the other sets too: 43 hosts (theguardian.com, bbc.com,
// stackoverflow.com...) have pages in two sets or more, and a model that
// learned a site's template would meet it again in the set it is scored on.
func (o *evalOpts) leaveOneSetOut(e *env, mode string, sets []*evalSet, base classify.Config) ([]systemScore, error) {
	var rows []systemScore
	for i, s := range sets {
		held := s.sites()
		train := make([]learn.Set, len(sets))
		excluded := 0
		for k, t := range sets {
			if k == i {
				train[k], _ = trainingSet(t, nil) // not trained on: learn.Pool skips it
				continue
			}
			train[k], _ = trainingSet(t, held)
			all, _ := trainingSet(t, nil)
			excluded += len(all.Docs) - len(train[k].Docs)
		}
		e.log.WithFields(map[string]any{"set": s.bench.Name, "sites": len(held), "pages_left_out": excluded}).
			Info("training pages of the held-out set's sites left out")
		docs, pages, weights, err := learn.Pool(train, i, o.setWeight)
		if err != nil {
			return nil, err
		}
		if len(docs) == 0 {
			return nil, fmt.Errorf("set %s: no page of the other sets is left to train on once the pages of its sites are left out", s.bench.Name)
		}
		start := time.Now()
		cl, err := o.fit(mode, docs, pages, weights, base)
		if err != nil {
			return nil, err
		}
		trained := time.Since(start)
		start = time.Now()
		classified := classifyAll(cl, s)
		logClassified(e, s, len(s.docs), 0, time.Since(start)).WithFields(map[string]any{
			"trained_on": len(docs), "training": trained.Round(time.Millisecond).String(),
		}).Info("chaff, trained on the other sets, classified the set")
		row, err := chaffScore(s, mode, "chaff (leave-one-set-out, sets weighed by "+string(o.setWeight)+")", classified, o.keepTitle)
		if err != nil {
			return nil, err
		}
		row.CrossValidated = true
		rows = append(rows, row)
	}
	return rows, nil
}

// trainingSet returns the pages of s a model may be trained on, all but
// those meta.jsonl marks synthetic and those of the sites in exclude, and
// the site of each.
func trainingSet(s *evalSet, exclude map[string]bool) (learn.Set, []string) {
	var t learn.Set
	var sites []string
	for k, id := range s.bench.IDs {
		site := s.bench.Site(id)
		if s.bench.Meta[id].Synthetic || exclude[site] {
			continue
		}
		t.Docs = append(t.Docs, s.docs[k])
		if s.pages != nil {
			t.Pages = append(t.Pages, s.pages[k])
		}
		sites = append(sites, site)
	}
	return t, sites
}

// fit trains the model kind the flags ask for on docs (pages in HTML
// mode), each weighing weights[k], with the --gold documents in text mode,
// and returns base classifying with it.
func (o *evalOpts) fit(mode string, docs []*gold.Doc, pages []*htmltext.Page, weights []float32, base classify.Config) (*classify.Classifier, error) {
	env, err := defaultEnv()
	if err != nil {
		return nil, err
	}
	extra := o.extra
	if mode == modeHTML {
		extra = nil
	}
	m, err := trainModel(env, &o.tf, mode == modeHTML, docs, extra, pages, weights)
	if err != nil {
		return nil, err
	}
	cfg := base
	cfg.Lexicon, cfg.Languages = env.Lexicon, env.Lang
	if m.Kind == model.FastText {
		cfg.TextModel = m
	} else {
		cfg.TextModel, cfg.HTMLModel = m, m
	}
	return classify.New(cfg)
}

// logClassified returns the log entry of one pass of chaff over a set,
// with its pace.
func logClassified(e *env, s *evalSet, docs, folds int, took time.Duration) *logrus.Entry {
	return e.log.WithFields(map[string]any{
		"set":    s.bench.Name,
		"docs":   docs,
		"folds":  folds,
		"took":   took.Round(time.Millisecond).String(),
		"docs/s": fmt.Sprintf("%.1f", float64(docs)/took.Seconds()),
	})
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
		row.System = fmt.Sprintf("chaff (%d-fold cross-validated%s, mean of %d seeds)", folds, what, len(row.Seeds))
	} else {
		row.Seeds = nil
	}
}

// breakdowns returns, for every row of a whole set with per-document
// scores, a row for each value of each key that the set's meta.jsonl has.
func breakdowns(rows []systemScore, benches []*aeb.Bench, keys []string) []systemScore {
	byName := map[string]*aeb.Bench{}
	for _, b := range benches {
		byName[b.Name] = b
	}
	var out []systemScore
	for _, r := range rows {
		b := byName[r.Set]
		if r.By != "" || b == nil || r.docs == nil {
			continue
		}
		for _, key := range keys {
			for v, s := range aeb.Breakdown(b, r.docs, key) {
				br := r
				br.By, br.Seeds, br.docs = key+"="+v, nil, nil
				br.Precision, br.Recall, br.F1, br.Docs, br.Empty = s.Precision, s.Recall, s.F1, s.Docs, s.Empty
				if r.Seeds != nil { // the runs of all seeds pooled
					br.Docs /= len(r.Seeds)
					br.Empty /= len(r.Seeds)
				}
				out = append(out, br)
			}
		}
	}
	return out
}

// macroRows averages each system over the sets, for the systems (by mode
// and name) scored on all n sets: precision, recall and F1 are the means
// of the sets', docs and empty their sums.
func macroRows(rows []systemScore, n int) []systemScore {
	type key struct{ mode, system string }
	var order []key
	sums := map[key]*systemScore{}
	count := map[key]int{}
	for _, r := range rows {
		if r.By != "" || r.Set == macroSet {
			continue
		}
		k := key{r.Mode, r.System}
		m := sums[k]
		if m == nil {
			m = &systemScore{Set: macroSet, Mode: r.Mode, System: r.System, Chaff: r.Chaff, CrossValidated: r.CrossValidated, Folds: r.Folds}
			sums[k] = m
			order = append(order, k)
		}
		m.Precision += r.Precision / float64(n)
		m.Recall += r.Recall / float64(n)
		m.F1 += r.F1 / float64(n)
		m.Docs += r.Docs
		m.Empty += r.Empty
		count[k]++
	}
	var out []systemScore
	for _, k := range order {
		if count[k] == n {
			out = append(out, *sums[k])
		}
	}
	return out
}

// sortScores orders rows by set (in the order of benches, macro last), by
// breakdown, then by F1, best first, then by mode and name.
func sortScores(rows []systemScore, benches []*aeb.Bench) {
	rank := map[string]int{macroSet: len(benches)}
	for i, b := range benches {
		rank[b.Name] = i
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i], rows[j]
		switch {
		case a.Set != b.Set:
			return rank[a.Set] < rank[b.Set]
		case a.By != b.By:
			return a.By < b.By
		case a.F1 != b.F1:
			return a.F1 > b.F1
		case a.Mode != b.Mode:
			return a.Mode < b.Mode
		}
		return a.System < b.System
	})
}

// writeScores writes eval's table of whole sets, then one table for each
// key of by.
func writeScores(w io.Writer, rows []systemScore, by []string) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "set\tmode\tsystem\tprecision\trecall\tF1\tempty\tdocs")
	for _, r := range rows {
		if r.By == "" {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%.3f\t%.3f\t%.3f\t%d\t%d\n", r.Set, r.Mode, r.System, r.Precision, r.Recall, r.F1, r.Empty, r.Docs)
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, key := range by {
		fmt.Fprintf(w, "\nby %s\n", key)
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintf(tw, "set\t%s\tmode\tsystem\tprecision\trecall\tF1\tempty\tdocs\n", key)
		for _, r := range rows {
			if v, ok := strings.CutPrefix(r.By, key+"="); ok {
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%.3f\t%.3f\t%.3f\t%d\t%d\n", r.Set, v, r.Mode, r.System, r.Precision, r.Recall, r.F1, r.Empty, r.Docs)
			}
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}
