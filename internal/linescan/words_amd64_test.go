//go:build !purego

package linescan

import (
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestScanNoPOPCNT runs the lines of TestScanMatchesBytes through
// hashWordsGo, as on a processor without POPCNT.
func TestScanNoPOPCNT(t *testing.T) {
	defer func(has bool) { usePOPCNT = has }(usePOPCNT)
	usePOPCNT = false
	TestScanMatchesBytes(t)
}

// randomBlocks returns the word bitmaps of n bytes: runs of word bytes of
// every length, some across blocks or over whole ones, with continuation
// bytes and letters among them; none past n.
func randomBlocks(rng *rand.Rand, n int) []wordBits {
	blocks := make([]wordBits, (n+63)/64)
	in := rng.IntN(2) == 0
	for i := 0; i < n; {
		run := 1 + rng.IntN(1+rng.IntN(90))
		for j := i; j < min(i+run, n); j++ {
			if !in {
				continue
			}
			b, bit := &blocks[j/64], uint64(1)<<(j%64)
			b.inWord |= bit
			if rng.IntN(4) > 0 {
				b.starts |= bit
				if rng.IntN(3) > 0 {
					b.letter |= bit
				}
			}
		}
		i += run
		in = !in
	}
	return blocks
}

// countWords counts the runs of set bits of the blocks' inWord bitmaps,
// as scan does.
func countWords(blocks []wordBits) int {
	n, carry := 0, uint64(0)
	for _, b := range blocks {
		n += bits.OnesCount64(b.inWord &^ (b.inWord<<1 | carry))
		carry = b.inWord >> 63
	}
	return n
}

// FuzzHashWords checks hashWordsAMD64 against hashWordsGo, through
// hashWords, on any text, alone in its storage or followed there by other
// bytes, and word bitmaps drawn from seed.
func FuzzHashWords(f *testing.F) {
	if !usePOPCNT {
		f.Skip("no POPCNT")
	}
	for _, s := range []string{"", "a", "abcdefgh", "Données 12 345 abcdefghijklmnopqrstuvwxyz", string(make([]byte, 200))} {
		f.Add([]byte(s), uint64(len(s)), uint8(0))
	}
	f.Fuzz(func(t *testing.T, text []byte, seed uint64, after uint8) {
		rng := rand.New(rand.NewPCG(seed, 7))
		blocks := randomBlocks(rng, len(text))
		words := countWords(blocks)
		stored := append(slices.Clip(text), make([]byte, after)...)[:len(text)]
		prefix := []uint32{1, 2, 3} // hashWords appends after what h holds
		var tGo, tAsm wordTally
		usePOPCNT = false
		want := hashWords(stored, blocks, slices.Clone(prefix), words, &tGo)
		usePOPCNT = true
		got := hashWords(stored, blocks, slices.Clone(prefix), words, &tAsm)
		if !slices.Equal(got, want) || tAsm != tGo {
			t.Fatalf("text %q, blocks %x:\n got %v %+v\nwant %v %+v", text, blocks, got, tAsm, want, tGo)
		}
		// Two per word, and the last word as such, unless its hash is 0
		// (as for eight zero bytes, which no word of a text holds).
		if n := len(want) - len(prefix); n != 2*words && n != 2*words+1 {
			t.Fatalf("%d hashes for %d words", n, words)
		}
	})
}

// TestHashWordsFull checks that hashWordsAMD64 stops, writing nothing
// past h, when the blocks hold more words than h has room for.
func TestHashWordsFull(t *testing.T) {
	if !usePOPCNT {
		t.Skip("no POPCNT")
	}
	text := []byte("one two three four")
	blocks := []wordBits{{inWord: 0b111_01111_0111_011, starts: 0b111_01111_0111_011}}
	for room := range 8 {
		h := make([]uint32, room, room+4)
		var tally wordTally
		if n := hashWordsAMD64(text, blocks, h, &tally); n != -1 {
			t.Errorf("room for %d hashes: wrote %d, want -1", room, n)
		}
		if tail := h[room : room+4]; slices.ContainsFunc(tail, func(x uint32) bool { return x != 0 }) {
			t.Errorf("room for %d hashes: wrote past it: %v", room, tail)
		}
	}
}
