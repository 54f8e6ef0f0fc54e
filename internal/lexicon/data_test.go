package lexicon

import (
	"bufio"
	"bytes"
	"io/fs"
	"path"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/lang"
)

// TestDataFiles checks every embedded data file on its own: it starts with
// the syntax header, every line parses, and no phrase appears twice.
func TestDataFiles(t *testing.T) {
	files, err := fs.Glob(dataFS, "data/*/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no data files: %v", err)
	}
	stop := lang.Default()
	perLang := map[string]int{}
	for _, file := range files {
		data, _ := dataFS.ReadFile(file)
		if !bytes.HasPrefix(data, []byte("# ")) || !bytes.Contains(data, []byte("<num>")) {
			t.Errorf("%s: does not start with the syntax header", file)
		}
		code := path.Base(path.Dir(file))
		seen := map[string]int{}
		sc := bufio.NewScanner(bytes.NewReader(data))
		phrases := 0
		for n := 1; sc.Scan(); n++ {
			p, err := parsePattern(sc.Text(), func(w []byte) bool { return stop.IsStopword(code, w) })
			if err != nil {
				t.Errorf("%s:%d: %v", file, n, err)
				continue
			}
			if p == nil {
				continue
			}
			phrases++
			if prev, dup := seen[p.key()]; dup {
				t.Errorf("%s:%d: %q duplicates line %d", file, n, p.text, prev)
			}
			seen[p.key()] = n
		}
		if phrases == 0 {
			t.Errorf("%s: no phrases", file)
		}
		perLang[code]++
	}
	for _, l := range []string{"fr", "en", "de", "es", "it", "pt", "nl"} {
		if perLang[l] != 13 {
			t.Errorf("%s: %d category files, want 13", l, perLang[l])
		}
	}
	if _, err := Default(); err != nil {
		t.Fatal(err)
	}
}

// TestNoMisspellingsInData guards the fuzzy-matching test: the misspelling
// it relies on must come from the line, never from the lexicon.
func TestNoMisspellingsInData(t *testing.T) {
	err := fs.WalkDir(dataFS, "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := dataFS.ReadFile(p)
		if strings.Contains(strings.ToLower(string(data)), "javscript") {
			t.Errorf("%s contains the misspelling javscript", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
