package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/aeb"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/golden"
	"github.com/sirupsen/logrus"
)

// runCapture runs chaff in process with args and returns the exit status,
// stdout and stderr.
func runCapture(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, log: logrus.New()}
	code := run(e, args)
	return code, out.String(), errb.String()
}

// synthBench writes a benchmark of six small pages: a ground truth, the
// naive dumps (menus, share bars and teasers around the article) and the
// outputs of a perfect and an empty system.
func synthBench(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	bodies := []string{
		"Dockworkers in the northern port voted on Tuesday to extend their strike into a third week.\nThe union said talks with the port authority had stalled over pay and night shifts.",
		"The city council approved the new tram line after a debate that lasted most of the night.\nConstruction is due to begin in the spring and to last about three years.",
		"Farmers in the valley are bracing for a second dry summer as the reservoirs stand half empty.\nThe regional water board has asked households to cut their use by a tenth.",
		"A small bakery on the main square has won the national prize for the best sourdough loaf.\nThe owners said they would keep their prices as they are despite the attention.",
		"The museum reopened its east wing after a renovation that took four years and cost twice the estimate.\nVisitors can now see the restored ceiling paintings from a new gallery.",
		"Engineers have finished testing the bridge that links the two halves of the old town.\nIt will open to cyclists and walkers next month and to buses later in the year.",
	}
	truth := map[string]map[string]string{}
	dumps := map[string]map[string]string{}
	perfect := map[string]map[string]string{}
	empty := map[string]map[string]string{}
	for i, b := range bodies {
		id := string(rune('a'+i)) + "page"
		truth[id] = map[string]string{"articleBody": b, "url": "https://" + id + ".example.org/" + id}
		dump := "Home\nNews\nSport\nWeather\nLocal headline of the day\n\n" + b + "\n\nShare on Facebook\nShare on Twitter\nMost read\nWeather warning for the coast tonight\n© 2025 Example Media. All rights reserved.\n"
		dumps[id] = map[string]string{"articleBody": dump}
		page := "<html><body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article><h1>Local headline of the day</h1><p>" +
			strings.ReplaceAll(b, "\n", "</p><p>") + "</p></article><footer><p>© 2025 Example Media. All rights reserved.</p></footer></body></html>"
		var gz bytes.Buffer
		zw := gzip.NewWriter(&gz)
		zw.Write([]byte(page))
		zw.Close()
		if err := os.MkdirAll(filepath.Join(dir, "html"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "html", id+".html.gz"), gz.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		perfect[id] = map[string]string{"articleBody": b}
		empty[id] = map[string]string{"articleBody": ""}
	}
	write := func(path string, v any) {
		data, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "ground-truth.json"), truth)
	write(filepath.Join(dir, "output", "html-text.json"), map[string]any{"version": "1", "output": dumps})
	write(filepath.Join(dir, "output", "perfect.json"), map[string]any{"version": "1", "output": perfect})
	write(filepath.Join(dir, "output", "empty.json"), map[string]any{"version": "1", "output": empty})
	return dir
}

func TestEvalTrainCheckUsage(t *testing.T) {
	bench := synthBench(t)
	tests := []struct {
		name string
		args []string
		want string // in stderr
	}{
		{"eval without bench", []string{"eval"}, "--bench"},
		{"eval html mode with gold", []string{"eval", "--bench", bench, "--mode", "html", "--gold", "x"}, "HTML mode trains on pages only"},
		{"eval unknown mode", []string{"eval", "--bench", bench, "--mode", "pdf"}, "want text, html or both"},
		{"eval bad fold unit", []string{"eval", "--bench", bench, "--fold-by", "host"}, "--fold-by \"host\""},
		{"eval loso with one set", []string{"eval", "--bench", bench, "--loso"}, "at least two --bench"},
		{"eval bad set weight", []string{"eval", "--bench", bench, "--set-weight", "size"}, "--set-weight"},
		{"eval bad breakdown", []string{"eval", "--bench", bench, "--by", "page_type,colour"}, "--by \"colour\""},
		{"eval same set twice", []string{"eval", "--bench", bench, "--bench", bench, "--folds", "0"}, "two sets named"},
		{"eval pool without folds", []string{"eval", "--bench", bench, "--pool", bench, "--folds", "0"}, "--pool joins the training"},
		{"eval pool with loso", []string{"eval", "--bench", bench, "--bench", bench, "--pool", bench, "--loso"}, "--pool and --loso"},
		{"eval pool set also scored", []string{"eval", "--bench", bench, "--pool", bench, "--folds", "2"}, "two sets named"},
		{"train bad set weight", []string{"train", "--bench", bench, "-o", "m.bin", "--set-weight", "size"}, "--set-weight"},
		{"eval one fold", []string{"eval", "--bench", bench, "--folds", "1"}, "--folds"},
		{"eval negative folds", []string{"eval", "--bench", bench, "--folds", "-2"}, "--folds"},
		{"eval more folds than pages", []string{"eval", "--bench", bench, "--folds", "7"}, "only 6 pages"},
		{"eval bad format", []string{"eval", "--bench", bench, "--format", "xml"}, "--format"},
		{"eval model with folds", []string{"eval", "--bench", bench, "--model", "m.bin"}, "--folds 0"},
		{"eval gold without folds", []string{"eval", "--bench", bench, "--folds", "0", "--gold", "x"}, "--gold"},
		{"eval argument", []string{"eval", "--bench", bench, "extra"}, "unexpected argument"},
		{"eval unknown flag", []string{"eval", "--nope"}, "not defined"},
		{"eval zero repeats", []string{"eval", "--bench", bench, "--repeat", "0"}, "--repeat 0"},
		{"eval repeat without folds", []string{"eval", "--bench", bench, "--folds", "0", "--repeat", "2"}, "--repeat runs cross-validation"},
		{"eval bad threshold", []string{"eval", "--bench", bench, "--folds", "0", "--threshold", "2"}, "--threshold"},
		{"train without output", []string{"train", "--bench", bench}, "-o FILE"},
		{"train without data", []string{"train", "-o", "m.bin"}, "nothing to train on"},
		{"train zero epochs", []string{"train", "--bench", bench, "-o", "m.bin", "--epochs", "0"}, "--epochs"},
		{"train one inner fold", []string{"train", "--bench", bench, "-o", "m.bin", "--stage2-folds", "1"}, "--stage2-folds"},
		{"train argument", []string{"train", "--bench", bench, "-o", "m.bin", "doc.txt"}, "unexpected argument"},
		{"train zero subsample", []string{"train", "--bench", bench, "-o", "m.bin", "--subsample", "0"}, "--subsample"},
		{"train bad context", []string{"train", "--bench", bench, "-o", "m.bin", "--context=maybe"}, "invalid boolean value"},
		{"train fast partner in html mode", []string{"train", "--bench", bench, "-o", "m.bin", "--html", "--fast-partner"}, "--fast-partner"},
		{"train fast partner of the fast model", []string{"train", "--bench", bench, "-o", "m.bin", "--text-model", "fast", "--fast-partner"}, "--fast-partner"},
		{"train readability in text mode", []string{"train", "--bench", bench, "-o", "m.bin", "--readability"}, "--readability"},
		{"eval readability in text mode", []string{"eval", "--bench", bench, "--readability"}, "--readability"},
		{"eval fast in html mode", []string{"eval", "--bench", bench, "--mode", "html", "--text-model", "fast"}, "--text-model fast is for text mode"},
		{"eval unknown text model", []string{"eval", "--bench", bench, "--folds", "0", "--text-model", "slow"}, "--text-model"},
		{"train fast html", []string{"train", "--bench", bench, "-o", "m.bin", "--html", "--text-model", "fast"}, "fast is for text only"},
		{"train zero gold weight", []string{"train", "--bench", bench, "-o", "m.bin", "--gold-weight", "0"}, "--gold-weight"},
		{"train bad log level", []string{"train", "--log-level", "loud"}, "--log-level"},
		{"check two dirs", []string{"check", "a", "b"}, "at most one directory"},
		{"check min-f1 above one", []string{"check", "--min-f1", "1.5"}, "--min-f1"},
		{"check negative tolerance", []string{"check", "--tolerance", "-0.1"}, "--tolerance"},
		{"check bad format", []string{"check", "--format", "xml"}, "--format"},
		{"check update with gate", []string{"check", "--update", "--min-f1", "0.5"}, "--update"},
		{"check unknown category", []string{"check", "--keep", "weather"}, "unknown noise category"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := runCapture(t, tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr: %s", code, exitUsage, errs)
			}
			if !strings.Contains(errs, tt.want) {
				t.Errorf("stderr %q does not say %q", errs, tt.want)
			}
			if out != "" {
				t.Errorf("usage error wrote to stdout: %q", out)
			}
		})
	}
}

func TestEvalTrainCheckHelp(t *testing.T) {
	for _, cmd := range []string{"eval", "train", "check"} {
		code, _, errs := runCapture(t, cmd, "-h")
		if code != exitOK || !strings.Contains(errs, "Usage: chaff "+cmd) {
			t.Errorf("%s -h: exit %d, stderr %q", cmd, code, errs)
		}
	}
}

func TestEvalSynthetic(t *testing.T) {
	bench := synthBench(t)
	tests := []struct {
		name      string
		args      []string
		chaffName string
		cv        bool
	}{
		{"cross-validated", []string{"--folds", "2", "--epochs", "2"}, "chaff (2-fold cross-validated)", true},
		{"html mode", []string{"--mode", "html", "--folds", "2", "--epochs", "2"}, "chaff (2-fold cross-validated)", true},
		{"cross-validated one stage", []string{"--folds", "3", "--epochs", "1", "--stage2-folds", "0", "--keep-title"}, "chaff (3-fold cross-validated)", true},
		{"given model", []string{"--folds", "0", "--model", trainTiny(t, bench)}, "chaff (model as given: not cross-validated)", false},
		{"fast cross-validated", []string{"--text-model", "fast", "--folds", "2", "--epochs", "2"}, "chaff (2-fold cross-validated)", true},
		{"given fast model", []string{"--folds", "0", "--model", trainTiny(t, bench, "--text-model", "fast")}, "chaff (model as given: not cross-validated)", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"eval", "--bench", bench, "--format", "json"}, tt.args...)
			code, out, errs := runCapture(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d; stderr: %s", code, errs)
			}
			if !strings.Contains(errs, "docs/s") || !strings.Contains(errs, "docs=6") {
				t.Errorf("stderr has no timing for 6 docs: %s", errs)
			}
			var rows []systemScore
			if err := json.Unmarshal([]byte(out), &rows); err != nil {
				t.Fatalf("output is not JSON: %v\n%s", err, out)
			}
			// Text-mode cross-validation adds a row per layout of
			// evalLayouts: the same pages as other scrapers dump them.
			layouts := 0
			if tt.cv && !slices.Contains(tt.args, "html") {
				layouts = len(evalLayouts)
			}
			if len(rows) != 5+layouts {
				t.Fatalf("%d rows, want chaff, %d layouts, the oracle and 3 systems: %+v", len(rows), layouts, rows)
			}
			bySystem := map[string]systemScore{}
			for i, r := range rows {
				bySystem[r.System] = r
				if i > 0 && r.F1 > rows[i-1].F1 {
					t.Errorf("rows not sorted by F1: %+v", rows)
				}
				if r.Docs != 6 {
					t.Errorf("%s scored %d docs, want 6", r.System, r.Docs)
				}
			}
			if p := bySystem["perfect"]; p.F1 != 1 || rows[0].F1 != 1 {
				t.Errorf("perfect system %+v, first row %+v: want both F1 1", p, rows[0])
			}
			if last := rows[len(rows)-1]; last.System != "empty" {
				t.Errorf("last row %+v, want the empty system", last)
			}
			if e := bySystem["empty"]; e.F1 != 0 || e.Recall != 0 {
				t.Errorf("empty system %+v, want F1 0", e)
			}
			if d := bySystem["html-text"]; d.Recall != 1 || d.Precision >= 0.6 || d.Mode != modePage {
				t.Errorf("naive dump %+v: want all the article and much noise, read from the page", d)
			}
			if e := bySystem["empty"]; e.Empty != 6 {
				t.Errorf("empty system %+v, want 6 empty outputs", e)
			}
			if o := bySystem[oracleSystem]; o.F1 < 0.99 || o.Chaff || o.Mode != rows[0].Mode && o.Mode == modePage {
				t.Errorf("oracle %+v: the labelled lines should score about 1", o)
			}
			c, ok := bySystem[tt.chaffName]
			if !ok || !c.Chaff || c.CrossValidated != tt.cv {
				t.Fatalf("no chaff row named %q (cross-validated %v) in %+v", tt.chaffName, tt.cv, rows)
			}
			// The noise around these articles is plain: chaff must clean
			// some of it away, whatever the layout.
			if c.F1 <= bySystem["html-text"].F1 {
				t.Errorf("chaff %+v does not beat the naive dump %+v", c, bySystem["html-text"])
			}
			for _, l := range evalLayouts[:layouts] {
				name := strings.TrimSuffix(tt.chaffName, ")") + ", " + l.name + ")"
				r, ok := bySystem[name]
				if !ok || !r.Chaff || !r.CrossValidated {
					t.Fatalf("no chaff row named %q in %+v", name, rows)
				}
				if r.F1 <= bySystem["html-text"].F1 {
					t.Errorf("chaff %+v does not beat the naive dump %+v", r, bySystem["html-text"])
				}
			}
		})
	}
}

// TestEvalRepeat checks that --repeat runs one cross-validation per seed,
// each the same as a run with that seed alone, and reports their mean.
func TestEvalRepeat(t *testing.T) {
	bench := synthBench(t)
	chaffRow := func(args ...string) systemScore {
		t.Helper()
		args = append([]string{"eval", "--bench", bench, "--format", "json", "--folds", "2", "--epochs", "1"}, args...)
		code, out, errs := runCapture(t, args...)
		if code != exitOK {
			t.Fatalf("%v: exit %d; stderr: %s", args, code, errs)
		}
		var rows []systemScore
		if err := json.Unmarshal([]byte(out), &rows); err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.Chaff {
				return r
			}
		}
		t.Fatalf("no chaff row: %s", out)
		return systemScore{}
	}
	got := chaffRow("--seed", "3", "--repeat", "2")
	if len(got.Seeds) != 2 || got.Seeds[0].Seed != 3 || got.Seeds[1].Seed != 4 {
		t.Fatalf("seeds %+v, want runs with seeds 3 and 4", got.Seeds)
	}
	if !strings.Contains(got.System, "mean of 2 seeds") {
		t.Errorf("row name %q does not say it is a mean", got.System)
	}
	var p, r, f float64
	for i, sc := range got.Seeds {
		alone := chaffRow("--seed", fmt.Sprint(sc.Seed))
		if alone.F1 != sc.F1 || alone.Precision != sc.Precision || alone.Recall != sc.Recall || alone.Seeds != nil {
			t.Errorf("run %d: %+v; alone with its seed: %+v", i, sc, alone)
		}
		p, r, f = p+sc.Precision/2, r+sc.Recall/2, f+sc.F1/2
	}
	if math.Abs(got.Precision-p) > 1e-12 || math.Abs(got.Recall-r) > 1e-12 || math.Abs(got.F1-f) > 1e-12 {
		t.Errorf("row %+v is not the mean of its runs (P %v R %v F1 %v)", got, p, r, f)
	}
}

// TestEvalHTMLMissingPage checks that a page missing from html/ is an
// error that names it, not a usage error and not a silent gap.
func TestEvalHTMLMissingPage(t *testing.T) {
	bench := synthBench(t)
	if err := os.Remove(filepath.Join(bench, "html", "cpage.html.gz")); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCapture(t, "eval", "--bench", bench, "--mode", "html", "--folds", "2", "--epochs", "1")
	if code != exitFail || !strings.Contains(errs, "cpage.html.gz") {
		t.Fatalf("exit %d, stderr %q: want exit 1 naming cpage.html.gz", code, errs)
	}
}

func TestEvalTable(t *testing.T) {
	bench := synthBench(t)
	code, out, errs := runCapture(t, "eval", "--bench", bench, "--folds", "2", "--epochs", "1")
	if code != exitOK {
		t.Fatalf("exit %d; stderr: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if n := 6 + len(evalLayouts); len(lines) != n || !strings.HasPrefix(lines[0], "set ") || !strings.Contains(lines[n-1], " empty ") {
		t.Errorf("table:\n%s", out)
	}
	if !strings.Contains(out, "chaff (2-fold cross-validated)") {
		t.Errorf("no chaff row:\n%s", out)
	}
}

// TestWriteScores checks the table's layout on fixed figures.
func TestWriteScores(t *testing.T) {
	rows := []systemScore{
		{Set: "aeb", Mode: modePage, System: "justext", Precision: 0.858, Recall: 0.756, F1: 0.804, Docs: 181, Empty: 4},
		{Set: "aeb", Mode: modeText, System: "chaff (5-fold cross-validated)", Precision: 0.9, Recall: 0.95, F1: 0.9243, Chaff: true, CrossValidated: true, Folds: 5, Docs: 181},
		{Set: macroSet, Mode: modeText, System: "chaff (5-fold cross-validated)", Precision: 0.8, Recall: 0.9, F1: 0.847, Docs: 205},
		{Set: "wcxb-dev", By: "page_type=forum", Mode: modeText, System: "chaff (5-fold cross-validated)", Precision: 0.7, Recall: 0.8, F1: 0.747, Docs: 2, Empty: 1},
		{Set: "wcxb-dev", Mode: modeText, System: "chaff (5-fold cross-validated)", Precision: 0.7, Recall: 0.85, F1: 0.768, Docs: 24},
		{Set: "aeb", Mode: modePage, System: "rs_trafilatura", Precision: 0.951, Recall: 0.990, F1: 0.970, Docs: 181},
		{Set: "aeb", Mode: modePage, System: "beautifulsoup", Precision: 0.499, Recall: 0.994, F1: 0.665, Docs: 181},
		{Set: "aeb", Mode: modePage, System: "html-text", Precision: 0.500, Recall: 0.994, F1: 0.665, Docs: 181},
		{Set: "aeb", Mode: modeText, System: oracleSystem, Precision: 0.999, Recall: 0.998, F1: 0.9989, Docs: 181},
	}
	sortScores(rows, []*aeb.Bench{{Name: "wcxb-dev"}, {Name: "aeb"}})
	var buf bytes.Buffer
	if err := writeScores(&buf, rows, []string{"page_type", "lang"}); err != nil {
		t.Fatal(err)
	}
	golden.Compare(t, "eval_table.golden", buf.Bytes())
}

// TestEvalRealBench scores chaff by cross-validation on the shared
// benchmark; it is slow.
func TestEvalRealBench(t *testing.T) {
	const dir = "../../../shared/bench/aeb"
	if testing.Short() {
		t.Skip("slow: cross-validates on the 181 benchmark pages; run without -short")
	}
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err != nil {
		t.Skipf("benchmark missing (%v): it lives in the team's shared folder", err)
	}
	code, out, errs := runCapture(t, "eval", "--bench", dir, "--folds", "3", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d; stderr: %s", code, errs)
	}
	var rows []systemScore
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	by := map[string]systemScore{}
	for _, r := range rows {
		by[r.System] = r
	}
	if len(rows) != 14+len(evalLayouts) || by["html-text"].Docs != 181 {
		t.Fatalf("want chaff, %d layouts, the oracle and 12 systems over 181 pages: %+v", len(evalLayouts), rows)
	}
	names := []string{"chaff (3-fold cross-validated)"}
	for _, l := range evalLayouts {
		names = append(names, "chaff (3-fold cross-validated, "+l.name+")")
	}
	for _, name := range names {
		c := by[name]
		// chaff reads the naive dump, in its layout or another: it must
		// beat it by removing noise.
		if c.F1 <= by["html-text"].F1 || c.Precision <= by["html-text"].Precision {
			t.Errorf("%s: %+v does not beat the naive dump it cleans %+v", name, c, by["html-text"])
		}
		t.Logf("%s: P %.3f R %.3f F1 %.3f", name, c.Precision, c.Recall, c.F1)
	}
}

// synthSetWithMeta writes a synthetic set with a meta.jsonl that gives
// half its pages the page type "forum" and half "article", all in lang.
func synthSetWithMeta(t *testing.T, lang string) string {
	t.Helper()
	dir := synthBench(t)
	var meta strings.Builder
	for i := range 6 {
		pt := "article"
		if i%2 == 1 {
			pt = "forum"
		}
		// Each set its own site, so that leave-one-set-out trains on
		// the other set's pages.
		fmt.Fprintf(&meta, `{"id": "%cpage", "lang": %q, "page_type": %q, "url": "https://%s.example/%d"}`+"\n", 'a'+i, lang, pt, lang, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "meta.jsonl"), []byte(meta.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestEvalSets scores two sets in both modes, with the embedded models,
// leave-one-set-out models and a peer's output: every set and mode has its
// rows, the macro rows average the sets, the breakdowns cover the pages.
func TestEvalSets(t *testing.T) {
	a, b := synthSetWithMeta(t, "en"), synthSetWithMeta(t, "de")
	peers := t.TempDir()
	for _, set := range []string{a, b} {
		data, err := os.ReadFile(filepath.Join(set, "output", "perfect.json"))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(peers, filepath.Base(set), "peer_perfect.json")
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	args := []string{"eval", "--bench", a, "--bench", b, "--peers", peers, "--mode", "both", "--folds", "0", "--loso",
		"--set-weight", "equal", "--epochs", "1", "--stage2-folds", "0"}
	code, out, errs := runCapture(t, append(args, "--format", "json")...)
	if code != exitOK {
		t.Fatalf("exit %d; stderr: %s", code, errs)
	}
	var rows []systemScore
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	type key struct{ set, mode, by, system string }
	got := map[key]systemScore{}
	for _, r := range rows {
		got[key{r.Set, r.Mode, r.By, r.System}] = r
	}
	loso := "chaff (leave-one-set-out, sets weighed by equal)"
	given := "chaff (model as given: not cross-validated)"
	for _, set := range []string{filepath.Base(a), filepath.Base(b), macroSet} {
		for _, mode := range []string{modeText, modeHTML} {
			for _, sys := range []string{loso, given, oracleSystem} {
				r, ok := got[key{set, mode, "", sys}]
				if !ok {
					t.Errorf("no row for %s %s %s", set, mode, sys)
					continue
				}
				if want := 6; set == macroSet {
					if r.Docs != 12 {
						t.Errorf("%+v: want 12 docs over the two sets", r)
					}
				} else if r.Docs != want {
					t.Errorf("%+v: want %d docs", r, want)
				}
			}
		}
		for _, sys := range []string{"perfect", "peer_perfect (peers)", "empty", "html-text"} {
			if _, ok := got[key{set, modePage, "", sys}]; !ok {
				t.Errorf("no row for %s %s", set, sys)
			}
		}
	}
	if r := got[key{filepath.Base(a), modeText, "", loso}]; !r.CrossValidated || !r.Chaff {
		t.Errorf("leave-one-set-out row %+v: want chaff, cross-validated", r)
	}
	if r := got[key{macroSet, modePage, "", "empty"}]; r.Empty != 12 || r.F1 != 0 {
		t.Errorf("macro of the empty system %+v: want 12 empty outputs", r)
	}
	ta, tb := got[key{filepath.Base(a), modePage, "", "html-text"}], got[key{filepath.Base(b), modePage, "", "html-text"}]
	if m := got[key{macroSet, modePage, "", "html-text"}]; math.Abs(m.F1-(ta.F1+tb.F1)/2) > 1e-12 {
		t.Errorf("macro F1 %v, want the mean of %v and %v", m.F1, ta.F1, tb.F1)
	}
	// Breakdowns: 3 forum and 3 article pages a set, one language a set.
	for _, by := range []string{"page_type=forum", "page_type=article", "lang=en"} {
		if r := got[key{filepath.Base(a), modePage, by, "perfect"}]; r.Docs != 3+3*btoi(by == "lang=en") || r.F1 != 1 {
			t.Errorf("breakdown %s of set a: %+v", by, r)
		}
	}
	if _, ok := got[key{filepath.Base(a), modePage, "lang=de", "perfect"}]; ok {
		t.Error("set a has a German breakdown row; its pages are English")
	}

	code, out, errs = runCapture(t, append(args, "--by", "page_type")...)
	if code != exitOK {
		t.Fatalf("table: exit %d; stderr: %s", code, errs)
	}
	main, byType, ok := strings.Cut(out, "\nby page_type\n")
	if !ok || !strings.Contains(byType, "forum") || strings.Contains(main, "forum") || !strings.Contains(main, "\nmacro ") {
		t.Errorf("table without its page-type breakdown or macro rows:\n%s", out)
	}
}

// TestEvalPool cross-validates a set with another set in every fold's
// training, in both modes: the pooled set is trained on and never scored,
// and its pages of the held-out fold's sites are left out of that fold's
// training (both sets have the same six sites here, so each fold trains
// on the pool's pages of the other fold's three sites).
func TestEvalPool(t *testing.T) {
	a, b := synthBench(t), synthBench(t)
	code, out, errs := runCapture(t, "eval", "--bench", a, "--pool", b, "--folds", "2", "--mode", "both",
		"--set-weight", "equal", "--epochs", "1", "--stage2-folds", "0", "--format", "json", "--log-level", "info")
	if code != exitOK {
		t.Fatalf("exit %d; stderr: %s", code, errs)
	}
	var rows []systemScore
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	want := "chaff (2-fold cross-validated, the --pool sets in training)"
	found := map[string]bool{}
	for _, r := range rows {
		if r.Set == filepath.Base(b) {
			t.Errorf("a row for the pooled set: %+v", r)
		}
		if r.System == want && r.Set == filepath.Base(a) && r.By == "" {
			found[r.Mode] = true
			if r.Docs != 6 || !r.CrossValidated || !r.Chaff {
				t.Errorf("%+v: want 6 pages, chaff, cross-validated", r)
			}
		}
	}
	if !found[modeText] || !found[modeHTML] {
		t.Errorf("rows %q by mode: %v, want text and html; stdout:\n%s", want, found, out)
	}
	if n := strings.Count(errs, "pool_pages=6 pool_pages_left_out=6"); n != 2 {
		t.Errorf("the log says %d times that the pool's 6 pages were each left out of the fold of their site, want once a mode:\n%s", n, errs)
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestEvalFewGroups checks that k-fold cross-validation of a set whose
// pages come from fewer sites than folds is an error naming the set, not
// a figure from empty training folds.
func TestEvalFewGroups(t *testing.T) {
	bench := synthBench(t)
	truth := filepath.Join(bench, "ground-truth.json")
	data, err := os.ReadFile(truth)
	if err != nil {
		t.Fatal(err)
	}
	one := regexp.MustCompile(`https://[a-z]+\.example\.org`).ReplaceAll(data, []byte("https://example.org"))
	if err := os.WriteFile(truth, one, 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCapture(t, "eval", "--bench", bench, "--folds", "2", "--epochs", "1")
	if code != exitFail || !strings.Contains(errs, "from 1 publishers or sites, fewer than --folds 2") {
		t.Fatalf("exit %d, stderr %q: want exit 1 and the reason", code, errs)
	}
	// Split by page, the same set cross-validates.
	code, out, errs := runCapture(t, "eval", "--bench", bench, "--folds", "2", "--epochs", "1", "--fold-by", "page", "--format", "json")
	if code != exitOK || !strings.Contains(out, "chaff (2-fold cross-validated)") {
		t.Fatalf("--fold-by page: exit %d, stderr %s", code, errs)
	}
}

// TestTrainingSetLeavesOutSites checks what leave-one-set-out trains on
// from another set: every page but the synthetic ones and those of the
// held-out set's sites, whatever their publisher is called in either set.
func TestTrainingSetLeavesOutSites(t *testing.T) {
	held := &evalSet{bench: &aeb.Bench{
		IDs:   []string{"h1", "h2", "h3"},
		Truth: map[string]aeb.Page{"h1": {URL: "https://www.bbc.com/news/1"}, "h2": {URL: "https://Example.ORG/a"}, "h3": {}},
	}}
	other := &evalSet{bench: &aeb.Bench{
		IDs: []string{"o1", "o2", "o3", "o4", "o5"},
		Truth: map[string]aeb.Page{
			"o1": {URL: "https://bbc.com/sport/2"},   // the held-out set's site: out
			"o2": {URL: "https://news.example.org/"}, // another host: in
			"o3": {URL: "https://example.org/b"},     // out
			"o4": {},                                 // no URL: in
			"o5": {URL: "https://lemonde.fr/x"},      // synthetic: out
		},
		Meta: map[string]aeb.Meta{"o1": {Publisher: "BBC"}, "o5": {Synthetic: true}},
	}}
	for _, id := range other.bench.IDs {
		other.docs = append(other.docs, &gold.Doc{Name: id})
	}
	sites := held.sites()
	if len(sites) != 2 || !sites["bbc.com"] || !sites["example.org"] {
		t.Fatalf("sites of the held-out set = %v, want bbc.com and example.org", sites)
	}
	tests := []struct {
		name    string
		exclude map[string]bool
		want    []string
	}{
		{"training, nothing held out", nil, []string{"o1", "o2", "o3", "o4"}},
		{"leave-one-set-out", sites, []string{"o2", "o4"}},
	}
	for _, tt := range tests {
		var got []string
		set, siteOf := trainingSet(other, tt.exclude)
		for _, d := range set.Docs {
			got = append(got, d.Name)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: trained on %v, want %v", tt.name, got, tt.want)
		}
		for k, d := range set.Docs {
			if want := other.bench.Site(d.Name); k >= len(siteOf) || siteOf[k] != want {
				t.Errorf("%s: the site of %s is given as %v, want %q", tt.name, d.Name, siteOf, want)
			}
		}
	}
}

// TestEvalReadabilitySignal checks which pages carry go-readability's
// article in HTML mode: those scored by a model that reads it. A
// leave-one-set-out run of fast HTML models used to load them with the
// signal because the embedded model it also scored read it, and so
// trained and scored accurate models under the fast model's name; the
// given model's rows are now left out of a run whose trained models
// and given model disagree.
func TestEvalReadabilitySignal(t *testing.T) {
	a, b := synthSetWithMeta(t, "en"), synthSetWithMeta(t, "de")
	tests := []struct {
		name      string
		args      []string
		signal    bool // pages carry go-readability's article
		skipGiven bool
	}{
		{"leave-one-set-out, fast HTML models", []string{"--loso"}, false, false},
		{"leave-one-set-out, fast HTML models, accurate given", []string{"--loso", "--html-model", "accurate"}, false, true},
		{"leave-one-set-out, accurate HTML models", []string{"--readability", "--loso"}, true, true},
		{"leave-one-set-out, accurate models, accurate given", []string{"--readability", "--loso", "--html-model", "accurate"}, true, false},
		{"the fast model given", nil, false, false},
		{"the accurate model given", []string{"--html-model", "accurate"}, true, false},
		{"the fast model given by name", []string{"--html-model", "fast"}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			e := &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, log: logrus.New()}
			args := append([]string{"--bench", a, "--bench", b, "--mode", "html", "--folds", "0"}, tt.args...)
			o, err := parseEval(e, args)
			if err != nil {
				t.Fatal(err)
			}
			sets, err := o.load(modeHTML)
			if err != nil {
				t.Fatal(err)
			}
			articles := 0
			for _, s := range sets {
				for _, p := range s.pages {
					if p.HasArticle {
						articles++
					}
				}
			}
			if (articles > 0) != tt.signal || o.skipGiven != tt.skipGiven {
				t.Errorf("%d pages carry an article, given rows skipped %v; want signal %v, skipped %v", articles, o.skipGiven, tt.signal, tt.skipGiven)
			}
		})
	}
}
