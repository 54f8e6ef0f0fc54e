package report

import "container/heap"

// worstEntry is a candidate for the drill-down sample.
type worstEntry struct {
	share   float64
	noise   int
	ordinal int
	detail  DocumentDetail
}

// worse reports whether a ranks before b: higher noise share, then more
// noise lines, then earlier in the input.
func worse(a, b *worstEntry) bool {
	if a.share != b.share {
		return a.share > b.share
	}
	if a.noise != b.noise {
		return a.noise > b.noise
	}
	return a.ordinal < b.ordinal
}

// worstHeap keeps the k worst documents; its root is the least bad of them.
type worstHeap []worstEntry

func (h worstHeap) Len() int           { return len(h) }
func (h worstHeap) Less(i, j int) bool { return worse(&h[j], &h[i]) }
func (h worstHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *worstHeap) Push(x any)        { *h = append(*h, x.(worstEntry)) }
func (h *worstHeap) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}

// wants reports whether a document with stats s would enter a heap of
// capacity k, before its lines are copied.
func (h worstHeap) wants(s docStats, ordinal, k int) bool {
	if s.text == 0 {
		return false // empty documents have no share; they are failures
	}
	if len(h) < k {
		return true
	}
	e := worstEntry{share: s.share, noise: s.noise, ordinal: ordinal}
	return worse(&e, &h[0])
}

// push adds e, dropping the least bad entry when over capacity k.
func (h *worstHeap) push(e worstEntry, k int) {
	heap.Push(h, e)
	if h.Len() > k {
		heap.Pop(h)
	}
}
