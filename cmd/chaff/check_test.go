package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/golden"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/evaluate"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/label"
)

// checkSetup copies two fixtures, trains a model on them (so the test does
// not hang on the embedded model) and lets check --update write chaff's own
// labels as gold: from there the check passes by construction.
func checkSetup(t *testing.T) (dir, modelPath string) {
	t.Helper()
	dir = fixtureCopy(t, "en/en_news_port_strike", "it/it_clean_orti_urbani")
	modelPath = filepath.Join(t.TempDir(), "m.model")
	if code, _, errs := runCapture(t, "train", "--gold", dir, "-o", modelPath, "--epochs", "2"); code != exitOK {
		t.Fatalf("train: exit %d: %s", code, errs)
	}
	txt := filepath.Join(dir, "en_news_port_strike.txt")
	before, err := os.ReadFile(txt)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCapture(t, "check", "--model", modelPath, "--update", dir)
	if code != exitOK || !strings.Contains(errs, "rewrote gold files") {
		t.Fatalf("check --update: exit %d: %s", code, errs)
	}
	after, err := os.ReadFile(txt)
	if err != nil || !bytes.Equal(before, after) {
		t.Fatalf("check --update changed the text file (%v)", err)
	}
	return dir, modelPath
}

// flipLabel changes the gold label of the first non-blank line of a gold
// file to the opposite one and returns the line number and the new class.
func flipLabel(t *testing.T, goldPath string) (int, string) {
	t.Helper()
	d, err := gold.Load(goldPath)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range d.Rows {
		switch r.Label {
		case label.Keep:
			d.Rows[i] = gold.Row{Label: label.Drop, Class: string(label.Ad)}
		case label.Drop:
			d.Rows[i] = gold.Row{Label: label.Keep, Class: string(label.Body)}
		default:
			continue
		}
		var buf bytes.Buffer
		if err := gold.Write(&buf, d.Data, d.Rows); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(goldPath, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return i + 1, d.Rows[i].Label.String() + "/" + d.Rows[i].Class
	}
	t.Fatalf("%s has no non-blank line", goldPath)
	return 0, ""
}

func TestCheckGates(t *testing.T) {
	dir, m := checkSetup(t)
	check := func(args ...string) (int, string, string) {
		t.Helper()
		return runCapture(t, append(append([]string{"check", "--model", m}, args...), dir)...)
	}
	code, out, errs := check()
	if code != exitOK || !strings.Contains(out, "0 mismatching") || !strings.Contains(out, "check passed") {
		t.Fatalf("after --update: exit %d\n%s\n%s", code, out, errs)
	}
	base := filepath.Join(t.TempDir(), "baseline.json")
	if code, _, errs := check("--write-baseline", base); code != exitOK {
		t.Fatalf("--write-baseline: exit %d: %s", code, errs)
	}
	f, err := os.Open(base)
	if err != nil {
		t.Fatal(err)
	}
	b, err := evaluate.ReadBaseline(base, f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	for n, c := range b.Classes {
		if c.F1 != 1 {
			t.Errorf("baseline %s: F1 %v, want 1 after --update", n, c.F1)
		}
	}
	if b.Docs != 2 {
		t.Errorf("baseline over %d docs, want 2", b.Docs)
	}
	if code, _, errs := check("--baseline", base, "--tolerance", "0"); code != exitOK {
		t.Errorf("unchanged fixtures fail their own baseline: exit %d: %s", code, errs)
	}

	goldPath := filepath.Join(dir, "en_news_port_strike.gold")
	line, class := flipLabel(t, goldPath)
	mismatch := "en_news_port_strike.txt:" + strconv.Itoa(line) + ": gold " + class + ", got "

	tests := []struct {
		name     string
		args     []string
		code     int
		stdout   string
		stderr   string
		noStdout string
	}{
		{"strict by default", nil, exitFail, mismatch, "1 lines differ", "check passed"},
		{"low minimum", []string{"--min-f1", "0.5"}, exitOK, mismatch, "", "FAIL"},
		{"minimum of one", []string{"--min-f1", "1"}, exitFail, "FAIL " + class + ": F1 ", "class=" + class, "check passed"},
		{"within tolerance", []string{"--baseline", base, "--tolerance", "0.5"}, exitOK, "check passed", "", "FAIL"},
		{"past tolerance", []string{"--baseline", base, "--tolerance", "0"}, exitFail, "from the baseline's 1.000 (tolerance 0.000)", "dropped by", "check passed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errs := check(tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s\n%s", code, tt.code, out, errs)
			}
			if !strings.Contains(out, tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, out)
			}
			if !strings.Contains(errs, tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, errs)
			}
			if strings.Contains(out, tt.noStdout) {
				t.Errorf("stdout has %q:\n%s", tt.noStdout, out)
			}
		})
	}

	t.Run("json", func(t *testing.T) {
		code, out, _ := check("--format", "json", "--min-f1", "0.99")
		if code != exitFail {
			t.Errorf("exit %d, want 1", code)
		}
		var r checkJSON
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		if r.Docs != 2 || len(r.Mismatches) != 1 || r.Mismatches[0].Line != line || len(r.Failures) == 0 {
			t.Errorf("report %+v", r)
		}
	})

	t.Run("junit", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "junit.xml")
		code, _, _ := check("--junit", path, "--min-f1", "1")
		if code != exitFail {
			t.Errorf("exit %d, want 1", code)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var s struct {
			Tests    int `xml:"tests,attr"`
			Failures int `xml:"failures,attr"`
			Cases    []struct {
				Name      string `xml:"name,attr"`
				ClassName string `xml:"classname,attr"`
				Failure   *struct {
					Text string `xml:",chardata"`
				} `xml:"failure"`
			} `xml:"testcase"`
		}
		if err := xml.Unmarshal(data, &s); err != nil {
			t.Fatalf("invalid XML: %v\n%s", err, data)
		}
		if s.Tests != len(s.Cases) || s.Failures < 2 {
			t.Errorf("tests %d, failures %d, cases %d", s.Tests, s.Failures, len(s.Cases))
		}
		docs, failedDoc := 0, false
		for _, c := range s.Cases {
			if c.ClassName != evaluate.JUnitDocClass {
				continue
			}
			docs++
			if strings.HasSuffix(c.Name, "en_news_port_strike.txt") {
				failedDoc = c.Failure != nil && strings.Contains(c.Failure.Text, mismatch)
			} else if c.Failure != nil {
				t.Errorf("%s fails: %s", c.Name, c.Failure.Text)
			}
		}
		if docs != 2 || !failedDoc {
			t.Errorf("%d document cases, changed document failing: %v\n%s", docs, failedDoc, data)
		}
	})

	t.Run("update restores", func(t *testing.T) {
		flipped, _ := os.ReadFile(goldPath)
		if code, _, errs := check("--update"); code != exitOK {
			t.Fatalf("exit %d: %s", code, errs)
		}
		now, _ := os.ReadFile(goldPath)
		if bytes.Equal(now, flipped) {
			t.Error("--update left the changed gold file as it was")
		}
		if code, out, _ := check(); code != exitOK {
			t.Errorf("after --update: exit %d\n%s", code, out)
		}
	})
}

func TestCheckMissingDir(t *testing.T) {
	code, _, errs := runCapture(t, "check", filepath.Join(t.TempDir(), "none"))
	if code != exitFail || !strings.Contains(errs, "none") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
}

// TestWriteCheckTable checks the report's layout on a handmade report.
func TestWriteCheckTable(t *testing.T) {
	r := &evaluate.Report{
		Docs: 2, Lines: 9,
		Classes: map[string]*evaluate.Counts{
			"blank":           {TP: 2},
			"keep/body":       {TP: 3, FN: 1},
			"drop/navigation": {TP: 2, FP: 1},
			"keep (all)":      {TP: 3, FN: 1},
			"drop (all)":      {TP: 2, FP: 1},
		},
		Confusion: map[string]map[string]int{
			"blank":           {"blank": 2},
			"keep/body":       {"keep/body": 3, "drop/navigation": 1},
			"drop/navigation": {"drop/navigation": 2},
		},
		Mismatches: []evaluate.Mismatch{{Doc: "a.txt", Line: 4, Gold: "keep/body", Got: "drop/navigation",
			Excerpt: "Read the full story", Reasons: []classify.Reason{{Code: "lex:teaser"}}}},
		PerDoc: map[string]int{"a.txt": 1, "b.txt": 0},
	}
	failures := r.BelowMinF1(0.9)
	var buf bytes.Buffer
	if err := writeCheck(&buf, "table", r, []string{"min F1 0.900"}, failures); err != nil {
		t.Fatal(err)
	}
	golden.Compare(t, "check_table.golden", buf.Bytes())
}

// TestCheckUpdateDraftsNewFixture checks that --update writes a gold file
// for a new document that has none, and that the draft then checks clean.
func TestCheckUpdateDraftsNewFixture(t *testing.T) {
	dir, modelPath := checkSetup(t)
	txt := filepath.Join(dir, "new_page.txt")
	if err := os.WriteFile(txt, []byte("A headline for a new page\n\nThe first paragraph of the article says what happened, where and when it happened.\nShare on Facebook\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCapture(t, "check", "--model", modelPath, "--update", dir)
	if code != exitOK || !strings.Contains(errs, "drafted gold files") {
		t.Fatalf("check --update: exit %d: %s", code, errs)
	}
	d, err := gold.Load(txt)
	if err != nil {
		t.Fatalf("the drafted gold does not load: %v", err)
	}
	if len(d.Rows) != 4 {
		t.Fatalf("drafted %d rows, want 4", len(d.Rows))
	}
	if code, _, errs := runCapture(t, "check", "--model", modelPath, dir); code != exitOK {
		t.Fatalf("check after drafting: exit %d: %s", code, errs)
	}
}

// TestCheckFolds checks that --folds checks every fixture once, each with
// a model trained without it.
func TestCheckFolds(t *testing.T) {
	dir := fixtureCopy(t, "en/en_news_port_strike", "it/it_clean_orti_urbani", "de/de_news_schwimmbad", "fr/fr_news_tramway")
	code, out, errs := runCapture(t, "check", "--folds", "2", "--epochs", "1", "--stage2-folds", "0", "--format", "json", "--min-f1", "0.01", dir)
	if code == exitUsage {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Count(errs, "checked the held-out fixtures") != 2 {
		t.Errorf("want two folds logged, stderr: %s", errs)
	}
	var got struct {
		Docs int `json:"docs"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Docs != 4 {
		t.Fatalf("docs %d (%v), want 4 checked once each:\n%s", got.Docs, err, out)
	}
	if code, _, _ := runCapture(t, "check", "--folds", "2", "--model", "m.bin", dir); code != exitUsage {
		t.Errorf("--folds with --model: exit %d, want %d", code, exitUsage)
	}
}
