package aeb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/label"
)

// writeBench writes a small benchmark directory and returns its path.
func writeBench(t *testing.T, truth, output string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, OutputDir), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, TruthFile), []byte(truth), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(OutputPath(dir, DumpSystem), []byte(output), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestWriteGold(t *testing.T) {
	dir := writeBench(t,
		`{"p1": {"articleBody": "Lorem ipsum dolor sit amet, consectetur.", "url": "u1"},
		  "p2": {"articleBody": "Second page body text here.", "url": "u2"}}`,
		`{"version": "x", "output": {
		  "p1": {"articleBody": "Home\n\nLorem ipsum dolor sit amet, consectetur.\r\n\u00a9 2020"},
		  "p2": {"articleBody": "Second page body text here."}}}`)
	out := filepath.Join(t.TempDir(), "gold", "aeb")
	if err := WriteGold(dir, out); err != nil {
		t.Fatal(err)
	}
	docs, err := gold.LoadAll(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || !strings.HasSuffix(docs[0].Name, "p1.txt") {
		t.Fatalf("wrote %d documents, first %q; want p1 and p2", len(docs), docs[0].Name)
	}
	if got := string(docs[0].Data); got != "Home\n\nLorem ipsum dolor sit amet, consectetur.\r\n© 2020" {
		t.Errorf("p1.txt = %q, not the dump's exact text", got)
	}
	if got := labels(docs[0].Rows); got != "dbkd" {
		t.Errorf("p1 labels %s, want dbkd", got)
	}

	missing := writeBench(t, `{"p1": {"articleBody": "x"}, "p2": {"articleBody": "y"}}`,
		`{"output": {"p1": {"articleBody": "x"}}}`)
	if err := WriteGold(missing, t.TempDir()); err == nil || !strings.Contains(err.Error(), "p2") {
		t.Errorf("WriteGold with a page lacking its dump: error %v, want one naming p2", err)
	}
	evil := writeBench(t, `{"../x": {"articleBody": "x"}}`, `{"output": {"../x": {"articleBody": "x"}}}`)
	if err := WriteGold(evil, t.TempDir()); err == nil {
		t.Error("WriteGold with id ../x: no error")
	}
}

// TestWriteGoldBench writes the gold files of the whole benchmark and reads
// them back through the gold package.
func TestWriteGoldBench(t *testing.T) {
	b := loadBench(t)
	out := t.TempDir()
	if err := WriteGold(benchDir, out); err != nil {
		t.Fatal(err)
	}
	docs, err := gold.LoadAll(out)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(b.IDs) {
		t.Fatalf("read back %d documents, want %d", len(docs), len(b.IDs))
	}
	keep := 0
	for _, d := range docs {
		for _, r := range d.Rows {
			if r.Label == label.Keep {
				keep++
			}
		}
	}
	if keep == 0 {
		t.Error("no line labelled keep in the whole benchmark")
	}
}
