package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/sirupsen/logrus"
)

// benchDump is the text of every page of the benchmark as html-text
// extracted it: realistic scraped text, noise included.
const benchDump = "../../../shared/bench/aeb/output/html-text.json"

// BenchmarkClean runs the whole clean path (reading JSONL, classifying,
// writing JSONL records) over the benchmark pages, with each text model
// on one and two workers.
// The bytes per second are those of the document texts.
func BenchmarkClean(b *testing.B) {
	raw, err := os.ReadFile(benchDump)
	if err != nil {
		b.Skipf("benchmark dump not found (%v): skipping", err)
	}
	var dump struct {
		Output map[string]struct {
			ArticleBody string `json:"articleBody"`
		} `json:"output"`
	}
	if err := json.Unmarshal(raw, &dump); err != nil {
		b.Fatal(err)
	}
	ids := make([]string, 0, len(dump.Output))
	for id := range dump.Output {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var jsonl strings.Builder
	var size int64
	for _, id := range ids {
		text := dump.Output[id].ArticleBody
		size += int64(len(text))
		line, _ := json.Marshal(map[string]string{"id": id, "text": text})
		jsonl.Write(line)
		jsonl.WriteByte('\n')
	}
	path := filepath.Join(b.TempDir(), "pages.jsonl")
	if err := os.WriteFile(path, []byte(jsonl.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	for _, textModel := range []string{"accurate", "fast"} {
		for _, jobs := range []int{1, 2} {
			b.Run(fmt.Sprintf("%s/j%d", textModel, jobs), func(b *testing.B) {
				b.ReportAllocs()
				b.SetBytes(size)
				for b.Loop() {
					log := logrus.New()
					e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, log: log}
					args := []string{"clean", "--text-model", textModel, "-j", fmt.Sprint(jobs), "--progress", "never", "--log-level", "warn", path}
					if code := run(e, args); code != exitOK {
						b.Fatalf("exit %d", code)
					}
				}
			})
		}
	}
}
