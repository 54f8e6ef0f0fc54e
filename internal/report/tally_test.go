package report

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
)

// windowDocs are documents whose lines come in several windows: the
// small ones, and one long enough to pass the drill-down's line cap, with
// repeated noise lines spread over its windows.
func windowDocs() []DocInfo {
	docs := smallDocs()
	var descs []ln
	for i := range 500 {
		switch i % 4 {
		case 0:
			descs = append(descs, "-navigation:Home")
		case 1:
			descs = append(descs, ln(fmt.Sprintf("-ad:Offer number %d", i%7)))
		case 2:
			descs = append(descs, ln(fmt.Sprintf("k:Paragraph %d of the story.", i)))
		default:
			descs = append(descs, "")
		}
	}
	return append(docs, DocInfo{File: "long.txt", URL: "https://long.test/", Lines: mkLines(descs...)})
}

// TestTallyWindows checks that a document given to a Tally in windows of
// any size makes the same report, to the byte, as the document given
// whole to Add.
func TestTallyWindows(t *testing.T) {
	whole := NewBuilder(Options{})
	for _, d := range windowDocs() {
		whole.Add(d)
	}
	want, err := json.Marshal(whole.Build())
	if err != nil {
		t.Fatal(err)
	}
	for _, size := range []int{1, 2, 3, 7, 64, 1000} {
		b := NewBuilder(Options{})
		tl := b.NewTally()
		for _, d := range windowDocs() {
			for w := range chunks(d.Lines, size) {
				tl.AddLines(w)
			}
			d.Lines = nil
			b.AddTally(d, tl)
			tl.Reset()
		}
		got, err := json.Marshal(b.Build())
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(want) {
			t.Errorf("windows of %d lines: the report differs from Add's\n got %s\nwant %s", size, got, want)
		}
	}
}

// chunks yields lines in pieces of n, each a fresh copy so that a Tally
// keeping a reference to one would be caught when the next overwrites it.
func chunks(lines []classify.Line, n int) func(func([]classify.Line) bool) {
	return func(yield func([]classify.Line) bool) {
		buf := make([]classify.Line, n)
		for len(lines) > 0 {
			k := min(n, len(lines))
			copy(buf, lines[:k])
			if !yield(buf[:k]) {
				return
			}
			clear(buf)
			lines = lines[k:]
		}
	}
}

// TestTallyBounded checks that a Tally keeps at most MaxSampleLines lines
// and MaxLineKeys distinct noise lines of a document, however many it is
// given, and that the report says its counts may be low.
func TestTallyBounded(t *testing.T) {
	b := NewBuilder(Options{MaxLineKeys: 8, MaxSampleLines: 5})
	tl := b.NewTally()
	for i := range 1000 {
		tl.AddLines(mkLines(ln(fmt.Sprintf("-ad:Unique offer %c%c", 'a'+i%26, 'a'+i/26)), "-ad:Advertisement"))
		if len(tl.freq.m) > 8 || len(tl.freq.order) > 8 || len(tl.sample) > 5 {
			t.Fatalf("after %d windows: %d keys, %d ordered, %d sample lines; caps 8 and 5", i+1, len(tl.freq.m), len(tl.freq.order), len(tl.sample))
		}
	}
	b.AddTally(DocInfo{File: "big.txt"}, tl)
	r := b.Build()
	if len(r.TopLines) == 0 || r.TopLines[0].Key != "advertisement" || r.TopLines[0].Count != 1000 {
		t.Errorf("top lines %+v: want advertisement ×1000", r.TopLines)
	}
	if d := r.Documents[0]; len(d.Lines) != 5 || d.LinesOmitted != 1995 {
		t.Errorf("drill-down has %d lines, %d omitted; want 5 and 1995", len(d.Lines), d.LinesOmitted)
	}
	if len(r.Notes) != 1 {
		t.Errorf("notes %q: want one on pruning", r.Notes)
	}
}
