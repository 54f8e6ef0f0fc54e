package aeb

import "sort"

// minAnchor is the shortest run of tokens that may be matched where the
// alignment is not held on both sides by matches already made: at the
// start and end of the texts, and wherever a match of the truth could be a
// coincidence with a menu or teaser.
const minAnchor = 4

// workBudget bounds the steps of one alignment. Diff-style alignment can
// go cubic on text that repeats one short pattern; when the budget is
// spent, the parts not yet aligned stay unmatched. The largest page of the
// benchmark takes under 10^6 steps.
const workBudget = 20_000_000

// block is a run of n tokens equal in both sequences: a[i:i+n] == b[j:j+n].
type block struct{ i, j, n int }

// aligner matches a token sequence a (the dump) against b (the truth) the
// way a diff does: it takes the longest common run, then recurses on the
// parts before it and after it, so the matches keep the order of both texts
// and a repeated phrase is matched where it fits the surrounding text.
type aligner struct {
	a, b []int32
	pos  [][]int32 // pos[token] = positions of token in b, increasing

	// Run lengths of the previous and the current row of a, valid where the
	// stamp equals that row's stamp; stamps only grow, so no clearing.
	prevLen, curLen     []int32
	prevStamp, curStamp []int
	stamp               int
	work                int // steps taken, against workBudget
}

// span is a part of both sequences still to align, with whether a match
// bounds it on the left and on the right.
type span struct {
	alo, ahi, blo, bhi  int
	leftHeld, rightHeld bool
}

// align returns the matched blocks of a and b, sorted by position. vocab
// is the number of distinct token ids.
func align(a, b []int32, vocab int) []block {
	al := &aligner{
		a: a, b: b,
		pos:       make([][]int32, vocab),
		prevLen:   make([]int32, len(b)),
		curLen:    make([]int32, len(b)),
		prevStamp: make([]int, len(b)),
		curStamp:  make([]int, len(b)),
	}
	for j, t := range b {
		al.pos[t] = append(al.pos[t], int32(j))
	}
	var blocks []block
	todo := []span{{0, len(a), 0, len(b), false, false}}
	for len(todo) > 0 && al.work < workBudget {
		s := todo[len(todo)-1]
		todo = todo[:len(todo)-1]
		if s.alo >= s.ahi || s.blo >= s.bhi {
			continue
		}
		m := al.longest(s.alo, s.ahi, s.blo, s.bhi)
		if m.n == 0 || m.n < minAnchor && !(s.leftHeld && s.rightHeld) {
			continue
		}
		blocks = append(blocks, m)
		todo = append(todo,
			span{s.alo, m.i, s.blo, m.j, s.leftHeld, true},
			span{m.i + m.n, s.ahi, m.j + m.n, s.bhi, true, s.rightHeld})
	}
	sort.Slice(blocks, func(x, y int) bool { return blocks[x].i < blocks[y].i })
	return blocks
}

// longest returns the longest run common to a[alo:ahi] and b[blo:bhi],
// the first one in a (then in b) among equals. When the work budget runs
// out it returns the longest run found so far.
func (al *aligner) longest(alo, ahi, blo, bhi int) block {
	best := block{alo, blo, 0}
	for i := alo; i < ahi; i++ {
		if al.work >= workBudget {
			break
		}
		al.stamp++
		al.work++
		ps := al.pos[al.a[i]]
		k := sort.Search(len(ps), func(x int) bool { return int(ps[x]) >= blo })
		al.work += len(ps) - k
		for _, j32 := range ps[k:] {
			j := int(j32)
			if j >= bhi {
				break
			}
			n := int32(1)
			if j > blo && al.prevStamp[j-1] == al.stamp-1 {
				n = al.prevLen[j-1] + 1
			}
			al.curLen[j], al.curStamp[j] = n, al.stamp
			if int(n) > best.n {
				best = block{i - int(n) + 1, j - int(n) + 1, int(n)}
			}
		}
		al.prevLen, al.curLen = al.curLen, al.prevLen
		al.prevStamp, al.curStamp = al.curStamp, al.prevStamp
	}
	return best
}
