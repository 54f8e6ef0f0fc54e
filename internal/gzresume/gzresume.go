// Package gzresume decompresses a stream of gzip members and, when one is
// damaged, goes on with the next member instead of ending the stream.
//
// A file of many gzip members (concatenated files, per-record WARC
// compression, bgzip) loses only the damaged member: the reader reports a
// *DamageError naming its offset, looks for the next "1f 8b 08" after the
// start of the damaged member, and resumes there once the consumer has
// called Resume.
package gzresume

import (
	"bufio"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/gzip"
)

// maxRescan bounds the compressed bytes kept to look for a member inside
// a damaged one: a damaged member longer than that is searched from its
// last maxRescan bytes read. The reader holds at most twice that.
const maxRescan = 1 << 20

// magic starts a gzip member using deflate.
var magic = [3]byte{0x1f, 0x8b, 0x08}

// Reader is an io.Reader of the decompressed content of all members.
type Reader struct {
	src         *recorder
	br          *bufio.Reader // over src, what the decoder reads
	zr          gzip.Reader
	inMember    bool
	memberStart int64        // offset of the current member
	pending     *DamageError // returned by Read until resumed
	withheld    []byte       // decoded after a damage, before it was resumed
	err         error        // sticky: io.EOF or an error of the source
}

// DamageError reports a damaged member and the compressed bytes skipped.
// Read returns it until Resume is called: the content read before it is
// whole, the content read after Resume starts at the next member.
type DamageError struct {
	// Offset is the compressed offset of the damaged member.
	Offset int64
	// Next is the compressed offset of the member reading resumes at, or
	// -1 when none follows (the stream then ends).
	Next int64
	// Err is what the decoder found.
	Err error

	r *Reader
}

// Error implements error, e.g. `gzip: damaged member at byte 4096:
// flate: corrupt input before offset 5012; 1200 bytes skipped to the next
// member at byte 5296`.
func (e *DamageError) Error() string {
	what := e.Err.Error()
	if errors.Is(e.Err, io.ErrUnexpectedEOF) {
		what += " (truncated stream)"
	}
	if e.Next < 0 {
		return fmt.Sprintf("gzip: damaged member at byte %d: %s; no member after it", e.Offset, what)
	}
	return fmt.Sprintf("gzip: damaged member at byte %d: %s; %d bytes skipped to the next member at byte %d", e.Offset, what, e.Next-e.Offset, e.Next)
}

// Unwrap returns the decoder's error.
func (e *DamageError) Unwrap() error { return e.Err }

// Resume acknowledges the loss: the next Read returns the content of the
// next member, or io.EOF when there is none.
func (e *DamageError) Resume() {
	if e.r.pending == e {
		e.r.pending = nil
	}
}

// NewReader returns a Reader of the gzip members of r. Bytes that are not
// a gzip member (a bad header, garbage after the last member) are
// reported as damage like a damaged member.
func NewReader(r io.Reader) *Reader {
	src := &recorder{r: r}
	return &Reader{src: src, br: bufio.NewReaderSize(src, 64<<10)}
}

// Read implements io.Reader. Errors other than io.EOF are a *DamageError,
// repeated until resumed, or an error of the underlying reader.
func (r *Reader) Read(p []byte) (int, error) {
	if r.pending != nil {
		return 0, r.pending
	}
	if len(r.withheld) > 0 {
		n := copy(p, r.withheld)
		r.withheld = r.withheld[n:]
		return n, nil
	}
	for r.err == nil {
		if !r.inMember && !r.startMember() {
			if r.pending != nil {
				return 0, r.pending
			}
			continue
		}
		n, err := r.zr.Read(p)
		switch {
		case n > 0:
			// An error after n bytes comes again on the next call.
			return n, nil
		case err == io.EOF:
			r.inMember = false
		case err != nil:
			r.damaged(err)
			return 0, r.pending
		default:
			return 0, nil
		}
	}
	return 0, r.err
}

// offset is the compressed offset of the next byte the decoder reads.
func (r *Reader) offset() int64 { return r.src.n - int64(r.br.Buffered()) }

// startMember begins the member at the current offset; false means there
// is none (r.err is set) or it is damaged (r.pending is set).
func (r *Reader) startMember() bool {
	if _, err := r.br.Peek(1); err != nil {
		r.err = err
		return false
	}
	r.memberStart = r.offset()
	r.src.keepFrom(r.memberStart)
	if err := r.zr.Reset(r.br); err != nil {
		r.damaged(err)
		return false
	}
	r.zr.Multistream(false)
	r.inMember = true
	return true
}

// damaged reports the member at memberStart as damaged and looks for the
// next member after its first byte.
func (r *Reader) damaged(err error) {
	if r.src.err != nil {
		// The source failed, not the data: nothing to resume.
		r.err = r.src.err
		return
	}
	r.inMember = false
	d := &DamageError{Offset: r.memberStart, Next: -1, Err: err, r: r}
	from := r.memberStart + 1
	for {
		r.src.rewind(from)
		r.br.Reset(r.src)
		next, ok := r.seekMagic()
		if !ok {
			break
		}
		r.memberStart = next
		r.src.keepFrom(next)
		if r.zr.Reset(r.br) == nil {
			r.zr.Multistream(false)
			r.inMember = true
			d.Next = next
			break
		}
		from = next + 1
	}
	if d.Next < 0 && r.err == nil {
		r.err = io.EOF
	}
	r.pending = d
}

// seekMagic discards input up to the next gzip magic and returns its
// offset; ok is false at the end of the input.
func (r *Reader) seekMagic() (int64, bool) {
	for {
		b, err := r.br.Peek(len(magic))
		if len(b) == len(magic) && [3]byte(b) == magic {
			return r.offset(), true
		}
		if err != nil && len(b) < len(magic) {
			if r.src.err != nil {
				r.err = r.src.err
			}
			return 0, false
		}
		buf, _ := r.br.Peek(r.br.Buffered())
		skip := len(buf)
		for i := 1; i < len(buf); i++ {
			if buf[i] == magic[0] {
				skip = i
				break
			}
		}
		r.br.Discard(skip)
	}
}

// recorder counts the bytes read from r and keeps those since keepFrom,
// within maxRescan, so that they can be read again after a rewind.
type recorder struct {
	r       io.Reader
	n       int64  // offset of the next byte delivered
	keep    []byte // delivered bytes from keepOff to n
	keepOff int64
	replay  []byte // bytes to deliver again before reading r
	err     error  // the first error of r other than io.EOF
}

func (c *recorder) Read(p []byte) (int, error) {
	var n int
	var err error
	if len(c.replay) > 0 {
		n = copy(p, c.replay)
		c.replay = c.replay[n:]
	} else {
		n, err = c.r.Read(p)
		if err != nil && err != io.EOF && c.err == nil {
			c.err = err
		}
	}
	c.keep = append(c.keep, p[:n]...)
	c.n += int64(n)
	if len(c.keep) > 2*maxRescan {
		drop := len(c.keep) - maxRescan
		c.keep = append(c.keep[:0], c.keep[drop:]...)
		c.keepOff += int64(drop)
	}
	return n, err
}

// keepFrom forgets the bytes before off.
func (c *recorder) keepFrom(off int64) {
	if k := off - c.keepOff; k > 0 && k <= int64(len(c.keep)) {
		c.keep = c.keep[k:]
		c.keepOff = off
	}
}

// rewind makes the bytes from off (or the oldest kept, if later) be
// delivered again.
func (c *recorder) rewind(off int64) {
	k := max(off-c.keepOff, 0)
	if k >= int64(len(c.keep)) {
		return
	}
	again := append([]byte(nil), c.keep[k:]...)
	c.replay = append(again, c.replay...)
	c.keep = c.keep[:k]
	c.n = c.keepOff + k
}
