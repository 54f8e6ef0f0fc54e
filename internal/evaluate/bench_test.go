package evaluate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/label"
)

func TestExtract(t *testing.T) {
	line := func(l label.Label, k label.Kind, text string) classify.Line {
		return classify.Line{Label: l, Kind: k, Text: []byte(text)}
	}
	doc := &classify.Document{Lines: []classify.Line{
		line(label.Drop, "", "Home | News"),
		line(label.Keep, label.Title, "Strike goes on"),
		line(label.Blank, "", ""),
		line(label.Keep, label.Body, "Dockworkers voted."),
		line(label.Drop, "", "Share"),
		line(label.Keep, label.Heading, "Talks"),
		line(label.Keep, label.Body, "They resume Monday."),
	}}
	tests := []struct {
		keepTitle bool
		want      string
	}{
		{false, "Dockworkers voted.\nTalks\nThey resume Monday."},
		{true, "Strike goes on\nDockworkers voted.\nTalks\nThey resume Monday."},
	}
	for _, tt := range tests {
		if got := Extract(doc, tt.keepTitle); got != tt.want {
			t.Errorf("keepTitle %v: %q, want %q", tt.keepTitle, got, tt.want)
		}
	}
	if got := Extract(&classify.Document{}, true); got != "" {
		t.Errorf("empty document: %q", got)
	}
}

func TestExtractions(t *testing.T) {
	docs := []*classify.Document{{Lines: []classify.Line{{Label: label.Keep, Kind: label.Body, Text: []byte("x")}}}}
	if _, err := Extractions([]string{"a", "b"}, docs, false); err == nil {
		t.Error("no error for 2 ids and 1 document")
	}
	m, err := Extractions([]string{"a"}, docs, false)
	if err != nil || m["a"] != "x" {
		t.Errorf("got %v, %v", m, err)
	}
}

// writeBench writes a tiny benchmark directory: two pages with their
// ground truth and naive dumps, and optionally a dump missing one page.
func writeBench(t *testing.T, dumps string) string {
	t.Helper()
	dir := t.TempDir()
	truth := `{"p1":{"articleBody":"Dockworkers voted on Tuesday to extend their strike.","url":"u1"},` +
		`"p2":{"articleBody":"The council approved the new tram line after a long debate.","url":"u2"}}`
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), []byte(truth), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "output"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "output", "html-text.json"), []byte(dumps), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBenchDocs(t *testing.T) {
	dir := writeBench(t, `{"version":"1","output":{`+
		`"p1":{"articleBody":"Home\nNews\nDockworkers voted on Tuesday to extend their strike.\nShare on Twitter"},`+
		`"p2":{"articleBody":"Menu\n\nThe council approved the new tram line after a long debate.\n"}}}`)
	b, docs, err := BenchDocs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(b.IDs, ",") != "p1,p2" || len(docs) != 2 {
		t.Fatalf("ids %v, %d docs", b.IDs, len(docs))
	}
	want := [][]label.Label{
		{label.Drop, label.Drop, label.Keep, label.Drop},
		{label.Drop, label.Blank, label.Keep},
	}
	for i, d := range docs {
		if d.Name != b.IDs[i] {
			t.Errorf("doc %d named %q, want %q", i, d.Name, b.IDs[i])
		}
		var got []label.Label
		for _, r := range d.Rows {
			got = append(got, r.Label)
			if r.Class != gold.Unknown {
				t.Errorf("%s: class %q, want unknown", d.Name, r.Class)
			}
		}
		if len(got) != len(want[i]) {
			t.Fatalf("%s: %v, want %v", d.Name, got, want[i])
		}
		for k := range got {
			if got[k] != want[i][k] {
				t.Errorf("%s line %d: %v, want %v", d.Name, k+1, got[k], want[i][k])
			}
		}
	}
}

func TestBenchDocsErrors(t *testing.T) {
	dir := writeBench(t, `{"version":"1","output":{"p1":{"articleBody":"x"}}}`)
	if _, _, err := BenchDocs(dir); err == nil || !strings.Contains(err.Error(), `"p2"`) {
		t.Errorf("missing dump: error %v, want one naming p2", err)
	}
	if _, _, err := BenchDocs(t.TempDir()); err == nil {
		t.Error("no error for a directory without ground truth")
	}
}

func TestGoldExtract(t *testing.T) {
	d := &gold.Doc{Data: []byte("Storm hits the coast\nMenu\n\nWinds of 150 km/h.\n"), Rows: []gold.Row{
		{Label: label.Keep, Class: string(label.Title)},
		{Label: label.Drop, Class: gold.Unknown},
		{Label: label.Blank, Class: gold.Unknown},
		{Label: label.Keep, Class: gold.Unknown},
	}}
	tests := []struct {
		keepTitle bool
		want      string
	}{
		{false, "Winds of 150 km/h."},
		{true, "Storm hits the coast\nWinds of 150 km/h."},
	}
	for _, tt := range tests {
		if got := GoldExtract(d, tt.keepTitle); got != tt.want {
			t.Errorf("GoldExtract(keepTitle %v) = %q, want %q", tt.keepTitle, got, tt.want)
		}
	}
}
