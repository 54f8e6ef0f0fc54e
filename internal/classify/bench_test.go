package classify_test

import (
	"testing"

	"github.com/chaff-dev/chaff/internal/aeb"
	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/model"
)

// BenchmarkClassify classifies the naive text dumps of the
// article-extraction benchmark: raw scraped text, as text mode gets it.
func BenchmarkClassify(b *testing.B) {
	docs, size, err := aeb.DumpTexts("../../../shared/bench/aeb")
	if err != nil {
		b.Skipf("benchmark dumps not available (../shared/bench/aeb): %v", err)
	}
	fast, err := model.Embedded(model.FastText)
	if err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name  string
		cfg   classify.Config
		reuse bool // ClassifyTo into one Document, as clean does
	}{
		{"decisions", classify.Config{SkipReasons: true}, false},
		{"with-reasons", classify.Config{}, false},
		{"fast-decisions", classify.Config{SkipReasons: true, TextModel: fast, StopEarly: true}, false},
		{"fast-decisions-reused", classify.Config{SkipReasons: true, TextModel: fast, StopEarly: true}, true},                               // as clean
		{"fast-decisions-reused-no-fallback", classify.Config{SkipReasons: true, TextModel: fast, StopEarly: true, NoFallback: true}, true}, // the floor's cost
		{"fast-with-reasons", classify.Config{TextModel: fast}, false},
	} {
		b.Run(bc.name, func(b *testing.B) {
			cl, err := classify.New(bc.cfg)
			if err != nil {
				b.Fatal(err)
			}
			b.SetBytes(size)
			b.ReportAllocs()
			var doc classify.Document
			for b.Loop() {
				for _, d := range docs {
					if bc.reuse {
						cl.ClassifyTo(&doc, d)
					} else {
						cl.Classify(d)
					}
				}
			}
		})
	}
}
