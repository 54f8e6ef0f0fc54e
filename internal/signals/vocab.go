package signals

import (
	"hash/maphash"

	"github.com/chaff-dev/chaff/internal/textnorm"
)

// vocabTokens bounds the content words read per line.
const vocabTokens = 64

// lineWords holds, per line, the hashes of its content words,
// words[off[i]:off[i+1]], and a key of all its folded words, equal for two
// lines that say the same words.
type lineWords struct {
	off   []int32
	words []uint64
	keys  []uint64
	seed  maphash.Seed
	h     maphash.Hash
}

// newLineWords returns an empty lineWords for a document of n lines.
func newLineWords(n int) *lineWords {
	lw := &lineWords{off: make([]int32, 1, n+1), keys: make([]uint64, 0, n), seed: maphash.MakeSeed()}
	lw.h.SetSeed(lw.seed)
	return lw
}

// add hashes the words of the next line, whose measured part words holds;
// a blank line has no words and key 0.
func (lw *lineWords) add(words *textnorm.Line, blank bool, stop StopSet) {
	var key uint64
	if !blank {
		lw.h.Reset()
		k := 0
		for i, t := range words.Tokens {
			if t.Symbol {
				continue
			}
			w := words.Folded(i)
			lw.h.Write(w)
			lw.h.WriteByte(' ')
			if k >= vocabTokens || t.Runes < 3 || t.Number || stop != nil && stop.Has(w) {
				continue
			}
			lw.words = append(lw.words, maphash.Bytes(lw.seed, w))
			k++
		}
		key = lw.h.Sum64()
	}
	lw.keys = append(lw.keys, key)
	lw.off = append(lw.off, int32(len(lw.words)))
}

// vocabulary sets MainOverlap, TitleOverlap and Copies: whether a line
// speaks of what the main text speaks of (related-article headlines and
// comment threads mostly do not), of what the title says, and whether the
// document prints the same line elsewhere (menus at the top and the
// bottom).
func vocabulary(d *Doc, lw *lineWords) {
	off, words, lineKey := lw.off, lw.words, lw.keys
	// Sized for every line and every word, at most: growing the maps
	// costs more than the room.
	mainWords := 0
	for i := range d.Lines {
		if d.Lines[i].Ctx.Zone == Main && d.Lines[i].prose {
			mainWords += int(off[i+1] - off[i])
		}
	}
	main := make(map[uint64]int32, mainWords)
	copies := make(map[uint64]int32, len(d.Lines))
	for i := range d.Lines {
		if d.Lines[i].Blank() {
			continue
		}
		copies[lineKey[i]]++
		if d.Lines[i].Ctx.Zone == Main && d.Lines[i].prose {
			for _, w := range words[off[i]:off[i+1]] {
				main[w]++
			}
		}
	}
	title := map[uint64]bool{}
	if d.Title >= 0 {
		for _, w := range words[off[d.Title]:off[d.Title+1]] {
			title[w] = true
		}
	}
	own := map[uint64]int32{}
	for i := range d.Lines {
		l := &d.Lines[i]
		if l.Blank() {
			continue
		}
		l.Ctx.Copies = int(min(copies[lineKey[i]]-1, 5))
		ws := words[off[i]:off[i+1]]
		if len(ws) == 0 {
			continue
		}
		inMain := l.Ctx.Zone == Main && l.prose
		clear(own)
		if inMain {
			for _, w := range ws {
				own[w]++
			}
		}
		var m, t int
		for _, w := range ws {
			if main[w]-own[w] > 0 {
				m++
			}
			if title[w] {
				t++
			}
		}
		l.Ctx.MainOverlap = float64(m) / float64(len(ws))
		if i != d.Title {
			l.Ctx.TitleOverlap = float64(t) / float64(len(ws))
		}
	}
}
