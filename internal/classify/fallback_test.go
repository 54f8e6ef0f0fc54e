package classify_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/htmltext"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/model"
)

// emptiedText is a listing page; with a threshold of 1e-9 every model
// drops every line of it but, at most, its title, of five words: a
// document the model empties, whatever the model, though a title of five
// words may stay.
const emptiedText = `Home
Shop
Sale
Garden furniture for every season
Teak bench, 150 cm, solid grade-A teak, oiled, seats three.
Folding bistro set: powder-coated steel table and two chairs that fold flat for winter.
Rattan corner sofa in an all-weather resin weave with washable cushions.
Add to basket
Privacy policy
Terms and conditions
`

// emptiedHTML is emptiedText as a page.
const emptiedHTML = `<html><head><title>Garden furniture</title></head><body>
<nav><a href="/">Home</a> <a href="/shop">Shop</a> <a href="/sale">Sale</a></nav>
<h1>Garden furniture for every season</h1>
<p>Teak bench, 150 cm, solid grade-A teak, oiled, seats three.</p>
<p>Folding bistro set: powder-coated steel table and two chairs that fold flat for winter.</p>
<p>Rattan corner sofa in an all-weather resin weave with washable cushions.</p>
<p><a href="/cart">Add to basket</a></p>
<footer><a href="/privacy">Privacy policy</a> <a href="/terms">Terms and conditions</a></footer>
</body></html>`

var word = regexp.MustCompile(`\w+`)

// keptWords counts the words of the kept lines of doc but its title.
func keptWords(doc *classify.Document) int {
	n := 0
	for i := range doc.Lines {
		if doc.Lines[i].Label == label.Keep && doc.Lines[i].Kind != label.Title {
			n += len(word.FindAll(doc.Lines[i].Text, -1))
		}
	}
	return n
}

// TestFallback checks that a document the model empties comes back with
// one block of lines kept, flagged in Document.Fallback and, with reasons,
// in each line it kept; and that with NoFallback it stays empty.
func TestFallback(t *testing.T) {
	fast, err := model.Embedded(model.FastText)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		cfg  classify.Config
		html bool
	}{
		{"accurate", classify.Config{}, false},
		{"accurate, no reasons", classify.Config{SkipReasons: true}, false},
		{"fast", classify.Config{TextModel: fast}, false},
		{"fast, as clean", classify.Config{TextModel: fast, SkipReasons: true, StopEarly: true}, false},
		{"HTML", classify.Config{}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.cfg.Threshold = 1e-9
			on := classifyWith(t, tc.cfg, tc.html)
			tc.cfg.NoFallback = true
			off := classifyWith(t, tc.cfg, tc.html)
			if off.Fallback != "" || keptWords(off) >= 5 {
				t.Fatalf("with NoFallback: Fallback %q, %d words kept; the test needs a document the model empties", off.Fallback, keptWords(off))
			}
			if on.Fallback != classify.FallbackBestBlock {
				t.Fatalf("Fallback %q, want %q", on.Fallback, classify.FallbackBestBlock)
			}
			if keptWords(on) < 5 {
				t.Errorf("%d words kept after the fallback", keptWords(on))
			}
			checkFallbackLines(t, on, off, !tc.cfg.SkipReasons, !tc.cfg.StopEarly)
		})
	}
}

// classifyWith classifies the emptied document, as text or as a page.
func classifyWith(t *testing.T, cfg classify.Config, html bool) *classify.Document {
	t.Helper()
	cl, err := classify.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !html {
		return cl.Classify([]byte(emptiedText))
	}
	doc, err := cl.ClassifyHTML([]byte(emptiedHTML), "")
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// checkFallbackLines checks that the lines the fallback changed (from off
// to on) are one run of dropped lines now kept as body, with their
// category and, when sameScore (the scores did not stop early without the
// fallback), their score; and the reason when reasons are on.
func checkFallbackLines(t *testing.T, on, off *classify.Document, reasons, sameScore bool) {
	t.Helper()
	first, last := -1, -1
	for i := range on.Lines {
		a, b := &on.Lines[i], &off.Lines[i]
		if a.Label == b.Label {
			if a.Label == label.Drop && first >= 0 && last < 0 {
				last = i - 1
			}
			continue
		}
		if last >= 0 {
			t.Errorf("line %d kept by the fallback after the block ended at line %d", i+1, last+1)
		}
		if first < 0 {
			first = i
		}
		if b.Label != label.Drop || a.Label != label.Keep || a.Kind != label.Body || a.Cat != b.Cat || sameScore && a.Score != b.Score {
			t.Errorf("line %d: %s/%s%s %v without the fallback, %s/%s%s %v with it", i+1, b.Label, b.Kind, b.Cat, b.Score, a.Label, a.Kind, a.Cat, a.Score)
		}
		if reasons != (len(a.Reasons) > 0 && a.Reasons[0].Code == "fallback:"+classify.FallbackBestBlock) {
			t.Errorf("line %d: reasons %v (reasons on: %v)", i+1, a.Reasons, reasons)
		}
	}
	if first < 0 {
		t.Error("the fallback changed no line")
	}
}

// TestFallbackStopEarly checks that the fast model picks the same block
// whether it stops early or not: the fallback reads scores, which stop
// early for plainly decided lines.
func TestFallbackStopEarly(t *testing.T) {
	fast, err := model.Embedded(model.FastText)
	if err != nil {
		t.Fatal(err)
	}
	exact := classifyWith(t, classify.Config{TextModel: fast, Threshold: 1e-9}, false)
	early := classifyWith(t, classify.Config{TextModel: fast, Threshold: 1e-9, StopEarly: true}, false)
	for i := range exact.Lines {
		if a, b := &exact.Lines[i], &early.Lines[i]; a.Label != b.Label || a.Score != b.Score {
			t.Errorf("line %d: %s %v exactly, %s %v stopping early", i+1, a.Label, a.Score, b.Label, b.Score)
		}
	}
}

// TestFallbackErrorPage checks that a soft 404 the model empties stays
// empty: a page that says it is an error page has nothing to give back.
func TestFallbackErrorPage(t *testing.T) {
	cl, err := classify.New(classify.Config{Threshold: 1e-9})
	if err != nil {
		t.Fatal(err)
	}
	doc := cl.Classify([]byte(strings.Replace(emptiedText, "Garden furniture", "404 - Page not found", 1)))
	if doc.Fallback != "" || keptWords(doc) >= 5 {
		t.Errorf("error page: Fallback %q, %d words kept", doc.Fallback, keptWords(doc))
	}
}

// TestFallbackPage checks that ClassifyPage, which eval and the library
// call with a page of their own, applies the floor too.
func TestFallbackPage(t *testing.T) {
	cl, err := classify.New(classify.Config{Threshold: 1e-9})
	if err != nil {
		t.Fatal(err)
	}
	page, err := htmltext.Extract([]byte(emptiedHTML), "", htmltext.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if doc := cl.ClassifyPage(page); doc.Fallback != classify.FallbackBestBlock {
		t.Errorf("ClassifyPage: Fallback %q", doc.Fallback)
	}
}
