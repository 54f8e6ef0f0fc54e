//go:build !purego

package linescan

import (
	"math/rand/v2"
	"syscall"
	"testing"
)

// TestClassifyAVX2GuardPage checks that classify and classifyAVX2 read
// nothing of the memory around text's storage: every text's storage ends
// where a page that cannot be read begins, or begins where one ends, so
// that a read past it faults. Each is compared with classifyGo at every
// length up to four blocks, its storage ending at its end or a few bytes
// later.
func TestClassifyAVX2GuardPage(t *testing.T) {
	skipNoAVX2(t)
	page := syscall.Getpagesize()
	mem, err := syscall.Mmap(-1, 0, 3*page, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Skipf("mmap: %v", err)
	}
	defer syscall.Munmap(mem)
	if err := syscall.Mprotect(mem[:page], syscall.PROT_NONE); err != nil {
		t.Skipf("mprotect: %v", err)
	}
	if err := syscall.Mprotect(mem[2*page:], syscall.PROT_NONE); err != nil {
		t.Skipf("mprotect: %v", err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20 {
		for c := 1; c <= 256; c++ {
			for _, storage := range [][]byte{mem[page : page+c : page+c], mem[2*page-c : 2*page : 2*page]} {
				for i := range storage {
					storage[i] = byte(rng.Uint32())
					if rng.IntN(2) == 0 {
						storage[i] &= 0x7f
					}
				}
				for n := max(c-9, 1); n <= c; n++ {
					checkClassify(t, storage[:n])
				}
			}
		}
	}
}
