package classify_test

import (
	"errors"
	"io/fs"
	"os"
	"testing"

	"github.com/chaff-dev/chaff/classify"
	"github.com/chaff-dev/chaff/evaluate"
	"github.com/chaff-dev/chaff/gold"
)

// TestFixtures classifies every labelled fixture and compares each line
// with its gold label. With -v it prints per-category precision and recall;
// every mismatching line is reported.
func TestFixtures(t *testing.T) {
	docs, err := gold.LoadAll("../fixtures")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("no fixtures directory")
	}
	if err != nil {
		t.Fatal(err)
	}
	cl, err := classify.New(classify.Config{})
	if err != nil {
		t.Fatal(err)
	}
	r := evaluate.Check(cl, docs)
	if testing.Verbose() {
		r.WriteTable(os.Stdout)
	}
	for _, m := range r.Mismatches {
		code := ""
		if len(m.Reasons) > 0 {
			code = m.Reasons[0].Code
		}
		t.Errorf("%s:%d: gold %s, got %s [%s]: %s", m.Doc, m.Line, m.Gold, m.Got, code, m.Excerpt)
	}
}
