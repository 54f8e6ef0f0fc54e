package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"slices"
)

// spillAt is the most of a document's label or annotate output held in
// memory: past it the output goes to a temporary file, which the sink
// copies out in order. The in-flight documents (64 a worker) then hold
// at most spillAt and one window's output each, whatever their line
// counts, while ordinary pages (a few hundred KB of labels) never touch
// the disk.
const spillAt = 1 << 20

// spill is the output of one document: in buf, after what a temporary
// file holds once it has passed spillAt. Its lines are whole: every
// write ends with a newline.
type spill struct {
	buf  bytes.Buffer
	f    *os.File // nil until the output passes spillAt
	name string
}

// settle moves the output held in memory to the file once it passes
// spillAt.
func (s *spill) settle() error {
	if s.buf.Len() <= spillAt {
		return nil
	}
	if s.f == nil {
		f, err := os.CreateTemp("", "chaff-output-*")
		if err != nil {
			return err
		}
		s.f, s.name = f, f.Name()
		// Unlinked at once where the system allows it, so that nothing
		// is left behind however the run ends.
		if os.Remove(s.name) == nil {
			s.name = ""
		}
	}
	_, err := s.buf.WriteTo(s.f)
	return err
}

// each calls fn with the whole output in order, in pieces of whole lines:
// the file's, then what memory holds.
func (s *spill) each(fn func([]byte) error) error {
	if s.f != nil {
		if _, err := s.f.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if err := eachLines(s.f, fn); err != nil {
			return err
		}
	}
	return fn(s.buf.Bytes())
}

// eachLines reads r to its end and calls fn with pieces of it that end
// at a newline (the last one as it is), in order.
func eachLines(r io.Reader, fn func([]byte) error) error {
	buf := make([]byte, 0, 1<<20)
	for {
		if len(buf) == cap(buf) { // a line longer than the buffer
			buf = slices.Grow(buf, cap(buf))
		}
		k, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+k]
		if i := bytes.LastIndexByte(buf, '\n'); i >= 0 {
			if ferr := fn(buf[:i+1]); ferr != nil {
				return ferr
			}
			buf = buf[:copy(buf, buf[i+1:])]
		}
		switch {
		case errors.Is(err, io.EOF) && len(buf) > 0:
			return fn(buf)
		case errors.Is(err, io.EOF):
			return nil
		case err != nil:
			return err
		}
	}
}

// close drops the file, if any.
func (s *spill) close() {
	if s.f != nil {
		s.f.Close()
		if s.name != "" {
			os.Remove(s.name)
		}
		s.f = nil
	}
}
