package input

import (
	"bytes"
	"encoding/json"
	"testing"
)

// FuzzJSONL checks the JSONL record parser against encoding/json: the
// scanner must accept exactly the lines json.Valid accepts, an accepted
// line must be a JSON object whose "text" string equals Body, and
// SetFields must produce valid JSON that changes only the fields it sets.
func FuzzJSONL(f *testing.F) {
	for _, s := range []string{
		`{"text":"hello","id":"1","url":"http://x/"}`,
		`{"id":2, "text":"a\nb\u00e9\"q\"" ,"meta":{"text":[1,"}"]}}`,
		`{"text":1}`, `[1]`, `{"a":-0.5e+3,"b":[true,false,null],"text":"\ud83d\ude00"}`, `{"a":01}`, `{"text":"a","text":"b"}`, ` { } `, `{"text":"\ud800"}`,
		"{\"text\":\"\xff\"}",
		// Strings longer than a word, whose plain bytes the scan skips
		// eight at a time, with an escape, a quote, a control byte or a
		// bad byte after them for the fuzzer to move about.
		`{"text":"abcdefghijklmnop\\qrstuvwxyz\u00e9 and more plain text after it"}`,
		"{\"text\":\"abcdefghij\tklmnopqrstuvwxyz\"}",
		"{\"text\":\"abcdefgh\xc3\xa9ijklmno\xe2\x82pqrstuvwxyz012\"}",
		`{"id":"0123456789abcdef","text":"0123456789\"0123456789\\\\0123456789\n"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		if _, _, _, err := scanObjectLine(line); (err == nil) != json.Valid(line) {
			t.Fatalf("scanner says valid=%v, encoding/json says %v", err == nil, json.Valid(line))
		}
		d, err := parseJSONL(line, jsonlFields{"text", "id", "url"})
		if err != nil {
			return
		}
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(line, &obj); err != nil {
			t.Fatalf("accepted a line encoding/json rejects: %v", err)
		}
		var text string
		if err := json.Unmarshal(obj["text"], &text); err != nil {
			t.Fatalf("text field is not a string for encoding/json: %v", err)
		}
		if string(d.Body) != text {
			t.Fatalf("Body %q, encoding/json says %q", d.Body, text)
		}
		out, err := d.SetFields(Field{"text", "new"}, Field{"added", 1})
		if err != nil {
			t.Fatal(err)
		}
		var after map[string]json.RawMessage
		if err := json.Unmarshal(out, &after); err != nil {
			t.Fatalf("SetFields output invalid: %v\n%s", err, out)
		}
		if string(after["text"]) != `"new"` || string(after["added"]) != "1" {
			t.Fatalf("fields not set: %s", out)
		}
		for k, v := range obj {
			if k != "text" && k != "added" && !bytes.Equal(after[k], v) {
				t.Fatalf("field %q changed from %s to %s", k, v, after[k])
			}
		}
	})
}
