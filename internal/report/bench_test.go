package report

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
)

// BenchmarkAdd measures Builder.Add on the classified fixtures, with URLs
// spread over 100 sites; bytes are the documents' sizes.
func BenchmarkAdd(b *testing.B) {
	files, _ := filepath.Glob("../../fixtures/*/*.txt")
	if len(files) == 0 {
		b.Skip("no fixtures in ../fixtures")
	}
	cl, err := classify.New(classify.Config{})
	if err != nil {
		b.Fatal(err)
	}
	var docs []DocInfo
	var size int64
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, DocInfo{File: f, Lines: cl.Classify(data).Lines})
		size += int64(len(data))
	}
	b.ReportAllocs()
	b.SetBytes(size / int64(len(docs)))
	bl := NewBuilder(Options{})
	b.ResetTimer()
	for i := range b.N {
		d := docs[i%len(docs)]
		d.Record, d.URL = i+1, fmt.Sprintf("https://s%d.test/%d", i%100, i)
		bl.Add(d)
	}
}

// BenchmarkWriteHTML measures rendering the fixtures' report.
func BenchmarkWriteHTML(b *testing.B) {
	files, _ := filepath.Glob("../../fixtures/*/*.txt")
	if len(files) == 0 {
		b.Skip("no fixtures in ../fixtures")
	}
	cl, _ := classify.New(classify.Config{})
	bl := NewBuilder(Options{})
	for _, f := range files {
		data, _ := os.ReadFile(f)
		bl.Add(DocInfo{File: f, Lines: cl.Classify(data).Lines})
	}
	r := bl.Build()
	var n countWriter
	r.WriteHTML(&n, "bench")
	b.ReportAllocs()
	b.SetBytes(int64(n))
	b.ResetTimer()
	for range b.N {
		r.WriteHTML(&n, "bench")
	}
}

type countWriter int

func (c *countWriter) Write(p []byte) (int, error) { *c += countWriter(len(p)); return len(p), nil }
