package pipeline

import (
	"context"
	"errors"
	"iter"
	"math/rand/v2"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// count yields 0..n-1, and stops early when the consumer stops.
func count(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

func TestOrderPreservedUnderRandomDurations(t *testing.T) {
	cases := []struct {
		name              string
		workers, inFlight int
		n                 int
	}{
		{"one worker", 1, 1, 200},
		{"two workers tight", 2, 2, 500},
		{"eight workers", 8, 32, 1000},
		{"defaults", 0, 0, 300},
		{"inFlight below workers", 4, 1, 300},
		{"empty source", 3, 6, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []int
			err := Run(context.Background(), tc.workers, tc.inFlight, count(tc.n),
				func(_ context.Context, i int) (int, error) {
					// Later items often finish first.
					time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
					return i * i, nil
				},
				func(in, out int, err error) error {
					if err != nil {
						t.Errorf("item %d: unexpected error %v", in, err)
					}
					if out != in*in {
						t.Errorf("item %d: out %d, want %d", in, out, in*in)
					}
					got = append(got, in)
					return nil
				})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != tc.n {
				t.Fatalf("sink saw %d items, want %d", len(got), tc.n)
			}
			for i, v := range got {
				if v != i {
					t.Fatalf("position %d holds item %d: order lost", i, v)
				}
			}
		})
	}
}

func TestInFlightBoundEnforced(t *testing.T) {
	for _, tc := range []struct{ workers, inFlight int }{{1, 1}, {2, 3}, {4, 4}, {3, 10}} {
		var live, peak atomic.Int64
		src := func(yield func(int) bool) {
			for i := range 400 {
				// The item exists from here until the sink returns.
				n := live.Add(1)
				for {
					p := peak.Load()
					if n <= p || peak.CompareAndSwap(p, n) {
						break
					}
				}
				if !yield(i) {
					return
				}
			}
		}
		err := Run(context.Background(), tc.workers, tc.inFlight, src,
			func(_ context.Context, i int) (int, error) {
				if i%7 == 0 {
					time.Sleep(100 * time.Microsecond)
				}
				return i, nil
			},
			func(int, int, error) error {
				if rand.IntN(10) == 0 {
					time.Sleep(50 * time.Microsecond) // a slow consumer lets items pile up
				}
				live.Add(-1)
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
		if p := peak.Load(); p > int64(tc.inFlight) {
			t.Errorf("workers=%d inFlight=%d: %d items were alive at once", tc.workers, tc.inFlight, p)
		} else if tc.inFlight > 1 && p < 2 {
			t.Errorf("workers=%d inFlight=%d: peak %d, the run never overlapped items", tc.workers, tc.inFlight, p)
		}
	}
}

// TestWeightBoundEnforced checks RunWeighted's second bound: the weights
// of the items alive at once stay within maxWeight plus the one item the
// reader holds while it waits, items heavier than a worker's share still
// pass, the count bound still holds, and every item reaches the sink in
// order.
func TestWeightBoundEnforced(t *testing.T) {
	for _, tc := range []struct {
		workers, inFlight int
		maxWeight         int64
	}{{1, 64, 10}, {2, 64, 10}, {2, 3, 100}, {4, 128, 40}} {
		most := tc.maxWeight / int64(tc.workers) // what an item counts for at most
		var live, peak, count, peakCount atomic.Int64
		weigh := func(i int) int64 {
			if i%50 == 0 {
				return 1000 // heavier than the whole bound
			}
			return int64(i%7 + 1)
		}
		src := func(yield func(int) bool) {
			for i := range 600 {
				n, c := live.Add(min(weigh(i), most)), count.Add(1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				for p := peakCount.Load(); c > p && !peakCount.CompareAndSwap(p, c); p = peakCount.Load() {
				}
				if !yield(i) {
					return
				}
			}
		}
		next := 0
		err := RunWeighted(context.Background(), tc.workers, tc.inFlight, tc.maxWeight, weigh, src,
			func(_ context.Context, i int) (int, error) {
				if i%7 == 0 {
					time.Sleep(100 * time.Microsecond)
				}
				return i, nil
			},
			func(in, _ int, _ error) error {
				if in != next {
					t.Fatalf("item %d reached the sink, want %d", in, next)
				}
				next++
				if rand.IntN(10) == 0 {
					time.Sleep(50 * time.Microsecond) // a slow consumer lets items pile up
				}
				live.Add(-min(weigh(in), most))
				count.Add(-1)
				return nil
			})
		if err != nil {
			t.Fatal(err)
		}
		if next != 600 {
			t.Errorf("%+v: %d items reached the sink, want 600", tc, next)
		}
		if p := peak.Load(); p > tc.maxWeight+most {
			t.Errorf("%+v: weight %d alive at once, more than %d and one item", tc, p, tc.maxWeight)
		} else if p <= most {
			t.Errorf("%+v: peak weight %d, the run never overlapped items", tc, p)
		}
		if c := peakCount.Load(); c > int64(tc.inFlight) {
			t.Errorf("%+v: %d items alive at once", tc, c)
		}
	}
}

func TestWorkErrorAndPanicReachSink(t *testing.T) {
	errOdd := errors.New("odd")
	var got []int
	errs := map[int]error{}
	err := Run(context.Background(), 3, 6, count(50),
		func(_ context.Context, i int) (string, error) {
			switch {
			case i%10 == 3:
				panic("boom")
			case i%10 == 5:
				var m map[string]int
				//lint:ignore SA5000 a runtime error panic, on purpose
				m["x"] = 1
			case i%2 == 1:
				return "", errOdd
			}
			return "ok", nil
		},
		func(in int, out string, err error) error {
			got = append(got, in)
			errs[in] = err
			if err == nil && out != "ok" {
				t.Errorf("item %d: out %q", in, out)
			}
			if err != nil && out != "" {
				t.Errorf("item %d failed but carries output %q", in, out)
			}
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, slices.Collect(count(50))) {
		t.Fatalf("items lost or reordered: %v", got)
	}
	for i := range 50 {
		var pe *PanicError
		switch {
		case i%10 == 3 || i%10 == 5:
			if !errors.As(errs[i], &pe) || len(pe.Stack) == 0 {
				t.Errorf("item %d: err %v, want *PanicError with stack", i, errs[i])
			}
		case i%2 == 1:
			if !errors.Is(errs[i], errOdd) {
				t.Errorf("item %d: err %v, want errOdd", i, errs[i])
			}
		default:
			if errs[i] != nil {
				t.Errorf("item %d: err %v", i, errs[i])
			}
		}
	}
}

func TestSinkErrorStopsRun(t *testing.T) {
	stop := errors.New("disk full")
	var read, worked atomic.Int64
	src := func(yield func(int) bool) {
		for i := 0; ; i++ { // endless: only the sink error can end the run
			read.Add(1)
			if !yield(i) {
				return
			}
		}
	}
	var seen int
	err := Run(context.Background(), 2, 4, src,
		func(_ context.Context, i int) (int, error) { worked.Add(1); return i, nil },
		func(in, _ int, _ error) error {
			seen++
			if in == 100 {
				return stop
			}
			return nil
		})
	if !errors.Is(err, stop) {
		t.Fatalf("Run returned %v, want the sink's error", err)
	}
	if seen != 101 {
		t.Errorf("sink called %d times after its error, want 101 calls in all", seen)
	}
	// At most the in-flight bound plus the slot the reader holds past the stop.
	if r := read.Load(); r > 101+4 {
		t.Errorf("source read %d items, the run did not stop", r)
	}
}

func TestErrStoppedIsNotAFailure(t *testing.T) {
	n := 0
	err := Run(context.Background(), 2, 4, count(1000),
		func(_ context.Context, i int) (int, error) { return i, nil },
		func(int, int, error) error {
			n++
			if n == 10 {
				return ErrStopped
			}
			return nil
		})
	if err != nil || n != 10 {
		t.Fatalf("err %v after %d items, want nil after 10", err, n)
	}
}

func TestCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var seen atomic.Int64
	started := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		src := func(yield func(int) bool) {
			for i := 0; ; i++ {
				if !yield(i) {
					return
				}
			}
		}
		done <- Run(ctx, 2, 8, src,
			func(ctx context.Context, i int) (int, error) {
				if i >= 20 {
					<-ctx.Done() // a long job that honours cancellation
					return 0, ctx.Err()
				}
				return i, nil
			},
			func(in, _ int, _ error) error {
				seen.Add(1)
				if in == 19 {
					close(started)
				}
				return nil
			})
	}()
	<-started
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("Run returned %v, want context.Canceled", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancellation")
	}
	if s := seen.Load(); s != 20 {
		t.Errorf("sink saw %d items, want the 20 finished before the blocked one", s)
	}
}

func TestCancelledBeforeStart(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	calls := 0
	err := Run(ctx, 2, 4, count(100),
		func(_ context.Context, i int) (int, error) { return i, nil },
		func(int, int, error) error { calls++; return nil })
	if !errors.Is(err, context.Canceled) || calls != 0 {
		t.Fatalf("err %v, %d sink calls; want context.Canceled and none", err, calls)
	}
}

func TestSourcePanic(t *testing.T) {
	src := func(yield func(int) bool) {
		for i := range 10 {
			if !yield(i) {
				return
			}
		}
		panic("reader broke")
	}
	var got []int
	err := Run(context.Background(), 2, 4, src,
		func(_ context.Context, i int) (int, error) { return i, nil },
		func(in, _ int, _ error) error { got = append(got, in); return nil })
	var se *SourceError
	if !errors.As(err, &se) || se.Value != "reader broke" {
		t.Fatalf("Run returned %v, want *SourceError", err)
	}
	if len(got) != 10 {
		t.Errorf("sink saw %d items read before the panic, want 10", len(got))
	}
}
