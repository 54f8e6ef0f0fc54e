package warc

import (
	"bytes"
	"compress/flate"
	"compress/zlib"
	"errors"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

func gz(s string) string { return string(gzipBytes([]byte(s))) }

func zlibString(s string) string {
	var b bytes.Buffer
	w := zlib.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

func rawDeflate(s string) string {
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	w.Write([]byte(s))
	w.Close()
	return b.String()
}

func zstdString(s string) string {
	enc, _ := zstd.NewWriter(nil)
	defer enc.Close()
	return string(enc.EncodeAll([]byte(s), nil))
}

func TestPayload(t *testing.T) {
	const html = "<html><body><p>Bonjour</p></body></html>"
	tests := []struct {
		name      string
		rec       testRecord
		limit     int64
		wantBody  string
		wantType  string
		wantTrunc bool
		wantErr   string
	}{
		{name: "plain response", rec: rec("response", "a", httpResponse("Content-Type: text/html; charset=utf-8\r\nContent-Length: 40\r\n", html)),
			wantBody: html, wantType: "text/html; charset=utf-8"},
		{name: "chunked", rec: rec("response", "a", httpResponse("Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n", "5\r\n<html\r\n1\r\n>\r\n0\r\n\r\n")),
			wantBody: "<html>", wantType: "text/html"},
		{name: "gzip encoding", rec: rec("response", "a", httpResponse("Content-Type: text/html\r\nContent-Encoding: gzip\r\n", gz(html))),
			wantBody: html, wantType: "text/html"},
		{name: "gzip declared but stored decoded", rec: rec("response", "a", httpResponse("Content-Type: text/html\r\nContent-Encoding: gzip\r\n", html)),
			wantErr: `Content-Encoding gzip, but the body is not gzip (it starts with "<htm")`},
		{name: "zstd declared but not", rec: rec("response", "a", httpResponse("Content-Type: text/html\r\nContent-Encoding: zstd\r\n", html)),
			wantErr: "Content-Encoding zstd, but the body is not zstd"},
		{name: "deflate declared but not", rec: rec("response", "a", httpResponse("Content-Type: text/html\r\nContent-Encoding: deflate\r\n", html)),
			wantErr: `Content-Encoding deflate, but the body is not deflate (it starts with "<html><body><p>B")`},
		{name: "raw deflate", rec: rec("response", "a", httpResponse("Content-Type: text/html\r\nContent-Encoding: deflate\r\n", rawDeflate(html))),
			wantBody: html, wantType: "text/html"},
		{name: "text that inflates without error", rec: rec("response", "a", httpResponse("Content-Type: text/plain\r\nContent-Encoding: deflate\r\n", "3Rxxs'aB3B`C\"iXmSFk*~.@aJN#\"D5%b9gr^s5jK")),
			wantErr: "the body is not deflate"},
		{name: "br", rec: rec("response", "a", httpResponse("Content-Type: text/html\r\nContent-Encoding: br\r\n", html)),
			wantErr: `unsupported Content-Encoding "br"`},
		{name: "gzip declared, empty body", rec: rec("response", "a", httpResponse("Content-Type: text/html\r\nContent-Encoding: gzip\r\n", "")),
			wantBody: "", wantType: "text/html"},
		{name: "headerless response", rec: testRecord{typ: "response", id: "h", uri: "http://example.com/h", ctype: "text/html", block: html, length: -1},
			wantBody: html, wantType: "text/html"},
		{name: "headerless response, no type", rec: testRecord{typ: "response", id: "h", uri: "http://example.com/h", ctype: "", block: html, length: -1},
			wantErr: "parsing HTTP response"},
		{name: "HTTP response typed text/html", rec: testRecord{typ: "response", id: "h", uri: "http://example.com/h", ctype: "text/html", block: httpResponse("Content-Type: text/plain\r\n", "plain"), length: -1},
			wantBody: "plain", wantType: "text/plain"},
		{name: "deflate zlib", rec: rec("response", "a", httpResponse("Content-Type: text/html\r\nContent-Encoding: deflate\r\n", zlibString(html))),
			wantBody: html, wantType: "text/html"},
		{name: "zstd encoding", rec: rec("response", "a", httpResponse("Content-Type: text/html\r\nContent-Encoding: zstd\r\n", zstdString(html))),
			wantBody: html, wantType: "text/html"},
		{name: "unknown encoding", rec: rec("response", "a", httpResponse("Content-Encoding: br\r\n", "xx")),
			wantErr: "unsupported Content-Encoding"},
		{name: "HTTP/2 status line", rec: rec("response", "a", "HTTP/2 200\r\ncontent-type: text/plain\r\n\r\nhello"),
			wantBody: "hello", wantType: "text/plain"},
		{name: "truncated body", rec: rec("response", "a", httpResponse("Content-Type: text/html\r\nContent-Length: 1000\r\n", html)),
			wantBody: html, wantType: "text/html", wantTrunc: true},
		{name: "over limit", rec: rec("response", "a", httpResponse("Content-Type: text/html\r\n", html)), limit: 10,
			wantErr: "larger than the maximum"},
		{name: "gzip bomb over limit", rec: rec("response", "a", httpResponse("Content-Encoding: gzip\r\n", gz(strings.Repeat("a", 1<<20)))), limit: 1000,
			wantErr: "larger than the maximum"},
		{name: "not HTTP", rec: rec("response", "a", "garbage"), wantErr: "parsing HTTP response"},
		{name: "resource", rec: rec("resource", "a", html), wantBody: html, wantType: "text/html"},
		{name: "conversion", rec: rec("conversion", "a", "plain"), wantBody: "plain", wantType: "text/plain"},
		{name: "resource over limit", rec: rec("resource", "a", html), limit: 5, wantErr: "larger than the maximum"},
		{name: "request has none", rec: rec("request", "a", "GET / HTTP/1.1\r\n\r\n"), wantErr: "no payload"},
		{name: "warcinfo has none", rec: rec("warcinfo", "a", "x: y\r\n"), wantErr: "no payload"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, recs, errs := readAll(t, tt.rec.encode(), Options{})
			if len(recs) != 1 {
				t.Fatalf("record not read: %v", errs)
			}
			p, err := recs[0].Payload(tt.limit)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if string(p.Body) != tt.wantBody || p.ContentType != tt.wantType || p.Truncated != tt.wantTrunc {
				t.Errorf("got body %q type %q truncated %v; want %q %q %v", p.Body, p.ContentType, p.Truncated, tt.wantBody, tt.wantType, tt.wantTrunc)
			}
		})
	}
}

func TestPayloadErrNoPayload(t *testing.T) {
	r := &Record{Type: "metadata"}
	if _, err := r.Payload(0); !errors.Is(err, ErrNoPayload) {
		t.Errorf("err = %v, want ErrNoPayload", err)
	}
}

func TestPayloadCorruptGzip(t *testing.T) {
	body := []byte(gz("<html>some text that compresses</html>"))
	body[len(body)-12] ^= 0xff // damage the deflate data
	r := rec("response", "a", httpResponse("Content-Encoding: gzip\r\n", string(body)))
	_, recs, _ := readAll(t, r.encode(), Options{})
	if _, err := recs[0].Payload(0); err == nil {
		t.Error("corrupt gzip body: no error")
	}
}
