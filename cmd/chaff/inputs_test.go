package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/chaff-dev/chaff/internal/clean"
)

// TestCleanKeyedJSON checks that clean writes the records of an id-keyed
// JSON document in input order, each with its key: as its id when it had
// none, beside its own id in the chaff object otherwise, and never with
// two id members.
func TestCleanKeyedJSON(t *testing.T) {
	doc := map[string]string{"zeta": "", "alpha": `"id":"own",`}
	var b strings.Builder
	b.WriteString("{\n")
	for i, k := range []string{"zeta", "alpha"} {
		text, _ := json.Marshal(article(i))
		if i > 0 {
			b.WriteString(",\n")
		}
		b.WriteString(`"` + k + `": {` + doc[k] + `"text": ` + string(text) + `}`)
	}
	b.WriteString("\n}\n")
	path := filepath.Join(t.TempDir(), "keyed.json")
	writeFile(t, path, []byte(b.String()))
	code, stdout, stderr := runCmd(t, "", "clean", path)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	want := []struct{ id, key string }{{"zeta", ""}, {"own", "alpha"}}
	if len(lines) != len(want) {
		t.Fatalf("got %d records, want %d:\n%s", len(lines), len(want), stdout)
	}
	for i, m := range jsonObjects(t, stdout) {
		if n := strings.Count(lines[i], `"id":`); n != 1 {
			t.Errorf("record %d has %d id members: %s", i+1, n, lines[i])
		}
		var c struct {
			Key string `json:"key"`
		}
		if err := json.Unmarshal(m[clean.StatsField], &c); err != nil {
			t.Fatal(err)
		}
		if got := str(t, m["id"]); got != want[i].id || c.Key != want[i].key {
			t.Errorf("record %d: id %q, chaff.key %q; want %q, %q", i+1, got, c.Key, want[i].id, want[i].key)
		}
	}
}

// TestCleanUTF16 checks that a UTF-16 text file is cleaned as text, not
// refused as binary, written as UTF-8 and logged at info, and that a WARC
// record in UTF-16 says so in its chaff object.
func TestCleanUTF16(t *testing.T) {
	text := article(3)
	utf16le := func(s string) []byte {
		b := []byte{0xff, 0xfe}
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	dir := t.TempDir()
	txt := filepath.Join(dir, "u.txt")
	writeFile(t, txt, utf16le(text))
	code, stdout, stderr := runCmd(t, "", "clean", txt)
	if code != 0 || !strings.Contains(stdout, "Le conseil municipal a adopté lundi soir") || !utf8.ValidString(stdout) {
		t.Errorf("exit %d, output %q\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "level=info") || !strings.Contains(stderr, "utf-16le") || !strings.Contains(stderr, txt) {
		t.Errorf("no info line naming the file and the encoding:\n%s", stderr)
	}
	w := filepath.Join(dir, "u.warc")
	writeFile(t, w, []byte(warcRecord("resource", "1", "https://example.org/1", "text/plain", string(utf16le(text)), -1)))
	code, stdout, stderr = runCmd(t, "", "clean", w)
	if code != 0 {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}
	m := jsonObjects(t, stdout)
	var c struct {
		Decoded string `json:"decoded"`
	}
	if len(m) != 1 || json.Unmarshal(m[0][clean.StatsField], &c) != nil || c.Decoded != "utf-16le" {
		t.Errorf("chaff object does not say the record was decoded: %s", stdout)
	}
}

// TestLimitFlags checks that the size flags reach the reader, that a
// record over a limit fails alone naming the flag, and that bad sizes are
// refused naming the flag.
func TestLimitFlags(t *testing.T) {
	path := filepath.Join(t.TempDir(), "l.jsonl")
	long, _ := json.Marshal(article(2))
	writeFile(t, path, []byte(`{"id":"a","text":"short"}`+"\n"+`{"id":"b","text":`+string(long)+`}`+"\n"+`{"id":"c","text":"short"}`+"\n"))
	code, stdout, stderr := runCmd(t, "", "clean", "--max-line-size", "0.1k", path)
	if code != exitFail || !strings.Contains(stderr, "--max-line-size") || !strings.Contains(stderr, "record=2") || !strings.Contains(stderr, path) {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	var ids []string
	for _, m := range jsonObjects(t, stdout) {
		ids = append(ids, str(t, m["id"]))
	}
	if strings.Join(ids, ",") != "a,c" {
		t.Errorf("records written %v, want a, c", ids)
	}
	if code, _, _ := runCmd(t, "", "clean", "--max-line-size", "1MiB", path); code != 0 {
		t.Errorf("exit %d with a large enough limit", code)
	}
	for _, bad := range []string{"0", "-5MB", "NaN", "1e3", "99999999TiB", "12 parsecs"} {
		for _, flag := range []string{"--max-document-size", "--max-line-size", "--max-record-size", "--max-header-size"} {
			code, _, stderr := runCmd(t, "", "clean", flag, bad, path)
			if code == 0 || !strings.Contains(stderr, strings.TrimLeft(flag, "-")) {
				t.Errorf("%s %s: exit %d, stderr does not name the flag:\n%s", flag, bad, code, stderr)
			}
		}
	}
}
