package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/model"
	"github.com/chaff-dev/chaff/internal/render"
)

// classifyFlags are the flags that set the classifier's policy.
type classifyFlags struct {
	threshold float64
	keep      string
	drop      string
	dropTitle bool
	modelPath string
	textModel string
	htmlModel string
	// noFallback turns off the floor (classify.Config.NoFallback).
	noFallback bool
}

func (cf *classifyFlags) add(fs *flag.FlagSet) {
	fs.Float64Var(&cf.threshold, "threshold", classify.DefaultThreshold, "noise score from which the model drops a line, in (0,1]; higher keeps more")
	fs.StringVar(&cf.keep, "keep", "", "comma-separated noise categories to keep instead of dropping (e.g. byline,dateline)")
	fs.StringVar(&cf.drop, "drop", "", "comma-separated noise categories to drop; all others are kept (default: drop all)")
	fs.BoolVar(&cf.dropTitle, "drop-title", false, "leave the title out of the cleaned text")
	fs.StringVar(&cf.modelPath, "model", "", "model file made by 'chaff train', of any kind: it classifies text input, and HTML input too when it was trained with --html (default: the embedded model --text-model names)")
	fs.StringVar(&cf.textModel, "text-model", "accurate", "embedded model for text input: accurate, or fast (several times the speed, a little less accurate)")
	fs.BoolVar(&cf.noFallback, "no-fallback", false, "leave a document the model empties empty: by default, when it keeps fewer than 5 words besides the title of a document of 20 or more, its least noisy block of lines is kept and flagged (not on an error page, nor on a consent wall of which it kept the headline) (reason fallback:best-block, \"fallback\" in the stats)")
	fs.StringVar(&cf.htmlModel, "html-model", "", "model for HTML input: fast (embedded, without go-readability; the default, or --model's file when it was trained with --html), accurate (embedded, reads go-readability's article: about half the pages per second), or a file made by 'chaff train --html'")
}

func (cf *classifyFlags) config() (classify.Config, error) {
	cfg := classify.Config{Threshold: cf.threshold, NoFallback: cf.noFallback}
	if !(cf.threshold > 0 && cf.threshold <= 1) { // NaN fails both
		return cfg, usagef("--threshold %v: want a number in (0,1]", cf.threshold)
	}
	if cf.keep != "" && cf.drop != "" {
		return cfg, usagef("--keep and --drop exclude each other")
	}
	keep, err := parseCategories("--keep", cf.keep)
	if err != nil {
		return cfg, err
	}
	if cf.drop != "" {
		drop, err := parseCategories("--drop", cf.drop)
		if err != nil {
			return cfg, err
		}
		dropped := map[label.Category]bool{}
		for _, c := range drop {
			dropped[c] = true
		}
		for _, c := range label.Categories() {
			if !dropped[c] {
				keep = append(keep, c)
			}
		}
	}
	cfg.Keep = keep
	switch {
	case cf.textModel != "accurate" && cf.textModel != "fast" && cf.textModel != "":
		return cfg, usagef("--text-model %q: want accurate or fast", cf.textModel)
	case cf.modelPath != "":
		if cfg.TextModel, err = readModel(cf.modelPath); err != nil {
			return cfg, usagef("--model %s: %v", cf.modelPath, err)
		}
	case cf.textModel == "fast":
		if cfg.TextModel, err = model.Embedded(model.FastText); err != nil {
			return cfg, err
		}
	}
	switch cf.htmlModel {
	case "":
		// A model trained with --html given to --model is meant for the
		// pages too: left to the text input alone, it would be ignored on
		// HTML without a word. Else the classifier's default, the fast
		// HTML model.
		if cfg.TextModel != nil && cfg.TextModel.Kind.HTML() {
			cfg.HTMLModel = cfg.TextModel
		}
	case "fast":
		cfg.HTMLModel, err = model.Embedded(model.FastHTML)
	case "accurate":
		cfg.HTMLModel, err = model.Embedded(model.AccurateHTML)
	default:
		if cfg.HTMLModel, err = readModel(cf.htmlModel); err != nil {
			return cfg, usagef("--html-model %s: %v", cf.htmlModel, err)
		}
	}
	return cfg, err
}

// readModel reads a model file made by chaff train, of any kind (its
// first line names it).
func readModel(path string) (*model.Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := model.Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

func (cf *classifyFlags) policy() render.Policy { return render.Policy{DropTitle: cf.dropTitle} }

// parseCategories parses the comma-separated categories of the flag name.
func parseCategories(name, s string) ([]label.Category, error) {
	if s == "" {
		return nil, nil
	}
	known := map[label.Category]bool{}
	for _, c := range label.Categories() {
		known[c] = true
	}
	var out []label.Category
	for _, part := range strings.Split(s, ",") {
		c := label.Category(strings.TrimSpace(part))
		if !known[c] {
			return nil, usagef("%s: unknown noise category %q (known: %s)", name, c, categoryList())
		}
		out = append(out, c)
	}
	return out, nil
}

func categoryList() string {
	var names []string
	for _, c := range label.Categories() {
		names = append(names, string(c))
	}
	return strings.Join(names, ", ")
}
