package warc

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/klauspost/compress/zstd"
)

// DefaultMaxPayloadSize is the payload size limit used when Payload is
// given a limit of zero or less.
const DefaultMaxPayloadSize = 256 << 20

// Payload is the document carried by a record.
type Payload struct {
	// Body is the payload, with HTTP transfer and content encodings
	// removed.
	Body []byte
	// ContentType is the media type of Body: the HTTP Content-Type for a
	// response record, the record Content-Type otherwise.
	ContentType string
	// StatusCode is the HTTP status of a response record, 0 otherwise
	// (and for a response record whose block is not HTTP).
	StatusCode int
	// Truncated is true when the HTTP body ended before its declared
	// length (common in crawls that cap record sizes; see the
	// WARC-Truncated header). Body then holds what was there.
	Truncated bool
}

// Payload extracts the document of a response, resource or conversion
// record. The block of a response record is parsed as an HTTP response
// when its Content-Type is application/http or it starts with an HTTP
// status line: chunked transfer coding is removed, and a gzip, deflate or
// zstd Content-Encoding is decoded (a body that is declared encoded but
// is not is an error: its text would be read wrong). A response record
// whose block is not HTTP (Content-Type text/html, no status line), and
// resource and conversion records, carry the payload as their block, of
// the record's Content-Type. Bodies larger than limit bytes are an error
// wrapping ErrPayloadTooLarge; limit <= 0 means DefaultMaxPayloadSize.
// Other record types return ErrNoPayload.
func (rec *Record) Payload(limit int64) (*Payload, error) {
	if limit <= 0 {
		limit = DefaultMaxPayloadSize
	}
	switch rec.Type {
	case "resource", "conversion":
		return rec.blockPayload(limit)
	case "response":
		if !isHTTP(rec.ContentType, rec.Block) {
			return rec.blockPayload(limit)
		}
		return httpPayload(rec.Block, limit)
	default:
		return nil, fmt.Errorf("%w: %q", ErrNoPayload, rec.Type)
	}
}

// blockPayload is the block as payload, of the record's Content-Type.
func (rec *Record) blockPayload(limit int64) (*Payload, error) {
	if int64(len(rec.Block)) > limit {
		return nil, fmt.Errorf("%w of %d bytes (%d bytes)", ErrPayloadTooLarge, limit, len(rec.Block))
	}
	return &Payload{Body: rec.Block, ContentType: rec.ContentType}, nil
}

// isHTTP reports whether a response block is an HTTP message: it says so
// by its Content-Type, or starts with a status line ("HTTP/1.1 200").
func isHTTP(contentType string, block []byte) bool {
	if len(block) > 5 && bytes.HasPrefix(block, []byte("HTTP/")) && block[5] >= '0' && block[5] <= '9' {
		return true
	}
	mt, _, err := mime.ParseMediaType(contentType)
	return err != nil || mt == "application/http" || mt == ""
}

func httpPayload(block []byte, limit int64) (*Payload, error) {
	block = fixStatusLine(block)
	resp, err := http.ReadResponse(bufio.NewReader(bytes.NewReader(block)), nil)
	if err != nil {
		return nil, fmt.Errorf("parsing HTTP response: %w", err)
	}
	defer resp.Body.Close()
	p := &Payload{ContentType: resp.Header.Get("Content-Type"), StatusCode: resp.StatusCode}

	body := bufio.NewReader(resp.Body)
	var dec io.Reader = body
	enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding")))
	if magic, _ := body.Peek(4); enc != "" && enc != "identity" && len(magic) > 0 {
		switch {
		case (enc == "gzip" || enc == "x-gzip") && bytes.HasPrefix(magic, []byte{0x1f, 0x8b}):
			gz, err := gzip.NewReader(body)
			if err != nil {
				return nil, fmt.Errorf("Content-Encoding gzip: %w", err)
			}
			dec = gz
		case enc == "deflate":
			// RFC 9110 deflate is zlib-wrapped; some servers send raw
			// deflate. A zlib header has (CMF*256+FLG)%31 == 0, CM == 8.
			if len(magic) >= 2 && magic[0]&0x0f == 8 && (uint16(magic[0])<<8|uint16(magic[1]))%31 == 0 {
				zr, err := zlib.NewReader(body)
				if err != nil {
					return nil, fmt.Errorf("Content-Encoding deflate: %w", err)
				}
				dec = zr
			} else {
				// Raw deflate may read text as a stream of fixed Huffman
				// codes without an error: refuse a body that starts as
				// text does, as no deflate stream does.
				if head, _ := body.Peek(16); isPrintable(head) {
					return nil, fmt.Errorf("Content-Encoding deflate, but the body is not deflate (it starts with %q)", head)
				}
				dec = flate.NewReader(body)
			}
		case enc == "zstd" && bytes.HasPrefix(magic, []byte{0x28, 0xb5, 0x2f, 0xfd}):
			zr, err := zstd.NewReader(body, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(uint64(limit)+1))
			if err != nil {
				return nil, fmt.Errorf("Content-Encoding zstd: %w", err)
			}
			defer zr.Close()
			dec = zr
		case enc == "gzip" || enc == "x-gzip" || enc == "zstd":
			return nil, fmt.Errorf("Content-Encoding %s, but the body is not %s (it starts with %q)", enc, enc, magic)
		default:
			return nil, fmt.Errorf("unsupported Content-Encoding %q", truncate(enc, 40))
		}
	}
	data, err := io.ReadAll(io.LimitReader(dec, limit+1))
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%w of %d bytes", ErrPayloadTooLarge, limit)
	}
	if err != nil {
		if !errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("reading HTTP body: %w", err)
		}
		p.Truncated = true
	}
	p.Body = data
	return p, nil
}

// fixStatusLine rewrites "HTTP/2 200" and "HTTP/3 200" status lines, which
// net/http does not parse, as "HTTP/2.0 200".
func fixStatusLine(block []byte) []byte {
	if len(block) > 7 && (bytes.HasPrefix(block, []byte("HTTP/2 ")) || bytes.HasPrefix(block, []byte("HTTP/3 "))) {
		fixed := make([]byte, 0, len(block)+2)
		fixed = append(fixed, block[:6]...)
		fixed = append(fixed, ".0"...)
		return append(fixed, block[6:]...)
	}
	return block
}

// isPrintable reports whether b is printable ASCII and white space only.
func isPrintable(b []byte) bool {
	for _, c := range b {
		if (c < 0x20 || c > 0x7e) && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}
