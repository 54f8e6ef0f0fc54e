package input

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func benchRead(b *testing.B, name, content string, plainSize int) {
	dir := b.TempDir()
	writeFiles(b, dir, map[string]string{name: content})
	paths := []string{filepath.Join(dir, name)}
	b.SetBytes(int64(plainSize))
	b.ReportAllocs()
	for b.Loop() {
		for _, err := range Documents(context.Background(), paths, Options{}) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

func jsonlCorpus() string {
	var sb strings.Builder
	text := strings.Repeat("Une phrase d'article assez longue, avec des accents é et des \\\"guillemets\\\".\\n", 30)
	for i := range 2000 {
		fmt.Fprintf(&sb, `{"id":"doc-%d","url":"https://example.com/%d","text":"%s","lang":"fr"}`+"\n", i, i, text)
	}
	return sb.String()
}

func BenchmarkJSONL(b *testing.B) {
	c := jsonlCorpus()
	benchRead(b, "c.jsonl", c, len(c))
}

func BenchmarkJSONLGzip(b *testing.B) {
	c := jsonlCorpus()
	benchRead(b, "c.jsonl.gz", gzipped(c), len(c))
}

func BenchmarkJSONLZstd(b *testing.B) {
	c := jsonlCorpus()
	benchRead(b, "c.jsonl.zst", zstded(c), len(c))
}

func BenchmarkWARCGzip(b *testing.B) {
	page := strings.Repeat("<p>Some paragraph of article text, long enough to matter.</p>\n", 200)
	var plain, gz strings.Builder
	for i := range 200 {
		for _, rec := range []string{
			warcRecord("request", fmt.Sprint("q", i), "http://e/", "application/http; msgtype=request", "GET / HTTP/1.1\r\n\r\n", -1),
			warcRecord("response", fmt.Sprint("r", i), "http://e/", "application/http; msgtype=response", httpResp("200 OK", "text/html", page), -1),
		} {
			plain.WriteString(rec)
			gz.WriteString(gzipped(rec))
		}
	}
	benchRead(b, "c.warc.gz", gz.String(), plain.Len())
}

// BenchmarkSetFields writes the cleaned text of a record back into it,
// as clean does, against encoding/json writing the same string.
func BenchmarkSetFields(b *testing.B) {
	text := strings.Repeat("Une phrase d'article assez longue, avec des accents é et des \"guillemets\".\n", 30)
	textBytes := StringBytes(text)
	raw := []byte(`{"id":"doc-1","url":"https://example.com/1","text":"x","lang":"fr"}`)
	d, err := parseJSONL(raw, jsonlFields{text: "text", id: "id", url: "url"})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("AppendFields", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		var dst []byte
		for b.Loop() {
			dst, _ = d.AppendFields(dst[:0], Field{"text", textBytes})
		}
	})
	b.Run("encoding-json", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		b.ReportAllocs()
		for b.Loop() {
			stdlibString(b, text)
		}
	})
}
