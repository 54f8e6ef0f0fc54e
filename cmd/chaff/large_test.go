package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/klauspost/compress/gzip"
	"github.com/sirupsen/logrus"
)

// TestLargeInputs runs clean and label over the inputs of issue #23 that
// once exhausted memory: 10 M one-letter lines, 20 MB of newlines, and
// gzip bombs of 10 GB (a text file, and a JSONL record between two good
// ones). Each must finish with its live heap under a bound that does not
// depend on the input's size, a bomb failing alone. It takes minutes and
// writes gigabytes through gzip, so it runs only with CHAFF_LARGE=1:
//
//	CHAFF_LARGE=1 go test ./cmd/chaff -run TestLargeInputs -v -timeout 30m
func TestLargeInputs(t *testing.T) {
	if os.Getenv("CHAFF_LARGE") != "1" {
		t.Skip("10 M lines and 10 GB gzip bombs: set CHAFF_LARGE=1 to run")
	}
	dir := t.TempDir()
	lines10M := filepath.Join(dir, "lines.txt.gz")
	writeGzip(t, lines10M, func(w io.Writer) {
		chunk := bytes.Repeat([]byte("a\n"), 1<<20)
		for range 10 {
			mustWrite(t, w, chunk)
		}
	})
	newlines := filepath.Join(dir, "newlines.txt")
	writeFile(t, newlines, bytes.Repeat([]byte("\n"), 20<<20))
	bomb := filepath.Join(dir, "bomb.txt.gz")
	writeGzip(t, bomb, func(w io.Writer) { writeRepeated(t, w, 'a', 10<<30) })
	jsonBomb := filepath.Join(dir, "bomb.jsonl.gz")
	writeGzip(t, jsonBomb, func(w io.Writer) {
		mustWrite(t, w, []byte(`{"id":"1","text":"A first record with a few words in it."}`+"\n"+`{"id":"2","text":"`))
		writeRepeated(t, w, 'a', 10<<30)
		mustWrite(t, w, []byte(`"}`+"\n"+`{"id":"3","text":"A third record, read after the bomb."}`+"\n"))
	})

	tests := []struct {
		name, cmd, in string
		code          int
		bound         uint64
		stderr        string // what the log must say, if anything
	}{
		{"clean 10M lines", "clean", lines10M, exitOK, 300 << 20, ""},
		{"label 10M lines", "label", lines10M, exitOK, 300 << 20, ""},
		{"clean 20 MB of newlines", "clean", newlines, exitOK, 300 << 20, ""},
		{"label 20 MB of newlines", "label", newlines, exitOK, 300 << 20, ""},
		// The document is read up to --max-document-size (256 MiB) and
		// fails there.
		{"clean 10 GB text bomb", "clean", bomb, exitFail, 700 << 20, "--max-document-size"},
		{"clean 10 GB JSONL bomb", "clean", jsonBomb, exitFail, 300 << 20, "--max-line-size"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := os.Create(filepath.Join(dir, "out"))
			if err != nil {
				t.Fatal(err)
			}
			defer out.Close()
			var logs strings.Builder
			e := &env{stdin: strings.NewReader(""), stdout: out, stderr: &logs, log: logrus.New()}
			e.log.SetOutput(&logs)
			var code int
			runtime.GC() // not to count the garbage of the case before
			peak := peakHeap(func() { code = run(e, []string{tt.cmd, "--progress", "never", tt.in}) })
			t.Logf("peak live heap %d MB", peak>>20)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s", code, tt.code, logs.String())
			}
			if peak > tt.bound {
				t.Errorf("live heap reached %d MB, bound %d MB", peak>>20, tt.bound>>20)
			}
			if tt.stderr != "" && !strings.Contains(logs.String(), tt.stderr) {
				t.Errorf("the log does not name %s:\n%s", tt.stderr, logs.String())
			}
			if tt.in == jsonBomb {
				got, err := os.ReadFile(out.Name())
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Contains(got, []byte(`"id":"1"`)) || !bytes.Contains(got, []byte(`"id":"3"`)) {
					t.Errorf("the records around the bomb are missing:\n%.300s", got)
				}
			}
		})
	}
}

// writeGzip writes path as gzip, its content from fill.
func writeGzip(t *testing.T, path string, fill func(io.Writer)) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw, err := gzip.NewWriterLevel(f, gzip.BestSpeed)
	if err != nil {
		t.Fatal(err)
	}
	fill(zw)
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// writeRepeated writes n bytes b to w.
func writeRepeated(t *testing.T, w io.Writer, b byte, n int64) {
	t.Helper()
	chunk := bytes.Repeat([]byte{b}, 1<<20)
	for ; n > 0; n -= int64(len(chunk)) {
		mustWrite(t, w, chunk[:min(n, int64(len(chunk)))])
	}
}

// mustWrite writes p to w or fails the test.
func mustWrite(t *testing.T, w io.Writer, p []byte) {
	t.Helper()
	if _, err := w.Write(p); err != nil {
		t.Fatal(err)
	}
}
