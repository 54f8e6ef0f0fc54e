package corpusgen

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	var a, b bytes.Buffer
	docs, n, err := Write(&a, Config{Size: 200_000, Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	if n < 200_000 || int64(a.Len()) != n || docs < 10 {
		t.Fatalf("wrote %d docs, %d bytes (buffer %d)", docs, n, a.Len())
	}
	Write(&b, Config{Size: 200_000, Seed: 7})
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("same seed, different corpus")
	}
	lines := strings.Split(strings.TrimSuffix(a.String(), "\n"), "\n")
	if len(lines) != docs {
		t.Fatalf("%d lines for %d docs", len(lines), docs)
	}
	footers := map[string]int{}
	for _, l := range lines {
		var rec struct{ ID, URL, Text string }
		if err := json.Unmarshal([]byte(l), &rec); err != nil {
			t.Fatal(err)
		}
		if rec.ID == "" || !strings.HasPrefix(rec.URL, "https://www.site") || strings.Count(rec.Text, "\n") < 5 {
			t.Fatalf("bad record %q", l)
		}
		tl := strings.Split(strings.TrimSuffix(rec.Text, "\n"), "\n")
		footers[tl[len(tl)-1]]++
	}
	if len(footers) > 50 {
		t.Errorf("%d distinct footers for 50 sites", len(footers))
	}
}
