package classify_test

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/model"
)

// roundTripCases are inputs chosen for their line ends, encodings and
// blank lines rather than for their content.
var roundTripCases = []struct {
	name  string
	input string
	lines int // expected number of lines
}{
	{"empty", "", 0},
	{"LF", "First line of text.\nSecond line of text.\n", 2},
	{"CRLF", "First line of text.\r\nSecond line of text.\r\n", 2},
	{"lone CR", "First line of text.\rSecond line of text.\r", 2},
	{"mixed", "one\ntwo\r\nthree\rfour\n\r\n\r\rfive", 8},
	{"CR LF apart", "a\r\r\nb\n\rc", 5},
	{"no final newline", "A single line without a terminator", 1},
	{"no final newline after lines", "line one\nline two", 2},
	{"only LF", "\n\n\n", 3},
	{"only CRLF", "\r\n\r\n", 2},
	{"only CR", "\r\r", 2},
	{"only spaces", "   \t  ", 1},
	{"invalid UTF-8", "caf\xe9 au lait\n\xff\xfe\xfd\nLe march\xc3 est ouvert.\n\xc3\x28\n", 4},
	{"NBSP blank lines", "Paragraph one is here.\n\u00a0\n\u00a0\u00a0 \t\nParagraph two.\n", 4},
	{"ideographic space blank line", "東京で新しい駅が開業した。\n\u3000\u3000\n次の段落。\n", 3},
	{"BOM", "\ufeffTitle of the page\nBody text of the page, long enough to be a sentence.\n", 2},
	{"BOM-only and zero-width blank lines", "Paragraph one is here.\n\ufeff\n\u200b\u2060\nParagraph two.\n", 4},
	{"text after 5000 spaces", "Paragraph one is here.\n" + strings.Repeat(" ", 5000) + "Lire aussi\n", 2},
	{"binary-ish", "\x01\x02\x03\x7f\x1b[31mred\x1b[0m\n\x80\x81\x82\n\tTAB\x0b\x0c\n\xef\xbb\n", 4},
	{"long words", strings.Repeat("abcdefghij", 1000) + "\n" + strings.Repeat("x ", 3000), 2},
	{"article", `Le conseil municipal adopte le budget
Par Jeanne Martin, publié le 3 mars 2024 à 10h12
2 min de lecture

Le conseil municipal a adopté lundi soir le budget de l'année, après quatre heures de débats parfois vifs entre la majorité et l'opposition.
Lire aussi : Les dix villes où il fait bon vivre en 2024
Publicité
`, 7},
}

// TestRoundTrip checks, for every case and with and without reasons, that
// the lines give back the input byte for byte and that every line is
// well-formed.
func TestRoundTrip(t *testing.T) {
	cls := classifiers(t)
	for _, tc := range roundTripCases {
		for name, cl := range cls {
			t.Run(tc.name+"/"+name, func(t *testing.T) {
				in := []byte(tc.input)
				doc := cl.c.Classify(in)
				if len(doc.Lines) != tc.lines {
					t.Errorf("%d lines, want %d", len(doc.Lines), tc.lines)
				}
				checkDoc(t, []byte(tc.input), in, doc, cl.skipReasons)
			})
		}
	}
}

// TestRoundTripReader checks that ClassifyReader gives the same lines as
// Classify.
func TestRoundTripReader(t *testing.T) {
	cl, err := classify.New(classify.Config{})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range roundTripCases {
		doc, err := cl.ClassifyReader(strings.NewReader(tc.input))
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		checkDoc(t, []byte(tc.input), doc.Data, doc, false)
		want := cl.Classify([]byte(tc.input))
		for i := range want.Lines {
			if a, b := doc.Lines[i], want.Lines[i]; a.Label != b.Label || a.Class() != b.Class() || a.Score != b.Score {
				t.Errorf("%s line %d: reader %s/%s %v, bytes %s/%s %v", tc.name, i+1, a.Label, a.Class(), a.Score, b.Label, b.Class(), b.Score)
			}
		}
	}
}

type namedClassifier struct {
	c           *classify.Classifier
	skipReasons bool
}

// classifiers returns a classifier with reasons and one without.
func classifiers(t testing.TB) map[string]namedClassifier {
	t.Helper()
	out := map[string]namedClassifier{}
	fast, err := model.Embedded(model.FastText)
	if err != nil {
		t.Fatal(err)
	}
	for name, skip := range map[string]bool{"reasons": false, "decisions": true} {
		c, err := classify.New(classify.Config{SkipReasons: skip})
		if err != nil {
			t.Fatal(err)
		}
		out[name] = namedClassifier{c, skip}
		if c, err = classify.New(classify.Config{SkipReasons: skip, TextModel: fast}); err != nil {
			t.Fatal(err)
		}
		out["fast-"+name] = namedClassifier{c, skip}
	}
	return out
}

// checkDoc checks the invariants of a classified document: orig is a copy
// of the input made before classifying, data the slice that was passed.
func checkDoc(t testing.TB, orig, data []byte, doc *classify.Document, skipReasons bool) {
	t.Helper()
	if !bytes.Equal(data, orig) {
		t.Fatalf("Classify modified its input")
	}
	if !bytes.Equal(doc.Data, orig) {
		t.Errorf("Document.Data differs from the input")
	}
	if len(orig) == 0 && len(doc.Lines) != 0 {
		t.Errorf("empty input gives %d lines, want none", len(doc.Lines))
	}
	var joined bytes.Buffer
	var off int64
	kinds := map[label.Kind]bool{label.Title: true, label.Heading: true, label.Body: true}
	cats := map[label.Category]bool{}
	for _, c := range label.Categories() {
		cats[c] = true
	}
	for i := range doc.Lines {
		l := &doc.Lines[i]
		where := fmt.Sprintf("line %d (%.40q)", i+1, l.Text)
		if l.Number != i+1 {
			t.Errorf("%s: Number %d", where, l.Number)
		}
		if l.Offset != off {
			t.Errorf("%s: Offset %d, want %d", where, l.Offset, off)
		}
		if len(l.Text) > 0 && &l.Text[0] != &doc.Data[l.Offset] {
			t.Errorf("%s: Text does not slice Document.Data at Offset", where)
		}
		switch string(l.EOL) {
		case "\n", "\r\n", "\r":
		case "":
			if i != len(doc.Lines)-1 {
				t.Errorf("%s: no terminator but not the last line", where)
			}
		default:
			t.Errorf("%s: terminator %q", where, l.EOL)
		}
		if bytes.ContainsAny(l.Text, "\r\n") {
			t.Errorf("%s: Text holds a line end", where)
		}
		if len(l.Text)+len(l.EOL) == 0 {
			t.Errorf("%s: empty line without terminator", where)
		}
		joined.Write(l.Text)
		joined.Write(l.EOL)
		off += int64(len(l.Text) + len(l.EOL))

		if blank := lines.IsBlank(l.Text); blank != (l.Label == label.Blank) {
			t.Errorf("%s: label %s, but lines.IsBlank says %v", where, l.Label, blank)
		}
		if math.IsNaN(l.Score) || l.Score < 0 || l.Score > 1 {
			t.Errorf("%s: score %v outside [0,1]", where, l.Score)
		}
		switch l.Label {
		case label.Blank:
			if l.Kind != "" || l.Cat != "" || len(l.Reasons) != 0 {
				t.Errorf("%s: blank line with kind %q, category %q, %d reasons", where, l.Kind, l.Cat, len(l.Reasons))
			}
			continue
		case label.Keep:
			if !kinds[l.Kind] {
				t.Errorf("%s: kept with kind %q", where, l.Kind)
			}
			if l.Cat != "" && doc.Fallback == "" {
				t.Errorf("%s: kept with category %q though no category is kept and no fallback fired", where, l.Cat)
			}
		case label.Drop:
			if !cats[l.Cat] {
				t.Errorf("%s: dropped with category %q", where, l.Cat)
			}
			if l.Kind != "" {
				t.Errorf("%s: dropped with kind %q", where, l.Kind)
			}
		default:
			t.Errorf("%s: label %d", where, l.Label)
		}
		if skipReasons {
			if len(l.Reasons) != 0 {
				t.Errorf("%s: %d reasons with SkipReasons", where, len(l.Reasons))
			}
			continue
		}
		if len(l.Reasons) == 0 {
			t.Errorf("%s: %s/%s without a reason", where, l.Label, l.Class())
		}
		for _, r := range l.Reasons {
			if r.Code == "" || r.Text == "" || math.IsNaN(r.Weight) || math.IsInf(r.Weight, 0) {
				t.Errorf("%s: reason %+v", where, r)
			}
		}
	}
	if !bytes.Equal(joined.Bytes(), orig) {
		t.Errorf("lines join to %.80q, want %.80q", joined.Bytes(), orig)
	}
}

// FuzzClassify checks the invariants of checkDoc on arbitrary bytes, with
// and without reasons. Large cases are left out of the seeds: with coverage
// instrumentation they slow the fuzzer down to a few executions a second.
func FuzzClassify(f *testing.F) {
	for _, tc := range roundTripCases {
		if len(tc.input) <= 2048 {
			f.Add([]byte(tc.input), false)
		}
	}
	f.Add([]byte("2 min de lecture\nPublicité\n\u00a0\n"), true)
	cls := classifiers(f)
	f.Fuzz(func(t *testing.T, data []byte, skip bool) {
		cl := cls["reasons"]
		if skip {
			cl = cls["decisions"]
		}
		orig := bytes.Clone(data)
		doc := cl.c.Classify(data)
		checkDoc(t, orig, data, doc, cl.skipReasons)
	})
}

// TestConcurrent classifies the round-trip cases from several goroutines
// at once with each classifier, which reuse their storage between
// documents, and checks every result against a serial run. Run it with
// -race.
func TestConcurrent(t *testing.T) {
	for name, cl := range classifiers(t) {
		t.Run(name, func(t *testing.T) {
			want := make([]*classify.Document, len(roundTripCases))
			for k, tc := range roundTripCases {
				want[k] = cl.c.Classify([]byte(tc.input))
			}
			var wg sync.WaitGroup
			errs := make(chan string, 4*len(roundTripCases))
			for g := range 4 {
				wg.Go(func() {
					for r := range len(roundTripCases) {
						k := (r + g*5) % len(roundTripCases) // each goroutine in its own order
						doc := cl.c.Classify([]byte(roundTripCases[k].input))
						for i := range doc.Lines {
							if a, b := doc.Lines[i], want[k].Lines[i]; a.Label != b.Label || a.Class() != b.Class() || a.Score != b.Score {
								errs <- fmt.Sprintf("%s line %d: %s/%s %v, serially %s/%s %v", roundTripCases[k].name, i+1, a.Label, a.Class(), a.Score, b.Label, b.Class(), b.Score)
								return
							}
						}
					}
				})
			}
			wg.Wait()
			close(errs)
			for e := range errs {
				t.Error(e)
			}
		})
	}
}
