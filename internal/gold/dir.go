package gold

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Ext is the extension of gold files; the document beside one has the same
// name with DocExt instead.
const (
	Ext    = ".gold"
	DocExt = ".txt"
)

// Load reads the document at path (a .txt or a .gold file) and its gold
// rows.
func Load(path string) (*Doc, error) {
	base := strings.TrimSuffix(strings.TrimSuffix(path, Ext), DocExt)
	data, err := os.ReadFile(base + DocExt)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(base + Ext)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	rows, err := Parse(base+Ext, f, data)
	if err != nil {
		return nil, err
	}
	return &Doc{Name: base + DocExt, Data: data, Rows: rows}, nil
}

// LoadAll reads every labelled document under the given files and
// directories (recursively), sorted by path. A directory holding no gold
// file is an error, so that a mistyped path never passes as an empty set.
func LoadAll(paths ...string) ([]*Doc, error) {
	var golds []string
	for _, p := range paths {
		found := 0
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(path, Ext) {
				golds = append(golds, path)
				found++
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if found == 0 {
			return nil, fmt.Errorf("gold: no %s files under %s", Ext, p)
		}
	}
	sort.Strings(golds)
	docs := make([]*Doc, 0, len(golds))
	for _, g := range golds {
		d, err := Load(g)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// Save writes doc's text and gold rows beside each other at base.txt and
// base.gold.
func Save(base string, doc *Doc) error {
	if err := os.WriteFile(base+DocExt, doc.Data, 0o644); err != nil {
		return err
	}
	f, err := os.Create(base + Ext)
	if err != nil {
		return err
	}
	if err := Write(f, doc.Data, doc.Rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
