//go:build unix

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestMain runs chaff's main instead of the tests when CHAFF_TEST_MAIN is
// set, so that a test can run chaff as a process of its own (signals,
// exit statuses) without building it.
func TestMain(m *testing.M) {
	if os.Getenv("CHAFF_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// chaffProcess starts chaff with args, its stdin a pipe that stays open
// (input that never ends) and its stderr in a buffer.
func chaffProcess(t *testing.T, args ...string) (*exec.Cmd, io.WriteCloser, *syncBuffer) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "CHAFF_TEST_MAIN=1")
	errb := new(syncBuffer)
	cmd.Stderr = errb
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		if cmd.ProcessState == nil && cmd.Process != nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd, stdin, errb
}

// feed writes n small JSONL records to w from a goroutine; the channel
// is closed once they are all written.
func feed(w io.Writer, n int) <-chan struct{} {
	done := make(chan struct{})
	go func() {
		defer close(done)
		bw := bufio.NewWriter(w)
		for i := range n {
			fmt.Fprintf(bw, `{"id":"%d","text":"Le conseil municipal adopte le budget numéro %d.\nPartager sur Facebook\n"}`+"\n", i, i)
		}
		bw.Flush()
	}()
	return done
}

// waitExit waits for cmd for at most d and returns its exit status.
func waitExit(t *testing.T, cmd *exec.Cmd, d time.Duration) int {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		if err != nil && !errors.As(err, &ee) {
			t.Fatal(err)
		}
		return cmd.ProcessState.ExitCode()
	case <-time.After(d):
		cmd.Process.Kill()
		<-done
		t.Fatalf("chaff did not exit within %v of the signal", d)
		return -1
	}
}

// waitFor polls cond for up to 30 seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(30 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// TestInterruptStream sends SIGINT while chaff cleans standard input that
// never ends: it stops, writes whole records only, the summary and
// --stats marked interrupted, and exits 130.
func TestInterruptStream(t *testing.T) {
	stats := filepath.Join(t.TempDir(), "stats.json")
	cmd, stdin, errb := chaffProcess(t, "clean", "--progress", "never", "--stats", stats, "-")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	feed(stdin, 6000) // more than one buffer of the output stream
	br := bufio.NewReader(stdout)
	first, err := br.ReadString('\n')
	if err != nil {
		t.Fatalf("no output before the signal: %v\n%s", err, errb)
	}
	cmd.Process.Signal(os.Interrupt)
	rest, _ := io.ReadAll(br)
	if code := waitExit(t, cmd, 30*time.Second); code != 130 {
		t.Errorf("exit %d, want 130\n%s", code, errb)
	}
	lines := strings.Split(strings.TrimSuffix(first+string(rest), "\n"), "\n")
	for _, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Fatalf("a record cut short: %q", l)
		}
	}
	s := readStats(t, stats)
	assertBalanced(t, s)
	if !s.Interrupted || s.Signal != "interrupt" || s.DocumentsOut != len(lines) {
		t.Errorf("%d records out; stats %+v", len(lines), s)
	}
	if !strings.Contains(errb.String(), "msg=summary") || !strings.Contains(errb.String(), "interrupted=true") {
		t.Errorf("no summary marked interrupted:\n%s", errb)
	}
}

// TestTerminateDirectory sends SIGTERM while chaff writes standard input
// under --output: the file being written is dropped, no temporary file is
// left, its documents are abandoned, and chaff exits 143.
func TestTerminateDirectory(t *testing.T) {
	dir := t.TempDir()
	out, stats := filepath.Join(dir, "out"), filepath.Join(dir, "stats.json")
	cmd, stdin, errb := chaffProcess(t, "clean", "--progress", "never", "--stats", stats, "--output", out, "-")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	feed(stdin, 100)
	waitFor(t, "the temporary output file", func() bool { return len(leftovers(t, out)) > 0 })
	cmd.Process.Signal(syscall.SIGTERM)
	if code := waitExit(t, cmd, 30*time.Second); code != 143 {
		t.Errorf("exit %d, want 143\n%s", code, errb)
	}
	if files := snapshot(t, out); len(files) != 0 {
		t.Errorf("files left in the output directory: %v", files)
	}
	s := readStats(t, stats)
	assertBalanced(t, s)
	if !s.Interrupted || s.Signal != "terminated" || s.DocumentsOut != 0 || s.DocsAbandoned == 0 {
		t.Errorf("stats %+v", s)
	}
}

// TestSecondInterrupt blocks chaff on a standard output nobody reads, so
// that the first SIGINT cannot finish: the second stops it at once.
func TestSecondInterrupt(t *testing.T) {
	cmd, stdin, errb := chaffProcess(t, "clean", "--progress", "never", "-")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer stdout.Close()
	feed(stdin, 20000) // far more than a pipe holds
	br := bufio.NewReader(stdout)
	if _, err := br.Peek(1); err != nil {
		t.Fatalf("no output: %v\n%s", err, errb)
	}
	time.Sleep(500 * time.Millisecond) // the pipe fills; chaff blocks writing
	cmd.Process.Signal(os.Interrupt)
	waitFor(t, "the first signal's warning", func() bool { return strings.Contains(errb.String(), "again to stop at once") })
	cmd.Process.Signal(os.Interrupt)
	if code := waitExit(t, cmd, 10*time.Second); code != 130 {
		t.Errorf("exit %d, want 130\n%s", code, errb)
	}
	if !strings.Contains(errb.String(), "stopped at once") {
		t.Errorf("stderr:\n%s", errb)
	}
}

// TestInterruptReport sends SIGINT to chaff report reading standard input
// that never ends: it stops without writing a partial report, exit 130.
func TestInterruptReport(t *testing.T) {
	page := filepath.Join(t.TempDir(), "report.html")
	cmd, stdin, errb := chaffProcess(t, "report", "--html", page, "-")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Far more than a pipe holds: once written, chaff is reading.
	select {
	case <-feed(stdin, 20000):
	case <-time.After(30 * time.Second):
		t.Fatalf("chaff does not read its input\n%s", errb)
	}
	cmd.Process.Signal(os.Interrupt)
	if code := waitExit(t, cmd, 30*time.Second); code != 130 {
		t.Errorf("exit %d, want 130\n%s", code, errb)
	}
	if _, err := os.Stat(page); err == nil || !strings.Contains(errb.String(), "no report written") {
		t.Errorf("report written after an interrupt (%v):\n%s", err, errb)
	}
}
