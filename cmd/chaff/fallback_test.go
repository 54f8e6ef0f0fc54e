package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/clean"
)

// listing is a short shop listing: with --threshold 1e-7 the model drops
// every line of it, a document it empties whatever the model.
const listing = "Home\nShop\nSale\nTeak bench, 150 cm, solid grade-A teak, oiled, seats three.\n" +
	"Folding bistro set: powder-coated steel table and two chairs that fold flat for winter.\n" +
	"Add to basket\nPrivacy policy\nTerms and conditions\n"

// TestFallbackStats checks that clean flags a document the model emptied
// in its record's stats and in the run summary, that label and annotate
// show the reason on the lines the fallback kept, and that --no-fallback
// leaves the document empty.
func TestFallbackStats(t *testing.T) {
	in := fmt.Sprintf(`{"id":"1","text":%q}`+"\n", listing)
	stats := filepath.Join(t.TempDir(), "stats.json")
	code, stdout, stderr := runCmd(t, in, "clean", "--threshold", "1e-7", "--stats", stats, "-")
	m := jsonObjects(t, stdout)[0]
	var c clean.Stats
	json.Unmarshal(m["chaff"], &c)
	if code != exitOK || c.Fallback != "best-block" || c.Kept == 0 || strings.TrimSpace(str(t, m["text"])) == "" {
		t.Fatalf("clean: exit %d, %s", code, stdout)
	}
	if !strings.Contains(stderr, "documents_rescued=1") {
		t.Errorf("no documents_rescued in the summary:\n%s", stderr)
	}
	var s summary
	if data, err := os.ReadFile(stats); err != nil || json.Unmarshal(data, &s) != nil || s.Rescued != 1 {
		t.Errorf("--stats: %+v (%v)", s, err)
	}

	code, stdout, _ = runCmd(t, in, "clean", "--threshold", "1e-7", "--no-fallback", "-")
	m = jsonObjects(t, stdout)[0]
	c = clean.Stats{}
	json.Unmarshal(m["chaff"], &c)
	if code != exitOK || c.Fallback != "" || c.Kept != 0 || str(t, m["text"]) != "" {
		t.Errorf("--no-fallback: exit %d, %s", code, stdout)
	}

	code, stdout, _ = runCmd(t, listing, "label", "--threshold", "1e-7", "-")
	if code != exitOK || !strings.Contains(stdout, `"label":"keep","kind":"body","category":`) || !strings.Contains(stdout, `"reasons":[{"code":"fallback:best-block"`) {
		t.Errorf("label: exit %d, %s", code, stdout)
	}
	code, stdout, _ = runCmd(t, listing, "annotate", "--threshold", "1e-7", "-")
	if code != exitOK || !strings.Contains(stdout, "+ body") || !strings.Contains(stdout, "[fallback:best-block]") {
		t.Errorf("annotate: exit %d, %s", code, stdout)
	}
}

// TestFallbackStatsRepeated checks that with --repeated, which classifies
// each document whole, a document the model emptied is still flagged in
// its record's stats and counted in the summary.
func TestFallbackStatsRepeated(t *testing.T) {
	in := fmt.Sprintf(`{"id":"1","text":%q}`+"\n", listing)
	for _, extra := range [][]string{nil, {"--repeated-two-pass"}} {
		stats := filepath.Join(t.TempDir(), "stats.json")
		args := append([]string{"clean", "--threshold", "1e-7", "--repeated", "--stats", stats}, extra...)
		if extra != nil {
			path := filepath.Join(t.TempDir(), "in.jsonl")
			writeFile(t, path, []byte(in))
			args = append(args, path)
		} else {
			args = append(args, "-")
		}
		code, stdout, _ := runCmd(t, in, args...)
		var c clean.Stats
		json.Unmarshal(jsonObjects(t, stdout)[0]["chaff"], &c)
		if code != exitOK || c.Fallback != "best-block" || c.Kept == 0 {
			t.Errorf("%v: exit %d, %s", args, code, stdout)
		}
		if s := readStats(t, stats); s.Rescued != 1 {
			t.Errorf("%v: summary counts %d documents rescued, want 1", args, s.Rescued)
		}
	}
}
