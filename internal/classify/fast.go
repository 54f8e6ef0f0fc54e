package classify

import (
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/linescan"
	"github.com/chaff-dev/chaff/internal/model"
)

// fastWork is the storage of one document's lines, features and scores,
// which classifyFast reuses for the next document (see
// Classifier.fastWork): the fast text model is fast enough for
// allocation and garbage collection to weigh.
type fastWork struct {
	f      linescan.Features
	scores model.FastScores
}

// fastText reports whether the text model is the fast one, which reads
// the lines through package linescan. It reads a field New sets: a
// load of the model's kind here was enough to keep Classify from being
// inlined, and so its Document off the caller's stack.
func (c *Classifier) fastText() bool { return c.fast }

// classifyFast labels the lines of one window of a text document into
// doc with the fast text model. titled tells whether a line before the
// window was kept, and becomes true once one is.
func (c *Classifier) classifyFast(doc *Document, p *part, titled *bool) {
	w, _ := c.fastWork.Get().(*fastWork)
	if w == nil {
		w = new(fastWork)
	}
	defer c.fastWork.Put(w)
	data, spans, f, scores := p.data, p.spans, &w.f, &w.scores
	f.Measure(data, spans)
	if c.stopEarly {
		c.text.DecideFast(scores, f, c.threshold)
	} else {
		c.text.ScoreFast(scores, f)
	}
	doc.reset(p.doc, p.hi-p.lo)
	cats := c.text.Categories
	for i := p.lo; i < p.hi; i++ {
		s := spans[i]
		l := &doc.Lines[i-p.lo]
		l.Number, l.Offset = p.first+i+1, int64(p.base+s.Start)
		l.Text, l.EOL = data[s.Start:s.End:s.End], data[s.End:s.Next:s.Next]
		if f.Blank[i] {
			l.Label = label.Blank
			continue
		}
		l.Score = scores.P[i]
		switch {
		case l.Score >= c.threshold:
			l.Label, l.Cat = label.Drop, label.Navigation
			if cats != nil {
				l.Cat = label.Category(cats.Best(f.Row(i), f.Hashed(i)))
			}
			if c.keep[l.Cat] {
				l.Label, l.Kind = label.Keep, label.Body
			}
		case !f.Heading(i):
			l.Label, l.Kind = label.Keep, label.Body
		case !*titled:
			l.Label, l.Kind = label.Keep, label.Title
		default:
			l.Label, l.Kind = label.Keep, label.Heading
		}
		*titled = *titled || l.Label == label.Keep
		if c.reasons {
			cts := c.text.ExplainFast(f, scores, i, 3)
			l.Reasons = appendModelReasons(make([]Reason, 0, len(cts)+1), cts, l)
		}
	}
	if p.whole && c.stopEarly && !c.noFallback && belowFloor(doc.Lines) {
		c.fullScores(doc, f, scores)
	}
}

// fullScores gives the lines of doc the fast text model's full scores in
// place of the ones stopped early: the fallback chooses its block by
// score, and must choose the same block with StopEarly as without.
func (c *Classifier) fullScores(doc *Document, f *linescan.Features, scores *model.FastScores) {
	c.text.ScoreFast(scores, f)
	for i := range doc.Lines {
		if !f.Blank[i] {
			doc.Lines[i].Score = scores.P[i]
		}
	}
}
