package classify_test

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/htmltext"
	"github.com/chaff-dev/chaff/internal/label"
)

// longText returns a document of at least n lines: a fixture page again
// and again, so that every window has titles, menus and prose to label.
func longText(t *testing.T, n int) []byte {
	t.Helper()
	docs, _ := fixturesAndFastModel(t)
	var b bytes.Buffer
	for k := 0; bytes.Count(b.Bytes(), []byte("\n")) < n; k++ {
		b.Write(docs[k%len(docs)].Data)
		b.WriteString("\n\n")
	}
	return b.Bytes()
}

// windowClassifiers are the text classifiers the window tests run.
func windowClassifiers(t *testing.T) map[string]*classify.Classifier {
	t.Helper()
	_, m := fixturesAndFastModel(t)
	out := map[string]*classify.Classifier{}
	for name, cfg := range map[string]classify.Config{
		"default":        {},
		"fast":           {TextModel: m},
		"fast, as clean": {TextModel: m, SkipReasons: true, StopEarly: true},
	} {
		cl, err := classify.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = cl
	}
	return out
}

// TestClassifyWindowsShort checks that a document of one window is
// handed over whole, as Classify labels it.
func TestClassifyWindowsShort(t *testing.T) {
	docs, _ := fixturesAndFastModel(t)
	for name, cl := range windowClassifiers(t) {
		for _, d := range docs {
			calls := 0
			err := cl.ClassifyWindows(nil, d.Data, func(w *classify.Document) error {
				calls++
				if want := cl.Classify(d.Data); !reflect.DeepEqual(w, want) {
					t.Errorf("%s, %s: the window differs from Classify", name, d.Name)
				}
				return nil
			})
			if err != nil || calls != 1 {
				t.Fatalf("%s, %s: %d windows, error %v; want 1, nil", name, d.Name, calls, err)
			}
		}
	}
}

// TestClassifyWindowsLong checks the windows of a long document: every
// line once, in order, with the document's numbers and offsets and its
// bytes; one title; and Classify giving the same lines.
func TestClassifyWindowsLong(t *testing.T) {
	data := longText(t, 3*classify.WindowLines+100)
	for name, cl := range windowClassifiers(t) {
		var got []classify.Line
		var text bytes.Buffer
		windows := 0
		err := cl.ClassifyWindows(nil, data, func(w *classify.Document) error {
			windows++
			if &w.Data[0] != &data[0] || len(w.Data) != len(data) {
				t.Fatalf("%s: window %d: Data is not the document", name, windows)
			}
			for i := range w.Lines {
				l := w.Lines[i]
				if l.Number != len(got)+1 || l.Offset != int64(text.Len()) {
					t.Fatalf("%s: window %d: line %d at %d, want %d at %d", name, windows, l.Number, l.Offset, len(got)+1, text.Len())
				}
				text.Write(l.Text)
				text.Write(l.EOL)
				got = append(got, l)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if windows < 3 || !bytes.Equal(text.Bytes(), data) {
			t.Fatalf("%s: %d windows, %d lines giving back the input: %v", name, windows, len(got), bytes.Equal(text.Bytes(), data))
		}
		titles := 0
		for i := range got {
			if got[i].Label == label.Keep && got[i].Kind == label.Title {
				titles++
			}
		}
		if titles > 1 {
			t.Errorf("%s: %d titles, want at most one", name, titles)
		}
		if whole := cl.Classify(data); !reflect.DeepEqual(whole.Lines, got) {
			t.Errorf("%s: Classify differs from the windows", name)
		}
	}
}

// TestClassifyPageWindows checks the windows of a page of many blocks:
// every block once, with its DOM path, and the page's headline the one
// title, in the first window.
func TestClassifyPageWindows(t *testing.T) {
	var b strings.Builder
	// A headline-shaped line the page repeats, above the headline, is the
	// title a text's shape would suggest.
	b.WriteString("<html><head><title>Storm hits the coast | Daily Planet</title></head><body>")
	b.WriteString("<div>Weather warnings for the whole region</div><h1>Storm hits the coast</h1>")
	for i := range classify.WindowLines + 500 {
		fmt.Fprintf(&b, `<p class="c%d">Paragraph number %d of a long page.</p>`, i%7, i)
	}
	b.WriteString("<div>Weather warnings for the whole region</div>")
	page, err := htmltext.Extract([]byte(b.String()), "", htmltext.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cl, err := classify.New(classify.Config{SkipReasons: true})
	if err != nil {
		t.Fatal(err)
	}
	if page.Headline != 1 {
		t.Fatalf("headline on line %d, want the h1, 1", page.Headline)
	}
	n, windows := 0, 0
	var titles []int
	err = cl.ClassifyPageWindows(nil, page, func(w *classify.Document) error {
		windows++
		for i := range w.Lines {
			if w.Lines[i].Number != n+1 || w.Lines[i].Path != page.Lines[n].Path || !w.HTML {
				t.Fatalf("line %d: number %d, path %q, want %q", n+1, w.Lines[i].Number, w.Lines[i].Path, page.Lines[n].Path)
			}
			if w.Lines[i].Kind == label.Title {
				titles = append(titles, n)
			}
			n++
		}
		return nil
	})
	if err != nil || windows != 2 || n != len(page.Lines) {
		t.Fatalf("%d windows, %d lines of %d, error %v", windows, n, len(page.Lines), err)
	}
	if !slices.Equal(titles, []int{1}) {
		t.Errorf("titles on lines %v, want the headline alone, line 1", titles)
	}
}

// TestMaxLines checks that a document with more lines than
// Config.MaxLines fails before any window, and one with as many does not.
func TestMaxLines(t *testing.T) {
	data := longText(t, classify.WindowLines*2)
	n := bytes.Count(data, []byte("\n")) // data ends with a newline
	cl, err := classify.New(classify.Config{MaxLines: n, SkipReasons: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := cl.ClassifyWindows(nil, data, func(*classify.Document) error { return nil }); err != nil {
		t.Fatalf("%d lines, MaxLines %d: %v", n, n, err)
	}
	data = append(data, "one more line"...)
	calls := 0
	err = cl.ClassifyWindows(nil, data, func(*classify.Document) error { calls++; return nil })
	var tm *classify.TooManyLinesError
	if !errors.As(err, &tm) || tm.Max != n || calls != 0 {
		t.Fatalf("%d lines, MaxLines %d: error %v after %d windows, want a TooManyLinesError before any", n+1, n, err, calls)
	}
}

// TestWindowMemory checks that the live heap while a document of 500,000
// short lines is classified stays under a bound that does not depend on
// the line count: measured in the window callback, on top of the input.
func TestWindowMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("classifies 500,000 lines: not in -short mode")
	}
	const bound = 64 << 20 // two windows' worth at 3 KB a line, and the models
	data := shortLines(500_000 * 52)
	for name, cl := range windowClassifiers(t) {
		peak := uint64(0)
		windows := 0
		err := cl.ClassifyWindows(nil, data, func(*classify.Document) error {
			if windows++; windows%8 == 1 {
				runtime.GC()
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				peak = max(peak, m.HeapAlloc-uint64(len(data)))
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: %d windows, live heap up to %d MB beside the input", name, windows, peak>>20)
		if peak > bound {
			t.Errorf("%s: live heap %d MB beside the input, bound %d MB", name, peak>>20, bound>>20)
		}
	}
}
