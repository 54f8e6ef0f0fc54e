package output

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestCommitAndAbort(t *testing.T) {
	tests := []struct {
		name     string
		existing string // content already at the final path, "" for none
		commit   bool
		want     string // content at the final path afterwards, "-" for none
	}{
		{"commit new", "", true, "new content"},
		{"abort new", "", false, "-"},
		{"commit replaces", "old", true, "new content"},
		{"abort keeps old", "old", false, "old"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "out.jsonl")
			if tt.existing != "" {
				os.WriteFile(path, []byte(tt.existing), 0o600)
			}
			f, err := Create(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := f.WriteString("new "); err != nil {
				t.Fatal(err)
			}
			f.Write([]byte("content"))
			// Nothing is visible at the final path before Commit.
			if b, err := os.ReadFile(path); tt.existing == "" && err == nil || tt.existing != "" && string(b) != tt.existing {
				t.Fatalf("final path changed before Commit: %q, %v", b, err)
			}
			if !strings.HasPrefix(filepath.Base(f.TempName()), TempPrefix) || !strings.HasSuffix(f.TempName(), "-out.jsonl") || filepath.Dir(f.TempName()) != dir {
				t.Errorf("temp file %s not hidden in the destination directory", f.TempName())
			}
			if tt.commit {
				err = f.Commit()
			} else {
				err = f.Abort()
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := f.Abort(); err != nil {
				t.Errorf("second Abort: %v", err)
			}
			b, err := os.ReadFile(path)
			if got := string(b); err != nil && tt.want != "-" || err == nil && got != tt.want {
				t.Errorf("final content %q (%v), want %q", got, err, tt.want)
			}
			if names := entries(t, dir); len(names) > 1 || len(names) == 1 && names[0] != "out.jsonl" {
				t.Errorf("left behind: %v", names)
			}
			if tt.existing != "" && tt.commit {
				if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
					t.Errorf("mode %v, want the replaced file's 0600", fi.Mode().Perm())
				}
			}
		})
	}
}

func TestUseAfterClose(t *testing.T) {
	dir := t.TempDir()
	f, err := Create(filepath.Join(dir, "a"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write([]byte("x")); !errors.Is(err, ErrClosed) {
		t.Errorf("Write after Commit: %v", err)
	}
	if err := f.Commit(); !errors.Is(err, ErrClosed) {
		t.Errorf("second Commit: %v", err)
	}
	if fi, err := os.Stat(filepath.Join(dir, "a")); err != nil || fi.Size() != 0 || fi.Mode().Perm() != DefaultPerm {
		t.Errorf("committed empty file: %v, %v", fi, err)
	}
}

func TestCommitFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "target")
	f, err := Create(path)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("data")
	// A directory appears at the final path: the rename must fail.
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(path, "keep"), []byte("k"), 0o644)
	if err := f.Commit(); err == nil {
		t.Fatal("Commit over a non-empty directory succeeded")
	}
	if names := entries(t, dir); len(names) != 1 || names[0] != "target" {
		t.Errorf("after failed Commit: %v", names)
	}
	if _, err := os.Stat(filepath.Join(path, "keep")); err != nil {
		t.Errorf("directory content lost: %v", err)
	}
}

func TestCreateErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Create(dir + string(filepath.Separator)); err == nil {
		t.Error("Create of a directory path: no error")
	}
	if _, err := Create(dir); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("Create over a directory: %v", err)
	}
	// Parents are created.
	f, err := Create(filepath.Join(dir, "x", "y", "z.txt"))
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("z")
	if err := f.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "x", "y", "z.txt")); string(b) != "z" {
		t.Errorf("nested file content %q", b)
	}
}

func TestMirrorPath(t *testing.T) {
	j := filepath.Join
	tests := []struct{ outDir, root, in, want string }{
		{"out", "in", j("in", "a", "b.jsonl"), j("out", "a", "b.jsonl")},
		{"out", "in", j("in", "a", "b.jsonl.gz"), j("out", "a", "b.jsonl")},
		{"out", "in", j("in", "c.warc.ZST"), j("out", "c.warc")},
		{"out", "in", j("in", "d.zstd"), j("out", "d")},
		{"out", j("in", "file.txt"), j("in", "file.txt"), j("out", "file.txt")},
		{"out", "elsewhere", j("in", "x.html"), j("out", "x.html")},
		{"out", "-", "-", j("out", "stdin")},
		{"out", "in", j("in", ".gz"), j("out", ".gz")},
		{"/abs/out", "/data", "/data/2024/p.html.gz", j("/abs/out", "2024", "p.html")},
	}
	for _, tt := range tests {
		if got := MirrorPath(tt.outDir, tt.root, tt.in); got != tt.want {
			t.Errorf("MirrorPath(%q, %q, %q) = %q, want %q", tt.outDir, tt.root, tt.in, got, tt.want)
		}
	}
}

// TestRemoveStale leaves a killed run's temporary file, a live one's and
// other files in a directory: only the first goes.
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	// No process has an id past the kernel's largest (4194304 on Linux).
	dead := filepath.Join(dir, TempPrefix+"99999999-123-a.txt")
	mine, err := Create(filepath.Join(dir, "b.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer mine.Abort()
	other := filepath.Join(dir, ".b.txt.tmp-1")
	for _, p := range []string{dead, other} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	removed, err := RemoveStale(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(removed) != 1 || removed[0] != dead {
		t.Errorf("removed %v, want only %s", removed, dead)
	}
	for _, p := range []string{mine.TempName(), other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s removed: %v", p, err)
		}
	}
}

// TestRemoveTemps removes what is being written, and nothing committed.
func TestRemoveTemps(t *testing.T) {
	dir := t.TempDir()
	done, err := Create(filepath.Join(dir, "done.txt"))
	if err != nil {
		t.Fatal(err)
	}
	done.WriteString("kept")
	if err := done.Commit(); err != nil {
		t.Fatal(err)
	}
	open, err := Create(filepath.Join(dir, "open.txt"))
	if err != nil {
		t.Fatal(err)
	}
	open.WriteString("partial")
	RemoveTemps()
	if names := entries(t, dir); len(names) != 1 || names[0] != "done.txt" {
		t.Errorf("after RemoveTemps: %v", names)
	}
	if err := open.Commit(); err == nil {
		t.Error("Commit after RemoveTemps succeeded")
	}
}
