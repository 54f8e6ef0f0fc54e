package input

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

func TestJSONLRecords(t *testing.T) {
	tests := []struct {
		name  string
		data  string
		opts  Options
		want  []string
		count Counts
	}{
		{
			name:  "valid with blank lines and CRLF",
			data:  "{\"id\":\"a\",\"text\":\"one\"}\r\n\n   \n{\"text\":\"two\\nlines \\u00e9\",\"id\":7}\n",
			want:  []string{`doc d.jsonl#1 a text "one"`, `doc d.jsonl#4 7 text "two\nlines é"`},
			count: Counts{Sources: 1, Records: 4, Documents: 2, Blank: 2},
		},
		{
			name:  "last line without newline and BOM",
			data:  "\xef\xbb\xbf{\"text\":\"x\"}\n{\"text\":\"y\"}",
			want:  []string{`doc d.jsonl#1  text "x"`, `doc d.jsonl#2  text "y"`},
			count: Counts{Sources: 1, Records: 2, Documents: 2},
		},
		{
			name: "bad records are reported and reading goes on",
			data: `{"text":"ok1"}
{"text": 12}
{"text":"unterminated
{"title":"no text"}
[1,2]
{"text":"a","text":"b"}
{"text":null}
{"text":"ok2"}
`,
			want: []string{
				`doc d.jsonl#1  text "ok1"`,
				`err input: d.jsonl: record 2: text field "text" is not a string`,
				`err input: d.jsonl: record 3: invalid JSON`,
				`err input: d.jsonl: record 4: text field "text" is missing`,
				`err input: d.jsonl: record 5: record is not a JSON object`,
				`err input: d.jsonl: record 6: duplicate field "text"`,
				`err input: d.jsonl: record 7: text field "text" is not a string`,
				`doc d.jsonl#8  text "ok2"`,
			},
			count: Counts{Sources: 1, Records: 8, Documents: 2, Failed: 6},
		},
		{
			name:  "custom fields",
			data:  `{"body":"b","doc_id":"x","link":"http://e/"}` + "\n",
			opts:  Options{TextField: "body", IDField: "doc_id", URLField: "link"},
			want:  []string{`doc d.jsonl#1 x text "b"`},
			count: Counts{Sources: 1, Records: 1, Documents: 1},
		},
		{
			name: "line too long is skipped",
			data: `{"text":"short"}` + "\n" + `{"text":"` + strings.Repeat("x", 100) + `"}` + "\n" + `{"text":"after"}` + "\r\n",
			opts: Options{MaxLineSize: 16},
			want: []string{
				`doc d.jsonl#1  text "short"`,
				`err input: d.jsonl: record 2: JSONL line larger than the maximum line size of 16B (16 bytes); raise it with --max-line-size`,
				`doc d.jsonl#3  text "after"`,
			},
			count: Counts{Sources: 1, Records: 3, Documents: 2, Failed: 1},
		},
		{
			name:  "empty file",
			data:  "",
			want:  nil,
			count: Counts{Sources: 1},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{"d.jsonl": tt.data})
			got, counts := collect(t, dir, []string{filepath.Join(dir, "d.jsonl")}, tt.opts)
			checkOutcomes(t, got, tt.want)
			if counts != tt.count {
				t.Errorf("counts = %+v, want %+v", counts, tt.count)
			}
			if !counts.Balanced() {
				t.Errorf("counts %+v do not balance", counts)
			}
		})
	}
}

func TestJSONLFields(t *testing.T) {
	d, err := parseJSONL([]byte(`{"id":"a\"b","url":"http://x/","text":"t","n":{"text":"inner"}}`), jsonlFields{"text", "id", "url"})
	if err != nil {
		t.Fatal(err)
	}
	if d.ID != `a"b` || d.URL != "http://x/" || string(d.Body) != "t" || d.Format != Text {
		t.Errorf("got %+v", d)
	}
}

func TestSetFields(t *testing.T) {
	tests := []struct {
		name, raw string
		kv        []Field
		want      string
	}{
		{"replace text keeps other bytes",
			`{"id": 1,  "text":"old", "meta":{"a":[1, 2]}, "z":"\u00e9"}`,
			[]Field{{"text", "new <b>"}},
			`{"id": 1,  "text":"new <b>", "meta":{"a":[1, 2]}, "z":"\u00e9"}`},
		{"append new fields in order",
			`{"text":"t" }`,
			[]Field{{"chaff", map[string]int{"dropped": 2}}, {"ok", true}},
			`{"text":"t","chaff":{"dropped":2},"ok":true }`},
		{"replace and append",
			`{"a":1,"text":"t","b":2}`,
			[]Field{{"b", "x"}, {"c", nil}, {"text", ""}},
			`{"a":1,"text":"","b":"x","c":null}`},
		{"empty object",
			`{ }`,
			[]Field{{"k", 1}},
			`{"k":1 }`},
		{"raw message",
			`{"text":"t"}`,
			[]Field{{"text", json.RawMessage(`{"x": 1}`)}},
			`{"text":{"x":1}}`},
		{"text as bytes",
			`{"text":"t"}`,
			[]Field{{"text", StringBytes("new\n\"line\"")}},
			`{"text":"new\n\"line\""}`},
		{"no fields returns raw unchanged",
			`  {"text":"t"}  `,
			nil,
			`  {"text":"t"}  `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := rawDoc(t, tt.raw)
			got, err := d.SetFields(tt.kv...)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
			if !json.Valid(got) {
				t.Errorf("output is not valid JSON: %s", got)
			}
		})
	}
}

func TestSetFieldsNonJSONL(t *testing.T) {
	d := &Document{ID: "<urn:uuid:1>", URL: "http://e/", Body: []byte("x"), idField: "id", urlField: "url"}
	got, err := d.SetFields(Field{"text", "cleaned"}, Field{"url", "http://override/"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"<urn:uuid:1>","text":"cleaned","url":"http://override/"}`
	if string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
	if _, err := d.SetFields(Field{"bad", func() {}}); err == nil {
		t.Error("unencodable value: no error")
	}
}

// TestAppendFields checks that AppendFields keeps what dst held before
// the record, and leaves it as it was on error, after a field it had
// already written.
func TestAppendFields(t *testing.T) {
	d := rawDoc(t, `{"a":1,"text":"t"}`)
	got, err := d.AppendFields([]byte("before\n"), Field{"text", "new"})
	if err != nil {
		t.Fatal(err)
	}
	if want := "before\n" + `{"a":1,"text":"new"}`; string(got) != want {
		t.Errorf("got %s, want %s", got, want)
	}
	dst := []byte("before\n")
	got, err = d.AppendFields(dst, Field{"text", "new"}, Field{"bad", func() {}})
	if err == nil || !strings.Contains(err.Error(), `"bad"`) {
		t.Errorf("unencodable value: error %v, want one naming the field", err)
	}
	if string(got) != "before\n" {
		t.Errorf("on error got %q, want dst as it was", got)
	}
}

// rawDoc builds a JSONL document from any object line, text field or not.
func rawDoc(t *testing.T, raw string) *Document {
	t.Helper()
	b := []byte(raw)
	ms, open, _, err := scanObjectLine(b)
	if err != nil {
		t.Fatal(err)
	}
	return &Document{Raw: b, members: ms, openBrace: open}
}

// TestStringAtEveryOffset puts each byte a string scan must stop at (the
// closing quote, an escape, a control byte, a bad UTF-8 byte) at every
// offset of a plain run, on both sides of the eight-byte steps, and
// checks validity and the decoded text against encoding/json.
func TestStringAtEveryOffset(t *testing.T) {
	for _, special := range []string{`\"`, `\\`, `\n`, `\u00e9`, `\ud83d\ude00`, "\t", "\x01", "\xff", "\xc3", "é", `"`} {
		for k := range 20 {
			text := strings.Repeat("a", k) + special + strings.Repeat("b", 19-k)
			line := []byte(`{"text":"` + text + `"}`)
			_, _, _, err := scanObjectLine(line)
			if (err == nil) != json.Valid(line) {
				t.Fatalf("%q: scanner says valid=%v, encoding/json %v", line, err == nil, json.Valid(line))
			}
			if err != nil {
				continue
			}
			d, err := parseJSONL(line, jsonlFields{text: "text"})
			if err != nil {
				t.Fatalf("%q: %v", line, err)
			}
			var want struct{ Text string }
			if err := json.Unmarshal(line, &want); err != nil {
				t.Fatal(err)
			}
			if string(d.Body) != want.Text {
				t.Errorf("%q: Body %q, encoding/json %q", line, d.Body, want.Text)
			}
		}
	}
}
