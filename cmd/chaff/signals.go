package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync/atomic"

	"github.com/chaff-dev/chaff/internal/output"
)

// interruptible returns a context that the first SIGINT or SIGTERM
// cancels, and caught, which returns that signal (nil before one). A
// second signal removes the temporary files and exits at once with
// 128 + its number. stop ends the watch. Without e.notify (in-process
// tests) no signal is caught.
func (e *env) interruptible(parent context.Context) (ctx context.Context, caught func() os.Signal, stop func()) {
	ctx, cancel := context.WithCancel(parent)
	var got atomic.Pointer[os.Signal]
	caught = func() os.Signal {
		if s := got.Load(); s != nil {
			return *s
		}
		return nil
	}
	if e.notify == nil {
		return ctx, caught, cancel
	}
	c := make(chan os.Signal, 2)
	e.notify(c)
	done := make(chan struct{})
	go func() {
		select {
		case s := <-c:
			got.Store(&s)
			e.log.Warnf("%v: stopping after the documents in flight (again to stop at once)", s)
			cancel()
		case <-done:
			return
		}
		select {
		case s := <-c:
			output.RemoveTemps()
			fmt.Fprintf(e.stderr, "chaff: %v again: stopped at once, no summary\n", s)
			os.Exit(errInterrupted{s}.code())
		case <-done:
		}
	}()
	return ctx, caught, func() { close(done); cancel() }
}

// stdinUntil returns a reader of r that fails with ctx's error once ctx is
// done, even while a read of r blocks (a pipe that never ends): the read
// goes on in a goroutine of its own, left behind.
func stdinUntil(ctx context.Context, r io.Reader) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := r.Read(buf)
			if n > 0 {
				if _, werr := pw.Write(buf[:n]); werr != nil {
					return
				}
			}
			if err != nil {
				pw.CloseWithError(err)
				return
			}
		}
	}()
	context.AfterFunc(ctx, func() { pw.CloseWithError(ctx.Err()) })
	return pr
}
