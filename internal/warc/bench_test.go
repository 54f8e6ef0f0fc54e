package warc

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
)

func benchData(gzipped bool) []byte {
	var recs []testRecord
	page := strings.Repeat("<p>Some paragraph of article text, long enough to matter.</p>\n", 200)
	for i := range 200 {
		recs = append(recs, rec("request", fmt.Sprintf("q%d", i), "GET / HTTP/1.1\r\n\r\n"))
		recs = append(recs, rec("response", fmt.Sprintf("r%d", i), httpResponse("Content-Type: text/html\r\n", page)))
	}
	if gzipped {
		return gzipPerRecord(recs...)
	}
	return warcFile(recs...)
}

func benchmarkRead(b *testing.B, gzipped bool) {
	data := benchData(gzipped)
	plain := benchData(false)
	b.SetBytes(int64(len(plain))) // MB/s of uncompressed WARC
	b.ReportAllocs()
	for b.Loop() {
		r := NewReader(bytes.NewReader(data), Options{})
		for {
			rec, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			if rec.Type == "response" {
				if _, err := rec.Payload(0); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
}

func BenchmarkReadPlain(b *testing.B) { benchmarkRead(b, false) }
func BenchmarkReadGzip(b *testing.B)  { benchmarkRead(b, true) }
