package input

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"fmt"
	"io"

	"github.com/klauspost/compress/zstd"
)

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// decompress wraps br in a decoder chosen by its magic bytes. The returned
// close function releases decoder resources. Decoder errors name the codec
// and turn a premature end into a "truncated" message.
func decompress(br *bufio.Reader) (io.Reader, func(), error) {
	magic, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(magic, gzipMagic):
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, nil, fmt.Errorf("gzip: %w", err)
		}
		return &codecErrors{codec: "gzip", r: zr}, func() { zr.Close() }, nil
	case bytes.HasPrefix(magic, zstdMagic):
		zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1))
		if err != nil {
			return nil, nil, fmt.Errorf("zstd: %w", err)
		}
		return &codecErrors{codec: "zstd", r: zr}, zr.Close, nil
	}
	return br, func() {}, nil
}

// codecErrors prefixes decoder errors with the codec name and makes the
// first error sticky, so that an error seen while sniffing the start of a
// source is reported again, with its record number, when reading reaches it.
type codecErrors struct {
	codec string
	r     io.Reader
	err   error
}

func (c *codecErrors) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.r.Read(p)
	if err != nil && err != io.EOF {
		if err == io.ErrUnexpectedEOF {
			err = fmt.Errorf("%s: %w (truncated stream)", c.codec, err)
		} else {
			err = fmt.Errorf("%s: %w", c.codec, err)
		}
	}
	c.err = err
	return n, err
}
