package aeb

import (
	"path/filepath"
	"testing"
)

// BenchmarkEvaluate scores every system's output on the whole benchmark.
func BenchmarkEvaluate(b *testing.B) {
	bench := loadBench(b)
	systems, err := Systems(benchDir)
	if err != nil {
		b.Fatal(err)
	}
	outputs := make([]map[string]string, len(systems))
	var size int64
	for i, s := range systems {
		if outputs[i], err = LoadOutput(OutputPath(benchDir, s)); err != nil {
			b.Fatal(err)
		}
		for _, id := range bench.IDs {
			size += int64(len(outputs[i][id]) + len(bench.Truth[id].Body))
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, out := range outputs {
			Evaluate(bench.Truth, out, bench.IDs)
		}
	}
}

// BenchmarkLabel labels the naive dump of every page.
func BenchmarkLabel(b *testing.B) {
	bench := loadBench(b)
	dumps, err := LoadOutput(OutputPath(benchDir, DumpSystem))
	if err != nil {
		b.Fatal(err)
	}
	data := make([][]byte, len(bench.IDs))
	var size int64
	for i, id := range bench.IDs {
		data[i] = []byte(dumps[id])
		size += int64(len(data[i]))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for i, id := range bench.IDs {
			Label(data[i], bench.Truth[id].Body)
		}
	}
}

// BenchmarkLoadAndLabelSets loads every benchmark set found beside aeb
// (truth, meta.jsonl, naive dumps) and labels every dump: what text-mode
// training and evaluation pay before the first model is fitted.
func BenchmarkLoadAndLabelSets(b *testing.B) {
	dirs, _ := filepath.Glob(filepath.Join(filepath.Dir(benchDir), "*", TruthFile))
	if len(dirs) == 0 {
		b.Skipf("no benchmark set beside %s", benchDir)
	}
	b.ReportAllocs()
	pages := 0
	for b.Loop() {
		pages = 0
		for _, d := range dirs {
			dir := filepath.Dir(d)
			bench, err := Load(dir)
			if err != nil {
				b.Fatal(err)
			}
			dumps, err := LoadOutput(OutputPath(dir, DumpSystem))
			if err != nil {
				b.Fatal(err)
			}
			for _, id := range bench.IDs {
				Label([]byte(dumps[id]), bench.Truth[id].Body)
			}
			pages += len(bench.IDs)
		}
	}
	b.ReportMetric(float64(pages), "pages/op")
}
