package clean

import (
	"slices"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/input"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/render"
)

func TestOverMaxDrop(t *testing.T) {
	tests := []struct {
		dropped, nonBlank int
		maxDrop           float64
		want              bool
	}{
		{3, 10, 1, false},     // 1: no bound
		{10, 10, 1, false},    // even when every line goes
		{3, 10, 0.3, false},   // at the bound
		{4, 10, 0.3, true},    // past it
		{1, 10, 1e-12, true},  // a share below one line: any drop
		{0, 10, 1e-12, false}, // nothing dropped
		{0, 0, 0.5, false},    // an empty document
	}
	for _, tt := range tests {
		s := Stats{NonBlank: tt.nonBlank, Dropped: map[string]int{"navigation": tt.dropped}}
		if got := s.overMaxDrop(tt.maxDrop); got != tt.want {
			t.Errorf("%d of %d dropped, max %v: %v, want %v", tt.dropped, tt.nonBlank, tt.maxDrop, got, tt.want)
		}
	}
}

func TestWrittenAndCheckRecord(t *testing.T) {
	tests := []struct {
		opts    Options
		written []string
		raw     string
		wantErr string
	}{
		{Options{TextField: "text"}, []string{"chaff"}, `{"text":"a","url":"u"}`, ""},
		{Options{TextField: "text", Mark: true}, []string{"chaff", "chaff_spans"}, `{"text":"a","chaff_spans":[]}`, `"chaff_spans"`},
		{Options{TextField: "text", OutputField: "text"}, []string{"chaff"}, `{"text":"a"}`, ""},
		{Options{TextField: "text", OutputField: "clean"}, []string{"chaff", "clean"}, `{"text":"a","clean":""}`, `"clean"`},
	}
	for _, tt := range tests {
		w := tt.opts.Written()
		if !slices.Equal(w, tt.written) {
			t.Errorf("%+v: written %q, want %q", tt.opts, w, tt.written)
		}
		var d *input.Document
		for doc, err := range input.NewReader(nil, input.Options{}).DocumentsFrom(t.Context(), "a.jsonl", strings.NewReader(tt.raw+"\n")) {
			if err != nil {
				t.Fatal(err)
			}
			d = doc
		}
		err := CheckRecord(d, w)
		if (err == nil) != (tt.wantErr == "") || err != nil && !strings.Contains(err.Error(), tt.wantErr) {
			t.Errorf("%s: %v, want %q", tt.raw, err, tt.wantErr)
		}
	}
}

// TestDocWindows checks that a document given in windows gives the
// output and counts of the same document given whole, and that a
// document past MaxDrop is left whole.
func TestDocWindows(t *testing.T) {
	data := []byte("Title line\nMenu\n\nBody one.\nShare\nBody two.\n")
	line := func(n int, off int64, text string, l label.Label, cat label.Category) classify.Line {
		return classify.Line{Number: n, Offset: off, Text: []byte(text), EOL: []byte("\n"), Label: l, Cat: cat, Kind: map[bool]label.Kind{true: label.Body}[l == label.Keep]}
	}
	lines := []classify.Line{
		line(1, 0, "Title line", label.Keep, ""),
		line(2, 11, "Menu", label.Drop, label.Navigation),
		line(3, 16, "", label.Blank, ""),
		line(4, 17, "Body one.", label.Keep, ""),
		line(5, 27, "Share", label.Drop, label.Social),
		line(6, 33, "Body two.", label.Keep, ""),
	}
	d := &input.Document{Source: "a.txt", Body: data}
	run := func(maxDrop float64, parts ...[]classify.Line) (string, Stats) {
		x := New(Options{Policy: render.Policy{}, MaxDrop: maxDrop}).Start(d)
		for _, p := range parts {
			if err := x.Add(&classify.Document{Data: data, Lines: p}); err != nil {
				t.Fatal(err)
			}
		}
		out, err := x.Finish(nil)
		if err != nil {
			t.Fatal(err)
		}
		return string(out), *x.Stats()
	}
	whole, ws := run(1, lines)
	split, ss := run(1, lines[:2], lines[2:5], lines[5:])
	if whole != "Title line\n\nBody one.\nBody two.\n" || whole != split {
		t.Errorf("whole %q, in windows %q", whole, split)
	}
	if ws.Lines != 6 || ws.NonBlank != 5 || ws.Kept != 3 || ws.DroppedTotal() != 2 || ss.Kept != ws.Kept || ss.Lines != ws.Lines {
		t.Errorf("counts whole %+v, in windows %+v", ws, ss)
	}
	uncut, us := run(0.3, lines)
	if uncut != string(data) || !us.Uncut || us.Kept != us.NonBlank {
		t.Errorf("past max-drop: %q %+v", uncut, us)
	}
}
