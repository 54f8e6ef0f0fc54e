package main

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// parse parses args as the command does and returns its configuration.
func parse(t *testing.T, args ...string) (*flags, error) {
	t.Helper()
	var f flags
	fs := flag.NewFlagSet("chaff-beam", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f.register(fs)
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	set := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { set[fl.Name] = true })
	cfg, err := f.config(set)
	f.cfg = cfg
	return &f, err
}

func TestFlags(t *testing.T) {
	base := []string{"--input", "in/*.jsonl", "--output", "out/c", "--dead-letter", "out/d"}
	tests := []struct {
		name string
		args []string
		want string // in the usage error; "" for none
	}{
		{"defaults", nil, ""},
		{"text model", []string{"--text-model", "medium"}, `--text-model "medium"`},
		{"html model", []string{"--html-model", "fast-html"}, `--html-model "fast-html"`},
		{"threshold", []string{"--threshold", "0"}, "--threshold 0"},
		{"threshold NaN", []string{"--threshold", "NaN"}, "--threshold NaN"},
		{"mark and output field", []string{"--mark", "--output-field", "clean"}, "--output-field has no use"},
		{"repeated flag alone", []string{"--repeated-min", "4"}, "--repeated-min needs --repeated"},
		{"repeated scope", []string{"--repeated", "--repeated-scope", "page"}, "repeated-scope"},
		{"repeated min", []string{"--repeated", "--repeated-min", "1"}, "repeated-min 1"},
		{"category", []string{"--keep", "byline,nonsense"}, "nonsense"},
		{"max-drop", []string{"--max-drop", "2"}, "max-drop"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := parse(t, append(base, tt.args...)...)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.want != "" && (!errors.Is(err, errUsage) || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v, want a usage error saying %q", err, tt.want)
			}
		})
	}
	f, err := parse(t, append(base, "--input", "more/*.warc.gz", "--text-model", "fast", "--keep", "byline", "--keep", "dateline",
		"--max-drop", "0", "--repeated", "--repeated-scope", "corpus", "--repeated-keep-first", "--repeated-normalize", "--repeated-min", "5")...)
	if err != nil {
		t.Fatal(err)
	}
	c := f.cfg
	switch {
	case strings.Join(c.Inputs, " ") != "in/*.jsonl more/*.warc.gz",
		c.Model.TextModel != "fast-text", c.Model.HTMLModel != "fast-html", strings.Join(c.Model.Keep, ",") != "byline,dateline",
		!(c.Clean.MaxDrop > 0 && c.Clean.MaxDrop < 1e-9),
		!c.Repeated.On, c.Repeated.Scope != "corpus", !c.Repeated.KeepFirst, !c.Repeated.Normalize, c.Repeated.Min != 5:
		t.Errorf("flags not carried over: %+v", c)
	}
}

// TestExitCodes runs the built command on the local runner: 0 when every
// record is written, 1 when one went to the dead letter, 2 for bad flags.
func TestExitCodes(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the command")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "chaff-beam")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	good := `{"id":"1","url":"https://a.example/1","text":"A first paragraph of plain words about the harbour and its boats.\nSubscribe to our newsletter today"}` + "\n"
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ok := write("ok.jsonl", good)
	bad := write("bad.jsonl", good+`{"id":"2","text":`+"\n")
	tests := []struct {
		name   string
		args   []string
		code   int
		stderr string
		shards int // output shards written
	}{
		{"clean", []string{"--input", ok, "--output", dir + "/a/out", "--dead-letter", dir + "/a/dead", "--repeated"}, 0, "records_in\t1", 1},
		{"a record fails", []string{"--input", bad, "--output", dir + "/b/out", "--dead-letter", dir + "/b/dead"}, 1, "1 records failed", 1},
		{"bad flag", []string{"--input", ok, "--output", dir + "/c/out", "--dead-letter", dir + "/c/dead", "--repeated-min", "3"}, 2, "needs --repeated", 0},
		{"output over an input", []string{"--input", ok, "--output", dir + "/ok", "--dead-letter", dir + "/d/dead"}, 2, "could be overwritten", 0},
		{"no input", []string{"--input", dir + "/none*.jsonl", "--output", dir + "/e/out", "--dead-letter", dir + "/e/dead"}, 2, "no such file", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(bin, tt.args...)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			err := cmd.Run()
			code := 0
			var exit *exec.ExitError
			if errors.As(err, &exit) {
				code = exit.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			if code != tt.code || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("exit %d, want %d; stderr (want %q):\n%s", code, tt.code, tt.stderr, tail(stderr.String()))
			}
			out := tt.args[3] + "-00000-of-00001.jsonl"
			if _, err := os.Stat(out); (err == nil) != (tt.shards == 1) {
				t.Errorf("%s: %v, want %d shard", out, err, tt.shards)
			}
		})
	}
}

// tail is the end of a long stderr, without prism's log lines.
func tail(s string) string {
	var keep []string
	for _, l := range strings.Split(s, "\n") {
		if !strings.Contains(l, "level=INFO") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}
