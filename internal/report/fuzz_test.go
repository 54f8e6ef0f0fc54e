package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/label"
)

// FuzzBuilder feeds untrusted bytes as line text, URL and file name and
// checks that every output is produced, the JSON is valid and the page
// holds no markup but its own.
func FuzzBuilder(f *testing.F) {
	f.Add([]byte("Home\n<script>alert(1)</script>\nBody"), "https://a.test/x", "a.txt", uint8(3))
	f.Add([]byte("\xff\xfe\x00\r\n\t"), "http://[::1", "", uint8(0))
	f.Add([]byte(strings.Repeat("é", 300)), "%zz", "-", uint8(200))
	f.Fuzz(func(t *testing.T, data []byte, url, file string, labels uint8) {
		cl := bytes.Split(data, []byte("\n"))
		lines := make([]classify.Line, len(cl))
		cats := label.Categories()
		for i, text := range cl {
			lines[i] = classify.Line{Number: i + 1, Text: text, Label: label.Label((int(labels) + i) % 3),
				Cat: cats[(int(labels)+i)%len(cats)], Kind: label.Body,
				Reasons: []classify.Reason{{Code: "fuzz", Text: string(text)}}}
		}
		b := NewBuilder(Options{MaxLineKeys: 4, MaxSites: 2})
		b.Add(DocInfo{File: file, URL: url, Lines: lines})
		b.Add(DocInfo{File: file, Record: 2, URL: url, Lines: lines})
		r := b.Build()
		js, err := json.Marshal(r)
		if err != nil || !json.Valid(js) {
			t.Fatalf("JSON: %v", err)
		}
		var out bytes.Buffer
		if err := r.WriteText(&out); err != nil {
			t.Fatal(err)
		}
		out.Reset()
		if err := r.WriteHTML(&out, file); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(strings.ToLower(out.String()), "<script"); n != 1 {
			t.Fatalf("page has %d <script tags", n)
		}
		if r.Totals.Documents != 2 || r.Totals.Lines != 2*len(lines) {
			t.Fatalf("totals %+v for 2 documents of %d lines", r.Totals, len(lines))
		}
	})
}
