package input

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
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

// FuzzUTF16 checks the UTF-16 decoding: any body after a byte order mark
// gives valid UTF-8, text encoded in UTF-16 reads back as itself, and a
// body without a mark is returned as it is.
func FuzzUTF16(f *testing.F) {
	for _, s := range []string{"", "a", "héllo 😀\r\n", "\x00\x01", "\xed\xa0\x80", "\xff\xfe"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		out, enc, err := decodeUTF16(data)
		switch {
		case err != nil:
			t.Fatal(err)
		case enc == "" && !bytes.Equal(out, data):
			t.Fatalf("body without a mark changed: %q to %q", data, out)
		case enc != "" && !utf8.Valid(out):
			t.Fatalf("%s decoded to invalid UTF-8 %q", enc, out)
		}
		text := strings.ToValidUTF8(string(data), "\uFFFD")
		for _, big := range []bool{false, true} {
			back, enc, err := decodeUTF16(encodeUTF16(text, big))
			if err != nil || string(back) != text || enc == "" {
				t.Fatalf("%q read back as %q (%s), %v", text, back, enc, err)
			}
		}
	})
}

// FuzzJSONDocument checks the JSON documents of records: never a panic;
// records of an id-keyed object come in document order, each written
// with exactly one id member, carrying its key when it had no id.
func FuzzJSONDocument(f *testing.F) {
	for _, s := range []string{
		`{"b":{"text":"1"},"a":{"id":"x","text":"2"},"b":{"text":"3"}}`,
		`[{"text":"a"},{"id":1,"text":"b"}]`,
		`{"version":1,"output":{"k":{"text":"t"}}}`,
		`{"e\"q":{"text":"q","id":null}}`,
		`{}`, `[]`, `{"a":1}`, `{"k":{"id":1,"id":2,"text":"t"}}`,
	} {
		f.Add([]byte(s))
	}
	fields := jsonlFields{text: "text", id: "id", url: "url"}
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, err := jsonRecords(data)
		if err != nil {
			return
		}
		for _, rec := range recs {
			d, err := jsonRecordDocument(rec, fields)
			if err != nil {
				continue
			}
			in, out := countIDs(t, rec.raw), countIDs(t, d.Raw)
			if rec.keyed && (out != max(in, 1) || d.Key != rec.key) || !rec.keyed && out != in {
				t.Fatalf("record %q %s written as %s (key %q)", rec.key, rec.raw, d.Raw, d.Key)
			}
		}
	})
}

// countIDs counts the top-level "id" members of a JSON object.
func countIDs(t *testing.T, obj []byte) int {
	ms, _, _, err := scanObjectLine(obj)
	if err != nil {
		t.Fatalf("invalid JSON object: %s", obj)
	}
	n := 0
	for _, m := range ms {
		if m.key == "id" {
			n++
		}
	}
	return n
}
