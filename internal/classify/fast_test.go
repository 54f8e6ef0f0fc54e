package classify_test

import (
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/model"
)

// TestFastTitle checks what Config.TextModel says of the fast model's
// documents: no language, and a title when the first kept line has the
// shape of a heading. The threshold of 1 keeps every line, so that the
// kinds depend on the lines' shapes alone.
func TestFastTitle(t *testing.T) {
	fast, err := model.Embedded(model.FastText)
	if err != nil {
		t.Fatal(err)
	}
	cl, err := classify.New(classify.Config{TextModel: fast, Threshold: 1})
	if err != nil {
		t.Fatal(err)
	}
	const body = "The harbour master closed the port on Tuesday after waves broke over the outer wall."
	tests := []struct {
		name  string
		text  string
		kinds []label.Kind // "" for a blank line
	}{
		{"heading first", "Storm closes the harbour\n" + body + "\nRepairs begin\n" + body + "\n",
			[]label.Kind{label.Title, label.Body, label.Heading, label.Body}},
		{"blank line first", "\nStorm closes the harbour\n" + body + "\n",
			[]label.Kind{"", label.Title, label.Body}},
		{"sentence first", body + "\nStorm closes the harbour\n",
			[]label.Kind{label.Body, label.Heading}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			doc := cl.Classify([]byte(tc.text))
			if doc.Lang != "" {
				t.Errorf("Lang %q, want none", doc.Lang)
			}
			if len(doc.Lines) != len(tc.kinds) {
				t.Fatalf("%d lines, want %d", len(doc.Lines), len(tc.kinds))
			}
			for i, l := range doc.Lines {
				want := tc.kinds[i]
				if want == "" && l.Label != label.Blank || want != "" && (l.Label != label.Keep || l.Kind != want) {
					t.Errorf("line %d %q: %s/%s, want %s", i+1, l.Text, l.Label, l.Kind, want)
				}
			}
		})
	}
}
