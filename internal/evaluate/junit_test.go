package evaluate

import (
	"bytes"
	"encoding/xml"
	"github.com/chaff-dev/chaff/internal/golden"
	"strings"
	"testing"
)

type xmlSuite struct {
	Name     string `xml:"name,attr"`
	Tests    int    `xml:"tests,attr"`
	Failures int    `xml:"failures,attr"`
	Cases    []struct {
		Name      string `xml:"name,attr"`
		ClassName string `xml:"classname,attr"`
		Failure   *struct {
			Message string `xml:"message,attr"`
			Text    string `xml:",chardata"`
		} `xml:"failure"`
	} `xml:"testcase"`
}

func TestWriteJUnit(t *testing.T) {
	r := sampleReport()
	failures := append(r.BelowMinF1(0.86), Failure{Class: "drop/teaser", Why: "in the baseline but no gold line has this class now"})
	var buf bytes.Buffer
	if err := r.WriteJUnit(&buf, "chaff check", failures); err != nil {
		t.Fatal(err)
	}
	golden.Compare(t, "junit.golden.xml", buf.Bytes())

	var s xmlSuite
	if err := xml.Unmarshal(buf.Bytes(), &s); err != nil {
		t.Fatalf("not valid XML: %v", err)
	}
	// 2 documents, 5 gated classes and the vanished drop/teaser.
	if s.Name != "chaff check" || s.Tests != 8 || len(s.Cases) != 8 || s.Failures != 4 {
		t.Fatalf("suite %q: %d tests (%d cases), %d failures; want 8, 8, 4", s.Name, s.Tests, len(s.Cases), s.Failures)
	}
	byName := map[string]int{}
	for i, c := range s.Cases {
		byName[c.ClassName+" "+c.Name] = i
	}
	a := s.Cases[byName[JUnitDocClass+" a.txt"]]
	if a.Failure == nil || !strings.Contains(a.Failure.Text, "a.txt:5: gold keep/body, got drop/navigation [lex:nav]: Tap <here> & there") {
		t.Errorf("a.txt: failure %+v", a.Failure)
	}
	if b := s.Cases[byName[JUnitDocClass+" b.txt"]]; b.Failure != nil {
		t.Errorf("b.txt has no mismatch but fails: %+v", b.Failure)
	}
	for _, n := range []string{"drop/navigation", "drop (all)", "drop/teaser"} {
		if c := s.Cases[byName[JUnitF1Class+" "+n]]; c.Failure == nil {
			t.Errorf("%s passes, want a failure", n)
		}
	}
	if c := s.Cases[byName[JUnitF1Class+" keep/title"]]; c.Failure != nil {
		t.Errorf("keep/title fails: %+v", c.Failure)
	}
}
