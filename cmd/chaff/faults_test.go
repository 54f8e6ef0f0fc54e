package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/chaff-dev/chaff/internal/input"
	"github.com/chaff-dev/chaff/internal/output"
	"github.com/chaff-dev/chaff/internal/pipeline"
	"github.com/sirupsen/logrus"
)

// fullDisk is a file system of a few bytes under dir: a file whose bytes
// do not fit fails at Commit with ENOSPC, as a buffered write to a full
// disk does at its flush. Files elsewhere are written as usual.
type fullDisk struct {
	dir  string
	free int64
}

func (d *fullDisk) create(path string) (outFile, error) {
	f, err := output.Create(path)
	if err != nil || !strings.HasPrefix(path, d.dir) {
		return f, err
	}
	return &diskFile{File: f, disk: d}, nil
}

type diskFile struct {
	*output.File
	disk *fullDisk
	n    int64
}

func (f *diskFile) Write(p []byte) (int, error) {
	f.n += int64(len(p))
	return f.File.Write(p)
}

func (f *diskFile) Commit() error {
	if f.n > f.disk.free {
		f.Abort()
		return fmt.Errorf("output: writing %s: %w", f.Name(), syscall.ENOSPC)
	}
	f.disk.free -= f.n
	return f.File.Commit()
}

// runEnv runs chaff in process with e, adding --progress never.
func runEnv(e *env, args ...string) int {
	return run(e, append(args[:1:1], append([]string{"--progress", "never"}, args[1:]...)...))
}

// leftovers lists the temporary files under dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && strings.HasPrefix(d.Name(), output.TempPrefix) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// TestFullDiskSummary fills the output disk after three of five files:
// the summary counts three written, one failed (named first) and one
// abandoned, chaff exits 3, and nothing half-written is left.
func TestFullDiskSummary(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	var size int64
	for i := range 5 {
		writeFile(t, filepath.Join(in, fmt.Sprintf("%d.txt", i)), []byte(article(i)))
		if i < 3 {
			size += int64(len(cleanText(t, []byte(article(i)))))
		}
	}
	e, _, errb := testEnv("")
	disk := &fullDisk{dir: out, free: size}
	e.create = disk.create
	stats := filepath.Join(dir, "stats.json")
	code := runEnv(e, "clean", "-j", "1", "--stats", stats, "--output", out, in)
	if code != exitFatal {
		t.Errorf("exit %d, want 3\n%s", code, errb)
	}
	s := readStats(t, stats)
	assertBalanced(t, s)
	if s.DocumentsOut != 3 || s.DocsFailed != 1 || s.DocsAbandoned != 1 || s.RecordsFailed != 2 || s.Errors != 1 {
		t.Errorf("summary: %+v", s)
	}
	want := filepath.Join(out, "3.txt") + ": no space left on device"
	if !strings.Contains(s.FirstError, want) {
		t.Errorf("first error %q, want %q", s.FirstError, want)
	}
	if !strings.Contains(errb.String(), "documents_out=3") || !strings.Contains(errb.String(), "no space left on device") {
		t.Errorf("summary on stderr:\n%s", errb)
	}
	if files := snapshot(t, out); len(files) != 3 {
		t.Errorf("files out: %v", files)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("temporary files left: %v", l)
	}
}

// shortWriter takes n bytes, then fails as a full disk does.
type shortWriter struct {
	bytes.Buffer
	n int
}

func (w *shortWriter) Write(p []byte) (int, error) {
	if w.Len()+len(p) <= w.n {
		return w.Buffer.Write(p)
	}
	k := w.n - w.Len()
	w.Buffer.Write(p[:k])
	return k, &fs.PathError{Op: "write", Path: "/dev/stdout", Err: syscall.ENOSPC}
}

// TestStreamFullSummary writes records to a standard output that fills
// up: only the records it took whole are written, the one cut is failed.
func TestStreamFullSummary(t *testing.T) {
	var in strings.Builder
	const n = 6000 // more than one buffer of the stream
	for i := range n {
		fmt.Fprintf(&in, `{"id":"%d","text":"Une ligne %d du document."}`+"\n", i, i)
	}
	e, _, errb := testEnv(in.String())
	w := &shortWriter{n: 100_000}
	e.stdout = w
	stats := filepath.Join(t.TempDir(), "stats.json")
	code := runEnv(e, "clean", "--stats", stats, "-")
	if code != exitFatal {
		t.Errorf("exit %d, want 3\n%s", code, errb)
	}
	s := readStats(t, stats)
	assertBalanced(t, s)
	whole := strings.Count(w.String(), "\n")
	if s.DocumentsOut != whole || s.DocsFailed < 1 || s.RecordsIn < whole+1 {
		t.Errorf("%d records taken whole; summary %+v", whole, s)
	}
	if !strings.Contains(s.FirstError, "standard output") || !strings.Contains(s.FirstError, "no space left") {
		t.Errorf("first error %q", s.FirstError)
	}
}

// TestUnwritableOutputSummary writes under a path that cannot be a
// directory, and under a directory without write permission: every
// document fails, the summary says so and names the cause, exit 1.
func TestUnwritableOutputSummary(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in")
	writeFile(t, filepath.Join(in, "a.txt"), []byte(article(1)))
	writeFile(t, filepath.Join(in, "b.jsonl"), []byte(fmt.Sprintf(`{"text":%q}`+"\n"+`{"text":%q}`+"\n", article(2), article(3))))
	regular := filepath.Join(dir, "file")
	writeFile(t, regular, []byte("x"))
	locked := filepath.Join(dir, "locked")
	if err := os.Mkdir(locked, 0o555); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, out, cause string }{
		{"under a file", filepath.Join(regular, "out"), "not a directory"},
		{"read-only directory", locked, "permission denied"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "read-only directory" && os.Geteuid() == 0 {
				t.Skip("root writes in a read-only directory: the case under a file covers the failure")
			}
			stats := filepath.Join(t.TempDir(), "stats.json")
			code, _, stderr := runCmd(t, "", "clean", "--stats", stats, "--output", tc.out, in)
			if code != exitFail {
				t.Errorf("exit %d, want 1\n%s", code, stderr)
			}
			s := readStats(t, stats)
			assertBalanced(t, s)
			if s.DocumentsOut != 0 || s.DocsFailed != 3 || s.Errors != 2 || !strings.Contains(s.FirstError, tc.cause) {
				t.Errorf("summary: %+v", s)
			}
			if strings.Count(stderr, "output not written") != 2 {
				t.Errorf("want one error a file:\n%s", stderr)
			}
		})
	}
}

// TestStaleTempFiles leaves a killed run's temporary file in the output
// directory and another in the input directory: the first is swept, the
// second never read as an input, a live process's kept.
func TestStaleTempFiles(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out")
	writeFile(t, filepath.Join(in, "a.txt"), []byte(article(1)))
	stale := filepath.Join(out, output.TempPrefix+"99999999-1-a.txt")
	live := filepath.Join(out, output.TempPrefix+"1-1-b.txt") // pid 1 always runs
	writeFile(t, stale, []byte("half"))
	writeFile(t, live, []byte("being written"))
	writeFile(t, filepath.Join(in, output.TempPrefix+"99999999-2-x.txt"), []byte(article(2)))
	stats := filepath.Join(dir, "stats.json")
	if code, _, stderr := runCmd(t, "", "clean", "--stats", stats, "--output", out, in); code != exitOK {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("stale temporary file kept: %v", err)
	}
	if _, err := os.Stat(live); err != nil {
		t.Errorf("a live process's temporary file removed: %v", err)
	}
	if s := readStats(t, stats); s.DocumentsOut != 1 {
		t.Errorf("a temporary file was read as an input: %+v", s)
	}
}

// panicReader panics when read, as a bug in a reader would.
type panicReader struct{}

func (panicReader) Read([]byte) (int, error) { panic("reader bug") }

// TestInternalErrorExit checks exit status 3, with the stack at error
// level, for a panic in the reading goroutine, in the consumer (the
// output file system), and in a document's work.
func TestInternalErrorExit(t *testing.T) {
	t.Run("reader", func(t *testing.T) {
		e, _, errb := testEnv("")
		e.stdin = io.MultiReader(panicReader{})
		if code := runEnv(e, "clean", "-"); code != exitFatal {
			t.Errorf("exit %d, want 3\n%s", code, errb)
		}
		if s := errb.String(); !strings.Contains(s, "level=error") || !strings.Contains(s, "reader bug") || !strings.Contains(s, "goroutine") {
			t.Errorf("no error with a stack:\n%s", s)
		}
	})
	t.Run("report reader", func(t *testing.T) {
		e, _, errb := testEnv("")
		e.stdin = io.MultiReader(panicReader{})
		if code := run(e, []string{"report", "-"}); code != exitFatal {
			t.Errorf("exit %d, want 3\n%s", code, errb)
		}
		if s := errb.String(); !strings.Contains(s, "reader bug") || !strings.Contains(s, "goroutine") {
			t.Errorf("no error with a stack:\n%s", s)
		}
	})
	t.Run("consumer", func(t *testing.T) {
		e, _, errb := testEnv(article(1))
		e.create = func(string) (outFile, error) { panic("file system bug") }
		if code := runEnv(e, "clean", "--output", t.TempDir(), "-"); code != exitFatal {
			t.Errorf("exit %d, want 3\n%s", code, errb)
		}
		if s := errb.String(); !strings.Contains(s, "level=error") || !strings.Contains(s, "file system bug") || !strings.Contains(s, "goroutine") {
			t.Errorf("no error with a stack:\n%s", s)
		}
	})
	t.Run("work", func(t *testing.T) {
		var errb bytes.Buffer
		log := logrus.New()
		log.SetOutput(&errb)
		r := &runner{e: &env{log: log}}
		r.docFailed(&input.Document{Source: "a.jsonl", Record: 2}, &pipeline.PanicError{Value: "classifier bug", Stack: []byte("goroutine 7 [running]")})
		if !r.internal || r.sum.DocsFailed != 1 || !strings.Contains(r.sum.FirstError, "a.jsonl #2: internal error: classifier bug") {
			t.Errorf("runner after a panic: internal %v, %+v", r.internal, r.sum)
		}
		if s := errb.String(); !strings.Contains(s, "level=error") || !strings.Contains(s, "goroutine 7") {
			t.Errorf("no error with a stack:\n%s", s)
		}
		if code := exitCode(r.e, "clean", errFatalReported); code != exitFatal {
			t.Errorf("exit %d, want 3", code)
		}
	})
	t.Run("resource", func(t *testing.T) {
		e, _, _ := testEnv("")
		if code := exitCode(e, "clean", fmt.Errorf("x: %w", syscall.EMFILE)); code != exitFatal {
			t.Errorf("too many open files: exit %d, want 3", code)
		}
	})
}
