// Package model scores lines as noise with a two-stage logistic model.
//
// Stage one is a logistic regression over a line's dense features (named,
// so that every decision can be explained) and its hashed word and
// character n-grams. Stage two is a second logistic regression over the
// stage-one scores of the line and of its neighbours: it lets a line in the
// middle of a menu be dropped, and a short heading between two paragraphs be
// kept, without hand-written window rules.
package model

import (
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/chaff-dev/chaff/features"
	"github.com/chaff-dev/chaff/signals"
)

// Model is a trained two-stage model. It is read-only once built and may
// be shared by goroutines.
type Model struct {
	Names  []string  // dense feature names it was trained with
	Dense  []float32 // stage-one weights of the dense features
	Hashed []float32 // stage-one weights of the hashed features
	Stage2 []float32 // stage-two weights; empty for a one-stage model
	About  string    // how it was trained, for people
}

// stage2Names names the stage-two inputs, index for index.
var stage2Names = []string{"bias", "self", "prev1", "prev2", "next1", "next2",
	"mean-window", "max-window", "min-window", "zone:main", "prose"}

// window is how many non-blank neighbours on each side stage two looks at
// for its mean, max and min.
const window = 4

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
	var x [len2]float32
	for i := range d.Lines {
		if d.Lines[i].Blank() {
			continue
		}
		z := s.Z1[i]
		if len(m.Stage2) == len2 {
			stage2Inputs(d, s.Z1, i, x[:])
			z = dot(m.Stage2, x[:])
		}
		s.P[i] = sigmoid(z)
	}
	return s
}

const len2 = 11

func (m *Model) stage1(v *features.Vectors, i int) float32 {
	z := dot(m.Dense, v.Row(i))
	for _, h := range v.Hashed(i) {
		z += m.Hashed[h]
	}
	return z
}

// stage2Inputs fills x with the stage-two inputs of line i.
func stage2Inputs(d *signals.Doc, z1 []float32, i int, x []float32) {
	l := &d.Lines[i]
	at := func(j int) float32 {
		if j < 0 {
			return 0
		}
		return z1[j]
	}
	p1 := l.Ctx.Prev
	p2 := -1
	if p1 >= 0 {
		p2 = d.Lines[p1].Ctx.Prev
	}
	n1 := l.Ctx.Next
	n2 := -1
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
	var main, prose float32
	if l.Ctx.Zone == signals.Main {
		main = 1
	}
	if l.IsProse() {
		prose = 1
	}
	copy(x, []float32{1, z1[i], at(p1), at(p2), at(n1), at(n2), sum / cnt, hi, lo, main, prose})
}

func dot(w, x []float32) float32 {
	var z float32
	for j := range w {
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

// Explain returns the k dense features that weighed most on line i, and
// the summed weight of its hashed n-grams as one entry named "n-grams".
func (m *Model) Explain(v *features.Vectors, i, k int) []Contribution {
	row := v.Row(i)
	cs := make([]Contribution, 0, len(row)+1)
	for j, x := range row {
		if x != 0 && j > 0 {
			if w := float64(m.Dense[j] * x); math.Abs(w) > 1e-3 {
				cs = append(cs, Contribution{m.Names[j], w})
			}
		}
	}
	var h float32
	for _, j := range v.Hashed(i) {
		h += m.Hashed[j]
	}
	cs = append(cs, Contribution{"n-grams", float64(h)})
	sort.Slice(cs, func(a, b int) bool { return math.Abs(cs[a].Weight) > math.Abs(cs[b].Weight) })
	if len(cs) > k {
		cs = cs[:k]
	}
	return cs
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
	return &m, nil
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
	if len(m.Stage2) != 0 && len(m.Stage2) != len2 {
		return fmt.Errorf("model: %d stage-two weights, want %d", len(m.Stage2), len2)
	}
	return nil
}
