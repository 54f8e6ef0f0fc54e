package repeated

import (
	"math/rand/v2"
	"testing"
)

// benchDocs builds 1,000 pages of 30 lines: 5 boilerplate, 25 unique.
func benchDocs() ([][][]byte, int, int) {
	r := rand.New(rand.NewPCG(5, 6))
	var docs [][][]byte
	nLines, nBytes := 0, 0
	for range 1000 {
		d := bytesOf([]string{menu, footer, "Subscribe to our newsletter", "Follow us on X", "Read more"})
		for range 25 {
			d = append(d, []byte(words(r, 10)))
		}
		for _, l := range d {
			nBytes += len(l)
		}
		nLines += len(d)
		docs = append(docs, d)
	}
	return docs, nLines, nBytes
}

func benchCounter(b *testing.B, cfg Config, pass func(c *Counter, d [][]byte, flags []bool) []bool) {
	docs, nLines, nBytes := benchDocs()
	c := mustNew(b, cfg)
	for _, d := range docs {
		c.Add("news.example", d)
	}
	b.ReportAllocs()
	b.SetBytes(int64(nBytes))
	b.ResetTimer()
	var flags []bool
	for range b.N {
		for _, d := range docs {
			flags = pass(c, d, flags[:0])
		}
	}
	b.ReportMetric(float64(nLines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

func BenchmarkAdd(b *testing.B) {
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"exact", DefaultConfig()},
		{"sketch", sketchCfg(DefaultConfig())},
		{"exact-nonorm", Config{Norm: 0}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			benchCounter(b, tc.cfg, func(c *Counter, d [][]byte, f []bool) []bool {
				c.Add("news.example", d)
				return f
			})
		})
	}
}

func BenchmarkFlag(b *testing.B) {
	benchCounter(b, DefaultConfig(), func(c *Counter, d [][]byte, f []bool) []bool {
		return c.Flag("news.example", d, f)
	})
}

func BenchmarkObserve(b *testing.B) {
	benchCounter(b, DefaultConfig(), func(c *Counter, d [][]byte, f []bool) []bool {
		return c.Observe("news.example", d, f)
	})
}

func BenchmarkAddParallel(b *testing.B) {
	docs, nLines, nBytes := benchDocs()
	c := mustNew(b, DefaultConfig())
	b.ReportAllocs()
	b.SetBytes(int64(nBytes) / int64(len(docs)))
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			c.Add("news.example", docs[i%len(docs)])
			i++
		}
	})
	b.ReportMetric(float64(nLines/len(docs))*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}
