package pipeline

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// shard writes the output of one input file to its shard,
// PREFIX-IIIII-of-NNNNN.jsonl: to a temporary name beside it first, renamed
// when the file is done, so that a shard that exists is whole. A retried
// (or duplicated) file writes the same lines again and its rename replaces
// the shard with the same content; nothing is shuffled. The shard is
// created on the first line: a file that gives none leaves no shard.
type shard struct {
	name, tmp string
	fs        filesystem.Interface
	w         io.WriteCloser
	bw        *bufio.Writer
}

// newShard returns the writer of shard i of n under prefix.
func newShard(prefix string, i, n int) *shard {
	var b [8]byte
	rand.Read(b[:]) // never fails (crypto/rand)
	name := shardName(prefix, i, n)
	return &shard{name: name, tmp: name + ".tmp-" + hex.EncodeToString(b[:])}
}

// write appends line (which ends in '\n').
func (s *shard) write(ctx context.Context, line []byte) error {
	if s.bw == nil {
		if err := s.open(ctx); err != nil {
			return err
		}
	}
	if _, err := s.bw.Write(line); err != nil {
		return fmt.Errorf("%s: %w", s.tmp, err)
	}
	return nil
}

// open creates the temporary file.
func (s *shard) open(ctx context.Context) error {
	fs, err := filesystem.New(ctx, s.name)
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	w, err := fs.OpenWrite(ctx, s.tmp)
	if err != nil {
		fs.Close()
		return fmt.Errorf("%s: %w", s.tmp, err)
	}
	s.fs, s.w, s.bw = fs, w, bufio.NewWriterSize(w, 1<<20)
	return nil
}

// commit completes the shard under its name; nothing when no line came.
func (s *shard) commit(ctx context.Context) error {
	if s.bw == nil {
		return nil
	}
	defer s.fs.Close()
	err := s.bw.Flush()
	if cerr := s.w.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = filesystem.Rename(ctx, s.fs, s.tmp, s.name)
	}
	if err != nil {
		s.remove(ctx)
		return fmt.Errorf("%s: %w", s.name, err)
	}
	return nil
}

// abort removes the temporary file of a shard that will not be completed.
func (s *shard) abort(ctx context.Context) {
	if s.bw == nil {
		return
	}
	s.w.Close()
	s.remove(ctx)
	s.fs.Close()
}

// remove removes the temporary file, where the filesystem can.
func (s *shard) remove(ctx context.Context) {
	if r, ok := s.fs.(filesystem.Remover); ok {
		r.Remove(ctx, s.tmp)
	}
}
