package input

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

func gzipped(s string) string {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

func zstded(s string) string {
	enc, _ := zstd.NewWriter(nil)
	defer enc.Close()
	return string(enc.EncodeAll([]byte(s), nil))
}

// warcRecord encodes one WARC/1.1 record; length < 0 means the true length.
func warcRecord(typ, id, uri, ctype, block string, length int) string {
	if length < 0 {
		length = len(block)
	}
	return fmt.Sprintf("WARC/1.1\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Target-URI: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n",
		typ, id, uri, ctype, length, block)
}

func httpResp(status, ctype, body string) string {
	return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\n\r\n%s", status, ctype, body)
}

// writeFiles creates files (slash paths relative to dir) with contents.
func writeFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// collect runs the iterator and renders every step as a string:
// "doc <source>#<record> <id> <format> <body>" or "err <message>".
// Paths are shown relative to dir.
func collect(t testing.TB, dir string, paths []string, opts Options) ([]string, Counts) {
	t.Helper()
	r := NewReader(paths, opts)
	var out []string
	rel := func(s string) string {
		if dir == "" {
			return s
		}
		return strings.ReplaceAll(s, dir+string(filepath.Separator), "")
	}
	for d, err := range r.Documents(context.Background()) {
		if err != nil {
			if _, ok := err.(*Error); !ok {
				t.Errorf("error %v is not an *input.Error", err)
			}
			out = append(out, "err "+rel(err.Error()))
			continue
		}
		out = append(out, fmt.Sprintf("doc %s#%d %s %s %q", filepath.ToSlash(rel(d.Source)), d.Record, d.ID, d.Format, d.Body))
	}
	return out, r.Total()
}

func checkOutcomes(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d results, want %d:\n got: %s\nwant: %s", len(got), len(want), strings.Join(got, "\n      "), strings.Join(want, "\n      "))
		return
	}
	for i := range got {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("result %d:\n got %s\nwant %s...", i, got[i], want[i])
		}
	}
}
