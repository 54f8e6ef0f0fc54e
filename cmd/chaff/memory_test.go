package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/sirupsen/logrus"
)

// TestMaxLinesFailsAlone checks that a record with more lines than
// --max-lines fails alone, with an error naming its file, its record and
// the flag, while the records around it are written.
func TestMaxLinesFailsAlone(t *testing.T) {
	long := strings.Repeat("a\n", 50)
	in := fmt.Sprintf("{\"id\":\"1\",\"text\":%q}\n{\"id\":\"2\",\"text\":%q}\n{\"id\":\"3\",\"text\":%q}\n", article(1), long, article(2))
	for _, cmd := range []string{"clean", "label"} {
		code, stdout, stderr := runCmd(t, in, cmd, "--max-lines", "40", "-")
		if code != exitFail {
			t.Errorf("%s: exit %d, want %d", cmd, code, exitFail)
		}
		if !strings.Contains(stderr, "record=2") || !strings.Contains(stderr, "file=-") || !strings.Contains(stderr, "more than 40 lines") || !strings.Contains(stderr, "--max-lines") {
			t.Errorf("%s: the error does not name the file, record and flag:\n%s", cmd, stderr)
		}
		for _, id := range []string{`"id":"1"`, `"id":"3"`} {
			if !strings.Contains(stdout, id) {
				t.Errorf("%s: record %s missing from the output", cmd, id)
			}
		}
		if strings.Contains(stdout, `"id":"2"`) || strings.Contains(stdout, `"record":2`) {
			t.Errorf("%s: the failed record was written", cmd)
		}
	}
	if code, _, stderr := runCmd(t, "", "clean", "--max-lines", "-1", "-"); code != exitUsage || !strings.Contains(stderr, "--max-lines") {
		t.Errorf("--max-lines -1: exit %d, %s", code, stderr)
	}
}

// TestMaxTagsFailsAlone checks that an HTML record with more tags than
// --max-tags fails alone, naming its record and the flag, and that
// --max-tags 0 lifts the bound.
func TestMaxTagsFailsAlone(t *testing.T) {
	page := func(n int) string {
		return "<html><body>" + strings.Repeat("<p>Some words of a paragraph here.</p>", n) + "</body></html>"
	}
	in := fmt.Sprintf("{\"id\":\"1\",\"text\":%q}\n{\"id\":\"2\",\"text\":%q}\n{\"id\":\"3\",\"text\":%q}\n", page(2), page(40), page(3))
	code, stdout, stderr := runCmd(t, in, "clean", "--html", "--max-tags", "30", "-")
	if code != exitFail {
		t.Errorf("exit %d, want %d", code, exitFail)
	}
	if !strings.Contains(stderr, "record=2") || !strings.Contains(stderr, "too much markup") || !strings.Contains(stderr, "--max-tags") {
		t.Errorf("the error does not name the record, the cause and the flag:\n%s", stderr)
	}
	if !strings.Contains(stdout, `"id":"1"`) || !strings.Contains(stdout, `"id":"3"`) || strings.Contains(stdout, `"id":"2"`) {
		t.Errorf("want records 1 and 3 written, 2 failed:\n%s", stdout)
	}
	if code, stdout, stderr := runCmd(t, in, "clean", "--html", "--max-tags", "0", "-"); code != exitOK || strings.Count(stdout, "\n") != 3 {
		t.Errorf("--max-tags 0: exit %d, %d records, %s", code, strings.Count(stdout, "\n"), stderr)
	}
	if code, _, stderr := runCmd(t, "", "clean", "--max-tags", "-1", "-"); code != exitUsage || !strings.Contains(stderr, "--max-tags") {
		t.Errorf("--max-tags -1: exit %d, %s", code, stderr)
	}
}

// TestMemoryFlatInLines runs clean, label and report over a document of
// 500,000 one-letter lines and checks that the live heap stays under a
// bound that does not grow with the line count (it reached 0.5 GB and
// 1.2 GB for clean and label when every line was kept in memory at once,
// 0.46 GB for report). The output goes to a file: label's is 70 MB.
func TestMemoryFlatInLines(t *testing.T) {
	if testing.Short() {
		t.Skip("classifies 500,000 lines: not in -short mode")
	}
	const bound = 150 << 20
	dir := t.TempDir()
	in := filepath.Join(dir, "a.txt")
	writeFile(t, in, bytes.Repeat([]byte("a\n"), 500_000))
	tests := []struct {
		name string
		args []string
	}{
		{"clean", []string{"clean", "--progress", "never", "-j", "2", in}},
		{"label", []string{"label", "--progress", "never", "-j", "2", in}},
		{"report", []string{"report", "--format", "json", "-j", "2", in}},
	}
	for _, tt := range tests {
		out, err := os.Create(filepath.Join(dir, tt.name+".out"))
		if err != nil {
			t.Fatal(err)
		}
		e := &env{stdin: strings.NewReader(""), stdout: out, stderr: io.Discard, log: logrus.New()}
		e.log.SetOutput(io.Discard)
		var code int
		peak := peakHeap(func() { code = run(e, tt.args) })
		out.Close()
		t.Logf("%s: peak live heap %d MB", tt.name, peak>>20)
		if code != exitOK {
			t.Fatalf("%s: exit %d", tt.name, code)
		}
		if peak > bound {
			t.Errorf("%s: live heap reached %d MB, bound %d MB", tt.name, peak>>20, bound>>20)
		}
	}
}

// peakHeap runs f and returns the largest live heap seen meanwhile,
// sampled every few milliseconds through runtime/metrics.
func peakHeap(f func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-done:
				return
			case <-tick.C:
			}
		}
	})
	f()
	close(done)
	wg.Wait()
	return peak
}
