package render_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"github.com/chaff-dev/chaff/internal/golden"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/render"
)

// ln describes one line of a hand-made document: its text and terminator,
// its label and its kind (keep) or category (drop).
type ln struct {
	text, eol string
	lab       label.Label
	class     string
	score     float64
	reasons   []classify.Reason
}

func keep(text, eol string, k label.Kind) ln { return ln{text, eol, label.Keep, string(k), 0.1, nil} }
func drop(text, eol string, c label.Category) ln {
	return ln{text, eol, label.Drop, string(c), 0.9, []classify.Reason{{Code: "lexicon:" + string(c), Text: "matches a " + string(c) + " phrase", Weight: 0.9}}}
}
func blank(text, eol string) ln { return ln{text, eol, label.Blank, "", 0, nil} }

// build makes a classified document from lines, as Classify would: Data is
// the concatenation, and each line's Text and EOL slice it.
func build(lns ...ln) *classify.Document {
	var data []byte
	for _, l := range lns {
		data = append(data, l.text...)
		data = append(data, l.eol...)
	}
	doc := &classify.Document{Data: data, Lines: make([]classify.Line, len(lns))}
	off := 0
	for i, l := range lns {
		end := off + len(l.text)
		next := end + len(l.eol)
		dl := &doc.Lines[i]
		*dl = classify.Line{Number: i + 1, Offset: int64(off), Text: data[off:end:end], EOL: data[end:next:next], Label: l.lab, Score: l.score, Reasons: l.reasons}
		switch l.lab {
		case label.Keep:
			dl.Kind = label.Kind(l.class)
		case label.Drop:
			dl.Cat = label.Category(l.class)
		}
		off = next
	}
	return doc
}

// article is a document with every label, kind, terminator and a few
// awkward bytes: the subject of the golden files.
func article() *classify.Document {
	return build(
		drop("Accueil > Économie > Automobile", "\n", label.Navigation),
		keep("Tesla : Elon Musk rassure la Chine", "\r\n", label.Title),
		blank("", "\r\n"),
		drop("·1 min de lecture", "\n", label.ReadingTime),
		blank(" \u00a0\t", "\n"),
		keep("Non, Tesla ne partagera pas les données de ses véhicules avec Pékin.", "\n", label.Body),
		drop(">> A lire aussi - Tesla : \"roi de la tech\" <b>&</b>", "\n", label.Teaser),
		keep("Les autorités chinoises seraient inquiètes.\tTab, ESC \x1b[31m, NUL \x00, DEL \x7f, C1 \u0085, bad \xff\xfe.", "\r", label.Body),
		blank("", "\n"),
		blank("\u3000", "\n"),
		keep("Réactions", "\n", label.Heading),
		ln{"Par Jeanne Martin", "\n", label.Keep, string(label.Body), 0.8, nil},
		keep(strings.Repeat("Un très long paragraphe. ", 10), "\n", label.Body),
		drop("Partager sur Facebook", "", label.Social),
	)
}

// TestClean checks the cleaned text on hand-made documents.
func TestClean(t *testing.T) {
	for _, tc := range []struct {
		name   string
		doc    *classify.Document
		policy render.Policy
		want   string
	}{
		{"empty", build(), render.Policy{}, ""},
		{"only noise and blanks", build(drop("Publicité", "\n", label.Ad), blank("", "\n"), drop("Menu", "\n", label.Navigation)), render.Policy{}, ""},
		{
			"own terminators, byte-exact",
			build(keep("lf", "\n", label.Body), keep("crlf", "\r\n", label.Body), keep("cr", "\r", label.Body), keep("caf\xe9 \u00a0", "", label.Body)),
			render.Policy{}, "lf\ncrlf\r\ncr\rcaf\xe9 \u00a0",
		},
		{
			"blank run collapsed to one empty line",
			build(keep("a", "\n", label.Body), blank("", "\n"), blank("  ", "\n"), blank("\u3000", "\n"), keep("b", "\n", label.Body)),
			render.Policy{}, "a\n\nb\n",
		},
		{
			"gap takes the terminator of the first blank line",
			build(keep("a", "\r\n", label.Body), blank("\t", "\r\n"), blank("", "\n"), keep("b", "\r\n", label.Body)),
			render.Policy{}, "a\r\n\r\nb\r\n",
		},
		{
			"blank and dropped lines make one gap",
			build(keep("a", "\n", label.Body), drop("x", "\n", label.Teaser), blank("", "\n"), drop("y", "\n", label.Ad), blank("", "\n"), keep("b", "\n", label.Body)),
			render.Policy{}, "a\n\nb\n",
		},
		{
			"dropped lines alone make no gap",
			build(keep("a", "\n", label.Body), drop("x", "\n", label.Teaser), drop("y", "\n", label.Ad), keep("b", "\n", label.Body)),
			render.Policy{}, "a\nb\n",
		},
		{
			"no leading or trailing blank",
			build(blank("", "\n"), drop("x", "\n", label.Navigation), blank(" ", "\n"), keep("a", "\n", label.Body), blank("", "\n"), drop("y", "\n", label.Social), blank("", "\n")),
			render.Policy{}, "a\n",
		},
		{
			"title kept by default",
			build(keep("Title", "\n", label.Title), blank("", "\n"), keep("Body.", "\n", label.Body)),
			render.Policy{}, "Title\n\nBody.\n",
		},
		{
			"DropTitle leaves no leading gap",
			build(keep("Title", "\n", label.Title), blank("", "\n"), keep("Body.", "\n", label.Body)),
			render.Policy{DropTitle: true}, "Body.\n",
		},
		{
			"DropTitle keeps headings",
			build(keep("Title", "\n", label.Title), keep("Heading", "\n", label.Heading), keep("Body.", "", label.Body)),
			render.Policy{DropTitle: true}, "Heading\nBody.",
		},
		{
			"article",
			article(), render.Policy{},
			"Tesla : Elon Musk rassure la Chine\r\n\r\nNon, Tesla ne partagera pas les données de ses véhicules avec Pékin.\n" +
				"Les autorités chinoises seraient inquiètes.\tTab, ESC \x1b[31m, NUL \x00, DEL \x7f, C1 \u0085, bad \xff\xfe.\r\nRéactions\nPar Jeanne Martin\n" +
				strings.Repeat("Un très long paragraphe. ", 10) + "\n",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := render.Clean(&b, tc.doc, tc.policy); err != nil {
				t.Fatal(err)
			}
			if b.String() != tc.want {
				t.Errorf("got  %q\nwant %q", b.String(), tc.want)
			}
			if got := render.AppendClean([]byte("before|"), tc.doc, tc.policy); string(got) != "before|"+tc.want {
				t.Errorf("AppendClean: got %q\nwant %q", got, "before|"+tc.want)
			}
		})
	}
}

// TestPolicyKept checks which lines clean writes under each policy.
func TestPolicyKept(t *testing.T) {
	doc := build(keep("T", "\n", label.Title), keep("H", "\n", label.Heading), keep("B", "\n", label.Body), drop("D", "\n", label.Ad), blank("", "\n"))
	for _, tc := range []struct {
		p    render.Policy
		want []bool
	}{
		{render.Policy{}, []bool{true, true, true, false, false}},
		{render.Policy{DropTitle: true}, []bool{false, true, true, false, false}},
	} {
		for i := range doc.Lines {
			if got := tc.p.Kept(&doc.Lines[i]); got != tc.want[i] {
				t.Errorf("%+v line %d: Kept %v, want %v", tc.p, i+1, got, tc.want[i])
			}
		}
	}
}

// TestLabels checks that every line gives one JSON object with the
// required fields, in the right order, and compares the whole output with
// a golden file.
func TestLabels(t *testing.T) {
	doc := article()
	var b bytes.Buffer
	const file = `dir/"quoted" é.txt`
	if err := render.Labels(&b, file, doc); err != nil {
		t.Fatal(err)
	}
	golden.Compare(t, "labels.golden.jsonl", b.Bytes())

	sc := bufio.NewScanner(&b)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		raw := sc.Bytes()
		l := &doc.Lines[n]
		n++
		if !bytes.HasPrefix(raw, []byte(`{"file":`)) {
			t.Errorf("line %d: does not start with the file: %s", n, raw)
		}
		if !utf8.Valid(raw) {
			t.Errorf("line %d: invalid UTF-8 in the JSON", n)
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("line %d: %v: %s", n, err, raw)
		}
		var rec struct {
			File     string            `json:"file"`
			Line     int               `json:"line"`
			Offset   int64             `json:"offset"`
			Label    string            `json:"label"`
			Kind     string            `json:"kind"`
			Category string            `json:"category"`
			Score    float64           `json:"score"`
			Reasons  []classify.Reason `json:"reasons"`
			Text     string            `json:"text"`
		}
		if err := json.Unmarshal(raw, &rec); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		for _, f := range []string{"file", "line", "offset", "label", "score", "text"} {
			if _, ok := m[f]; !ok {
				t.Errorf("line %d: no field %q: %s", n, f, raw)
			}
		}
		if rec.File != file || rec.Line != l.Number || rec.Offset != l.Offset || rec.Label != l.Label.String() || rec.Score != l.Score {
			t.Errorf("line %d: %+v, want file %q line %d offset %d label %s score %v", n, rec, file, l.Number, l.Offset, l.Label, l.Score)
		}
		_, hasKind := m["kind"]
		_, hasCat := m["category"]
		switch l.Label {
		case label.Keep:
			if rec.Kind != string(l.Kind) || hasCat {
				t.Errorf("line %d: kept line with kind %q, category present %v", n, rec.Kind, hasCat)
			}
		case label.Drop:
			if rec.Category != string(l.Cat) || hasKind {
				t.Errorf("line %d: dropped line with category %q, kind present %v", n, rec.Category, hasKind)
			}
		case label.Blank:
			if hasKind || hasCat {
				t.Errorf("line %d: blank line with a kind or category: %s", n, raw)
			}
		}
		if len(rec.Reasons) != len(l.Reasons) || (len(l.Reasons) > 0 && rec.Reasons[0] != l.Reasons[0]) {
			t.Errorf("line %d: reasons %+v, want %+v", n, rec.Reasons, l.Reasons)
		}
		// Each invalid byte becomes one U+FFFD, as ranging over a string
		// decodes it.
		want := string([]rune(string(l.Text)))
		if !utf8.Valid(l.Text) && !strings.Contains(rec.Text, "\ufffd\ufffd") {
			t.Errorf("line %d: two invalid bytes do not give two U+FFFD: %q", n, rec.Text)
		}
		if rec.Text != want {
			t.Errorf("line %d: text %q, want %q", n, rec.Text, want)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n != len(doc.Lines) {
		t.Errorf("%d JSON lines for %d lines", n, len(doc.Lines))
	}
}

// TestLabelsEmpty checks that a document without lines writes nothing.
func TestLabelsEmpty(t *testing.T) {
	var b bytes.Buffer
	if err := render.Labels(&b, "empty.txt", build()); err != nil || b.Len() != 0 {
		t.Errorf("err %v, output %q", err, b.String())
	}
}

// TestAnnotate checks the annotated view: golden files with and without
// colour, then the properties that matter on a terminal.
func TestAnnotate(t *testing.T) {
	doc := article()
	outs := map[bool]string{}
	for _, color := range []bool{false, true} {
		var b bytes.Buffer
		if err := render.Annotate(&b, "page.txt", doc, color); err != nil {
			t.Fatal(err)
		}
		name := "annotate.golden"
		if color {
			name = "annotate-color.golden"
		}
		golden.Compare(t, name, b.Bytes())
		outs[color] = b.String()
	}

	plain := outs[false]
	if strings.Contains(plain, "\x1b") {
		t.Errorf("escape sequence without colour:\n%q", plain)
	}
	if !strings.HasPrefix(plain, "==> page.txt <==\n") {
		t.Errorf("no file header:\n%s", plain)
	}
	rows := strings.Split(strings.TrimSuffix(plain, "\n"), "\n")[1:]
	if len(rows) != len(doc.Lines) {
		t.Fatalf("%d rows for %d lines", len(rows), len(doc.Lines))
	}
	for i, row := range rows {
		l := &doc.Lines[i]
		if !utf8.ValidString(row) {
			t.Errorf("row %d: invalid UTF-8: %q", i+1, row)
		}
		for _, r := range row {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Errorf("row %d: raw control character %U: %q", i+1, r, row)
			}
		}
		mark := map[label.Label]string{label.Keep: "+", label.Drop: "-", label.Blank: " "}[l.Label]
		if len(row) < 6 || row[5:6] != mark {
			t.Errorf("row %d: marker %q, want %q: %q", i+1, row[5:6], mark, row)
		}
		if !strings.Contains(row, " "+l.Class()+" ") {
			t.Errorf("row %d: no class %q: %q", i+1, l.Class(), row)
		}
		hasCode := len(l.Reasons) > 0 && strings.HasSuffix(row, "  ["+l.Reasons[0].Code+"]")
		if (l.Label == label.Drop && len(l.Reasons) > 0) != hasCode {
			t.Errorf("row %d: reason code shown %v for a %s line: %q", i+1, hasCode, l.Label, row)
		}
		text := row[strings.Index(row, "│ ")+len("│ "):]
		if hasCode {
			text = strings.TrimSuffix(text, "  ["+l.Reasons[0].Code+"]")
		}
		if n := utf8.RuneCountInString(text); n > 160+len("…") {
			t.Errorf("row %d: %d runes of text, want the text cut at 160 and an ellipsis", i+1, n)
		}
	}
	for _, esc := range []string{`\x1b[31m`, `\x00`, `\x7f`, `\x85`, `\xff\xfe`, `\x09`} {
		if !strings.Contains(plain, esc) {
			t.Errorf("no %s in the annotated view", esc)
		}
	}
	if !strings.Contains(plain, "…") {
		t.Error("the long line is not cut")
	}

	color := outs[true]
	for _, code := range []string{"\x1b[32m", "\x1b[31m", "\x1b[2m", "\x1b[0m"} {
		if !strings.Contains(color, code) {
			t.Errorf("no %q with colour", code)
		}
	}
	// The text's own escape sequence must not reach the terminal.
	if strings.Contains(color, "ESC \x1b[31m") {
		t.Error("the line's own escape sequence is written raw with colour")
	}
}

// TestAnnotateNoFile checks that an empty file name gives no header.
func TestAnnotateNoFile(t *testing.T) {
	var b bytes.Buffer
	if err := render.Annotate(&b, "", build(keep("Only line", "", label.Body)), false); err != nil {
		t.Fatal(err)
	}
	if want := "   1 + body           0.10 │ Only line\n"; b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}

// TestCleanerParts checks that a document cut into parts anywhere, as
// the windows of a long document are, gives the text of the whole:
// the empty line of a gap between two kept lines of two parts, nothing
// before the first kept line or after the last.
func TestCleanerParts(t *testing.T) {
	docs := map[string]*classify.Document{
		"article": article(),
		"gaps": build(blank("", "\n"), keep("A", "\n", label.Body), blank(" ", "\r\n"), drop("x", "\n", label.Navigation),
			blank("", "\n"), keep("B", "\n", label.Body), drop("y", "\n", label.Ad), keep("C", "\n", label.Body), blank("", "\n")),
		"no final terminator": build(keep("A", "\n", label.Body), blank("", ""), keep("B", "", label.Body)),
	}
	for name, doc := range docs {
		for _, p := range []render.Policy{{}, {DropTitle: true}} {
			want := render.AppendClean(nil, doc, p)
			for cut1 := range len(doc.Lines) + 1 {
				for cut2 := cut1; cut2 <= len(doc.Lines); cut2++ {
					c := render.Cleaner{Policy: p}
					var got []byte
					for _, part := range [][]classify.Line{doc.Lines[:cut1], doc.Lines[cut1:cut2], doc.Lines[cut2:]} {
						got = c.Append(got, &classify.Document{Data: doc.Data, Lines: part})
					}
					if !bytes.Equal(got, want) {
						t.Fatalf("%s, %+v, cut at %d and %d: %q, want %q", name, p, cut1, cut2, got, want)
					}
				}
			}
		}
	}
}
