package output

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
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
	tmp, err := os.CreateTemp(dir, tempPattern(base))
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	temps.add(tmp.Name())
	return &File{path: path, tmp: tmp, w: bufio.NewWriterSize(tmp, 64<<10), perm: perm}, nil
}

// TempPrefix starts the name of every temporary file: a File is written
// as TempPrefix + PID + "-" + random + "-" + the final base name, in the
// final directory, and renamed into place by Commit. The prefix marks
// what a killed process left behind so that it is never taken for an
// output (or read as an input; see TempGlob) and can be swept (see
// RemoveStale).
const TempPrefix = ".chaff-tmp-"

// TempGlob matches the base name of a temporary file, for exclude lists.
const TempGlob = TempPrefix + "*"

// tempPattern is the os.CreateTemp pattern for a final base name.
func tempPattern(base string) string {
	return TempPrefix + strconv.Itoa(os.Getpid()) + "-*-" + strings.ReplaceAll(base, "*", "_")
}

// tempPID returns the process id in a temporary file's name.
func tempPID(name string) (int, bool) {
	rest, ok := strings.CutPrefix(name, TempPrefix)
	if !ok {
		return 0, false
	}
	pid, _, ok := strings.Cut(rest, "-")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(pid)
	return n, err == nil && n > 0
}

// RemoveStale removes the temporary files in dir (not below it) that a
// process no longer running left behind: one killed before it could
// commit or abort. Files of live processes, this one included, are left
// alone, so that runs writing to one directory at once do not disturb
// each other. It returns the paths removed.
func RemoveStale(dir string) ([]string, error) {
	es, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("output: %w", err)
	}
	var removed []string
	for _, e := range es {
		pid, ok := tempPID(e.Name())
		if !ok || !e.Type().IsRegular() || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		p := filepath.Join(dir, e.Name())
		if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, fmt.Errorf("output: %w", err)
		}
		removed = append(removed, p)
	}
	return removed, nil
}

// tempSet holds the temporary files of this process that are neither
// committed nor aborted.
type tempSet struct {
	mu    sync.Mutex
	names map[string]struct{}
}

var temps = tempSet{names: map[string]struct{}{}}

func (s *tempSet) add(name string) {
	s.mu.Lock()
	s.names[name] = struct{}{}
	s.mu.Unlock()
}

func (s *tempSet) remove(name string) {
	s.mu.Lock()
	delete(s.names, name)
	s.mu.Unlock()
}

// RemoveTemps removes the temporary files of every File not yet committed
// or aborted. It is for a process about to exit at once (a second
// interrupt, a panic) and is safe to call from any goroutine; the Files
// themselves are left unusable.
func RemoveTemps() {
	temps.mu.Lock()
	defer temps.mu.Unlock()
	for name := range temps.names {
		os.Remove(name)
		delete(temps.names, name)
	}
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
		f.err = f.wrap("writing", err)
		return n, f.err
	}
	return n, nil
}

// wrap names the final path in an error of the temporary file's.
func (f *File) wrap(doing string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("output: %s %s: %w", doing, f.path, err)
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
		f.err = f.wrap("writing", err)
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
		return f.wrap("writing", err)
	}
	if err := f.tmp.Chmod(f.perm); err != nil {
		return f.wrap("setting the mode of", err)
	}
	if err := f.tmp.Sync(); err != nil {
		return f.wrap("syncing", err)
	}
	if err := f.tmp.Close(); err != nil {
		return f.wrap("closing", err)
	}
	if err := os.Rename(f.tmp.Name(), f.path); err != nil {
		return fmt.Errorf("output: %w", err)
	}
	temps.remove(f.tmp.Name())
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
	temps.remove(f.tmp.Name())
	if err := os.Remove(f.tmp.Name()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("output: %w", err)
	}
	return nil
}
