package input

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/chaff-dev/chaff/internal/warc"
)

// readWARC returns one document per response, resource or conversion
// record with an HTML or text payload.
func (r *Reader) readWARC(s *source, br *bufio.Reader) bool {
	wr := warc.NewReader(br, warc.Options{MaxRecordSize: r.opts.MaxRecordSize, MaxHeaderSize: r.opts.MaxHeaderSize})
	for n := 1; ; n++ {
		if s.cancelled(n) {
			return false
		}
		rec, err := wr.Next()
		if err == io.EOF {
			return true
		}
		if err != nil {
			var re *warc.RecordError
			if !errors.As(err, &re) {
				return s.sourceError(n, err)
			}
			if !re.Resync {
				return s.sourceError(re.Record, &warcCause{re})
			}
			s.st.Records++
			if !s.fail(re.Record, &warcCause{re}) {
				return false
			}
			continue
		}
		s.st.Records++
		switch rec.Type {
		case "response", "resource", "conversion":
		default:
			s.st.Skipped++
			continue
		}
		p, err := rec.Payload(r.opts.MaxDocumentSize)
		if err != nil {
			if errors.Is(err, warc.ErrPayloadTooLarge) {
				err = fmt.Errorf("%w; raise it with %s", err, flagMaxDocumentSize)
			}
			if !s.fail(rec.Number, fmt.Errorf("%s %s: %w", rec.Type, rec.RecordID, err)) {
				return false
			}
			continue
		}
		// A response without HTTP header (StatusCode 0) has no status to
		// skip it by.
		if rec.Type == "response" && !r.opts.AllStatuses && p.StatusCode != 0 && (p.StatusCode < 200 || p.StatusCode > 299) {
			s.st.Skipped++
			continue
		}
		format, ok := payloadFormat(p.ContentType, p.Body)
		if !ok {
			s.st.Skipped++
			continue
		}
		body, decoded, err := decodeUTF16(p.Body)
		if err != nil {
			if !s.fail(rec.Number, fmt.Errorf("%s %s: %w", rec.Type, rec.RecordID, err)) {
				return false
			}
			continue
		}
		d := &Document{Record: rec.Number, ID: rec.RecordID, URL: rec.TargetURI, Format: format,
			Body: body, Decoded: decoded, ContentType: p.ContentType, Truncated: p.Truncated, idField: r.opts.IDField, urlField: r.opts.URLField}
		if !s.emit(d) {
			return false
		}
	}
}

// payloadFormat maps a payload media type to HTML or Text; ok is false for
// other media types. A missing type is sniffed.
func payloadFormat(contentType string, body []byte) (Format, bool) {
	if strings.TrimSpace(contentType) == "" {
		contentType = http.DetectContentType(body)
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		mt = strings.ToLower(strings.TrimSpace(strings.SplitN(contentType, ";", 2)[0]))
	}
	switch {
	case mt == "text/html" || mt == "application/xhtml+xml":
		return HTML, true
	case strings.HasPrefix(mt, "text/"):
		return Text, true
	}
	return Auto, false
}
