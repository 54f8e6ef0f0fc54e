package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
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
		if err := json.Unmarshal(m[statsField], &c); err != nil {
			t.Fatal(err)
		}
		if got := str(t, m["id"]); got != want[i].id || c.Key != want[i].key {
			t.Errorf("record %d: id %q, chaff.key %q; want %q, %q", i+1, got, c.Key, want[i].id, want[i].key)
		}
	}
}
