package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// snapshot returns the content of every file under dir, by path.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files[p] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestOutputNeverReplacesInput runs every way an output (--output, --stats,
// report --html) could land on an input: each is a usage error before
// anything is written, and no file changes.
func TestOutputNeverReplacesInput(t *testing.T) {
	tests := []struct {
		name  string
		files []string // created under the test's directory, with text
		links [][2]string
		args  []string // run in the test's directory
		want  string   // in stderr
	}{
		{"out dir is the input dir", []string{"d/a.txt", "d/b.jsonl"}, nil,
			[]string{"clean", "--output", "d", "d"}, "--output d is the input directory"},
		{"out dir is the input dir, other spelling", []string{"d/a.txt"}, nil,
			[]string{"clean", "--output", "./d/", "d"}, "--output ./d/ is the input directory"},
		{"out dir holds the input files", []string{"f.txt", "g.jsonl"}, nil,
			[]string{"clean", "--output", ".", "f.txt", "g.jsonl"}, "would replace the input f.txt"},
		{"compressed input's output is another input", []string{"a.txt.gz", "a.txt"}, nil,
			[]string{"clean", "--output", ".", "a.txt.gz", "a.txt"}, "would replace the input a.txt"},
		{"label output is an input", []string{"a.txt", "a.txt.labels.jsonl"}, nil,
			[]string{"label", "--output", ".", "a.txt", "a.txt.labels.jsonl"}, "would replace the input a.txt.labels.jsonl"},
		{"stdin's output is an input", []string{"stdin"}, nil,
			[]string{"clean", "--output", ".", "-", "stdin"}, "would replace the input stdin"},
		{"out dir holds the input dir and a mirror of it", []string{"out/sub/a.txt", "out/sub/sub/a.txt"}, nil,
			[]string{"clean", "--output", "out", "out/sub"}, "would be written over the inputs"},
		{"symlinked out dir is the input dir", []string{"d/a.txt"}, [][2]string{{"d", "link"}},
			[]string{"clean", "--output", "link", "d"}, "--output link is the input directory"},
		{"symlinked out dir holds the input file", []string{"d/a.txt"}, [][2]string{{"d", "link"}},
			[]string{"clean", "--output", "link", "d/a.txt"}, "would replace the input d/a.txt"},
		{"symlinked input dir is the out dir", []string{"d/a.txt"}, [][2]string{{"d", "link"}},
			[]string{"annotate", "--output", "d", "link"}, "is the input directory"},
		{"stats file is an input", []string{"a.txt"}, nil,
			[]string{"clean", "--stats", "a.txt", "a.txt"}, "--stats a.txt is the input a.txt"},
		{"stats file is a symlink to an input", []string{"a.txt"}, [][2]string{{"a.txt", "s.json"}},
			[]string{"clean", "--stats", "s.json", "a.txt"}, "--stats s.json is the input a.txt"},
		{"stats file is in an input dir", []string{"d/a.txt", "d/stats.json"}, nil,
			[]string{"label", "--stats", "d/stats.json", "d"}, "--stats d/stats.json is in the input directory"},
		{"report page is an input", []string{"a.txt"}, nil,
			[]string{"report", "--html", "a.txt", "a.txt"}, "--html a.txt is the input a.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir)
			for i, f := range tt.files {
				writeFile(t, f, []byte(article(i)))
			}
			for _, l := range tt.links {
				if err := os.Symlink(l[0], l[1]); err != nil {
					t.Fatal(err)
				}
			}
			before := snapshot(t, dir)
			code, stdout, stderr := runCmd(t, article(9), tt.args...)
			if tt.args[0] == "report" { // no --progress
				code, stdout, stderr = runCapture(t, tt.args...)
			}
			if code != exitUsage {
				t.Errorf("exit %d, want 2\n%s", code, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr does not say %q:\n%s", tt.want, stderr)
			}
			if stdout != "" {
				t.Errorf("wrote to stdout: %.200q", stdout)
			}
			after := snapshot(t, dir)
			if fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("files changed:\nbefore %v\nafter  %v", before, after)
			}
		})
	}
}

// TestOutputBesideInputs checks that the safe layouts still run: an
// output directory inside the input directory (skipped by the walk), or
// beside it.
func TestOutputBesideInputs(t *testing.T) {
	for _, args := range [][]string{
		{"clean", "--output", "in/out", "in"},
		{"clean", "--output", "out", "in"},
		{"clean", "--output", ".", "in"},
		{"clean", "--stats", "in2/stats.json", "in"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			t.Chdir(t.TempDir())
			writeFile(t, "in/a.txt", []byte(article(1)))
			writeFile(t, "in/b/c.txt", []byte(article(2)))
			if code, _, stderr := runCmd(t, "", args...); code != exitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			if b, _ := os.ReadFile("in/a.txt"); string(b) != article(1) {
				t.Errorf("input changed: %q", b)
			}
		})
	}
}

// uniqueKeys fails the test when a JSON value holds an object with two
// keys of one name, at any depth.
func uniqueKeys(t *testing.T, line string) {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(line))
	var walk func() error
	walk = func() error {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch tok {
		case json.Delim('{'):
			seen := map[string]bool{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return err
				}
				key := k.(string)
				if seen[key] {
					return fmt.Errorf("key %q twice", key)
				}
				seen[key] = true
				if err := walk(); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		case json.Delim('['):
			for dec.More() {
				if err := walk(); err != nil {
					return err
				}
			}
			_, err = dec.Token()
		}
		return err
	}
	if err := walk(); err != nil {
		t.Errorf("%v in %.300s", err, line)
	}
}

// TestFieldCollisions refuses field flags that would write one key twice
// or overwrite the id, and fails alone a record that already holds a field
// chaff writes; every line written has unique keys.
func TestFieldCollisions(t *testing.T) {
	rec := func(id string, extra string) string {
		return fmt.Sprintf(`{"id":%q,"url":"https://example.org/%s","text":%q%s}`, id, id, article(len(id)), extra) + "\n"
	}
	for _, args := range [][]string{
		{"--output-field", "chaff"},
		{"--output-field", "chaff_spans"},
		{"--output-field", "id"},
		{"--output-field", "url"},
		{"--output-field", "key", "--id-field", "key"},
		{"--text-field", "chaff"},
		{"--id-field", "chaff"},
		{"--url-field", "chaff_spans"},
		{"--id-field", "x", "--url-field", "x"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, stdout, stderr := runCmd(t, rec("a", ""), append(append([]string{"clean"}, args...), "-")...)
			if code != exitUsage || stdout != "" {
				t.Errorf("exit %d, stdout %.100q, want a usage error\n%s", code, stdout, stderr)
			}
			if !strings.Contains(stderr, args[len(args)-2]) {
				t.Errorf("stderr does not name %s: %s", args[len(args)-2], stderr)
			}
		})
	}
	page := httpHTML(htmlPage("Budget", article(1)))
	warc := warcRecord("response", "1", "https://example.org/1", "application/http; msgtype=response", page, -1)
	tests := []struct {
		name    string
		input   string
		args    []string
		wantIDs string // ids written
		failed  string // in stderr for the failing record
	}{
		{"own chaff field", rec("a", "") + rec("b", `,"chaff":{"lines":3}`) + rec("c", ""), nil, "a,c", `record=2`},
		{"own chaff field, escaped", rec("a", `,"\u0063haff":1`) + rec("b", ""), nil, "b", `record=1`},
		{"own output field", rec("a", `,"clean":"mine"`) + rec("b", ""), []string{"--output-field", "clean"}, "b", `field \"clean\"`},
		{"output field is the text field", rec("a", ""), []string{"--output-field", "text"}, "a", ""},
		{"own spans with --mark", rec("a", "") + rec("b", `,"chaff_spans":[]`), []string{"--mark"}, "a", `field \"chaff_spans\"`},
		{"own chaff field with --mark", rec("a", `,"chaff":0`), []string{"--mark"}, "", `field \"chaff\"`},
		{"WARC records", warc, nil, "<urn:uuid:1>", ""},
		{"WARC records marked", warc, []string{"--mark"}, "<urn:uuid:1>", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			name := filepath.Join(dir, "in.jsonl")
			if strings.HasPrefix(tt.input, "WARC") {
				name = filepath.Join(dir, "in.warc")
			}
			writeFile(t, name, []byte(tt.input))
			code, stdout, stderr := runCmd(t, "", append(append([]string{"clean"}, tt.args...), name)...)
			wantCode := exitOK
			if tt.failed != "" {
				wantCode = exitFail
				if !strings.Contains(stderr, tt.failed) || !strings.Contains(stderr, name) || !strings.Contains(stderr, "already holds") {
					t.Errorf("stderr does not name the file, record and field (%s):\n%s", tt.failed, stderr)
				}
			}
			if code != wantCode {
				t.Errorf("exit %d, want %d\n%s", code, wantCode, stderr)
			}
			var ids []string
			for _, line := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
				if line == "" {
					continue
				}
				uniqueKeys(t, line)
				var m map[string]any
				if err := json.Unmarshal([]byte(line), &m); err != nil {
					t.Fatal(err)
				}
				ids = append(ids, fmt.Sprint(m["id"]))
			}
			if got := strings.Join(ids, ","); got != tt.wantIDs {
				t.Errorf("ids written %q, want %q", got, tt.wantIDs)
			}
			if bytes.Contains([]byte(stdout), []byte(`"mine"`)) {
				t.Error("the record's own field is in the output")
			}
		})
	}
}

// TestUniqueKeysEveryMode parses every line that clean, clean --mark,
// clean --output-field and label write for JSONL and WARC records: no
// object holds a key twice.
func TestUniqueKeysEveryMode(t *testing.T) {
	dir := t.TempDir()
	jsonl := filepath.Join(dir, "in.jsonl")
	writeFile(t, jsonl, []byte(fmt.Sprintf(`{"id":"a","url":"https://example.org/a","file":"x","record":7,"line":1,"text":%q}`+"\n", article(1))))
	page := httpHTML(htmlPage("Budget", article(2)))
	warc := filepath.Join(dir, "in.warc")
	writeFile(t, warc, []byte(warcRecord("response", "1", "https://example.org/1", "application/http; msgtype=response", page, -1)))
	for _, args := range [][]string{
		{"clean"},
		{"clean", "--mark"},
		{"clean", "--output-field", "clean"},
		{"label"},
	} {
		code, stdout, stderr := runCmd(t, "", append(args, jsonl, warc)...)
		if code != exitOK {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr)
		}
		lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
		if len(lines) < 2 {
			t.Fatalf("%v: %d lines", args, len(lines))
		}
		for _, l := range lines {
			uniqueKeys(t, l)
		}
	}
}
