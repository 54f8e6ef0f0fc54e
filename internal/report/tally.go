package report

import (
	"hash"
	"hash/fnv"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/label"
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
	sample  []sampleLine
	text    []byte            // the sample lines' text, cut (see sampleLine)
	reasons []classify.Reason // the sample lines' strongest reasons
	scratch []byte
}

// sampleLine is a line of the drill-down sample as a Tally keeps it: the
// LineView is made only for a document the drill-down takes. Its text is
// Tally.text[start:end], the line's first 4×(MaxLineRunes+1) bytes, all
// that shorten needs to give the same result as on the whole line; its
// reasons are Tally.reasons[rs:re].
type sampleLine struct {
	number     int
	label      label.Label
	class      string
	score      float64
	start, end int
	rs, re     int
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
	t.sample, t.text = t.sample[:0], t.text[:0]
	clear(t.reasons) // not to hold their strings
	t.reasons = t.reasons[:0]
}

// AddLines accounts for the next lines of the document, in order. The
// caller may reuse their memory when it returns.
func (t *Tally) AddLines(lines []classify.Line) {
	s := &t.stats
	t.lines += len(lines)
	for i := range lines {
		l := &lines[i]
		if len(t.sample) < t.opts.MaxSampleLines {
			t.keep(l)
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

// keep adds a line to the drill-down sample.
func (t *Tally) keep(l *classify.Line) {
	sl := sampleLine{number: l.Number, label: l.Label, class: l.Class(), score: l.Score, start: len(t.text), rs: len(t.reasons)}
	t.text = append(t.text, l.Text[:min(len(l.Text), 4*(t.opts.MaxLineRunes+1))]...)
	t.reasons = append(t.reasons, l.Reasons[:min(len(l.Reasons), maxReasons)]...)
	sl.end, sl.re = len(t.text), len(t.reasons)
	t.sample = append(t.sample, sl)
}

// views returns the drill-down form of the sample lines.
func (t *Tally) views() []LineView {
	vs := make([]LineView, len(t.sample))
	for i, sl := range t.sample {
		vs[i] = LineView{Number: sl.number, Label: sl.label.String(), Class: sl.class, Score: sl.score,
			Text: shorten(t.text[sl.start:sl.end], t.opts.MaxLineRunes), Reasons: reasons(t.reasons[sl.rs:sl.re])}
	}
	return vs
}

// measured returns the document's measurements, its noise share set.
func (t *Tally) measured() docStats {
	s := t.stats
	if s.text > 0 {
		s.share = float64(s.noise) / float64(s.text)
	}
	return s
}
