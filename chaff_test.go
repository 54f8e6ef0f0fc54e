package chaff

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// article is a short news text with noise lines around its body.
const article = `By Jane Martin, March 3, 2024
Share on Facebook
The city council adopted the budget on Monday evening after four hours of debate between the majority and the opposition.
The main measure concerns the renovation of schools, for which the city plans to borrow nearly twelve million euros over five years.
Subscribe to our newsletter for the best stories of the week
`

// newClassifier builds a Classifier or fails the test.
func newClassifier(t testing.TB, opts Options) *Classifier {
	t.Helper()
	cl, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

// readJSONL reads the JSONL records of data.
func readJSONL(t testing.TB, data string) []*Record {
	t.Helper()
	var out []*Record
	for rec, err := range RecordsFrom(context.Background(), "in.jsonl", strings.NewReader(data), ReadOptions{}) {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, rec)
	}
	return out
}

func TestNewRefusesBadOptions(t *testing.T) {
	ms, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"threshold above 1", Options{Threshold: 1.5}, "threshold"},
		{"negative threshold", Options{Threshold: -0.1}, "threshold"},
		{"NaN threshold", Options{Threshold: math.NaN()}, "threshold"},
		{"unknown category", Options{Keep: []string{"byline", "gossip"}}, `unknown noise category "gossip"`},
		{"fast text model for HTML", Options{HTMLModel: ms[1]}, "cannot classify HTML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := New(tt.opts); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New: %v, want an error with %q", err, tt.want)
			}
		})
	}
}

func TestEmbeddedModels(t *testing.T) {
	ms, err := Embedded()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range ms {
		s := m.String()
		names = append(names, s[:strings.Index(s, ":")])
		if !strings.Contains(s, "documents") {
			t.Errorf("%q does not say what it was trained on", s)
		}
	}
	want := []string{"embedded accurate text", "embedded fast text", "embedded accurate HTML", "embedded fast HTML"}
	if !slices.Equal(names, want) {
		t.Errorf("names %q, want %q", names, want)
	}
}

func TestLoadModelErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.model")
	if err := os.WriteFile(bad, []byte("not a model"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{bad, filepath.Join(dir, "missing.model")} {
		if _, err := LoadModel(p); err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("LoadModel(%s): %v, want an error naming the file", p, err)
		}
	}
}

func TestClassify(t *testing.T) {
	body := "The city council adopted the budget on Monday evening after four hours of debate between the majority and the opposition.\nThe main measure concerns the renovation of schools, for which the city plans to borrow nearly twelve million euros over five years.\n"
	tests := []struct {
		name      string
		opts      Options
		wantClean string // a suffix of the cleaned text
		wantErr   string
	}{
		{"default", Options{}, body, ""},
		{"keep call to action", Options{Keep: []string{"call-to-action"}}, body + "Subscribe to our newsletter for the best stories of the week\n", ""},
		{"max lines", Options{MaxLines: 3}, "", "more than 3 lines"},
		{"no line limit", Options{MaxLines: -1}, body, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := newClassifier(t, tt.opts).Classify([]byte(article))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := string(doc.Clean()); !strings.HasSuffix(got, tt.wantClean) || strings.Contains(got, "Share on Facebook") {
				t.Errorf("Clean:\n%s\nwant it to end with\n%s", got, tt.wantClean)
			}
			if len(doc.Lines) != 5 || doc.Lang != "en" {
				t.Errorf("%d lines, language %q", len(doc.Lines), doc.Lang)
			}
			for _, l := range doc.Lines {
				if !bytes.Equal(l.Text, []byte(article)[l.Offset:l.Offset+int64(len(l.Text))]) {
					t.Errorf("line %d: offset %d does not locate %q", l.Number, l.Offset, l.Text)
				}
				if len(l.Reasons) > 0 {
					t.Errorf("line %d has reasons without Explain", l.Number)
				}
			}
		})
	}
}

func TestCleanRecordErrors(t *testing.T) {
	cl := newClassifier(t, Options{Fast: true})
	tests := []struct {
		name string
		line string
		opts CleanOptions
		want string
	}{
		{"mark with output field", `{"text":"a"}`, CleanOptions{Mark: true, OutputField: "clean"}, "OutputField has no use"},
		{"output to the stats field", `{"text":"a"}`, CleanOptions{OutputField: "chaff"}, `chaff writes its own field "chaff"`},
		{"record holds the stats field", `{"text":"a","chaff":1}`, CleanOptions{}, `already holds a field "chaff"`},
		{"record holds the output field", `{"text":"a","clean":1}`, CleanOptions{OutputField: "clean"}, `already holds a field "clean"`},
		{"max drop above 1", `{"text":"a"}`, CleanOptions{MaxDrop: 1.5}, "MaxDrop 1.5"},
		{"NaN max drop", `{"text":"a"}`, CleanOptions{MaxDrop: math.NaN()}, "MaxDrop NaN"},
		{"bad repeated scope", `{"text":"a"}`, CleanOptions{Repeated: RepeatedOptions{Scope: "planet"}}, "planet"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := readJSONL(t, tt.line+"\n")[0]
			dst := []byte("before\n")
			var drop func(uint64) bool
			if tt.opts.Repeated.Scope != "" {
				drop = func(uint64) bool { return true }
			}
			out, _, err := cl.CleanRecord(dst, rec, tt.opts, drop)
			var e *Error
			if !errors.As(err, &e) || e.Source != "in.jsonl" || e.Record != 1 || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want an *Error naming in.jsonl record 1 with %q", err, tt.want)
			}
			if string(out) != "before\n" {
				t.Errorf("dst changed to %q", out)
			}
		})
	}
	if _, _, err := cl.CleanRecord(nil, nil, CleanOptions{}, nil); err == nil {
		t.Error("no error for a nil record")
	}
}

// TestCleanRecordEdits checks that CleanRecord cleans the record as the
// caller left it, and that a record built by hand is written as a WARC
// record's object or a text.
func TestCleanRecordEdits(t *testing.T) {
	cl := newClassifier(t, Options{Fast: true})
	rec := readJSONL(t, `{"id":"x","text":"old"}`+"\n")[0]
	rec.Body = []byte(article)
	out, st, err := cl.CleanRecord(nil, rec, CleanOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte(`{"id":"x","text":"The city council`)) || st.Lines != 5 || st.Kept != 2 || st.Dropped["social"] != 1 {
		t.Errorf("edited body: %s %+v", out, st)
	}
	for _, tt := range []struct {
		rec  Record
		want string
	}{
		{Record{Number: 3, ID: "w", URL: "https://e.org/", Body: []byte(article)}, `{"id":"w","url":"https://e.org/","text":"The city council`},
		{Record{Source: "a.txt", Body: []byte(article)}, "The city council"},
	} {
		out, _, err := cl.CleanRecord(nil, &tt.rec, CleanOptions{}, nil)
		if err != nil || !strings.HasPrefix(string(out), tt.want) {
			t.Errorf("%+v: %q, %v; want it to start with %q", tt.rec, out, err, tt.want)
		}
	}
}

func TestRecordsErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.jsonl")
	var errs []error
	for _, err := range Records(context.Background(), []string{missing}, ReadOptions{}) {
		errs = append(errs, err)
	}
	var e *Error
	if len(errs) != 1 || !errors.As(errs[0], &e) || e.Source != missing {
		t.Errorf("missing file: %v", errs)
	}
	errs = nil
	for _, err := range Records(context.Background(), []string{missing}, ReadOptions{Format: "yaml"}) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "yaml") {
		t.Errorf("bad format: %v", errs)
	}
}

func TestRepeatedKeys(t *testing.T) {
	cl := newClassifier(t, Options{Fast: true})
	recs := readJSONL(t, `{"url":"https://www.a.org/1","text":"Subscribe to our newsletter\nFirst story of the day\nok\n"}
{"url":"https://a.org/2","text":"Subscribe to our newsletter\nSecond story\n"}
{"url":"https://b.org/1","text":"Subscribe to our newsletter\n"}
{"url":"https://b.org/2","html":1,"text":"<p>Subscribe to our newsletter</p>"}
`)
	recs[3].HTML = true
	keys := func(ro RepeatedOptions) ([]string, [][]uint64) {
		var scopes []string
		var ks [][]uint64
		for _, r := range recs {
			s, k, err := cl.RepeatedKeys(r, CleanOptions{}, ro)
			if err != nil {
				t.Fatal(err)
			}
			scopes, ks = append(scopes, s), append(ks, k)
		}
		return scopes, ks
	}
	scopes, ks := keys(RepeatedOptions{})
	if !slices.Equal(scopes, []string{"a.org", "a.org", "b.org", "b.org"}) {
		t.Errorf("scopes %q", scopes)
	}
	if len(ks[0]) != 2 || len(ks[1]) != 2 || len(ks[2]) != 1 {
		t.Errorf("keys %v: want the two lines of letters of each document, \"ok\" left out", ks)
	}
	shared := func(a, b []uint64) bool {
		return slices.ContainsFunc(a, func(k uint64) bool { return slices.Contains(b, k) })
	}
	if !shared(ks[0], ks[1]) || shared(ks[1], ks[2]) || !slices.Equal(ks[2], ks[3]) {
		t.Errorf("site scope: a line must share its key within a site and within a site only, the page's text counting: %v", ks)
	}
	scopes, ks = keys(RepeatedOptions{Scope: "corpus"})
	if scopes[0] != "" || !shared(ks[1], ks[2]) {
		t.Errorf("corpus scope: %q %v", scopes, ks)
	}
}

func TestStream(t *testing.T) {
	cl := newClassifier(t, Options{Fast: true})
	data := `{"id":"1","text":"one"}
{"id":"2","text":2}
{"id":"3","text":"three","chaff":{}}
{"id":"4","text":"four"}
`
	var got []string
	stream := func(ctx context.Context, fn func(*Result) error) error {
		return cl.Stream(ctx, RecordsFrom(ctx, "in.jsonl", strings.NewReader(data), ReadOptions{}), StreamOptions{Workers: 2}, fn)
	}
	err := stream(context.Background(), func(r *Result) error {
		var e *Error
		switch {
		case r.Err == nil:
			got = append(got, r.Record.ID)
		case errors.As(r.Err, &e):
			got = append(got, "error "+e.Source+" "+string(rune('0'+e.Record)))
		default:
			t.Errorf("error %v is not an *Error", r.Err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"1", "error in.jsonl 2", "error in.jsonl 3", "4"}; !slices.Equal(got, want) {
		t.Errorf("results %q, want %q", got, want)
	}
	stop := errors.New("stop")
	n := 0
	err = stream(context.Background(), func(*Result) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("fn's error: Stream returned %v after %d results", err, n)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := stream(ctx, func(*Result) error { return nil }); err == nil {
		t.Error("a cancelled context did not stop Stream")
	}
}

// FuzzRecordsFrom checks that any stream is read without a panic, that
// every record and error names the stream, and that each record can be
// cleaned or fails with an error naming it.
func FuzzRecordsFrom(f *testing.F) {
	for _, s := range []string{
		`{"id":"1","text":"hello\nworld"}` + "\n" + `{"text":2}` + "\n",
		"<html><body><p>page</p></body></html>",
		"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 0\r\n\r\n\r\n\r\n",
		`{"output":{"a":{"text":"x"}}}`,
		"\xff\xfeh\x00i\x00",
		"plain\ntext\n",
	} {
		f.Add("in", []byte(s))
		f.Add("in.jsonl", []byte(s))
	}
	cl := newClassifier(f, Options{Fast: true, MaxTags: 1000, MaxLines: 1000})
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		if name == "" || name == "-" {
			name = "in"
		}
		for rec, err := range RecordsFrom(context.Background(), name, bytes.NewReader(data), ReadOptions{MaxDocumentSize: 1 << 20}) {
			var e *Error
			if err != nil {
				if !errors.As(err, &e) || e.Source != name {
					t.Fatalf("error %v does not name %q", err, name)
				}
				continue
			}
			if rec.Source != name {
				t.Fatalf("record of %q, want %q", rec.Source, name)
			}
			if _, _, err := cl.CleanRecord(nil, rec, CleanOptions{}, nil); err != nil && (!errors.As(err, &e) || e.Source != name) {
				t.Fatalf("clean error %v does not name %q", err, name)
			}
		}
	})
}

// BenchmarkCleanRecord cleans one JSONL record of a news article with
// each embedded text model.
func BenchmarkCleanRecord(b *testing.B) {
	line := `{"id":"1","url":"https://www.example.org/budget","text":` + strings.ReplaceAll(strings.ReplaceAll(`"`+strings.Repeat(article, 10)+`"`, "\n", `\n`), "\t", `\t`) + "}\n"
	for _, fast := range []bool{false, true} {
		name := "accurate"
		if fast {
			name = "fast"
		}
		b.Run(name, func(b *testing.B) {
			cl := newClassifier(b, Options{Fast: fast})
			rec := readJSONL(b, line)[0]
			b.SetBytes(int64(len(rec.Body)))
			b.ReportAllocs()
			var out []byte
			for b.Loop() {
				var err error
				if out, _, err = cl.CleanRecord(out[:0], rec, CleanOptions{}, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestFallback checks that a document the model empties gets its best
// block back, and says so, whether it is classified, cleaned or streamed
// with repeated lines (which classifies it whole), and that NoFallback
// leaves it empty.
func TestFallback(t *testing.T) {
	const listing = "Home\nShop\nSale\nTeak bench, 150 cm, solid grade-A teak, oiled, seats three.\n" +
		"Folding bistro set: powder-coated steel table and two chairs that fold flat for winter.\n" +
		"Add to basket\nPrivacy policy\nTerms and conditions\n"
	for _, noFallback := range []bool{false, true} {
		want := "best-block"
		if noFallback {
			want = ""
		}
		cl := newClassifier(t, Options{Threshold: 1e-7, NoFallback: noFallback})
		doc, err := cl.Classify([]byte(listing))
		if err != nil || doc.Fallback != want || (len(doc.Clean()) > 0) != !noFallback {
			t.Errorf("NoFallback %v: Classify: fallback %q, clean %q, %v", noFallback, doc.Fallback, doc.Clean(), err)
		}
		line := `{"id":"1","url":"https://shop.example/1","text":` + strings.ReplaceAll(`"`+listing+`"`, "\n", `\n`) + "}\n"
		_, st, err := cl.CleanRecord(nil, readJSONL(t, line)[0], CleanOptions{}, nil)
		if err != nil || st.Fallback != want {
			t.Errorf("NoFallback %v: CleanRecord: fallback %q, %v", noFallback, st.Fallback, err)
		}
		// A Classifier of its own: its documents classified into again
		// held nothing of an earlier one's.
		cl = newClassifier(t, Options{Threshold: 1e-7, NoFallback: noFallback})
		recs := RecordsFrom(context.Background(), "in.jsonl", strings.NewReader(line), ReadOptions{})
		err = cl.Stream(context.Background(), recs, StreamOptions{Repeated: &RepeatedOptions{}}, func(r *Result) error {
			if r.Err != nil || r.Stats.Fallback != want {
				t.Errorf("NoFallback %v: Stream with repeated lines: fallback %q, %v", noFallback, r.Stats.Fallback, r.Err)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// TestEmbeddedModel checks that each embedded model can be had by its
// kind's name, as `chaff version` lists it, and that the text and HTML
// models so chosen classify: a fast text model with the accurate HTML
// model, which Options.Fast cannot give.
func TestEmbeddedModel(t *testing.T) {
	for _, tc := range []struct {
		kind, name string
	}{
		{"accurate-text", embeddedText},
		{"fast-text", embeddedFastText},
		{"accurate-html", embeddedHTML},
		{"fast-html", embeddedFastHTML},
	} {
		m, err := EmbeddedModel(tc.kind)
		if err != nil {
			t.Fatalf("%s: %v", tc.kind, err)
		}
		if m.name != tc.name || m.model.Kind.String() != tc.kind {
			t.Errorf("EmbeddedModel(%q) = %s of kind %v", tc.kind, m.name, m.model.Kind)
		}
	}
	if _, err := EmbeddedModel("fast"); err == nil || !strings.Contains(err.Error(), "fast-text") {
		t.Errorf("an unknown kind: error %v, want one listing the kinds", err)
	}
	text, _ := EmbeddedModel("fast-text")
	html, _ := EmbeddedModel("accurate-html")
	cl, err := New(Options{TextModel: text, HTMLModel: html})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := cl.ClassifyHTML([]byte("<html><body><article><p>The council adopted the budget on Monday evening after four hours of debate in the town hall.</p></article></body></html>"), "")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc.Clean()), "adopted the budget") {
		t.Errorf("HTML with the accurate HTML model: %q", doc.Clean())
	}
	if _, err := New(Options{HTMLModel: text}); err == nil {
		t.Error("a fast text model as the HTML model was accepted")
	}
}
