package evaluate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
)

// Failure is one class that did not pass a gate.
type Failure struct {
	Class string
	F1    float64 // the class's F1 now; 0 when the class is absent
	Want  float64 // the F1 it had to reach
	Why   string  // for people, e.g. "F1 0.812 is below the minimum 0.900"
}

// slack absorbs float rounding when a figure sits exactly on a limit, so
// that 0.90 against a minimum of 0.90 passes.
const slack = 1e-9

// Gated returns the classes the gates look at: every class of the report
// with at least one gold line, blank lines excepted, sorted.
func (r *Report) Gated() []string {
	var out []string
	for _, n := range r.ClassNames() {
		if n != "blank" && r.Classes[n].Support() > 0 {
			out = append(out, n)
		}
	}
	return out
}

// BelowMinF1 returns the gated classes whose F1 is below min.
func (r *Report) BelowMinF1(min float64) []Failure {
	var out []Failure
	for _, n := range r.Gated() {
		if f := r.Classes[n].F1(); f < min-slack {
			out = append(out, Failure{n, f, min, fmt.Sprintf("F1 %.3f is below the minimum %.3f", f, min)})
		}
	}
	return out
}

// BaselineFormat is the format name written in every baseline file.
const BaselineFormat = "chaff-check-baseline-1"

// Baseline records the per-class F1 of a check, to compare later checks
// with it.
type Baseline struct {
	Format  string                   `json:"format"`
	Docs    int                      `json:"docs"`
	Lines   int                      `json:"lines"`
	Classes map[string]BaselineClass `json:"classes"`
}

// BaselineClass is the recorded figure of one class.
type BaselineClass struct {
	F1      float64 `json:"f1"`
	Support int     `json:"support"`
}

// Baseline returns the report's per-class F1 for the gated classes.
func (r *Report) Baseline() *Baseline {
	b := &Baseline{Format: BaselineFormat, Docs: r.Docs, Lines: r.Lines, Classes: map[string]BaselineClass{}}
	for _, n := range r.Gated() {
		c := r.Classes[n]
		b.Classes[n] = BaselineClass{F1: c.F1(), Support: c.Support()}
	}
	return b
}

// Write writes the baseline as indented JSON, classes sorted by name.
func (b *Baseline) Write(w io.Writer) error {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// ReadBaseline reads a baseline written by Baseline.Write. name is used in
// error messages. Unknown fields, another format, an F1 outside [0,1], a
// negative support and a baseline without any class are errors: a baseline
// that gates nothing must not pass silently.
func ReadBaseline(name string, r io.Reader) (*Baseline, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var b Baseline
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("%s: not a chaff check baseline: %w", name, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: data after the baseline object", name)
	}
	if b.Format != BaselineFormat {
		return nil, fmt.Errorf("%s: format %q, want %q", name, b.Format, BaselineFormat)
	}
	if len(b.Classes) == 0 {
		return nil, fmt.Errorf("%s: the baseline records no class", name)
	}
	for n, c := range b.Classes {
		if math.IsNaN(c.F1) || c.F1 < 0 || c.F1 > 1 {
			return nil, fmt.Errorf("%s: class %q: F1 %v is outside [0,1]", name, n, c.F1)
		}
		if c.Support < 0 {
			return nil, fmt.Errorf("%s: class %q: negative support %d", name, n, c.Support)
		}
	}
	return &b, nil
}

// Regressions compares the report with a baseline and returns every class
// of the baseline whose F1 dropped by more than tolerance, and every class
// of the baseline that has no gold line any more (a fixture set that lost
// a class must not pass as unchanged). Classes new since the baseline are
// not failures.
func (r *Report) Regressions(b *Baseline, tolerance float64) []Failure {
	names := make([]string, 0, len(b.Classes))
	for n := range b.Classes {
		names = append(names, n)
	}
	sort.Strings(names)
	var out []Failure
	for _, n := range names {
		base := b.Classes[n]
		c := r.Classes[n]
		if c == nil || c.Support() == 0 {
			out = append(out, Failure{n, 0, base.F1, fmt.Sprintf("in the baseline (F1 %.3f, %d lines) but no gold line has this class now", base.F1, base.Support)})
			continue
		}
		if f := c.F1(); base.F1-f > tolerance+slack {
			out = append(out, Failure{n, f, base.F1 - tolerance, fmt.Sprintf("F1 %.3f dropped by %.3f from the baseline's %.3f (tolerance %.3f)", f, base.F1-f, base.F1, tolerance)})
		}
	}
	return out
}
