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
	// StatusCode is the HTTP status of a response record, 0 otherwise.
	StatusCode int
	// Truncated is true when the HTTP body ended before its declared
	// length (common in crawls that cap record sizes; see the
	// WARC-Truncated header). Body then holds what was there.
	Truncated bool
}

// Payload extracts the document of a response, resource or conversion
// record. For a response record the block is parsed as an HTTP response:
// chunked transfer coding is removed, and a gzip, deflate or zstd
// Content-Encoding is decoded (a body that is declared compressed but does
// not look compressed is returned as is, as some crawlers store decoded
// bodies). For resource and conversion records the block is the payload.
// Bodies larger than limit bytes are an error; limit <= 0 means
// DefaultMaxPayloadSize. Other record types return ErrNoPayload.
func (rec *Record) Payload(limit int64) (*Payload, error) {
	if limit <= 0 {
		limit = DefaultMaxPayloadSize
	}
	switch rec.Type {
	case "resource", "conversion":
		if int64(len(rec.Block)) > limit {
			return nil, fmt.Errorf("payload of %d bytes exceeds the limit of %d", len(rec.Block), limit)
		}
		return &Payload{Body: rec.Block, ContentType: rec.ContentType}, nil
	case "response":
		return httpPayload(rec.Block, limit)
	default:
		return nil, fmt.Errorf("%w: %q", ErrNoPayload, rec.Type)
	}
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
	if enc != "" && enc != "identity" {
		magic, _ := body.Peek(4)
		switch {
		case (enc == "gzip" || enc == "x-gzip") && bytes.HasPrefix(magic, []byte{0x1f, 0x8b}):
			gz, err := gzip.NewReader(body)
			if err != nil {
				return nil, fmt.Errorf("Content-Encoding gzip: %w", err)
			}
			dec = gz
		case enc == "deflate" && len(magic) > 0:
			// RFC 9110 deflate is zlib-wrapped; some servers send raw
			// deflate. A zlib header has (CMF*256+FLG)%31 == 0, CM == 8.
			if len(magic) >= 2 && magic[0]&0x0f == 8 && (uint16(magic[0])<<8|uint16(magic[1]))%31 == 0 {
				zr, err := zlib.NewReader(body)
				if err != nil {
					return nil, fmt.Errorf("Content-Encoding deflate: %w", err)
				}
				dec = zr
			} else {
				dec = flate.NewReader(body)
			}
		case enc == "zstd" && bytes.HasPrefix(magic, []byte{0x28, 0xb5, 0x2f, 0xfd}):
			zr, err := zstd.NewReader(body, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(uint64(limit)+1))
			if err != nil {
				return nil, fmt.Errorf("Content-Encoding zstd: %w", err)
			}
			defer zr.Close()
			dec = zr
		case enc == "gzip" || enc == "x-gzip" || enc == "zstd" || enc == "deflate":
			// Declared compressed but stored decoded: keep as is.
		default:
			return nil, fmt.Errorf("unsupported Content-Encoding %q", truncate(enc, 40))
		}
	}
	data, err := io.ReadAll(io.LimitReader(dec, limit+1))
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("payload exceeds the limit of %d bytes", limit)
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
