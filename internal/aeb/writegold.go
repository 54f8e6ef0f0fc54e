package aeb

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/chaff-dev/chaff/internal/gold"
)

// DumpSystem is the system whose output is the naive text dump of each
// page: all of the page's text, menus and all, the input of chaff's text
// mode and the text that WriteGold labels.
const DumpSystem = "html-text"

// WriteGold labels the naive dump of every page of the benchmark in
// benchDir and writes, for every id, outDir/<id>.txt (the dump's exact
// text) and outDir/<id>.gold (its labels, see Label). outDir is created
// when missing. A page without a dump is an error.
func WriteGold(benchDir, outDir string) error {
	b, err := Load(benchDir)
	if err != nil {
		return err
	}
	path := OutputPath(benchDir, DumpSystem)
	dumps, err := LoadOutput(path)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return fmt.Errorf("aeb: %w", err)
	}
	for _, id := range b.IDs {
		dump, ok := dumps[id]
		if !ok {
			return fmt.Errorf("aeb: %s: no dump for page %q", path, id)
		}
		if filepath.Base(id) != id || id == "." || id == ".." {
			return fmt.Errorf("aeb: page id %q cannot name a file", id)
		}
		base := filepath.Join(outDir, id)
		data := []byte(dump)
		doc := &gold.Doc{Name: base + gold.DocExt, Data: data, Rows: Label(data, b.Truth[id].Body)}
		if err := gold.Save(base, doc); err != nil {
			return fmt.Errorf("aeb: page %q: %w", id, err)
		}
	}
	return nil
}
