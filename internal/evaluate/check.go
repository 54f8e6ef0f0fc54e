// Package evaluate measures chaff against labelled data: per-category
// precision and recall on gold fixtures, with a confusion table, and the
// article-extraction benchmark's scores by cross-validation.
package evaluate

import (
	"fmt"
	"io"
	"sort"
	"text/tabwriter"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/label"
)

// Mismatch is one line where chaff and the gold label disagree.
type Mismatch struct {
	Doc     string
	Line    int
	Gold    string // "keep/body", "drop/teaser", "blank"
	Got     string
	Excerpt string
	Reasons []classify.Reason
}

// Counts are the outcomes for one class.
type Counts struct{ TP, FP, FN int }

// Precision is TP/(TP+FP), 1 when nothing was predicted.
func (c Counts) Precision() float64 {
	if c.TP+c.FP == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FP)
}

// Recall is TP/(TP+FN), 1 when there was nothing to find.
func (c Counts) Recall() float64 {
	if c.TP+c.FN == 0 {
		return 1
	}
	return float64(c.TP) / float64(c.TP+c.FN)
}

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Support is the number of gold lines of the class.
func (c Counts) Support() int { return c.TP + c.FN }

// Report is the outcome of comparing chaff with gold documents.
type Report struct {
	Docs       int
	Lines      int
	Classes    map[string]*Counts        // per kind and category, and "drop" and "keep" overall
	Confusion  map[string]map[string]int // gold class → predicted class → lines
	Mismatches []Mismatch                // in document and line order
	PerDoc     map[string]int            // mismatches per document
}

// Check classifies every gold document and compares line by line. A gold
// row with an unknown class ("-") is compared by label only.
func Check(cl *classify.Classifier, docs []*gold.Doc) *Report {
	r := &Report{Docs: len(docs), Classes: map[string]*Counts{}, Confusion: map[string]map[string]int{}, PerDoc: map[string]int{}}
	for _, d := range docs {
		got := cl.Classify(d.Data)
		r.PerDoc[d.Name] = 0
		for i, row := range d.Rows {
			l := &got.Lines[i]
			r.Lines++
			g, p := goldClass(row), lineClass(l, row.Class == gold.Unknown)
			r.tally(row.Label, l.Label, g, p)
			if g != p {
				r.PerDoc[d.Name]++
				r.Mismatches = append(r.Mismatches, Mismatch{d.Name, i + 1, g, p, gold.Excerpt(l.Text), l.Reasons})
			}
		}
	}
	return r
}

func goldClass(row gold.Row) string {
	if row.Label == label.Blank {
		return "blank"
	}
	if row.Class == gold.Unknown {
		return row.Label.String()
	}
	return row.Label.String() + "/" + row.Class
}

func lineClass(l *classify.Line, labelOnly bool) string {
	if l.Label == label.Blank {
		return "blank"
	}
	if labelOnly {
		return l.Label.String()
	}
	return l.Label.String() + "/" + l.Class()
}

func (r *Report) counts(class string) *Counts {
	c := r.Classes[class]
	if c == nil {
		c = &Counts{}
		r.Classes[class] = c
	}
	return c
}

func (r *Report) tally(gl, pl label.Label, g, p string) {
	if r.Confusion[g] == nil {
		r.Confusion[g] = map[string]int{}
	}
	r.Confusion[g][p]++
	if g == p {
		r.counts(g).TP++
	} else {
		r.counts(g).FN++
		r.counts(p).FP++
	}
	// Overall keep and drop, whatever the class.
	for _, l := range []label.Label{label.Keep, label.Drop} {
		c := r.counts(l.String() + " (all)")
		switch {
		case gl == l && pl == l:
			c.TP++
		case gl == l:
			c.FN++
		case pl == l:
			c.FP++
		}
	}
}

// ClassNames returns the classes of the report, sorted.
func (r *Report) ClassNames() []string {
	names := make([]string, 0, len(r.Classes))
	for n := range r.Classes {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// WriteTable writes per-class precision, recall, F1 and support.
func (r *Report) WriteTable(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "class\tprecision\trecall\tF1\tsupport\t\n")
	for _, n := range r.ClassNames() {
		c := r.Classes[n]
		if n == "blank" {
			continue
		}
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\t\n", n, c.Precision(), c.Recall(), c.F1(), c.Support())
	}
	return tw.Flush()
}

// WriteConfusion writes the confusion table, gold classes down, predicted
// across; only classes that occur are shown.
func (r *Report) WriteConfusion(w io.Writer) error {
	seen := map[string]bool{}
	for g, row := range r.Confusion {
		seen[g] = true
		for p := range row {
			seen[p] = true
		}
	}
	var cls []string
	for c := range seen {
		cls = append(cls, c)
	}
	sort.Strings(cls)
	tw := tabwriter.NewWriter(w, 0, 4, 1, ' ', tabwriter.AlignRight)
	fmt.Fprint(tw, "gold \\ got\t")
	for i := range cls {
		fmt.Fprintf(tw, "%d\t", i+1)
	}
	fmt.Fprintln(tw)
	for i, g := range cls {
		fmt.Fprintf(tw, "%d %s\t", i+1, g)
		for _, p := range cls {
			if n := r.Confusion[g][p]; n > 0 {
				fmt.Fprintf(tw, "%d\t", n)
			} else {
				fmt.Fprint(tw, ".\t")
			}
		}
		fmt.Fprintln(tw)
	}
	return tw.Flush()
}

// String describes the mismatch in one line, "file:line: gold X, got Y
// [reason]: excerpt", the reason being the code of the strongest one.
func (m Mismatch) String() string {
	code := ""
	if len(m.Reasons) > 0 {
		code = " [" + m.Reasons[0].Code + "]"
	}
	return fmt.Sprintf("%s:%d: gold %s, got %s%s: %s", m.Doc, m.Line, m.Gold, m.Got, code, m.Excerpt)
}

// WriteMismatches lists every line where chaff and gold disagree.
func (r *Report) WriteMismatches(w io.Writer) {
	for _, m := range r.Mismatches {
		fmt.Fprintln(w, m.String())
	}
}

// Merge adds the counts of reports made on disjoint documents, as the
// folds of a cross-validation are, into one report.
func Merge(reports ...*Report) *Report {
	m := &Report{Classes: map[string]*Counts{}, Confusion: map[string]map[string]int{}, PerDoc: map[string]int{}}
	for _, r := range reports {
		m.Docs += r.Docs
		m.Lines += r.Lines
		for c, n := range r.Classes {
			mc := m.counts(c)
			mc.TP, mc.FP, mc.FN = mc.TP+n.TP, mc.FP+n.FP, mc.FN+n.FN
		}
		for g, row := range r.Confusion {
			if m.Confusion[g] == nil {
				m.Confusion[g] = map[string]int{}
			}
			for p, n := range row {
				m.Confusion[g][p] += n
			}
		}
		m.Mismatches = append(m.Mismatches, r.Mismatches...)
		for d, n := range r.PerDoc {
			m.PerDoc[d] += n
		}
	}
	sort.SliceStable(m.Mismatches, func(i, j int) bool {
		a, b := m.Mismatches[i], m.Mismatches[j]
		return a.Doc < b.Doc || a.Doc == b.Doc && a.Line < b.Line
	})
	return m
}
