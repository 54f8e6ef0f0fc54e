package evaluate

import "testing"

func TestMerge(t *testing.T) {
	a := &Report{Docs: 1, Lines: 3, Classes: map[string]*Counts{"drop/ad": {TP: 1, FP: 1}},
		Confusion: map[string]map[string]int{"drop/ad": {"drop/ad": 1}}, PerDoc: map[string]int{"a": 1},
		Mismatches: []Mismatch{{Doc: "b", Line: 2}}}
	b := &Report{Docs: 2, Lines: 5, Classes: map[string]*Counts{"drop/ad": {TP: 2, FN: 1}, "keep/body": {TP: 3}},
		Confusion: map[string]map[string]int{"drop/ad": {"drop/ad": 2, "keep/body": 1}}, PerDoc: map[string]int{"c": 0},
		Mismatches: []Mismatch{{Doc: "a", Line: 9}}}
	m := Merge(a, b)
	if m.Docs != 3 || m.Lines != 8 {
		t.Errorf("docs %d lines %d, want 3 and 8", m.Docs, m.Lines)
	}
	if c := m.Classes["drop/ad"]; c.TP != 3 || c.FP != 1 || c.FN != 1 {
		t.Errorf("drop/ad %+v, want TP 3 FP 1 FN 1", *c)
	}
	if m.Confusion["drop/ad"]["drop/ad"] != 3 || m.Confusion["drop/ad"]["keep/body"] != 1 {
		t.Errorf("confusion %v", m.Confusion)
	}
	if len(m.Mismatches) != 2 || m.Mismatches[0].Doc != "a" {
		t.Errorf("mismatches %+v, want sorted by document", m.Mismatches)
	}
	if a.Classes["drop/ad"].TP != 1 {
		t.Error("Merge changed its input")
	}
}
