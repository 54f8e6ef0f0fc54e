//go:build unix

package classify_test

import (
	"bytes"
	"fmt"
	"runtime"
	"runtime/metrics"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chaff-dev/chaff/internal/classify"
)

// usage is what one Classify call cost.
type usage struct {
	alloc uint64        // bytes allocated (TotalAlloc delta)
	peak  uint64        // largest live heap seen while it ran, input included
	cpu   time.Duration // user+system CPU time of the process
	wall  time.Duration
	lines int
}

// cpuTime returns the user+system CPU time of the process so far: unlike
// the wall clock it does not grow when other processes load the machine.
func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// measure classifies data once and returns its cost. The live heap is
// sampled every few milliseconds through runtime/metrics, which does not
// stop the world.
func measure(t *testing.T, cl *classify.Classifier, data []byte) usage {
	t.Helper()
	runtime.GC()
	var m0, m1 runtime.MemStats
	runtime.ReadMemStats(&m0)
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
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
	}()
	c0, w0 := cpuTime(t), time.Now()
	doc := cl.Classify(data)
	u := usage{wall: time.Since(w0), cpu: cpuTime(t) - c0, lines: len(doc.Lines)}
	close(done)
	wg.Wait()
	runtime.ReadMemStats(&m1)
	u.alloc, u.peak = m1.TotalAlloc-m0.TotalAlloc, peak
	runtime.KeepAlive(doc)
	return u
}

// shortLines returns about size bytes of distinct short lines (about 50
// bytes each).
func shortLines(size int) []byte {
	var b bytes.Buffer
	b.Grow(size + 64)
	for i := 0; b.Len() < size; i++ {
		fmt.Fprintf(&b, "Line %07d of a long generated document, for a test.\n", i)
	}
	return b.Bytes()
}

// oneLine returns a single line of size bytes of words, without terminator.
func oneLine(size int) []byte {
	return bytes.Repeat([]byte("word "), size/5)
}

// TestBoundedResources classifies a 50 MB single line and a 50 MB document
// of a million short lines, and checks that memory stays within a stated
// bound and that cost grows linearly from 10 MB to 50 MB. The bounds:
//
//   - single line: at most 4× the input allocated, live heap at most 4×
//     the input (input included);
//   - short lines: at most 4× the input plus 4 KiB per line allocated,
//     live heap at most 4× the input plus 2 KiB per line: the classifier
//     keeps per-line measures and feature vectors for the whole document;
//   - 10 → 50 MB: allocation ratio at most 6 (5 is linear) and CPU-time
//     ratio at most 8 (CPU time of this process, not wall time, so that the
//     load of other processes does not count).
func TestBoundedResources(t *testing.T) {
	if testing.Short() {
		t.Skip("classifies 120 MB: not in -short mode")
	}
	cl, err := classify.New(classify.Config{SkipReasons: true})
	if err != nil {
		t.Fatal(err)
	}
	const small, big = 10 << 20, 50 << 20
	for _, tc := range []struct {
		name            string
		gen             func(int) []byte
		allocPerLine    uint64 // allowed allocation per line, on top of 4× the input
		liveHeapPerLine uint64 // allowed live heap per line, on top of 4× the input
	}{
		{"single line", oneLine, 0, 0},
		{"short lines", shortLines, 4 << 10, 2 << 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var us [2]usage
			for i, size := range []int{small, big} {
				data := tc.gen(size)
				u := measure(t, cl, data)
				us[i] = u
				n := uint64(len(data))
				t.Logf("%d MB, %d lines: allocated %.2f× input (%d B/line), peak live heap %.2f× input, CPU %v, wall %v",
					len(data)>>20, u.lines, float64(u.alloc)/float64(n), u.alloc/uint64(u.lines), float64(u.peak)/float64(n), u.cpu, u.wall)
				if limit := 4*n + tc.allocPerLine*uint64(u.lines); u.alloc > limit {
					t.Errorf("%d MB: allocated %d bytes, bound %d", len(data)>>20, u.alloc, limit)
				}
				if limit := 4*n + tc.liveHeapPerLine*uint64(u.lines); u.peak > limit {
					t.Errorf("%d MB: live heap reached %d bytes, bound %d", len(data)>>20, u.peak, limit)
				}
			}
			ra := float64(us[1].alloc) / float64(us[0].alloc)
			rc := float64(us[1].cpu) / float64(max(us[0].cpu, time.Millisecond))
			t.Logf("10 → 50 MB: allocation ×%.2f, CPU time ×%.2f, wall time ×%.2f", ra, rc, float64(us[1].wall)/float64(us[0].wall))
			if ra > 6 {
				t.Errorf("allocation grows ×%.2f from 10 to 50 MB: not linear", ra)
			}
			// Five times the input: linear work takes ×5, quadratic ×25.
			// The bound sits between the two, far from the noise of a
			// shared machine's CPU time (×4 to ×8.5 measured). A single
			// line costs so little that its CPU time is noise.
			if us[0].cpu >= 100*time.Millisecond && rc > 14 {
				t.Errorf("CPU time grows ×%.2f from 10 to 50 MB: not linear", rc)
			}
		})
	}
}
