package input

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"unicode/utf16"
)

// encodeUTF16 encodes s in UTF-16 with a byte order mark.
func encodeUTF16(s string, bigEndian bool) []byte {
	var b []byte
	for _, u := range utf16.Encode(append([]rune{0xfeff}, []rune(s)...)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// TestUTF16Documents checks that text and HTML files and WARC payloads in
// UTF-16 with a byte order mark are transcoded to UTF-8 and say so, and
// that every other body, a UTF-8 one with its mark included, is kept
// byte for byte.
func TestUTF16Documents(t *testing.T) {
	const text = "Le conseil a adopté le budget 😀\r\nSecond line\n"
	const page = "<html><body><p>Bonjour à tous</p></body></html>"
	warcUTF16 := warcRecord("resource", "r", "http://e/r", "text/plain", string(encodeUTF16(text, false)), -1)
	tests := []struct {
		name, file string
		data       []byte
		format     Format
		body       string
		decoded    string
	}{
		{"UTF-16LE text", "le.txt", encodeUTF16(text, false), Text, text, "utf-16le"},
		{"UTF-16BE text", "be.txt", encodeUTF16(text, true), Text, text, "utf-16be"},
		{"UTF-16LE HTML", "p.html", encodeUTF16(page, false), HTML, page, "utf-16le"},
		{"UTF-16LE HTML sniffed", "page", encodeUTF16("\n<!DOCTYPE html>"+page, false), HTML, "\n<!DOCTYPE html>" + page, "utf-16le"},
		{"UTF-16 gzip", "g.txt.gz", []byte(gzipped(string(encodeUTF16(text, true)))), Text, text, "utf-16be"},
		{"odd last byte", "odd.txt", append(encodeUTF16("ab", false), 'c'), Text, "ab\uFFFD", "utf-16le"},
		{"UTF-8 with BOM kept as is", "bom.txt", []byte("\xef\xbb\xbf" + text), Text, "\xef\xbb\xbf" + text, ""},
		{"Latin-1 kept as is", "l1.txt", []byte("caf\xe9\n"), Text, "caf\xe9\n", ""},
		{"UTF-16 WARC payload", "w.warc", []byte(warcUTF16), Text, text, "utf-16le"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, map[string]string{tt.file: string(tt.data)})
			n := 0
			for d, err := range Documents(context.Background(), []string{filepath.Join(dir, tt.file)}, Options{}) {
				if err != nil {
					t.Fatal(err)
				}
				n++
				if d.Format != tt.format || !bytes.Equal(d.Body, []byte(tt.body)) || d.Decoded != tt.decoded {
					t.Errorf("got %s %q decoded %q; want %s %q decoded %q", d.Format, d.Body, d.Decoded, tt.format, tt.body, tt.decoded)
				}
			}
			if n != 1 {
				t.Errorf("%d documents, want 1", n)
			}
		})
	}
}
