package input

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"

	"github.com/chaff-dev/chaff/internal/gzresume"
	"github.com/klauspost/compress/zstd"
)

var (
	gzipMagic = []byte{0x1f, 0x8b}
	zstdMagic = []byte{0x28, 0xb5, 0x2f, 0xfd}
)

// decompress wraps br in a decoder chosen by its magic bytes. The returned
// close function releases decoder resources. Decoder errors name the codec
// and turn a premature end into a "truncated" message.
//
// A damaged gzip member does not end the stream: the error, a
// *gzresume.DamageError, is returned by reads until the reader of the
// format calls its Resume (see lostData), and reading goes on with the
// next member. A damaged zstd frame ends the stream.
func decompress(br *bufio.Reader) (io.Reader, func(), error) {
	magic, _ := br.Peek(4)
	switch {
	case bytes.HasPrefix(magic, gzipMagic):
		return gzresume.NewReader(br), func() {}, nil
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

// lostData returns the Resume method of a read error after which reading
// may go on (compressed data was lost, see decompress), or nil.
func lostData(err error) func() {
	var lost interface{ Resume() }
	if errors.As(err, &lost) {
		return lost.Resume
	}
	return nil
}
