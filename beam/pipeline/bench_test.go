package pipeline

import (
	"path/filepath"
	"testing"

	"github.com/chaff-dev/chaff"
)

// BenchmarkPipeline runs the whole pipeline on prism over the test corpus
// (3,000 records and a WARC of 150), with and without the repeated-line
// pass; b.SetBytes is the corpus's text.
func BenchmarkPipeline(b *testing.B) {
	dir := b.TempDir()
	c := makeCorpus(b, dir, 3000, 6)
	for _, bc := range []struct {
		name string
		rep  RepeatedConfig
	}{
		{"clean", RepeatedConfig{}},
		{"repeated-keep-first", RepeatedConfig{On: true, RepeatedOptions: chaff.RepeatedOptions{KeepFirst: true}}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(c.bytes)
			for i := 0; b.Loop(); i++ {
				out := b.TempDir()
				cfg := Config{
					Inputs: c.files, Output: filepath.Join(out, "out"), DeadLetter: filepath.Join(out, "dead"),
					Model: ModelConfig{TextModel: "fast-text", HTMLModel: "fast-html"}, Repeated: bc.rep,
				}
				runPipeline(b, cfg)
			}
		})
	}
}
