package warc

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// outcome renders one result of Next for comparison: "id" for a record,
// "err N" for a RecordError on record N.
func readAll(t *testing.T, data []byte, opts Options) (out []string, recs []*Record, errs []*RecordError) {
	t.Helper()
	r := NewReader(bytes.NewReader(data), opts)
	for i := 0; ; i++ {
		if i > len(data)+10 {
			t.Fatalf("Next did not reach io.EOF after %d calls", i)
		}
		rec, err := r.Next()
		if err == io.EOF {
			return
		}
		if err != nil {
			var re *RecordError
			if !errors.As(err, &re) {
				t.Fatalf("error %v is not a *RecordError", err)
			}
			errs = append(errs, re)
			out = append(out, fmt.Sprintf("err %d", re.Record))
			continue
		}
		recs = append(recs, rec)
		out = append(out, strings.TrimSuffix(strings.TrimPrefix(rec.RecordID, "<urn:uuid:"), ">"))
	}
}

func TestReader(t *testing.T) {
	resp := rec("response", "r1", httpResponse("Content-Type: text/html\r\n", "<p>hi</p>"))
	req := rec("request", "q1", "GET / HTTP/1.1\r\nHost: example.com\r\n\r\n")
	res := rec("resource", "s1", "<html>resource</html>")
	conv := rec("conversion", "c1", "plain text\nsecond line\n")
	info := rec("warcinfo", "w1", "software: test\r\n")

	short := rec("resource", "bad", "0123456789abcdef")
	short.length = 10
	long := rec("resource", "bad", "0123456789")
	long.length = 200
	lf := rec("resource", "lf", "line\nfeed")
	lf.eol = "\n"
	v10 := rec("resource", "v10", "old")
	v10.version = "WARC/1.0"
	v10.uri = "<http://example.com/old>"
	v09 := rec("resource", "v09", "older")
	v09.version = "WARC/0.9"
	noLen := rec("resource", "nolen", "x")
	noLen.length = -1
	badHeader := rec("resource", "badhdr", "x")
	badHeader.extra = "this line has no colon\r\n"
	big := rec("resource", "big", strings.Repeat("x", 1000))

	all := warcFile(info, req, resp, res, conv)
	truncatedGzip := gzipPerRecord(resp, res, conv)
	truncatedGzip = truncatedGzip[:len(truncatedGzip)-15]

	tests := []struct {
		name string
		data []byte
		opts Options
		want []string
		// errSubstr, when set, must appear in every error message.
		errSubstr string
	}{
		{name: "empty", data: nil, want: nil},
		{name: "only blank lines", data: []byte("\r\n\r\n\n"), want: nil},
		{name: "whitespace lines around records", data: append(append([]byte(" \t\r\n"), res.encode()...), "  \n \t"...), want: []string{"s1"}},
		{name: "all types", data: all, want: []string{"w1", "q1", "r1", "s1", "c1"}},
		{name: "gzip whole file", data: gzipBytes(all), want: []string{"w1", "q1", "r1", "s1", "c1"}},
		{name: "gzip per record", data: gzipPerRecord(info, req, resp, res, conv), want: []string{"w1", "q1", "r1", "s1", "c1"}},
		{name: "empty gzip", data: gzipBytes(nil), want: nil},
		{name: "LF line ends", data: warcFile(lf, res), want: []string{"lf", "s1"}},
		{name: "WARC/1.0", data: warcFile(v10), want: []string{"v10"}},
		{name: "extra blank lines", data: append(append([]byte("\r\n\r\n"), res.encode()...), append([]byte("\n\r\n"), conv.encode()...)...), want: []string{"s1", "c1"}},
		{name: "Content-Length too small", data: warcFile(res, short, conv), want: []string{"s1", "err 2", "c1"}, errSubstr: "not followed by CRLF CRLF"},
		{name: "Content-Length too large", data: warcFile(res, long, conv, info), want: []string{"s1", "err 2", "c1", "w1"}, errSubstr: "Content-Length"},
		{name: "Content-Length too large at end", data: warcFile(res, long), want: []string{"s1", "err 2"}, errSubstr: "truncated block"},
		{name: "missing Content-Length", data: []byte(strings.Replace(string(warcFile(noLen, res)), "Content-Length: 1\r\n", "", 1)), want: []string{"err 1", "s1"}, errSubstr: "Content-Length"},
		{name: "bad header line", data: warcFile(badHeader, res), want: []string{"err 1", "s1"}, errSubstr: "bad header"},
		{name: "unsupported version", data: warcFile(v09, res), want: []string{"err 1", "s1"}, errSubstr: "unsupported version"},
		{name: "garbage before first record", data: append([]byte("hello\nworld\n"), warcFile(res)...), want: []string{"err 1", "s1"}, errSubstr: "expected a WARC version line"},
		{name: "record too large is skipped", data: warcFile(res, big, conv), opts: Options{MaxRecordSize: 100}, want: []string{"s1", "err 2", "c1"}, errSubstr: "larger than the maximum"},
		{name: "truncated gzip", data: truncatedGzip, want: []string{"r1", "s1", "err 3"}, errSubstr: "gzip"},
		{name: "truncated header", data: []byte("WARC/1.1\r\nWARC-Type: resource\r\nContent-Le"), want: []string{"err 1"}, errSubstr: "truncated header"},
		{name: "not gzip after magic", data: []byte{0x1f, 0x8b, 0, 0}, want: []string{"err 1"}, errSubstr: "gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, errs := readAll(t, tt.data, tt.opts)
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			for _, e := range errs {
				if !strings.Contains(e.Error(), tt.errSubstr) {
					t.Errorf("error %q does not mention %q", e, tt.errSubstr)
				}
				if !strings.Contains(e.Error(), fmt.Sprintf("record %d", e.Record)) {
					t.Errorf("error %q does not name its record", e)
				}
			}
		})
	}
}

func TestRecordFields(t *testing.T) {
	v10 := rec("resource", "v10", "block\r\n\r\nwith blank lines")
	v10.version = "WARC/1.0"
	v10.uri = "<http://example.com/old>"
	conv := rec("conversion", "c1", "text")
	data := warcFile(v10, conv)
	_, recs, errs := readAll(t, data, Options{})
	if len(errs) != 0 || len(recs) != 2 {
		t.Fatalf("got %d records, errors %v", len(recs), errs)
	}
	r := recs[0]
	checks := []struct{ field, got, want string }{
		{"Version", r.Version, "WARC/1.0"},
		{"Type", r.Type, "resource"},
		{"TargetURI", r.TargetURI, "http://example.com/old"},
		{"RecordID", r.RecordID, "<urn:uuid:v10>"},
		{"ContentType", r.ContentType, "text/html"},
		{"WARC-Date", r.Header.Get("WARC-Date"), "2024-01-02T03:04:05Z"},
		{"Block", string(r.Block), "block\r\n\r\nwith blank lines"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	// Offsets point at the version lines.
	for i, r := range recs {
		if r.Number != i+1 {
			t.Errorf("record %d: Number = %d", i+1, r.Number)
		}
		if !bytes.HasPrefix(data[r.Offset:], []byte("WARC/1.")) {
			t.Errorf("record %d: Offset %d does not point at a version line", i+1, r.Offset)
		}
	}
	if recs[1].Offset != int64(len(v10.encode())) {
		t.Errorf("second record offset = %d, want %d", recs[1].Offset, len(v10.encode()))
	}
}

// TestOffsetAfterResync checks that offsets stay exact after bytes were
// pushed back for resynchronisation.
func TestOffsetAfterResync(t *testing.T) {
	res := rec("resource", "s1", "first")
	long := rec("resource", "bad", "0123456789")
	long.length = 500
	conv := rec("conversion", "c1", "text")
	data := warcFile(res, long, conv, res)
	out, recs, errs := readAll(t, data, Options{})
	if len(recs) != 3 || len(errs) != 1 {
		t.Fatalf("got %v", out)
	}
	if !errs[0].Resync || errs[0].ID != "<urn:uuid:bad>" {
		t.Errorf("error = %+v, want a resync error naming the record ID", errs[0])
	}
	for _, r := range recs {
		if !bytes.HasPrefix(data[r.Offset:], []byte("WARC/1.1\r\nWARC-Type: "+r.Type)) {
			t.Errorf("record %d (%s): Offset %d is wrong", r.Number, r.RecordID, r.Offset)
		}
	}
	if errs[0].Offset != int64(len(res.encode())) {
		t.Errorf("error offset = %d, want %d", errs[0].Offset, len(res.encode()))
	}
}

// TestTruncatedGzipNoHang reads from a pipe whose writer closes after a
// truncated member: the reader must finish with an error, not block.
func TestTruncatedGzipNoHang(t *testing.T) {
	data := gzipPerRecord(rec("resource", "a", "aaaa"), rec("resource", "b", strings.Repeat("b", 5000)))
	for _, cut := range []int{1, 10, 30, len(data) / 2} {
		pr, pw := io.Pipe()
		go func() {
			pw.Write(data[:len(data)-cut])
			pw.Close()
		}()
		done := make(chan error, 1)
		go func() {
			r := NewReader(pr, Options{})
			var last error
			for i := 0; i < 100; i++ {
				_, err := r.Next()
				if err == io.EOF {
					done <- last
					return
				}
				if err != nil {
					last = err
				}
			}
			done <- errors.New("no io.EOF after 100 calls")
		}()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "gzip") {
				t.Errorf("cut %d: last error = %v, want a gzip error", cut, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("cut %d: reader hangs", cut)
		}
	}
}

func TestErrRecordTooLarge(t *testing.T) {
	big := rec("resource", "big", strings.Repeat("x", 300))
	_, _, errs := readAll(t, warcFile(big), Options{MaxRecordSize: 299})
	if len(errs) != 1 || !errors.Is(errs[0], ErrRecordTooLarge) || !errs[0].Resync {
		t.Fatalf("errors = %v, want one ErrRecordTooLarge, resynchronised", errs)
	}
	if !strings.Contains(errs[0].Error(), "<urn:uuid:big>") {
		t.Errorf("error %q does not name the record", errs[0])
	}
	// At exactly the limit the record is read.
	_, recs, errs := readAll(t, warcFile(big), Options{MaxRecordSize: 300})
	if len(errs) != 0 || len(recs) != 1 {
		t.Errorf("at the limit: records %d, errors %v", len(recs), errs)
	}
}
