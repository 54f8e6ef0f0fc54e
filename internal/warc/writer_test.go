package warc

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strconv"
)

// testRecord describes a record for the test writer.
type testRecord struct {
	typ     string
	id      string
	uri     string
	ctype   string
	block   string
	version string // default WARC/1.1
	eol     string // default "\r\n"
	// length overrides Content-Length when >= 0 (use -1 for the real one).
	length int64
	// extra is written verbatim after the standard header fields.
	extra string
}

func rec(typ, id, block string) testRecord {
	ct := map[string]string{
		"response":   "application/http; msgtype=response",
		"request":    "application/http; msgtype=request",
		"resource":   "text/html",
		"conversion": "text/plain",
		"warcinfo":   "application/warc-fields",
	}[typ]
	return testRecord{typ: typ, id: id, uri: "http://example.com/" + id, ctype: ct, block: block, length: -1}
}

// encode writes one record in WARC format.
func (r testRecord) encode() []byte {
	eol := r.eol
	if eol == "" {
		eol = "\r\n"
	}
	version := r.version
	if version == "" {
		version = "WARC/1.1"
	}
	length := strconv.Itoa(len(r.block))
	if r.length >= 0 {
		length = strconv.FormatInt(r.length, 10)
	}
	var b bytes.Buffer
	b.WriteString(version + eol)
	fmt.Fprintf(&b, "WARC-Type: %s%s", r.typ, eol)
	fmt.Fprintf(&b, "WARC-Record-ID: <urn:uuid:%s>%s", r.id, eol)
	if r.uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s%s", r.uri, eol)
	}
	b.WriteString("WARC-Date: 2024-01-02T03:04:05Z" + eol)
	if r.ctype != "" {
		fmt.Fprintf(&b, "Content-Type: %s%s", r.ctype, eol)
	}
	b.WriteString(r.extra)
	fmt.Fprintf(&b, "Content-Length: %s%s", length, eol)
	b.WriteString(eol)
	b.WriteString(r.block)
	b.WriteString(eol + eol)
	return b.Bytes()
}

// warcFile concatenates records, uncompressed.
func warcFile(recs ...testRecord) []byte {
	var b bytes.Buffer
	for _, r := range recs {
		b.Write(r.encode())
	}
	return b.Bytes()
}

// gzipPerRecord compresses every record as its own gzip member.
func gzipPerRecord(recs ...testRecord) []byte {
	var b bytes.Buffer
	for _, r := range recs {
		b.Write(gzipBytes(r.encode()))
	}
	return b.Bytes()
}

func gzipBytes(p []byte) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(p)
	zw.Close()
	return b.Bytes()
}

// httpResponse builds an HTTP response block.
func httpResponse(headers, body string) string {
	return "HTTP/1.1 200 OK\r\n" + headers + "\r\n" + body
}
