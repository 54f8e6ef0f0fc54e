package aeb

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// benchDir is the benchmark shared by the team, outside the repository.
const benchDir = "../../../shared/bench/aeb"

// loadBench loads the shared benchmark or skips the test when it is absent.
func loadBench(tb testing.TB) *Bench {
	tb.Helper()
	if _, err := os.Stat(filepath.Join(benchDir, TruthFile)); err != nil {
		tb.Skipf("benchmark data not available (%v): these tests need %s", err, benchDir)
	}
	b, err := Load(benchDir)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestPublishedFigures checks the scorer against the figures published
// for the benchmark's systems, to the three decimals shown there.
func TestPublishedFigures(t *testing.T) {
	b := loadBench(t)
	if len(b.IDs) != 181 {
		t.Fatalf("loaded %d pages, want 181", len(b.IDs))
	}
	tests := []struct {
		system   string
		f1, p, r string // as published; "" when not published
	}{
		{"go_trafilatura", "0.960", "0.940", "0.980"},
		{"html-text", "0.665", "0.500", "0.994"},
		{"justext", "0.804", "", ""},
		{"go_readability", "0.934", "", ""},
		{"readability_js", "0.947", "", ""},
		{"rs_trafilatura", "0.970", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.system, func(t *testing.T) {
			pred, err := LoadOutput(OutputPath(benchDir, tt.system))
			if err != nil {
				t.Fatal(err)
			}
			got := Evaluate(b.Truth, pred, b.IDs)
			for _, c := range []struct {
				name, want string
				got        float64
			}{{"F1", tt.f1, got.F1}, {"precision", tt.p, got.Precision}, {"recall", tt.r, got.Recall}} {
				if c.want != "" && fmt.Sprintf("%.3f", c.got) != c.want {
					t.Errorf("%s %s = %.5f, published %s", tt.system, c.name, c.got, c.want)
				}
			}
			t.Logf("%-16s F1 %.3f  P %.3f  R %.3f", tt.system, got.F1, got.Precision, got.Recall)
		})
	}
}

func TestSystems(t *testing.T) {
	loadBench(t)
	sys, err := Systems(benchDir)
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, s := range sys {
		found[s] = true
	}
	if !found["html-text"] || !found["go_trafilatura"] {
		t.Errorf("Systems = %q, want html-text and go_trafilatura among them", sys)
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	if _, err := Load(dir); err == nil {
		t.Error("Load of a directory without ground-truth.json: no error")
	}
	for _, text := range []string{`{`, `{}`, `{"a": {"url": "x"}}`, `[1]`} {
		write(TruthFile, text)
		if _, err := Load(dir); err == nil {
			t.Errorf("Load of %s: no error", text)
		}
	}
	write(TruthFile, `{"b": {"articleBody": "B", "url": "u"}, "a": {"articleBody": ""}}`)
	b, err := Load(dir)
	if err != nil || len(b.IDs) != 2 || b.IDs[0] != "a" || b.Truth["b"] != (Page{"B", "u"}) {
		t.Errorf("Load = %+v, %v", b, err)
	}

	for _, text := range []string{`{`, `{"version": "1"}`, `{"output": []}`} {
		if _, err := LoadOutput(write("bad.json", text)); err == nil {
			t.Errorf("LoadOutput of %s: no error", text)
		}
	}
	out, err := LoadOutput(write("ok.json", `{"output": {"a": {"articleBody": "x"}, "b": {"articleBody": null}, "c": {}}}`))
	if err != nil || out["a"] != "x" || out["b"] != "" || len(out) != 3 {
		t.Errorf("LoadOutput = %q, %v", out, err)
	}
	if _, err := Systems(dir); err == nil {
		t.Error("Systems of a directory without output/: no error")
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"a": {"articleBody": "x", "url": "u"}}`))
	f.Add([]byte(`{"version": "1", "output": {"a": {"articleBody": null}}}`))
	f.Add([]byte(`{"output": {"a": null}, "a": null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if b, err := parseTruth("fuzz.json", data); err == nil {
			if len(b.IDs) != len(b.Truth) || len(b.IDs) == 0 {
				t.Fatalf("%d ids for %d pages", len(b.IDs), len(b.Truth))
			}
		} else if !strings.Contains(err.Error(), "fuzz.json") {
			t.Fatalf("error %q does not name the file", err)
		}
		if _, err := parseOutput("fuzz.json", data); err != nil && !strings.Contains(err.Error(), "fuzz.json") {
			t.Fatalf("error %q does not name the file", err)
		}
	})
}

// TestAllSystems scores every system of the benchmark: the figures must be
// rates over all pages, and no system may do worse than the naive dump
// except the other naive dumps.
func TestAllSystems(t *testing.T) {
	b := loadBench(t)
	systems, err := Systems(benchDir)
	if err != nil {
		t.Fatal(err)
	}
	scores := map[string]Score{}
	for _, s := range systems {
		pred, err := LoadOutput(OutputPath(benchDir, s))
		if err != nil {
			t.Fatal(err)
		}
		sc := Evaluate(b.Truth, pred, b.IDs)
		t.Logf("%-16s F1 %.3f  P %.3f  R %.3f", s, sc.F1, sc.Precision, sc.Recall)
		for _, v := range []float64{sc.F1, sc.Precision, sc.Recall} {
			if !(v >= 0 && v <= 1) {
				t.Errorf("%s: %+v is not a set of rates", s, sc)
			}
		}
		if sc.Docs != len(b.IDs) {
			t.Errorf("%s: %d docs, want %d", s, sc.Docs, len(b.IDs))
		}
		scores[s] = sc
	}
	naive := map[string]bool{"html-text": true, "beautifulsoup": true, "html2text": true, "inscriptis": true}
	for s, sc := range scores {
		if !naive[s] && sc.F1 <= scores["html-text"].F1 {
			t.Errorf("%s F1 %.3f does not beat the naive dump's %.3f", s, sc.F1, scores["html-text"].F1)
		}
	}
}
