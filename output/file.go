package output

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// ErrClosed is returned when writing to, or committing, a File that was
// already committed or aborted.
var ErrClosed = errors.New("output: file already committed or aborted")

// DefaultPerm is the permission of a new file that does not replace an
// existing one.
const DefaultPerm fs.FileMode = 0o644

// File is a file being written. Use it as an io.Writer, then call Commit to
// publish it or Abort to drop it. A typical use is
//
//	f, err := output.Create(path)
//	if err != nil { ... }
//	defer f.Abort() // no-op after a successful Commit
//	... write ...
//	return f.Commit()
//
// A File is not safe for concurrent use.
type File struct {
	path string
	tmp  *os.File
	w    *bufio.Writer
	perm fs.FileMode
	err  error // first write error; Commit refuses to publish after one
	done bool
}

// Create starts writing path. Missing parent directories are created. The
// final file gets the permissions of the file it replaces, or DefaultPerm.
func Create(path string) (*File, error) {
	perm := DefaultPerm
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("output: %s exists and is not a regular file", path)
		}
		perm = fi.Mode().Perm()
	}
	return CreatePerm(path, perm)
}

// CreatePerm is like Create with explicit permissions for the final file.
func CreatePerm(path string, perm fs.FileMode) (*File, error) {
	dir, base := filepath.Split(path)
	if base == "" {
		return nil, fmt.Errorf("output: %q names a directory, not a file", path)
	}
	if dir == "" {
		dir = "."
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	return &File{path: path, tmp: tmp, w: bufio.NewWriterSize(tmp, 64<<10), perm: perm}, nil
}

// Name returns the final path.
func (f *File) Name() string { return f.path }

// TempName returns the path of the temporary file being written.
func (f *File) TempName() string { return f.tmp.Name() }

// Write writes to the temporary file.
func (f *File) Write(p []byte) (int, error) {
	if f.done {
		return 0, ErrClosed
	}
	if f.err != nil {
		return 0, f.err
	}
	n, err := f.w.Write(p)
	if err != nil {
		f.err = fmt.Errorf("output: writing %s: %w", f.tmp.Name(), err)
		return n, f.err
	}
	return n, nil
}

// WriteString writes s to the temporary file.
func (f *File) WriteString(s string) (int, error) {
	if f.done {
		return 0, ErrClosed
	}
	if f.err != nil {
		return 0, f.err
	}
	n, err := f.w.WriteString(s)
	if err != nil {
		f.err = fmt.Errorf("output: writing %s: %w", f.tmp.Name(), err)
		return n, f.err
	}
	return n, nil
}

// Commit flushes and fsyncs the temporary file, renames it over the final
// path and fsyncs the directory. On any error, including an earlier write
// error, the temporary file is removed and the final path is left as it
// was.
func (f *File) Commit() error {
	if f.done {
		return ErrClosed
	}
	err := f.err
	if err == nil {
		err = f.publish()
	}
	if err != nil {
		f.abort()
		return err
	}
	f.done = true
	return nil
}

func (f *File) publish() error {
	if err := f.w.Flush(); err != nil {
		return fmt.Errorf("output: writing %s: %w", f.tmp.Name(), err)
	}
	if err := f.tmp.Chmod(f.perm); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	if err := f.tmp.Sync(); err != nil {
		return fmt.Errorf("output: syncing %s: %w", f.tmp.Name(), err)
	}
	if err := f.tmp.Close(); err != nil {
		return fmt.Errorf("output: closing %s: %w", f.tmp.Name(), err)
	}
	if err := os.Rename(f.tmp.Name(), f.path); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	// Make the rename durable. Some systems cannot sync a directory; the
	// data itself is already synced, so that is not an error.
	if d, err := os.Open(filepath.Dir(f.path)); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// Abort drops the temporary file. It is a no-op after Commit and may be
// called more than once, so it is safe to defer.
func (f *File) Abort() error {
	if f.done {
		return nil
	}
	return f.abort()
}

func (f *File) abort() error {
	f.done = true
	f.tmp.Close()
	if err := os.Remove(f.tmp.Name()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}
