package lexicon

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// benchDump is the html-text output of the AEB benchmark: a plain-text
// dump of every page, navigation and all, so it holds plenty of noise.
var benchDump = filepath.Join("..", "..", "..", "shared", "bench", "aeb", "output", "html-text.json")

// loadBenchDocs returns the article texts of the dump, in id order, or
// skips the test when the dump is absent.
func loadBenchDocs(tb testing.TB) []string {
	tb.Helper()
	data, err := os.ReadFile(benchDump)
	if err != nil {
		tb.Skipf("benchmark data not available (%v); it lives in ../shared/bench/aeb", err)
	}
	var f struct {
		Output map[string]struct {
			ArticleBody string `json:"articleBody"`
		} `json:"output"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		tb.Fatalf("%s: %v", benchDump, err)
	}
	ids := make([]string, 0, len(f.Output))
	for id := range f.Output {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	docs := make([]string, len(ids))
	for i, id := range ids {
		docs[i] = f.Output[id].ArticleBody
	}
	return docs
}

// BenchmarkMatchBench runs Match over every line of the html-text dump of
// the AEB benchmark, a realistic mix of article text and page noise.
func BenchmarkMatchBench(b *testing.B) {
	var lines [][]byte
	var size int64
	for _, d := range loadBenchDocs(b) {
		for l := range strings.SplitSeq(d, "\n") {
			lines = append(lines, []byte(l))
			size += int64(len(l)) + 1
		}
	}
	lx := mustDefault(b)
	dst := make([]Match, 0, 64)
	matched := 0
	b.ReportAllocs()
	b.SetBytes(size)
	b.ResetTimer()
	for b.Loop() {
		matched = 0
		for _, l := range lines {
			dst = lx.Match(l, dst[:0])
			if len(dst) > 0 {
				matched++
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lines)), "ns/line")
	b.ReportMetric(float64(matched)/float64(len(lines)), "matched/line")
}

// BenchmarkMatchLine is one ordinary article sentence, the common case.
func BenchmarkMatchLine(b *testing.B) {
	lx := mustDefault(b)
	line := []byte("Elon Musk, le patron de Tesla, s’est défendu lors d’une conférence virtuelle à Pékin, du fait que ses voitures puissent faire de l’espionnage.")
	dst := make([]Match, 0, 8)
	b.ReportAllocs()
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		dst = lx.Match(line, dst[:0])
	}
}

// BenchmarkMatchFuzzy is a short noise line that needs fuzzy matching.
func BenchmarkMatchFuzzy(b *testing.B) {
	lx := mustDefault(b)
	line := []byte("you see this when javscript or css is not working correct")
	dst := make([]Match, 0, 8)
	b.ReportAllocs()
	b.SetBytes(int64(len(line)))
	for b.Loop() {
		dst = lx.Match(line, dst[:0])
	}
}
