package pipeline

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism"
	"github.com/chaff-dev/chaff"
)

// chaffBin is the chaff command, built from ../../cmd/chaff by TestMain:
// the reference the pipeline's output is held to.
var chaffBin string

func TestMain(m *testing.M) {
	beam.Init()
	dir, err := os.MkdirTemp("", "chaff-beam-test")
	if err != nil {
		panic(err)
	}
	chaffBin = filepath.Join(dir, "chaff")
	// Built in the main module, with its own go.mod, as a user builds it.
	build := exec.Command("go", "build", "-o", chaffBin, "./cmd/chaff")
	build.Dir, build.Stderr = "../..", os.Stderr
	if err := build.Run(); err != nil {
		panic("building the chaff command: " + err.Error())
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// testCorpus is the corpus every case reads: 3,000 records over 6 sites.
func testCorpus(t *testing.T) *corpus {
	t.Helper()
	return makeCorpus(t, t.TempDir(), 3000, 6)
}

// TestPipelineEqualsCommand holds the pipeline's output, order aside, to
// `chaff clean --repeated --repeated-two-pass` with the same options, for
// both policies and both scopes, and checks that the counters add up and
// that the broken records, and only they, reach the dead letter.
func TestPipelineEqualsCommand(t *testing.T) {
	c := testCorpus(t)
	cases := []struct {
		name  string
		flags []string
		cfg   func(*Config)
	}{
		{"site-drop-all", []string{"--repeated", "--repeated-two-pass"}, func(cfg *Config) {
			cfg.Repeated = RepeatedConfig{On: true}
		}},
		{"site-keep-first", []string{"--repeated", "--repeated-two-pass", "--repeated-keep-first"}, func(cfg *Config) {
			cfg.Repeated = RepeatedConfig{On: true, RepeatedOptions: chaff.RepeatedOptions{KeepFirst: true}}
		}},
		{"corpus-drop-all-normalize-min5", []string{"--repeated", "--repeated-two-pass", "--repeated-scope", "corpus", "--repeated-normalize", "--repeated-min", "5"}, func(cfg *Config) {
			cfg.Repeated = RepeatedConfig{On: true, RepeatedOptions: chaff.RepeatedOptions{Scope: "corpus", Normalize: true, Min: 5}}
		}},
		{"corpus-keep-first-min2", []string{"--repeated", "--repeated-two-pass", "--repeated-scope", "corpus", "--repeated-keep-first", "--repeated-min", "2"}, func(cfg *Config) {
			cfg.Repeated = RepeatedConfig{On: true, RepeatedOptions: chaff.RepeatedOptions{Scope: "corpus", KeepFirst: true, Min: 2}}
		}},
		{"site-keep-first-mark", []string{"--repeated", "--repeated-two-pass", "--repeated-keep-first", "--mark", "--threshold", "0.7"}, func(cfg *Config) {
			cfg.Repeated = RepeatedConfig{On: true, RepeatedOptions: chaff.RepeatedOptions{KeepFirst: true}}
			cfg.Clean.Mark, cfg.Model.Threshold = true, 0.7
		}},
		{"site-drop-all-max-drop", []string{"--repeated", "--repeated-two-pass", "--max-drop", "0.4"}, func(cfg *Config) {
			cfg.Repeated = RepeatedConfig{On: true}
			cfg.Clean.MaxDrop = 0.4 // 2,618 of the 3,150 records are left whole
		}},
		{"no-repeated-output-field-keep", []string{"--output-field", "clean", "--keep", "byline,dateline"}, func(cfg *Config) {
			cfg.Clean.OutputField, cfg.Model.Keep = "clean", []string{"byline", "dateline"}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			cfg := Config{
				Inputs: c.files, Output: filepath.Join(dir, "out"), DeadLetter: filepath.Join(dir, "dead"),
				Model: ModelConfig{TextModel: "fast-text", HTMLModel: "fast-html"},
			}
			tc.cfg(&cfg)
			counters := runPipeline(t, cfg)
			got := readShards(t, cfg.Output, len(c.files))
			want, failed := runCommand(t, append([]string{"--text-model", "fast"}, tc.flags...), c.files)
			compareLines(t, got, want)
			dead := readShards(t, cfg.DeadLetter, len(c.files))
			checkDeadLetters(t, dead, c.broken)
			checkDeadLetters(t, dead, failed)
			if p := counterProblems(counters, c, got); len(p) > 0 {
				// Prism v2.78.0 can lose a counter's first increments when
				// two bundles report it at once (see cleaner.announce); a
				// count the pipeline itself gets wrong is wrong again.
				t.Logf("prism lost counter increments; running the pipeline again: %v", p)
				again := cfg
				again.Output, again.DeadLetter = filepath.Join(dir, "again-out"), filepath.Join(dir, "again-dead")
				counters = runPipeline(t, again)
			}
			checkCounters(t, counters, c, got)
			t.Logf("counters: %v", counters)
		})
	}
}

// runPipeline builds the pipeline for cfg, runs it on prism and returns its
// counters.
func runPipeline(t testing.TB, cfg Config) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	p, s := beam.NewPipelineWithRoot()
	if err := Build(ctx, s, cfg); err != nil {
		t.Fatal(err)
	}
	res, err := prism.Execute(ctx, p)
	if err != nil {
		t.Fatal(err)
	}
	return Counts(res.Metrics())
}

// readShards returns the lines of every shard under prefix, and fails on a
// file left behind that is not a shard.
func readShards(t *testing.T, prefix string, shards int) []string {
	t.Helper()
	names, err := filepath.Glob(prefix + "*")
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, n := range names {
		if !isShard(prefix, n, shards) {
			t.Errorf("%s: not a shard of %s", n, prefix)
			continue
		}
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, splitLines(data)...)
	}
	return lines
}

// isShard reports whether name is one of the shard names under prefix.
func isShard(prefix, name string, shards int) bool {
	for i := range shards {
		if name == shardName(prefix, i, shards) {
			return true
		}
	}
	return false
}

// splitLines splits JSONL output into its lines, '\n' kept.
func splitLines(data []byte) []string {
	var out []string
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		if i < 0 {
			out = append(out, string(data)) // a last line without '\n' shows as a difference
			break
		}
		out = append(out, string(data[:i+1]))
		data = data[i+1:]
	}
	return out
}

// errorLine is an error the command logs for a failed record.
var errorLine = regexp.MustCompile(`(?m)^level=error .* file=(\S+) record=(\d+)$`)

// runCommand runs `chaff clean FLAGS FILES` and returns its output lines
// and the records it logged as failed. The command exits 1 when records
// failed, as the broken ones do.
func runCommand(t *testing.T, flags, files []string) (lines []string, failed []DeadLetter) {
	t.Helper()
	args := append(append([]string{"clean", "--progress", "never"}, flags...), files...)
	cmd := exec.Command(chaffBin, args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !(errors.As(err, &exit) && exit.ExitCode() == 1) {
		t.Fatalf("chaff %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	for _, m := range errorLine.FindAllStringSubmatch(stderr.String(), -1) {
		n, _ := strconv.Atoi(m[2])
		failed = append(failed, DeadLetter{File: m[1], Record: n})
	}
	return splitLines(stdout.Bytes()), failed
}

// compareLines fails when got and want differ as multisets of lines.
func compareLines(t *testing.T, got, want []string) {
	t.Helper()
	slices.Sort(got)
	slices.Sort(want)
	if len(got) != len(want) {
		t.Errorf("the pipeline wrote %d lines, the command %d", len(got), len(want))
	}
	shown := 0
	for i := 0; i < min(len(got), len(want)) && shown < 3; i++ {
		if got[i] != want[i] {
			t.Errorf("line %d of the sorted outputs differs:\npipeline: %s\ncommand:  %s", i, got[i], want[i])
			shown++
		}
	}
}

// checkDeadLetters checks that the dead letters are the broken records,
// each with its file, record number and an error.
func checkDeadLetters(t *testing.T, lines []string, want []DeadLetter) {
	t.Helper()
	var got []DeadLetter
	for _, l := range lines {
		var d DeadLetter
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatalf("dead letter %q: %v", l, err)
		}
		if d.Error == "" {
			t.Errorf("dead letter %q: no error", l)
		}
		got = append(got, DeadLetter{File: d.File, Record: d.Record})
	}
	cmp := func(a, b DeadLetter) int {
		return strings.Compare(a.File+strconv.Itoa(a.Record), b.File+strconv.Itoa(b.Record))
	}
	slices.SortFunc(got, cmp)
	slices.SortFunc(want, cmp)
	if !slices.Equal(got, want) {
		t.Errorf("dead letters %v, want %v", got, want)
	}
}

// counterProblems checks records in = out + failed against the corpus and
// the output, and the dropped-line counters against the output's stats.
func counterProblems(counters map[string]int64, c *corpus, out []string) []string {
	var problems []string
	in, written, failed := counters[counterIn], counters[counterOut], counters[counterFailed]
	if in != int64(c.records) || written != int64(len(out)) || failed != int64(len(c.broken)) || in != written+failed {
		problems = append(problems, fmt.Sprintf("counters: %d in, %d out, %d failed; want %d in, %d out, %d failed", in, written, failed, c.records, len(out), len(c.broken)))
	}
	dropped := map[string]int64{}
	for _, l := range out {
		var rec struct {
			Chaff struct {
				Dropped map[string]int64 `json:"dropped"`
			} `json:"chaff"`
		}
		if err := json.NewDecoder(bufio.NewReader(strings.NewReader(l))).Decode(&rec); err != nil {
			return append(problems, err.Error())
		}
		for cat, n := range rec.Chaff.Dropped {
			dropped[cat] += n
		}
	}
	for name, n := range counters {
		if cat, ok := strings.CutPrefix(name, counterDropped); ok && dropped[cat] != n {
			// Every category's counter is reported, at 0 when no line
			// of it was dropped.
			problems = append(problems, fmt.Sprintf("counter %s = %d, the output's stats say %d", name, n, dropped[cat]))
		}
	}
	for cat, n := range dropped {
		if counters[counterDropped+cat] != n {
			problems = append(problems, fmt.Sprintf("category %s: %d lines dropped in the output, counter %d", cat, n, counters[counterDropped+cat]))
		}
	}
	return problems
}

// checkCounters fails t on each of counterProblems.
func checkCounters(t *testing.T, counters map[string]int64, c *corpus, out []string) {
	t.Helper()
	for _, p := range counterProblems(counters, c, out) {
		t.Error(p)
	}
}
