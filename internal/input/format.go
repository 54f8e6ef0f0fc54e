package input

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
)

// Format is a source format (JSONL, WARC, HTML, Text) or, on a Document,
// the kind of body (HTML or Text).
type Format string

// Formats. Auto asks for detection by extension and content.
const (
	Auto  Format = ""
	Text  Format = "text"
	HTML  Format = "html"
	JSONL Format = "jsonl"
	WARC  Format = "warc"
	// JSON is one JSON document holding records: an array of objects, an
	// object mapping ids to objects, or either under one member of a
	// wrapping object, as benchmark outputs are ({"output": {id: {...}}}).
	JSON Format = "json"
)

// ParseFormat parses a format name as given on a command line: "auto" (or
// ""), "text", "html", "jsonl", "json" or "warc".
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case "auto", Auto:
		return Auto, nil
	case Text, HTML, JSONL, JSON, WARC:
		return f, nil
	default:
		return Auto, fmt.Errorf("input: unknown format %q (want auto, text, html, jsonl, json or warc)", s)
	}
}

// String returns the format name, "auto" for Auto.
func (f Format) String() string {
	if f == Auto {
		return "auto"
	}
	return string(f)
}

var compressionExts = []string{".gz", ".zst", ".zstd"}

// TrimCompressionExt removes a trailing .gz, .zst or .zstd from name.
func TrimCompressionExt(name string) string {
	lower := strings.ToLower(name)
	for _, ext := range compressionExts {
		if strings.HasSuffix(lower, ext) {
			return name[:len(name)-len(ext)]
		}
	}
	return name
}

// sniffSize is how much of the decompressed start of a source is examined.
const sniffSize = 8 << 10

// detect picks the format of a source from its name (compression suffix
// removed) and the first bytes of its decompressed content (decoded from
// UTF-16 when they start with its byte order mark). A ".json" file
// is JSON Lines when its first line is a whole JSON object, one JSON
// document of records when it starts with '{' or '[' otherwise.
func detect(name string, head []byte) (Format, error) {
	head = bytes.TrimPrefix(head, utf8BOM)
	if utf16Encoding(head) != "" {
		// Sniff the text, not its UTF-16 bytes (an even count of them).
		head, _, _ = decodeUTF16(head[:len(head)&^1])
	}
	ext := strings.ToLower(filepath.Ext(TrimCompressionExt(name)))
	switch ext {
	case ".warc":
		return WARC, nil
	case ".jsonl", ".ndjson":
		return JSONL, nil
	case ".json":
		switch c := firstNonSpace(head); {
		case c == '[':
			return JSON, nil
		case c != '{' && c != 0:
			return Auto, fmt.Errorf("%s file does not start with '{' or '[': not JSON (force a format to read it otherwise)", ext)
		}
		// A first line longer than head is taken for a long JSONL record.
		first, _, whole := bytes.Cut(bytes.TrimLeft(head, " \t\r\n"), []byte("\n"))
		if whole && !json.Valid(bytes.TrimRight(first, "\r")) {
			return JSON, nil
		}
		return JSONL, nil
	case ".html", ".htm", ".xhtml":
		return HTML, nil
	case ".txt", ".text":
		return Text, nil
	}
	switch {
	case bytes.HasPrefix(head, []byte("WARC/")):
		return WARC, nil
	case firstNonSpace(head) == '{':
		return JSONL, nil
	case looksHTML(head):
		return HTML, nil
	}
	return Text, nil
}

var utf8BOM = []byte("\xef\xbb\xbf")

func firstNonSpace(b []byte) byte {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c
	}
	return 0
}

var htmlMarkers = [][]byte{[]byte("<!doctype html"), []byte("<html"), []byte("<head"), []byte("<body")}

// looksHTML reports whether an HTML marker appears in the first KiB.
func looksHTML(head []byte) bool {
	if len(head) > 1024 {
		head = head[:1024]
	}
	lower := bytes.ToLower(head)
	for _, m := range htmlMarkers {
		if bytes.Contains(lower, m) {
			return true
		}
	}
	return false
}
