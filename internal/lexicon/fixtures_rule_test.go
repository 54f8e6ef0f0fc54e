package lexicon_test

import (
	"errors"
	"io/fs"
	"sort"
	"testing"

	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/lexicon"
	"github.com/chaff-dev/chaff/internal/lines"
)

// TestNoEntryFitsOneFixture enforces the project rule that no lexicon
// entry is a string of a single fixture: an entry must match in no
// fixture (general knowledge) or in two or more, so that the lexicon
// cannot be tuned to one labelled document.
func TestNoEntryFitsOneFixture(t *testing.T) {
	docs, err := gold.LoadAll("../../fixtures")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no fixtures directory")
	}
	if err != nil {
		t.Fatal(err)
	}
	lx, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	where := map[string]map[string]bool{} // phrase → fixtures it matches in
	var ms []lexicon.Match
	for _, d := range docs {
		for _, s := range lines.Split(d.Data) {
			ms = lx.Match(d.Data[s.Start:s.End], ms[:0])
			for _, m := range ms {
				key := m.Category + ": " + m.Phrase
				if where[key] == nil {
					where[key] = map[string]bool{}
				}
				where[key][d.Name] = true
			}
		}
	}
	var bad []string
	for phrase, docs := range where {
		if len(docs) == 1 {
			for name := range docs {
				bad = append(bad, phrase+" (only in "+name+")")
			}
		}
	}
	sort.Strings(bad)
	for _, b := range bad {
		t.Errorf("lexicon entry matches in a single fixture: %s", b)
	}
	t.Logf("%d entries match in the fixtures, %d of them in only one", len(where), len(bad))
}
