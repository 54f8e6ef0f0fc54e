package signals

import (
	"hash/maphash"

	"github.com/chaff-dev/chaff/textnorm"
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
}

// tokenize hashes the words of every line of d.
func tokenize(d *Doc, stop StopSet) *lineWords {
	seed := maphash.MakeSeed()
	n := len(d.Lines)
	off := make([]int32, n+1)
	var words []uint64
	lineKey := make([]uint64, n)
	var sc textnorm.Scanner
	var buf []byte
	var h maphash.Hash
	h.SetSeed(seed)
	for i := range d.Lines {
		if !d.Lines[i].Blank() {
			text := d.Text(i)
			if len(text) > MaxScan {
				text = text[:MaxScan]
			}
			h.Reset()
			sc.Reset(text)
			k := 0
			for sc.Next() {
				buf = textnorm.Fold(buf[:0], sc.Raw())
				h.Write(buf)
				h.WriteByte(' ')
				if k >= vocabTokens || sc.Runes() < 3 || sc.IsNumber() || stop != nil && stop.Has(buf) {
					continue
				}
				words = append(words, maphash.Bytes(seed, buf))
				k++
			}
			lineKey[i] = h.Sum64()
		}
		off[i+1] = int32(len(words))
	}
	return &lineWords{off: off, words: words, keys: lineKey}
}

// vocabulary sets MainOverlap, TitleOverlap and Copies: whether a line
// speaks of what the main text speaks of (related-article headlines and
// comment threads mostly do not), of what the title says, and whether the
// document prints the same line elsewhere (menus at the top and the
// bottom).
func vocabulary(d *Doc, lw *lineWords) {
	off, words, lineKey := lw.off, lw.words, lw.keys
	main := map[uint64]int32{}
	copies := map[uint64]int32{}
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
