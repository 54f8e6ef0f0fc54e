package pipeline

import (
	"context"
	"hash/fnv"
	"testing"
)

// BenchmarkRun measures the per-item overhead of the pool with a small
// piece of real work (hashing 1 KiB).
func BenchmarkRun(b *testing.B) {
	doc := make([]byte, 1024)
	for i := range doc {
		doc[i] = byte('a' + i%26)
	}
	for _, workers := range []int{1, 2} {
		b.Run(map[int]string{1: "workers=1", 2: "workers=2"}[workers], func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(doc)))
			src := func(yield func([]byte) bool) {
				for range b.N {
					if !yield(doc) {
						return
					}
				}
			}
			var sum uint64
			err := Run(context.Background(), workers, 0, src,
				func(_ context.Context, d []byte) (uint64, error) {
					h := fnv.New64a()
					h.Write(d)
					return h.Sum64(), nil
				},
				func(_ []byte, h uint64, _ error) error { sum += h; return nil })
			if err != nil {
				b.Fatal(err)
			}
		})
	}
}
