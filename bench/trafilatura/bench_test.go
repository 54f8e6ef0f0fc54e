package trafilatura

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/model"
	"github.com/chaff-dev/chaff/internal/render"
	gotrafilatura "github.com/markusmobius/go-trafilatura"
)

// newChaff returns the chaff side of the comparison: raw HTML in, cleaned
// text out, through the whole HTML pipeline (charset, parse, blocks,
// go-readability when the model reads it, signals, the HTML model, clean),
// as `chaff clean --html` runs it without explanations. kind names the
// embedded HTML model to use: model.AccurateHTML (`--html-model accurate`)
// or model.FastHTML (`--html-model fast`).
func newChaff(b *testing.B, kind model.Kind) func(page []byte) ([]byte, error) {
	m, err := model.Embedded(kind)
	if err != nil {
		b.Fatal(err)
	}
	cl, err := classify.New(classify.Config{SkipReasons: true, HTMLModel: m})
	if err != nil {
		b.Fatal(err)
	}
	return func(page []byte) ([]byte, error) {
		doc, err := cl.ClassifyHTML(page, "")
		if err != nil {
			return nil, err
		}
		var out bytes.Buffer
		err = render.Clean(&out, doc, render.Policy{})
		return out.Bytes(), err
	}
}

// benchDir is the shared article-extraction benchmark, beside the repo.
const benchDir = "../../../shared/bench/aeb"

type page struct {
	id   string
	html []byte
}

func loadPages(b *testing.B) ([]page, int64) {
	b.Helper()
	files, _ := filepath.Glob(filepath.Join(benchDir, "html", "*.html.gz"))
	if len(files) == 0 {
		b.Skipf("benchmark pages not found in %s (the shared folder is absent)", benchDir)
	}
	sort.Strings(files)
	var pages []page
	var size int64
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		data, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		pages = append(pages, page{filepath.Base(name), data})
		size += int64(len(data))
	}
	return pages, size
}

// BenchmarkExtract runs each system over every benchmark page per
// iteration and reports pages/s next to MB/s and allocations.
func BenchmarkExtract(b *testing.B) {
	pages, size := loadPages(b)
	chaffFast := newChaff(b, model.FastHTML)
	chaffAccurate := newChaff(b, model.AccurateHTML)
	systems := []struct {
		name string
		run  func([]byte) error
	}{
		{"go-trafilatura", func(p []byte) error {
			_, err := gotrafilatura.Extract(bytes.NewReader(p), gotrafilatura.Options{})
			return err
		}},
		{"go-trafilatura-fallback", func(p []byte) error {
			_, err := gotrafilatura.Extract(bytes.NewReader(p), gotrafilatura.Options{EnableFallback: true})
			return err
		}},
		{"chaff", func(p []byte) error {
			_, err := chaffFast(p)
			return err
		}},
		{"chaff-accurate", func(p []byte) error {
			_, err := chaffAccurate(p)
			return err
		}},
	}
	for _, sys := range systems {
		b.Run(sys.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(size)
			failed := 0
			start := time.Now()
			for b.Loop() {
				failed = 0
				for _, p := range pages {
					if sys.run(p.html) != nil {
						failed++ // go-trafilatura refuses some pages; count, don't stop
					}
				}
			}
			b.ReportMetric(float64(b.N*len(pages))/time.Since(start).Seconds(), "pages/s")
			b.ReportMetric(float64(failed), "failed/op")
		})
	}
}
