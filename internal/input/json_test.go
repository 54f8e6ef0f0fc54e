package input

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestJSONDocument reads the three shapes of JSON documents of records.
func TestJSONDocument(t *testing.T) {
	tests := []struct {
		name, data string
		want       []string // id=body per document, or "err" for a record error
	}{
		{"array", `[{"id": "a", "text": "one"}, {"id": "b", "text": "two"}]`, []string{"a=one", "b=two"}},
		{"keyed", "{\n  \"k2\": {\"text\": \"two\"},\n  \"k1\": {\"text\": \"one\"}\n}", []string{"k2=two", "k1=one"}},
		{"wrapped", "{\n  \"version\": \"1\",\n  \"output\": {\"p\": {\"articleBody\": \"x\", \"text\": \"body\"}}\n}", []string{"p=body"}},
		{"bad record", "[\n {\"text\": 3},\n {\"text\": \"ok\"}\n]", []string{"err", "=ok"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "d.json")
			if err := os.WriteFile(path, []byte(tt.data), 0o644); err != nil {
				t.Fatal(err)
			}
			var got []string
			for d, err := range Documents(context.Background(), []string{path}, Options{}) {
				if err != nil {
					if !strings.Contains(err.Error(), "d.json: record ") {
						t.Errorf("error %q does not name the file and record", err)
					}
					got = append(got, "err")
					continue
				}
				got = append(got, d.ID+"="+string(d.Body))
				if strings.ContainsRune(string(d.Raw), '\n') {
					t.Errorf("record %d is not on one line: %q", d.Record, d.Raw)
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestJSONDocumentNoRecords checks that a JSON document without records is
// an error naming the file.
func TestJSONDocumentNoRecords(t *testing.T) {
	path := filepath.Join(t.TempDir(), "n.json")
	if err := os.WriteFile(path, []byte("{\n \"a\": 1\n}"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, err := range Documents(context.Background(), []string{path}, Options{}) {
		if err == nil || !strings.Contains(err.Error(), "n.json") || !strings.Contains(err.Error(), "no records") {
			t.Errorf("err = %v, want no records naming n.json", err)
		}
	}
}

// TestJSONKeyedRecords checks that the records of an id-keyed object keep
// the order of the document and their key: in the id field when the
// record has none, in Key beside the record's own id otherwise, never as a
// second member of the same name.
func TestJSONKeyedRecords(t *testing.T) {
	data := `{
  "zeta": {"text": "z", "url": "u"},
  "alpha": {"id": "own", "text": "a"},
  "mid": {"id": "mid", "text": "m"},
  "num": {"id": 7, "text": "n"},
  "nul": {"id": null, "text": "x"},
  "zeta": {"text": "again"},
  "e\"q": {"text": "quoted"}
}`
	want := []struct{ id, key, raw string }{
		{"zeta", "zeta", `{"id":"zeta","text":"z","url":"u"}`},
		{"own", "alpha", `{"id":"own","text":"a"}`},
		{"mid", "mid", `{"id":"mid","text":"m"}`},
		{"7", "num", `{"id":7,"text":"n"}`},
		{"", "nul", `{"id":null,"text":"x"}`},
		{"zeta", "zeta", `{"id":"zeta","text":"again"}`},
		{`e"q`, `e"q`, `{"id":"e\"q","text":"quoted"}`},
	}
	path := filepath.Join(t.TempDir(), "k.json")
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	i := 0
	for d, err := range Documents(context.Background(), []string{path}, Options{}) {
		if err != nil {
			t.Fatal(err)
		}
		if i >= len(want) {
			t.Fatalf("more documents than %d", len(want))
		}
		w := want[i]
		if d.ID != w.id || d.Key != w.key || string(d.Raw) != w.raw {
			t.Errorf("record %d: id %q key %q raw %s; want id %q key %q raw %s", i+1, d.ID, d.Key, d.Raw, w.id, w.key, w.raw)
		}
		out, err := d.SetFields(Field{Key: "chaff", Value: 1})
		if err != nil || strings.Count(string(out), `"id":`) != 1 {
			t.Errorf("record %d written as %s, %v: want one id member", i+1, out, err)
		}
		i++
	}
	if i != len(want) {
		t.Errorf("got %d documents, want %d", i, len(want))
	}
}

// TestJSONEmptyKeyedRecord checks the smallest records of a keyed object.
func TestJSONEmptyKeyedRecord(t *testing.T) {
	rec := jsonRecord{key: "k", keyed: true, raw: []byte(`{ }`)}
	d, err := jsonRecordDocument(rec, jsonlFields{text: "text", id: "id"})
	if err == nil || d != nil {
		t.Fatalf("got %v, %v; want the missing text field error", d, err)
	}
	rec.raw = []byte(`{"text":""}`)
	d, err = jsonRecordDocument(rec, jsonlFields{text: "text", id: "id"})
	if err != nil || string(d.Raw) != `{"id":"k","text":""}` {
		t.Fatalf("got %s, %v", d.Raw, err)
	}
}
