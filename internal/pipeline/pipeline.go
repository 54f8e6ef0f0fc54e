package pipeline

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"runtime/debug"
	"sync"

	"golang.org/x/sync/semaphore"
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
// consumer waits for a slow item, and few enough for items of any size.
// For many small items, a larger count with a weight bound (RunWeighted)
// saves the goroutines waiting for each other item by item.
func DefaultInFlight(workers int) int { return 4 * workers }

// slot holds one item from the moment the source yields it until the sink
// has returned. Run allocates exactly inFlight slots and recycles them, so
// the number of slots bounds the items alive at once.
type slot[In, Out any] struct {
	in     In
	weight int64 // what in holds of the weight bound (see RunWeighted)
	out    Out
	err    error
	done   chan struct{} // capacity 1; the worker signals, the consumer waits
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
	return RunWeighted(ctx, workers, inFlight, 0, nil, src, work, sink)
}

// RunWeighted is Run with a second bound, for items whose size varies
// (documents): the weights of the items in flight, weigh(item) each, add
// up to at most maxWeight. An item counts for at most maxWeight/workers,
// so that every worker can hold one item however heavy, and the item src
// has just yielded waits for its weight outside the bound: at most
// maxWeight plus one item's weight are alive at once. A count bound alone
// must be small for the heaviest items, and a small one makes the reader,
// the workers and the consumer wait for each other item by item; with
// both, the count can be large. maxWeight ≤ 0 or a nil weigh sets no
// weight bound.
func RunWeighted[In, Out any](ctx context.Context, workers, inFlight int, maxWeight int64, weigh func(In) int64,
	src iter.Seq[In], work func(context.Context, In) (Out, error), sink func(In, Out, error) error) error {
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

	var w *weights[In]
	if maxWeight > 0 && weigh != nil {
		w = &weights[In]{sem: semaphore.NewWeighted(maxWeight), most: max(maxWeight/int64(workers), 1), weigh: weigh}
	}
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
		srcErr = read(ctx, src, w, free, jobs, order)
	}()

	err := consume(ctx, order, free, w, sink)
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

// weights holds RunWeighted's bound on the weight of the items in flight.
type weights[In any] struct {
	sem   *semaphore.Weighted
	most  int64 // the most an item counts for
	weigh func(In) int64
}

// acquire waits until the bound has room for v and returns what v counts
// for; an error when ctx is done first.
func (w *weights[In]) acquire(ctx context.Context, v In) (int64, error) {
	if w == nil {
		return 0, nil
	}
	n := min(max(w.weigh(v), 0), w.most)
	return n, w.sem.Acquire(ctx, n)
}

// release gives back what an item counted for.
func (w *weights[In]) release(n int64) {
	if w != nil {
		w.sem.Release(n)
	}
}

// read claims a free slot before each item src yields, so src never
// produces an item that has no slot, and then waits for the item's
// weight (see RunWeighted).
func read[In, Out any](ctx context.Context, src iter.Seq[In], w *weights[In], free, jobs, order chan *slot[In, Out]) (err error) {
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
		n, werr := w.acquire(ctx, v)
		if werr != nil {
			return nil // ctx is done
		}
		next.in, next.weight = v, n
		jobs <- next
		order <- next
		if !claim() {
			return nil
		}
	}
	return nil
}

// consume delivers finished items in order and recycles their slots.
func consume[In, Out any](ctx context.Context, order, free chan *slot[In, Out], w *weights[In], sink func(In, Out, error) error) error {
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
		w.release(s.weight)
		s.in, s.weight, s.out, s.err = zeroIn, 0, zeroOut, nil
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
