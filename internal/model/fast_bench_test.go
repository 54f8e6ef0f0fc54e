package model

import (
	"testing"

	"github.com/chaff-dev/chaff/internal/aeb"
	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/linescan"
)

// benchDumps returns the naive text dumps of the article-extraction
// benchmark and their size, or skips b.
func benchDumps(b *testing.B) ([][]byte, int64) {
	docs, size, err := aeb.DumpTexts("../../../shared/bench/aeb")
	if err != nil {
		b.Skipf("benchmark dumps not available (../shared/bench/aeb): %v", err)
	}
	return docs, size
}

// BenchmarkFastText measures the stages of scoring the benchmark's dumps
// with the embedded fast text model, one document after another on one
// goroutine.
func BenchmarkFastText(b *testing.B) {
	docs, size := benchDumps(b)
	m, err := Embedded(FastText)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("split", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				lines.Split(d)
			}
		}
	})
	b.Run("features", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				linescan.Build(d, lines.Split(d))
			}
		}
	})
	fs := make([]*linescan.Features, len(docs))
	for k, d := range docs {
		fs[k] = linescan.Build(d, lines.Split(d))
	}
	b.Run("score", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			for _, f := range fs {
				var s FastScores // fresh for every document
				m.ScoreFast(&s, f)
			}
		}
	})
	b.Run("decide", func(b *testing.B) { // score, the trees stopping early
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			for _, f := range fs {
				var s FastScores // fresh for every document
				m.DecideFast(&s, f, 0.5)
			}
		}
	})
	b.Run("all", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			for _, d := range docs {
				var s FastScores
				m.ScoreFast(&s, linescan.Build(d, lines.Split(d)))
			}
		}
	})
}

// BenchmarkFastTextCategories measures the fast text model's category
// head over every non-blank line of the benchmark's dumps, as if each
// were dropped.
func BenchmarkFastTextCategories(b *testing.B) {
	docs, size := benchDumps(b)
	m, err := Embedded(FastText)
	if err != nil {
		b.Fatal(err)
	}
	fs := make([]*linescan.Features, len(docs))
	n := 0 // non-blank lines
	for k, d := range docs {
		fs[k] = linescan.Build(d, lines.Split(d))
		for _, blank := range fs[k].Blank {
			if !blank {
				n++
			}
		}
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range fs {
			for i, blank := range f.Blank {
				if !blank {
					m.Categories.Best(f.Row(i), f.Hashed(i))
				}
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/line")
}

// BenchmarkEmbeddedFastText measures loading the embedded fast text model:
// decoding it and coding its word weights. A pipeline that runs one
// process per file pays it for every file.
func BenchmarkEmbeddedFastText(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Embedded(FastText); err != nil {
			b.Fatal(err)
		}
	}
}
