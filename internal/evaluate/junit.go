package evaluate

import (
	"encoding/xml"
	"fmt"
	"io"
	"sort"
	"strings"
)

// JUnit test case class names, so that CI tools group the two kinds of
// test case apart.
const (
	JUnitDocClass = "chaff.check.documents"
	JUnitF1Class  = "chaff.check.f1"
)

type junitSuite struct {
	XMLName  xml.Name    `xml:"testsuite"`
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	ClassName string        `xml:"classname,attr"`
	Failure   *junitFailure `xml:"failure,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the report as a JUnit XML test suite named suite: one
// test case per document, failing with the document's mismatching lines,
// and one per gated class (and per class of failures), failing when
// failures names it. failures are the outcome of the F1 gates
// (BelowMinF1, Regressions).
func (r *Report) WriteJUnit(w io.Writer, suite string, failures []Failure) error {
	s := junitSuite{Name: suite}
	byDoc := map[string][]string{}
	for _, m := range r.Mismatches {
		byDoc[m.Doc] = append(byDoc[m.Doc], m.String())
	}
	docs := make([]string, 0, len(r.PerDoc))
	for d := range r.PerDoc {
		docs = append(docs, d)
	}
	sort.Strings(docs)
	for _, d := range docs {
		c := junitCase{Name: d, ClassName: JUnitDocClass}
		if ms := byDoc[d]; len(ms) > 0 {
			c.Failure = &junitFailure{
				Message: fmt.Sprintf("%d lines differ from the gold labels", len(ms)),
				Type:    "mismatch",
				Text:    strings.Join(ms, "\n") + "\n",
			}
		}
		s.Cases = append(s.Cases, c)
	}
	failed := map[string][]string{}
	for _, f := range failures {
		failed[f.Class] = append(failed[f.Class], f.Why)
	}
	classes := r.Gated()
	for n := range failed {
		if c := r.Classes[n]; c == nil || c.Support() == 0 {
			classes = append(classes, n)
		}
	}
	sort.Strings(classes)
	for _, n := range classes {
		c := junitCase{Name: n, ClassName: JUnitF1Class}
		if k := r.Classes[n]; k != nil {
			c.SystemOut = fmt.Sprintf("precision %.3f recall %.3f F1 %.3f support %d", k.Precision(), k.Recall(), k.F1(), k.Support())
		}
		if why := failed[n]; len(why) > 0 {
			c.Failure = &junitFailure{Message: why[0], Type: "f1-gate", Text: strings.Join(why, "\n") + "\n"}
		}
		s.Cases = append(s.Cases, c)
	}
	s.Tests = len(s.Cases)
	for _, c := range s.Cases {
		if c.Failure != nil {
			s.Failures++
		}
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(s); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
