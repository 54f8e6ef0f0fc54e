package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/model"
)

// fixtureCopy copies the named fixtures (NAME.txt and NAME.gold, paths
// relative to the repository's fixtures folder) into a new temporary
// directory and returns it.
func fixtureCopy(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		for _, ext := range []string{".txt", ".gold"} {
			data, err := os.ReadFile(filepath.Join("..", "..", "fixtures", n+ext))
			if err != nil {
				t.Skipf("fixture missing: %v", err)
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(n)+ext), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	return dir
}

// trainTiny trains a quick model on the pages of bench and returns its path.
func trainTiny(t *testing.T, bench string, extra ...string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "tiny.model")
	args := append([]string{"train", "--bench", bench, "-o", out, "--epochs", "1", "--stage2-folds", "0"}, extra...)
	if code, _, errs := runCapture(t, args...); code != exitOK {
		t.Fatalf("train: exit %d: %s", code, errs)
	}
	return out
}

func TestTrainDeterministic(t *testing.T) {
	gold := fixtureCopy(t, "en/en_news_port_strike", "it/it_clean_orti_urbani")
	dir := t.TempDir()
	train := func(name, seed string, extra ...string) []byte {
		t.Helper()
		out := filepath.Join(dir, name)
		args := append([]string{"train", "--gold", gold, "-o", out, "--seed", seed, "--epochs", "2"}, extra...)
		code, stdout, errs := runCapture(t, args...)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		if stdout != "" {
			t.Errorf("train wrote to stdout: %q", stdout)
		}
		if !strings.Contains(errs, "lines/s") || !strings.Contains(errs, "docs=2") {
			t.Errorf("no speed report for 2 docs on stderr: %s", errs)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := model.Read(bytes.NewReader(data)); err != nil {
			t.Fatalf("the written model does not read back: %v", err)
		}
		return data
	}
	a := train("a.model", "7")
	b := train("b.model", "7")
	c := train("c.model", "8")
	if !bytes.Equal(a, b) {
		t.Error("the same seed gave two different model files")
	}
	if bytes.Equal(a, c) {
		t.Error("seeds 7 and 8 gave the same model: is the seed used?")
	}
	// Retraining over an existing file replaces it and leaves no
	// temporary file behind.
	d := train("a.model", "8")
	if !bytes.Equal(d, c) {
		t.Error("overwriting a model did not give the new model")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, ",") != "a.model,b.model,c.model" {
		t.Errorf("files left in the output directory: %v", names)
	}
}

func TestTrainErrors(t *testing.T) {
	empty := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"gold dir without gold files", []string{"--gold", empty}, "no .gold files"},
		{"missing bench", []string{"--bench", filepath.Join(empty, "nope")}, "ground-truth.json"},
		{"output in a missing directory", []string{"--gold", "../../fixtures/it/it_clean_orti_urbani.gold", "--epochs", "1", "-o", filepath.Join(empty, "no", "m.bin")}, "no such file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"train"}, tt.args...)
			if !strings.Contains(strings.Join(args, " "), " -o ") {
				args = append(args, "-o", filepath.Join(empty, "m.bin"))
			}
			code, _, errs := runCapture(t, args...)
			if code != exitFail || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, errs, tt.want)
			}
		})
	}
}

func TestTrainOnBench(t *testing.T) {
	bench := synthBench(t)
	m := trainTiny(t, bench)
	f, err := os.Open(m)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	md, err := model.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.About, "6 documents and 6 layout variants") {
		t.Errorf("model trained on %q, want the 6 benchmark pages, each in one other layout", md.About)
	}
}

// TestTrainOnSets trains on two benchmark sets: their pages are pooled,
// the synthetic ones left out, and the set weighting changes the model.
func TestTrainOnSets(t *testing.T) {
	a, b := synthBench(t), synthBench(t)
	// Two of b's pages are hand-written feature tests.
	meta := `{"id": "apage", "synthetic": true}` + "\n" + `{"id": "bpage", "synthetic": true}` + "\n"
	if err := os.WriteFile(filepath.Join(b, "meta.jsonl"), []byte(meta), 0o644); err != nil {
		t.Fatal(err)
	}
	read := func(path string) []byte {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	pages := trainTiny(t, a, "--bench", b, "--set-weight", "pages")
	equal := trainTiny(t, a, "--bench", b, "--set-weight", "equal")
	f, err := os.Open(pages)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	md, err := model.Read(f)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md.About, "10 documents") {
		t.Errorf("model trained on %q, want the 6 + 4 real pages", md.About)
	}
	if bytes.Equal(read(pages), read(equal)) {
		t.Error("--set-weight equal and pages give the same model for sets of 6 and 4 pages")
	}
	html := filepath.Join(t.TempDir(), "html.model")
	if code, _, errs := runCapture(t, "train", "--html", "--bench", a, "--bench", b, "--set-weight", "sqrt", "-o", html, "--epochs", "1", "--stage2-folds", "0", "--readability=false"); code != exitOK {
		t.Fatalf("train --html on two sets: exit %d: %s", code, errs)
	}
}
