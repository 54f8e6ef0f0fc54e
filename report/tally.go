package report

import (
	"hash"
	"hash/fnv"

	"github.com/chaff-dev/chaff/classify"
	"github.com/chaff-dev/chaff/label"
)

// Tally gathers the measurements of one document as its classified lines
// come, window by window (see classify.Classifier.ClassifyWindows), for
// Builder.AddTally: its counts, per category, its noise lines for the
// frequent-line table, the hash of its kept text for duplicates and the
// first Options.MaxSampleLines lines for the drill-down. It holds no line
// past AddLines, so its memory is bounded by the options, not by the
// number of lines: at most Options.MaxLineKeys distinct noise lines of
// the document are counted (then its rare ones are pruned, as the
// Builder's table is) and Options.MaxSampleLines lines shortened to
// Options.MaxLineRunes.
//
// Tallies of different documents may be filled on different goroutines;
// one Tally is for one goroutine at a time.
type Tally struct {
	opts    Options
	stats   docStats
	lines   int
	cats    map[string]*catTally
	freq    *freqTable
	kept    hash.Hash64 // FNV-1a of the kept lines' text, one line per line
	sample  []LineView
	scratch []byte
}

// catTally counts the noise lines of one category in a document.
type catTally struct {
	lines int
	bytes int64
}

// NewTally returns an empty Tally for a document to be given to b. It
// only reads b's options: it may be called from any goroutine.
func (b *Builder) NewTally() *Tally {
	return &Tally{
		opts: b.opts,
		cats: map[string]*catTally{},
		freq: newFreqTable(b.opts.MaxLineKeys, b.opts.Examples, b.opts.MaxLineRunes, true),
		kept: fnv.New64a(),
	}
}

// Reset empties t for another document.
func (t *Tally) Reset() {
	t.stats, t.lines = docStats{}, 0
	clear(t.cats)
	t.freq.reset()
	t.kept.Reset()
	t.sample = t.sample[:0]
}

// AddLines accounts for the next lines of the document, in order. The
// caller may reuse their memory when it returns.
func (t *Tally) AddLines(lines []classify.Line) {
	s := &t.stats
	t.lines += len(lines)
	for i := range lines {
		l := &lines[i]
		if len(t.sample) < t.opts.MaxSampleLines {
			t.sample = append(t.sample, t.view(l))
		}
		switch l.Label {
		case label.Blank:
			continue
		case label.Drop:
			s.noise++
			s.noiseBytes += int64(len(l.Text))
			if l.Cat == label.ScriptWarning || l.Cat == label.Legal {
				s.wall++
			}
			t.addNoise(l)
		case label.Keep:
			s.kept++
			t.kept.Write(l.Text)
			t.kept.Write([]byte{'\n'})
		}
		s.text++
		s.bytes += int64(len(l.Text))
	}
}

// addNoise counts a dropped line in its category and in the document's
// frequent-line table.
func (t *Tally) addNoise(l *classify.Line) {
	cat := string(l.Cat)
	if cat == "" {
		cat = "(none)"
	}
	c := t.cats[cat]
	if c == nil {
		c = &catTally{}
		t.cats[cat] = c
	}
	c.lines++
	c.bytes += int64(len(l.Text))
	t.scratch = t.freq.add(t.scratch, l.Text, cat)
}

// view is the drill-down form of a line.
func (t *Tally) view(l *classify.Line) LineView {
	return LineView{Number: l.Number, Label: l.Label.String(), Class: l.Class(), Score: l.Score,
		Text: shorten(l.Text, t.opts.MaxLineRunes), Reasons: reasons(l.Reasons)}
}

// measured returns the document's measurements, its noise share set.
func (t *Tally) measured() docStats {
	s := t.stats
	if s.text > 0 {
		s.share = float64(s.noise) / float64(s.text)
	}
	return s
}
