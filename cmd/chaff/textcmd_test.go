package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/golden"

	"github.com/chaff-dev/chaff/internal/lines"
)

// The seeds the text commands are run on: a French finance page with a
// ticker block, a teaser and related links (001), and a long article with
// media captions, bylines and a dateline (004).
const (
	seed001 = "../../fixtures/seeds/001_3921acb7a18bc451.txt"
	seed004 = "../../fixtures/seeds/004_394c209d07ef6101.txt"
)

// readSeed returns a seed's bytes, skipping the test when it is missing.
func readSeed(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("seed fixture not available: %v", err)
	}
	return data
}

// inputLines returns the text of every line of data, without terminators.
func inputLines(data []byte) []string {
	var out []string
	for _, s := range lines.Split(data) {
		out = append(out, string(data[s.Start:s.End]))
	}
	return out
}

// outputLines splits clean's output into lines, leaving out the empty
// lines that stand for paragraph breaks.
func outputLines(out string) []string {
	var res []string
	for _, l := range inputLines([]byte(out)) {
		if l != "" {
			res = append(res, l)
		}
	}
	return res
}

// isSubsequence reports whether every element of sub appears in seq, in
// the same order.
func isSubsequence(sub, seq []string) bool {
	i := 0
	for _, s := range seq {
		if i < len(sub) && sub[i] == s {
			i++
		}
	}
	return i == len(sub)
}

// labelRecord is one line of chaff label's output.
type labelRecord struct {
	File     string  `json:"file"`
	Line     int     `json:"line"`
	Offset   int64   `json:"offset"`
	Label    string  `json:"label"`
	Kind     string  `json:"kind"`
	Category string  `json:"category"`
	Score    float64 `json:"score"`
	Reasons  []struct {
		Code string `json:"code"`
		Text string `json:"text"`
	} `json:"reasons"`
	Text string `json:"text"`
}

// labelSeed runs chaff label on path and decodes its output, checking that
// every line is one JSON object with the required fields.
func labelSeed(t *testing.T, path string, args ...string) []labelRecord {
	t.Helper()
	code, stdout, stderr := runCmd(t, "", append(append([]string{"label"}, args...), path)...)
	if code != exitOK {
		t.Fatalf("label %s: exit %d\n%s", path, code, stderr)
	}
	var recs []labelRecord
	for i, raw := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(raw), &m); err != nil {
			t.Fatalf("label line %d is not a JSON object: %v: %s", i+1, err, raw)
		}
		for _, f := range []string{"file", "line", "offset", "label", "score", "text"} {
			if _, ok := m[f]; !ok {
				t.Errorf("label line %d: no field %q: %s", i+1, f, raw)
			}
		}
		var r labelRecord
		if err := json.Unmarshal([]byte(raw), &r); err != nil {
			t.Fatalf("label line %d: %v: %s", i+1, err, raw)
		}
		recs = append(recs, r)
	}
	return recs
}

// TestTextCleanGolden runs clean on two seeds and compares the output with
// golden files. The goldens record the current model's decisions: a change
// in them is not necessarily wrong, but must be looked at (go test -update
// rewrites them). Whatever the model, clean may only remove lines: its
// output is a subsequence of the input's lines.
func TestTextCleanGolden(t *testing.T) {
	for _, tc := range []struct {
		path, golden string
		flags        []string
	}{
		{seed001, "text/clean_001.golden", nil},
		{seed004, "text/clean_004.golden", nil},
		{seed001, "text/clean_fast_001.golden", []string{"--text-model", "fast"}},
	} {
		t.Run(filepath.Base(tc.golden), func(t *testing.T) {
			in := readSeed(t, tc.path)
			code, stdout, stderr := runCmd(t, "", append(append([]string{"clean"}, tc.flags...), tc.path)...)
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			out := outputLines(stdout)
			if len(out) == 0 {
				t.Fatal("clean wrote nothing")
			}
			if !isSubsequence(out, inputLines(in)) {
				t.Errorf("clean output is not a subsequence of the input lines:\n%s", stdout)
			}
			if strings.Contains(stdout, "\n\n\n") || strings.HasPrefix(stdout, "\n") {
				t.Errorf("clean output has a leading blank line or a run of blank lines:\n%q", stdout)
			}
			golden.Compare(t, tc.golden, []byte(stdout))
		})
	}
}

// TestTextLabel checks label's output on a seed: one JSON object per input
// line, numbered from 1, whose offset and text locate the line's bytes.
func TestTextLabel(t *testing.T) {
	in := readSeed(t, seed001)
	recs := labelSeed(t, seed001)
	spans := lines.Split(in)
	if len(recs) != len(spans) {
		t.Fatalf("%d label lines for %d input lines", len(recs), len(spans))
	}
	for i, r := range recs {
		s := spans[i]
		if r.File != seed001 || r.Line != i+1 || r.Offset != int64(s.Start) || r.Text != string(in[s.Start:s.End]) {
			t.Errorf("record %d: file %q line %d offset %d text %q; want %q %d %d %q", i, r.File, r.Line, r.Offset, r.Text, seed001, i+1, s.Start, in[s.Start:s.End])
		}
		if r.Score < 0 || r.Score > 1 {
			t.Errorf("line %d: score %v", r.Line, r.Score)
		}
		switch r.Label {
		case "keep":
			if r.Kind == "" || r.Category != "" || len(r.Reasons) == 0 {
				t.Errorf("line %d: kept with kind %q, category %q, %d reasons", r.Line, r.Kind, r.Category, len(r.Reasons))
			}
		case "drop":
			if r.Category == "" || r.Kind != "" || len(r.Reasons) == 0 {
				t.Errorf("line %d: dropped with category %q, kind %q, %d reasons", r.Line, r.Category, r.Kind, len(r.Reasons))
			}
		case "blank":
			if r.Kind != "" || r.Category != "" || strings.TrimSpace(r.Text) != "" {
				t.Errorf("line %d: blank with kind %q, category %q, text %q", r.Line, r.Kind, r.Category, r.Text)
			}
		default:
			t.Errorf("line %d: label %q", r.Line, r.Label)
		}
		for _, rs := range r.Reasons {
			if rs.Code == "" || rs.Text == "" {
				t.Errorf("line %d: empty reason %+v", r.Line, rs)
			}
		}
	}
}

// TestTextAnnotateColor checks that annotate writes escape sequences only
// when stdout is a terminal.
func TestTextAnnotateColor(t *testing.T) {
	readSeed(t, seed001)
	for _, tty := range []bool{false, true} {
		e, out, errb := testEnv("")
		e.stdoutTTY = tty
		if code := run(e, []string{"annotate", "--progress", "never", seed001}); code != exitOK {
			t.Fatalf("tty %v: exit %d\n%s", tty, code, errb)
		}
		if !strings.HasPrefix(out.String(), "==> "+seed001+" <==\n") {
			t.Errorf("tty %v: no file header:\n%.200s", tty, out)
		}
		if esc := strings.Contains(out.String(), "\x1b"); esc != tty {
			t.Errorf("stdout terminal %v: escape sequences %v", tty, esc)
		}
	}
}

// TestTextBadInputs checks that a binary file and a missing file each fail
// with an error naming them, exit status 1, while the other files are
// still processed; and that an empty file gives no output and exit 0.
func TestTextBadInputs(t *testing.T) {
	dir := t.TempDir()
	good1 := filepath.Join(dir, "a.txt")
	good2 := filepath.Join(dir, "c.txt")
	bin := filepath.Join(dir, "b.bin.txt")
	empty := filepath.Join(dir, "empty.txt")
	missing := filepath.Join(dir, "missing.txt")
	writeFile(t, good1, []byte("Le premier document parle du budget municipal adopté lundi soir après de longs débats entre les élus.\n"))
	writeFile(t, good2, []byte("Le second document parle de la rénovation des écoles, financée par un emprunt de douze millions d'euros.\n"))
	writeFile(t, bin, []byte("PK\x03\x04\x00\x00binary\x00content\nwith a line\n"))
	writeFile(t, empty, nil)

	for _, tc := range []struct {
		name string
		bad  string
	}{
		{"binary", bin},
		{"missing", missing},
	} {
		for _, cmd := range []string{"clean", "label", "annotate"} {
			t.Run(tc.name+"/"+cmd, func(t *testing.T) {
				code, stdout, stderr := runCmd(t, "", cmd, good1, tc.bad, good2)
				if code != exitFail {
					t.Errorf("exit %d, want 1", code)
				}
				if !strings.Contains(stderr, tc.bad) {
					t.Errorf("stderr does not name %s:\n%s", tc.bad, stderr)
				}
				for _, w := range []string{"budget municipal", "rénovation des écoles"} {
					if !strings.Contains(stdout, w) {
						t.Errorf("the good files were not all processed: no %q in\n%s", w, stdout)
					}
				}
				if strings.Contains(stdout, "binary") {
					t.Errorf("the binary file's content reached stdout:\n%s", stdout)
				}
			})
		}
	}

	t.Run("empty", func(t *testing.T) {
		for _, cmd := range []string{"clean", "label"} {
			code, stdout, stderr := runCmd(t, "", cmd, empty)
			if code != exitOK || stdout != "" {
				t.Errorf("%s of an empty file: exit %d, output %q\n%s", cmd, code, stdout, stderr)
			}
		}
	})
}

// TestTextUsage checks exit status 2 for usage errors of the text
// commands.
func TestTextUsage(t *testing.T) {
	for _, args := range [][]string{
		{"clean", "--no-such-flag"},
		{"label", "--no-such-flag"},
		{"annotate", "--no-such-flag"},
		{"clean", "--threshold", "0"},
		{"clean", "--threshold", "-0.5"},
		{"clean", "--threshold", "1.5"},
		{"clean", "--threshold", "half"},
		{"clean", "--keep", "teaser", "--drop", "ad"},
		{"clean", "--keep", "no-such-category"},
	} {
		code, stdout, stderr := runCmd(t, "", append(args, seed001)...)
		if code != exitUsage {
			t.Errorf("%v: exit %d, want 2\n%s", args, code, stderr)
		}
		if stdout != "" {
			t.Errorf("%v: usage error wrote to stdout: %.200q", args, stdout)
		}
		if stderr == "" {
			t.Errorf("%v: no message on stderr", args)
		}
	}
}

// textsOf returns the texts of the records whose label and class match.
func textsOf(recs []labelRecord, lab, class string) []string {
	var out []string
	for _, r := range recs {
		if r.Label == lab && (r.Kind == class || r.Category == class) {
			out = append(out, r.Text)
		}
	}
	return out
}

// TestTextKeepTeaser checks that --keep teaser writes the teaser lines and
// still drops the other noise.
func TestTextKeepTeaser(t *testing.T) {
	readSeed(t, seed001)
	recs := labelSeed(t, seed001)
	teasers := textsOf(recs, "drop", "teaser")
	tickers := textsOf(recs, "drop", "market-data")
	if len(teasers) == 0 || len(tickers) == 0 {
		t.Skipf("the model finds %d teaser and %d market-data lines in %s: the test needs both", len(teasers), len(tickers), seed001)
	}
	_, plain, _ := runCmd(t, "", "clean", seed001)
	code, kept, stderr := runCmd(t, "", "clean", "--keep", "teaser", seed001)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	plainLines, keptLines := outputLines(plain), outputLines(kept)
	for _, tz := range teasers {
		if slices.Contains(plainLines, tz) {
			t.Errorf("teaser %q written without --keep teaser", tz)
		}
		if !slices.Contains(keptLines, tz) {
			t.Errorf("teaser %q not written with --keep teaser", tz)
		}
	}
	for _, tk := range tickers {
		if tk = strings.TrimSpace(tk); tk != "" && slices.ContainsFunc(keptLines, func(l string) bool { return strings.TrimSpace(l) == tk }) {
			t.Errorf("market-data line %q written with --keep teaser", tk)
		}
	}
	if !isSubsequence(plainLines, keptLines) {
		t.Error("--keep teaser lost lines that clean writes by default")
	}
	// label shows the kept teasers as keep, still carrying their category.
	for _, r := range labelSeed(t, seed001, "--keep", "teaser") {
		if r.Category == "teaser" && r.Label != "keep" {
			t.Errorf("line %d: teaser labelled %s with --keep teaser", r.Line, r.Label)
		}
	}
}

// TestTextDropTitle checks that --drop-title leaves out exactly the title.
func TestTextDropTitle(t *testing.T) {
	for _, path := range []string{seed001, seed004} {
		readSeed(t, path)
		titles := textsOf(labelSeed(t, path), "keep", "title")
		if len(titles) != 1 {
			t.Errorf("%s: %d title lines, want 1", path, len(titles))
			continue
		}
		_, plain, _ := runCmd(t, "", "clean", path)
		code, noTitle, stderr := runCmd(t, "", "clean", "--drop-title", path)
		if code != exitOK {
			t.Fatalf("%s: exit %d\n%s", path, code, stderr)
		}
		want := slices.DeleteFunc(outputLines(plain), func(l string) bool { return l == titles[0] })
		if got := outputLines(noTitle); !slices.Equal(got, want) {
			t.Errorf("%s: --drop-title gives\n%q\nwant the default output without %q:\n%q", path, got, titles[0], want)
		}
		if strings.HasPrefix(noTitle, "\n") || strings.HasPrefix(noTitle, "\r") {
			t.Errorf("%s: --drop-title leaves a leading blank line: %.80q", path, noTitle)
		}
		if bytes.Equal([]byte(plain), []byte(noTitle)) {
			t.Errorf("%s: --drop-title changed nothing", path)
		}
	}
}
