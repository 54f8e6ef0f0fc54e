package variants

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/lines"
)

const (
	k = label.Keep
	d = label.Drop
	b = label.Blank
)

func doc(data string, labels ...label.Label) *gold.Doc {
	g := &gold.Doc{Name: "t", Data: []byte(data)}
	for _, l := range labels {
		g.Rows = append(g.Rows, gold.Row{Label: l, Class: gold.Unknown})
	}
	return g
}

func labels(g *gold.Doc) []label.Label {
	var out []label.Label
	for _, r := range g.Rows {
		out = append(out, r.Label)
	}
	return out
}

func TestVariants(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		in         []label.Label
		variant    func(*gold.Doc) *gold.Doc
		want       string
		wantLabels []label.Label
	}{
		{"no-blank", "a\n\nb\r\n  \nc", []label.Label{k, b, d, b, k}, NoBlank,
			"a\nb\nc\n", []label.Label{k, d, k}},
		{"no-blank, nothing but blank", "\n \n", []label.Label{b, b}, NoBlank, "", nil},
		{"spaced", "a\n\n\nb\nc\n", []label.Label{k, b, b, d, k}, Spaced,
			"a\n\nb\n\nc\n\n", []label.Label{k, b, d, b, k, b}},
		{"wrapped at the last space within the width", "one two three four\n", []label.Label{k},
			func(g *gold.Doc) *gold.Doc { return Wrapped(g, 9) }, "one two\nthree\nfour\n", []label.Label{k, k, k}},
		{"a space right after the width breaks there", "abcd efgh\n", []label.Label{d},
			func(g *gold.Doc) *gold.Doc { return Wrapped(g, 4) }, "abcd\nefgh\n", []label.Label{d, d}},
		{"a word longer than the width breaks after it", "abcdefgh ij kl\n", []label.Label{k},
			func(g *gold.Doc) *gold.Doc { return Wrapped(g, 5) }, "abcdefgh\nij kl\n", []label.Label{k, k}},
		{"no space: whole", "abcdefgh\nxy\n", []label.Label{k, d},
			func(g *gold.Doc) *gold.Doc { return Wrapped(g, 4) }, "abcdefgh\nxy\n", []label.Label{k, d}},
		{"the width counts runes, not bytes", "éééé ééé\n", []label.Label{k},
			func(g *gold.Doc) *gold.Doc { return Wrapped(g, 4) }, "éééé\nééé\n", []label.Label{k, k}},
		{"a leading space is no break", " abcdef\n", []label.Label{k},
			func(g *gold.Doc) *gold.Doc { return Wrapped(g, 3) }, " abcdef\n", []label.Label{k}},
		{"lines within the width and blank lines stay", "ab cd\n\nef\n", []label.Label{k, b, d},
			func(g *gold.Doc) *gold.Doc { return Wrapped(g, 5) }, "ab cd\n\nef\n", []label.Label{k, b, d}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.variant(doc(tc.data, tc.in...))
			if string(got.Data) != tc.want {
				t.Errorf("data %q, want %q", got.Data, tc.want)
			}
			if !slices.Equal(labels(got), tc.wantLabels) {
				t.Errorf("labels %v, want %v", labels(got), tc.wantLabels)
			}
		})
	}
}

// TestNthFixtures checks every variant of every fixture: one row per line,
// blank rows exactly on blank lines, and the words of the kept and of the
// dropped lines those of the document, in order.
func TestNthFixtures(t *testing.T) {
	paths, err := filepath.Glob("../../fixtures/*/*.gold")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, p := range paths {
		g, err := gold.Load(p)
		if err != nil {
			t.Fatal(err)
		}
		for n := range Layouts {
			v := Nth(g, n)
			spans := lines.Split(v.Data)
			if len(spans) != len(v.Rows) {
				t.Fatalf("%s: %d lines, %d rows", v.Name, len(spans), len(v.Rows))
			}
			for i, s := range spans {
				blank := strings.TrimSpace(string(v.Data[s.Start:s.End])) == ""
				if blank != (v.Rows[i].Label == label.Blank) {
					t.Fatalf("%s:%d: blank %v, labelled %v", v.Name, i+1, blank, v.Rows[i].Label)
				}
			}
			for _, l := range []label.Label{k, d} {
				if got, want := words(v, l), words(g, l); !slices.Equal(got, want) {
					t.Fatalf("%s: the %v lines' words differ from the document's", v.Name, l)
				}
			}
		}
	}
}

// words returns the words of g's lines labelled l, in order.
func words(g *gold.Doc, l label.Label) []string {
	var out []string
	for i, s := range lines.Split(g.Data) {
		if g.Rows[i].Label == l {
			out = append(out, strings.Fields(string(g.Data[s.Start:s.End]))...)
		}
	}
	return out
}

func TestNthWidth(t *testing.T) {
	g := doc(strings.Repeat("word ", 40)+"\n", k)
	spans := lines.Split(Nth(g, 2).Data)
	if len(spans) < 3 {
		t.Fatalf("200 bytes wrapped in %d lines", len(spans))
	}
	for _, s := range spans[:len(spans)-1] {
		if n := s.End - s.Start; n > TrainWidth || n < TrainWidth-5 {
			t.Errorf("wrapped line of %d bytes, want %d to %d", n, TrainWidth-5, TrainWidth)
		}
	}
}
