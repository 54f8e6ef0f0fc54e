// Package model scores lines as noise in two stages.
//
// Stage one is a logistic regression over a line's dense features and its
// hashed word and character n-grams: it learns a vocabulary of noise. Stage
// two is a forest of gradient-boosted trees over the named dense features
// plus the stage-one scores of the line and of its neighbours: it learns
// the interactions (a short line is noise in a menu, content between two
// paragraphs) that a linear model cannot, in the spirit of boilerpipe's
// decision trees over neighbouring blocks. Every decision can be explained
// by the named features on its trees' paths.
package model

import (
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/chaff-dev/chaff/features"
	"github.com/chaff-dev/chaff/signals"
)

// Model is a trained two-stage model. It is read-only once built and may
// be shared by goroutines.
type Model struct {
	Names  []string  // dense feature names it was trained with
	Dense  []float32 // stage-one weights of the dense features
	Hashed []float32 // stage-one weights of the hashed features
	Forest *Forest   // stage two; nil for a one-stage model
	// Categories names the category of a dropped line; nil when the
	// training data named none.
	Categories *Categorizer
	// Kinds tells a heading from a paragraph among kept lines; nil when the
	// training data named no kind. Titles are found by rule.
	Kinds *Categorizer
	About string // how it was trained, for people
}

// extraNames names the stage-two inputs that follow the dense features.
var extraNames = []string{"ngram-score", "ngram-score:prev", "ngram-score:prev2",
	"ngram-score:next", "ngram-score:next2", "ngram-score:window-mean",
	"ngram-score:window-max", "ngram-score:window-min",
	"block-share", "in-top-block", "top-block-distance"}

// featureName names input j of stage two.
func (m *Model) featureName(j int) string {
	if j < len(m.Names) {
		return m.Names[j]
	}
	return extraNames[j-len(m.Names)]
}

// Scores holds the outcome of scoring one document.
type Scores struct {
	P  []float64 // probability of noise per line; 0 for blank lines
	Z1 []float32 // stage-one logits per line
}

// Score scores every line of a document.
func (m *Model) Score(d *signals.Doc, v *features.Vectors) Scores {
	n := len(d.Lines)
	s := Scores{P: make([]float64, n), Z1: make([]float32, n)}
	for i := range d.Lines {
		if !d.Lines[i].Blank() {
			s.Z1[i] = m.stage1(v, i)
		}
	}
	row := make([]float32, features.Dense+len(extraNames))
	var bl []blockInfo
	if m.Forest != nil {
		bl = blocks(d, s.Z1)
	}
	for i := range d.Lines {
		if d.Lines[i].Blank() {
			continue
		}
		z := s.Z1[i]
		if m.Forest != nil {
			stage2Row(d, v, s.Z1, bl, i, row)
			z = m.Forest.Predict(row)
		}
		s.P[i] = sigmoid(z)
	}
	return s
}

func (m *Model) stage1(v *features.Vectors, i int) float32 {
	z := dot(m.Dense, v.Row(i))
	for _, h := range v.Hashed(i) {
		z += m.Hashed[h]
	}
	return z
}

// window is how many non-blank neighbours on each side stage two looks at
// for the mean, max and min of their stage-one scores.
const window = 4

// stage2Row fills row with the stage-two inputs of line i: its dense
// features, then the stage-one scores around it.
func stage2Row(d *signals.Doc, v *features.Vectors, z1 []float32, bl []blockInfo, i int, row []float32) {
	clear(row[copy(row, v.Row(i)):features.Dense])
	x := row[features.Dense:]
	l := &d.Lines[i]
	at := func(j int) float32 {
		if j < 0 {
			return 0
		}
		return z1[j]
	}
	p1, n1 := l.Ctx.Prev, l.Ctx.Next
	p2, n2 := -1, -1
	if p1 >= 0 {
		p2 = d.Lines[p1].Ctx.Prev
	}
	if n1 >= 0 {
		n2 = d.Lines[n1].Ctx.Next
	}
	sum, cnt := z1[i], float32(1)
	lo, hi := z1[i], z1[i]
	for k, j := 0, p1; k < window && j >= 0; k, j = k+1, d.Lines[j].Ctx.Prev {
		sum, cnt, lo, hi = sum+z1[j], cnt+1, min(lo, z1[j]), max(hi, z1[j])
	}
	for k, j := 0, n1; k < window && j >= 0; k, j = k+1, d.Lines[j].Ctx.Next {
		sum, cnt, lo, hi = sum+z1[j], cnt+1, min(lo, z1[j]), max(hi, z1[j])
	}
	x[0], x[1], x[2], x[3], x[4] = z1[i], at(p1), at(p2), at(n1), at(n2)
	x[5], x[6], x[7] = sum/cnt, hi, lo
	x[8], x[9], x[10] = bl[i].share, bl[i].top, bl[i].dist
}

// dot is the dot product of w with x, which may be shorter than w: the
// missing values are zero.
func dot(w, x []float32) float32 {
	var z float32
	for j := range x {
		z += w[j] * x[j]
	}
	return z
}

func sigmoid(z float32) float64 { return 1 / (1 + math.Exp(-float64(z))) }

// Contribution is what one dense feature added to a line's stage-one score.
type Contribution struct {
	Feature string
	Weight  float64 // positive towards noise
}

// Explainer finds the inputs that weighed most on a line's score. It
// keeps scratch space between calls: use one per goroutine.
type Explainer struct {
	m       *Model
	row     []float32
	contrib []float64
}

// Explainer returns an Explainer for m.
func (m *Model) Explainer() *Explainer {
	n := features.Dense + len(extraNames)
	return &Explainer{m: m, row: make([]float32, n), contrib: make([]float64, n)}
}

// Explain appends to dst the k inputs that weighed most on line i's
// score, strongest first, by the path attribution of the forest (or the
// linear terms of a one-stage model, where the n-gram vocabulary counts as
// one input).
func (e *Explainer) Explain(dst []Contribution, d *signals.Doc, v *features.Vectors, z1 []float32, i, k int) []Contribution {
	m := e.m
	clear(e.contrib)
	if m.Forest != nil {
		stage2Row(d, v, z1, blocks(d, z1), i, e.row)
		m.Forest.Attribute(e.row, e.contrib)
	} else {
		for j, x := range v.Row(i) {
			e.contrib[j] = float64(m.Dense[j] * x)
		}
		var h float32
		for _, j := range v.Hashed(i) {
			h += m.Hashed[j]
		}
		e.contrib[features.Dense] = float64(h)
	}
	e.contrib[0] = 0 // the constant part explains nothing
	for range k {
		best := -1
		for j, w := range e.contrib {
			if math.Abs(w) > 1e-3 && (best < 0 || math.Abs(w) > math.Abs(e.contrib[best])) {
				best = j
			}
		}
		if best < 0 {
			break
		}
		dst = append(dst, Contribution{m.featureName(best), e.contrib[best]})
		e.contrib[best] = 0
	}
	return dst
}

// Write saves the model.
func (m *Model) Write(w io.Writer) error {
	if _, err := io.WriteString(w, magic); err != nil {
		return err
	}
	return gob.NewEncoder(w).Encode(m)
}

const magic = "chaff-model-1\n"

// Read loads a model saved by Write and checks that it fits the features
// of this build.
func Read(r io.Reader) (*Model, error) {
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(r, head); err != nil || string(head) != magic {
		return nil, errors.New("model: not a chaff model file")
	}
	var m Model
	if err := gob.NewDecoder(r).Decode(&m); err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	if err := m.check(); err != nil {
		return nil, err
	}
	m.prepare()
	return &m, nil
}

// prepare lays out the weights for scoring, once, before the model is
// shared.
func (m *Model) prepare() {
	for _, c := range []*Categorizer{m.Categories, m.Kinds} {
		if c != nil {
			c.prepare()
		}
	}
}

func (m *Model) check() error {
	if len(m.Names) != features.Dense || len(m.Dense) != features.Dense {
		return fmt.Errorf("model: trained with %d dense features, this build has %d: retrain it", len(m.Names), features.Dense)
	}
	for i, n := range m.Names {
		if n != features.Name(i) {
			return fmt.Errorf("model: feature %d is %q, this build has %q: retrain it", i, n, features.Name(i))
		}
	}
	if len(m.Hashed) != 1<<features.HashBits {
		return fmt.Errorf("model: %d hashed weights, want %d", len(m.Hashed), 1<<features.HashBits)
	}
	for _, c := range []*Categorizer{m.Categories, m.Kinds} {
		if c == nil {
			continue
		}
		if len(c.Names) == 0 || len(c.Names) > 64 || len(c.Dense) != len(c.Names) || len(c.Hashed) != len(c.Names) {
			return fmt.Errorf("model: malformed class head")
		}
		for k := range c.Names {
			if len(c.Dense[k]) != features.Dense || len(c.Hashed[k]) != 1<<catBits {
				return fmt.Errorf("model: class head %q has the wrong size", c.Names[k])
			}
		}
	}
	if m.Forest != nil {
		if len(m.Forest.Cuts) != features.Dense+len(extraNames) {
			return fmt.Errorf("model: forest over %d inputs, want %d", len(m.Forest.Cuts), features.Dense+len(extraNames))
		}
		for t := range m.Forest.Trees {
			nodes := m.Forest.Trees[t].Nodes
			for _, n := range nodes {
				if n.Left > 0 && (int(n.Left) >= len(nodes) || int(n.Right) >= len(nodes) || n.Feature < 0 || int(n.Feature) >= len(m.Forest.Cuts)) {
					return fmt.Errorf("model: tree %d is malformed", t)
				}
			}
			if len(nodes) == 0 {
				return fmt.Errorf("model: tree %d is empty", t)
			}
		}
	}
	return nil
}
