package warc

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/textproto"
	"strconv"
	"strings"

	"github.com/chaff-dev/chaff/internal/gzresume"
)

// Default limits used when the corresponding Options field is zero.
const (
	DefaultMaxRecordSize = 64 << 20
	DefaultMaxHeaderSize = 1 << 20
)

// maxVersionLine bounds the line read where a "WARC/1.x" line is expected.
const maxVersionLine = 4 << 10

// Options configures a Reader. The zero value is ready to use.
type Options struct {
	// MaxRecordSize is the largest record block (Content-Length) the
	// reader loads into memory. A larger record is reported with an error
	// wrapping ErrRecordTooLarge and reading goes on at the next line
	// starting "WARC/" (so that a wrong Content-Length costs one record).
	// Zero means DefaultMaxRecordSize.
	MaxRecordSize int64
	// MaxHeaderSize bounds the size of a record header section.
	// Zero means DefaultMaxHeaderSize.
	MaxHeaderSize int
}

// Record is one WARC record.
type Record struct {
	// Type is the WARC-Type header: response, resource, conversion,
	// request, warcinfo, metadata, revisit, ...
	Type string
	// TargetURI is WARC-Target-URI, without angle brackets.
	TargetURI string
	// RecordID is WARC-Record-ID as written, usually "<urn:uuid:...>".
	RecordID string
	// ContentType is the Content-Type of the block (for example
	// "application/http; msgtype=response" or "text/plain").
	ContentType string
	// Header holds every named field of the record header, keyed in
	// canonical MIME form; use Header.Get("WARC-Date").
	Header textproto.MIMEHeader
	// Block is the record content, exactly Content-Length bytes.
	Block []byte
	// Version is the version line, "WARC/1.0" or "WARC/1.1".
	Version string
	// Number is the 1-based position of the record in the stream.
	Number int
	// Offset is the byte offset of the version line in the uncompressed
	// stream.
	Offset int64
}

// Reader reads records from a WARC stream. It is not safe for concurrent
// use.
type Reader struct {
	opts       Options
	src        *pushback
	br         *bufio.Reader
	off        int64 // offset of the next unread byte of br
	n          int   // records started so far
	needResync bool
	done       bool
}

// NewReader returns a Reader reading from r. A stream starting with the gzip
// magic bytes is decompressed transparently (all members, so both whole-file
// and per-record compression work; a damaged member costs the records in
// it, and reading resumes at the next member).
//
// A read error of r that has a Resume method (as a
// *gzresume.DamageError) means that data was lost but reading can go on:
// the record being read is reported with Resync set, Resume is called,
// and the reader looks for the next "WARC/" line in what follows.
func NewReader(r io.Reader, opts Options) *Reader {
	if opts.MaxRecordSize <= 0 {
		opts.MaxRecordSize = DefaultMaxRecordSize
	}
	if opts.MaxHeaderSize <= 0 {
		opts.MaxHeaderSize = DefaultMaxHeaderSize
	}
	rd := &Reader{opts: opts}
	raw := bufio.NewReaderSize(r, 64<<10)
	var in io.Reader = raw
	if magic, _ := raw.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		in = gzresume.NewReader(raw)
	}
	rd.src = &pushback{r: in}
	rd.br = bufio.NewReaderSize(rd.src, 64<<10)
	return rd
}

// Next returns the next record, or io.EOF at the end of the stream.
//
// Any other error is a *RecordError naming the record; Next may be called
// again after it and continues with the following record when the stream
// allows it (see RecordError.Resync). Errors are never repeated: once the
// stream cannot be read further, Next returns io.EOF.
func (r *Reader) Next() (*Record, error) {
	if r.done {
		return nil, io.EOF
	}
	if r.needResync {
		r.needResync = false
		if err := r.resync(); err != nil {
			if err == io.EOF {
				r.done = true
				return nil, io.EOF
			}
			r.n++
			return nil, r.fatal(r.off, "", err)
		}
	}
	// Skip blank (or whitespace-only) lines between records, then read the
	// version line.
	var line []byte
	var start int64
	for {
		start = r.off
		var err error
		line, err = r.readLine(maxVersionLine)
		if err == io.EOF && len(line) == 0 {
			r.done = true
			return nil, io.EOF
		}
		if err != nil && err != io.EOF {
			if errors.Is(err, errLineTooLong) {
				r.n++
				r.needResync = true
				return nil, &RecordError{Record: r.n, Offset: start, Err: fmt.Errorf("expected a WARC version line: %w", err), Resync: true}
			}
			r.n++
			return nil, r.fatal(start, "", err)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			break
		}
		if err == io.EOF {
			r.done = true
			return nil, io.EOF
		}
	}
	r.n++
	version := string(bytes.TrimSpace(line))
	if version != "WARC/1.0" && version != "WARC/1.1" {
		msg := fmt.Errorf("expected a WARC version line, got %q", truncate(version, 40))
		if strings.HasPrefix(version, "WARC/") {
			msg = fmt.Errorf("unsupported version %q", truncate(version, 40))
		}
		return nil, r.resyncError(start, "", msg)
	}

	hdr, err := r.readHeader()
	if err != nil {
		var he *headerError
		if errors.As(err, &he) {
			return nil, r.resyncError(start, "", he.err)
		}
		return nil, r.fatal(start, "", fmt.Errorf("truncated header: %w", endErr(err)))
	}
	rec := &Record{
		Version:     version,
		Number:      r.n,
		Offset:      start,
		Header:      hdr,
		Type:        hdr.Get("WARC-Type"),
		TargetURI:   strings.TrimSuffix(strings.TrimPrefix(hdr.Get("WARC-Target-URI"), "<"), ">"),
		RecordID:    hdr.Get("WARC-Record-ID"),
		ContentType: hdr.Get("Content-Type"),
	}
	cl := hdr.Get("Content-Length")
	length, perr := strconv.ParseInt(strings.TrimSpace(cl), 10, 64)
	if cl == "" || perr != nil || length < 0 {
		return nil, r.resyncError(start, rec.RecordID, fmt.Errorf("missing or invalid Content-Length %q", truncate(cl, 40)))
	}

	if length > r.opts.MaxRecordSize {
		// Not skipped by its length: a wrong length (a 1 PB
		// Content-Length) would swallow the records after it. The
		// search for the next version line skips the block of a true
		// large record as well, without holding it.
		return nil, r.resyncError(start, rec.RecordID, fmt.Errorf("%w of %d bytes (Content-Length %d)", ErrRecordTooLarge, r.opts.MaxRecordSize, length))
	}

	block, err := r.readBlock(length)
	if err != nil {
		if !isEnd(err) {
			return nil, r.fatal(start, rec.RecordID, err)
		}
		// The block ends early. Content-Length may be too large and the
		// block may hold the next records: look for them in it.
		r.unread(block)
		return nil, r.resyncError(start, rec.RecordID, fmt.Errorf("truncated block: got %d of %d bytes (Content-Length wrong or stream cut)", len(block), length))
	}
	tail, ok, err := r.readTrailer()
	if err != nil && !isEnd(err) {
		return nil, r.fatal(start, rec.RecordID, err)
	}
	if !ok {
		r.unread(append(block, tail...))
		return nil, r.resyncError(start, rec.RecordID, fmt.Errorf("block of Content-Length %d is not followed by CRLF CRLF (Content-Length wrong?)", length))
	}
	rec.Block = block
	return rec, nil
}

// resyncError records that the next call must search for a "WARC/" line.
func (r *Reader) resyncError(off int64, id string, err error) error {
	r.needResync = true
	return &RecordError{Record: r.n, Offset: off, ID: id, Err: err, Resync: true}
}

// fatal stops the reader after an unrecoverable stream error, reported
// against the current record number. An error after which the stream
// goes on (see NewReader) is resumed and the reader resynchronises.
func (r *Reader) fatal(off int64, id string, err error) error {
	var lost interface{ Resume() }
	if errors.As(err, &lost) {
		lost.Resume()
		return r.resyncError(off, id, err)
	}
	r.done = true
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	return &RecordError{Record: r.n, Offset: off, ID: id, Err: err}
}

// readHeader reads header lines up to and including the blank line and
// parses them with net/textproto.
func (r *Reader) readHeader() (textproto.MIMEHeader, error) {
	var buf []byte
	for {
		line, err := r.readLine(r.opts.MaxHeaderSize - len(buf))
		if errors.Is(err, errLineTooLong) {
			return nil, &headerError{fmt.Errorf("%w of %d bytes", ErrHeaderTooLarge, r.opts.MaxHeaderSize)}
		}
		buf = append(buf, line...)
		if err != nil {
			return nil, err
		}
		if len(trimEOL(line)) == 0 {
			break
		}
	}
	tp := textproto.NewReader(bufio.NewReader(bytes.NewReader(buf)))
	h, err := tp.ReadMIMEHeader()
	if err != nil {
		return nil, &headerError{fmt.Errorf("bad header: %w", err)}
	}
	return h, nil
}

// headerError is a header that was read but cannot be used; the stream
// itself is fine.
type headerError struct{ err error }

func (e *headerError) Error() string { return e.err.Error() }
func (e *headerError) Unwrap() error { return e.err }

// readBlock reads exactly n bytes, growing the buffer as data arrives so
// that a lying Content-Length does not allocate up front.
func (r *Reader) readBlock(n int64) ([]byte, error) {
	const chunk = 1 << 20
	if n <= chunk {
		buf := make([]byte, n)
		k, err := io.ReadFull(r.br, buf)
		r.off += int64(k)
		if err == io.EOF && n > 0 {
			err = io.ErrUnexpectedEOF
		}
		return buf[:k], err
	}
	var b bytes.Buffer
	b.Grow(chunk)
	k, err := b.ReadFrom(io.LimitReader(r.br, n))
	r.off += k
	if err == nil && k < n {
		err = io.ErrUnexpectedEOF
	}
	return b.Bytes(), err
}

// readTrailer consumes the two line ends that close a record. ok is false
// when something else was found; tail then holds the bytes consumed. A
// stream that ends right after the block is accepted.
func (r *Reader) readTrailer() (tail []byte, ok bool, err error) {
	for range 2 {
		line, err := r.readLine(64)
		tail = append(tail, line...)
		if err == io.EOF && len(line) == 0 {
			return tail, true, nil
		}
		if len(trimEOL(line)) != 0 || errors.Is(err, errLineTooLong) {
			return tail, false, nil
		}
		if err != nil {
			return tail, err == io.EOF, err
		}
	}
	return tail, true, nil
}

// resync discards input until a line starting with "WARC/".
func (r *Reader) resync() error {
	for {
		p, err := r.br.Peek(5)
		if len(p) == 5 && string(p) == "WARC/" {
			return nil
		}
		if err != nil && len(p) < 5 {
			k, _ := r.br.Discard(len(p))
			r.off += int64(k)
			return err
		}
		// Discard the rest of this line.
		for {
			frag, err := r.br.ReadSlice('\n')
			r.off += int64(len(frag))
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != nil {
				return err
			}
			break
		}
	}
}

var errLineTooLong = errors.New("line too long")

// readLine returns the next line including its '\n' (absent at the end of
// the stream). Once more than max bytes have been consumed it stops and
// returns them with errLineTooLong.
func (r *Reader) readLine(max int) ([]byte, error) {
	var buf []byte
	for {
		frag, err := r.br.ReadSlice('\n')
		r.off += int64(len(frag))
		if len(buf)+len(frag) > max {
			buf = append(buf, frag...)
			return buf, fmt.Errorf("%w (more than %d bytes)", errLineTooLong, max)
		}
		if err == bufio.ErrBufferFull {
			buf = append(buf, frag...)
			continue
		}
		if buf == nil {
			// Copy: the slice is only valid until the next read.
			buf = make([]byte, len(frag))
			copy(buf, frag)
		} else {
			buf = append(buf, frag...)
		}
		return buf, err
	}
}

// unread pushes p back in front of the unread input, so that a resync can
// look for records inside data already consumed.
func (r *Reader) unread(p []byte) {
	if len(p) == 0 {
		return
	}
	buffered, _ := r.br.Peek(r.br.Buffered())
	pending := make([]byte, 0, len(p)+len(buffered)+len(r.src.pending))
	pending = append(pending, p...)
	pending = append(pending, buffered...)
	pending = append(pending, r.src.pending...)
	r.src.pending = pending
	r.br.Reset(r.src)
	r.off -= int64(len(p))
}

// pushback is a reader with bytes to return before its source. The first
// error of the source is sticky, but for one after which the source goes
// on (see NewReader).
type pushback struct {
	pending []byte
	r       io.Reader
	err     error
}

func (p *pushback) Read(b []byte) (int, error) {
	if len(p.pending) > 0 {
		n := copy(b, p.pending)
		p.pending = p.pending[n:]
		return n, nil
	}
	if p.err != nil {
		return 0, p.err
	}
	n, err := p.r.Read(b)
	var lost interface{ Resume() }
	if err != nil && !errors.As(err, &lost) {
		p.err = err
	}
	return n, err
}

func trimEOL(b []byte) []byte {
	b = bytes.TrimSuffix(b, []byte("\n"))
	return bytes.TrimSuffix(b, []byte("\r"))
}

// isEnd reports whether err only says the stream ended.
func isEnd(err error) bool { return err == io.EOF || err == io.ErrUnexpectedEOF }

func endErr(err error) error {
	if err == io.EOF {
		return io.ErrUnexpectedEOF
	}
	return err
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
