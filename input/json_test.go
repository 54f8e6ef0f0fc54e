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
		{"keyed", "{\n  \"k2\": {\"text\": \"two\"},\n  \"k1\": {\"text\": \"one\"}\n}", []string{"k1=one", "k2=two"}},
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
