package pipeline

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"runtime/debug"
	"sync"
)

// PanicError is the error an item gets when its work function panicked.
// The run goes on; the consumer sees the item with this error.
type PanicError struct {
	Value any    // the value passed to panic
	Stack []byte // the worker's stack at the time of the panic
}

// Error describes the panic value.
func (e *PanicError) Error() string { return fmt.Sprintf("pipeline: work panicked: %v", e.Value) }

// Unwrap returns the panic value when it is an error, so errors.Is and
// errors.As see through a PanicError.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// SourceError wraps a panic raised by the input iterator itself. Run
// returns it after the items read before the panic were delivered.
type SourceError struct {
	Value any    // the value passed to panic
	Stack []byte // the reader's stack at the time of the panic
}

// Error describes the panic value.
func (e *SourceError) Error() string { return fmt.Sprintf("pipeline: source panicked: %v", e.Value) }

// DefaultWorkers is the number of workers Run uses when asked for 0 or
// fewer: one per CPU.
func DefaultWorkers() int { return runtime.NumCPU() }

// DefaultInFlight is the in-flight bound Run uses when asked for 0 or
// fewer: four items per worker, enough to keep every worker busy while the
// consumer waits for a slow item.
func DefaultInFlight(workers int) int { return 4 * workers }

// slot holds one item from the moment the source yields it until the sink
// has returned. Run allocates exactly inFlight slots and recycles them, so
// the number of slots bounds the items alive at once.
type slot[In, Out any] struct {
	in   In
	out  Out
	err  error
	done chan struct{} // capacity 1; the worker signals, the consumer waits
}

// Run reads items from src, applies work to each on up to workers
// goroutines, and calls sink once per item, in the order src yielded them,
// from the goroutine that called Run.
//
// At most inFlight items exist between being yielded by src and the
// return of sink for them: the reader claims a free slot before it lets
// src produce the next item, so memory stays flat whatever the length of
// src. workers ≤ 0 means DefaultWorkers, inFlight ≤ 0 means
// DefaultInFlight(workers); an inFlight below workers is raised to
// workers.
//
// The error that work returns for an item is handed to sink with it; a
// panic in work becomes a *PanicError for that item. The run stops at the
// first of: src exhausted (Run returns nil); sink returning an error (Run
// returns it, or nil for ErrStopped); ctx cancelled (Run returns
// ctx.Err()); src panicking (Run returns a *SourceError after delivering
// the items read before the panic).
// Run returns only after every goroutine it started has exited; work
// receives a context that is cancelled when the run stops, and src should
// return promptly once ctx is done if it can block.
func Run[In, Out any](ctx context.Context, workers, inFlight int, src iter.Seq[In],
	work func(context.Context, In) (Out, error), sink func(In, Out, error) error) error {
	if workers <= 0 {
		workers = DefaultWorkers()
	}
	if inFlight <= 0 {
		inFlight = DefaultInFlight(workers)
	}
	if inFlight < workers {
		inFlight = workers
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	free := make(chan *slot[In, Out], inFlight)
	for range inFlight {
		free <- &slot[In, Out]{done: make(chan struct{}, 1)}
	}
	// Both queues can hold every slot, so sends to them never block.
	jobs := make(chan *slot[In, Out], inFlight)
	order := make(chan *slot[In, Out], inFlight)

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range jobs {
				if err := ctx.Err(); err != nil {
					s.err = err
				} else {
					s.out, s.err = protect(ctx, work, s.in)
				}
				s.done <- struct{}{}
			}
		}()
	}

	var srcErr error
	readerDone := make(chan struct{})
	go func() {
		defer close(readerDone)
		defer close(order)
		defer close(jobs)
		srcErr = read(ctx, src, free, jobs, order)
	}()

	err := consume(ctx, order, free, sink)
	cancel()
	// Drain what the reader still queues so it and the workers can exit.
	for s := range order {
		<-s.done
	}
	<-readerDone
	wg.Wait()
	if errors.Is(err, ErrStopped) {
		err = nil
	}
	if err != nil {
		return err
	}
	return srcErr
}

// read claims a free slot before each item src yields, so src never
// produces an item that has no slot.
func read[In, Out any](ctx context.Context, src iter.Seq[In], free, jobs, order chan *slot[In, Out]) (err error) {
	var next *slot[In, Out]
	claim := func() bool {
		if ctx.Err() != nil {
			return false
		}
		select {
		case next = <-free:
			return true
		case <-ctx.Done():
			return false
		}
	}
	defer func() {
		if v := recover(); v != nil {
			err = &SourceError{Value: v, Stack: debug.Stack()}
		}
	}()
	if !claim() {
		return nil
	}
	for v := range src {
		next.in = v
		jobs <- next
		order <- next
		if !claim() {
			return nil
		}
	}
	return nil
}

// consume delivers finished items in order and recycles their slots.
func consume[In, Out any](ctx context.Context, order, free chan *slot[In, Out], sink func(In, Out, error) error) error {
	var zeroIn In
	var zeroOut Out
	for s := range order {
		select {
		case <-s.done:
		case <-ctx.Done():
			<-s.done // the worker sees ctx and finishes at once
			return ctx.Err()
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		err := sink(s.in, s.out, s.err)
		s.in, s.out, s.err = zeroIn, zeroOut, nil
		free <- s
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

// protect calls work and turns a panic into a *PanicError.
func protect[In, Out any](ctx context.Context, work func(context.Context, In) (Out, error), in In) (out Out, err error) {
	defer func() {
		if v := recover(); v != nil {
			var zero Out
			out, err = zero, &PanicError{Value: v, Stack: debug.Stack()}
		}
	}()
	return work(ctx, in)
}

// ErrStopped can be returned by a sink to stop a run early without it
// counting as a failure: Run then returns nil.
var ErrStopped = errors.New("pipeline: stopped by sink")
