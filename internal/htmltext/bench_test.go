package htmltext

import (
	"testing"
	"time"
)

// BenchmarkExtract runs Extract over all benchmark pages per iteration,
// without and with go-readability, and reports pages/s besides MB/s and
// allocations.
func BenchmarkExtract(b *testing.B) {
	pages := loadBenchPages(b)
	var size int64
	for _, p := range pages {
		size += int64(len(p.html))
	}
	for _, bc := range []struct {
		name string
		opts Options
	}{
		{"readability=off", Options{}},
		{"readability=on", Options{Readability: true}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(size)
			start := time.Now()
			for b.Loop() {
				for _, p := range pages {
					if _, err := Extract(p.html, "", bc.opts); err != nil {
						b.Fatalf("%s: %v", p.id, err)
					}
				}
			}
			b.ReportMetric(float64(b.N*len(pages))/time.Since(start).Seconds(), "pages/s")
		})
	}
}
