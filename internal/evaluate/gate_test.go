package evaluate

import (
	"bytes"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
)

// sampleReport is a small handmade report.
func sampleReport() *Report {
	return &Report{
		Docs:  2,
		Lines: 14,
		Classes: map[string]*Counts{
			"blank":           {TP: 3},
			"keep/body":       {TP: 4, FN: 1},
			"keep/title":      {TP: 2},
			"drop/navigation": {TP: 3, FP: 1},
			"drop/ad":         {FP: 1}, // predicted only: no gold line
			"keep (all)":      {TP: 6, FN: 1},
			"drop (all)":      {TP: 3, FP: 1},
		},
		Confusion: map[string]map[string]int{
			"blank":           {"blank": 3},
			"keep/body":       {"keep/body": 4, "drop/navigation": 1},
			"keep/title":      {"keep/title": 2},
			"drop/navigation": {"drop/navigation": 3, "drop/ad": 1},
		},
		Mismatches: []Mismatch{
			{Doc: "a.txt", Line: 5, Gold: "keep/body", Got: "drop/navigation", Excerpt: "Tap <here> & there",
				Reasons: []classify.Reason{{Code: "lex:nav", Text: "menu word"}}},
			{Doc: "a.txt", Line: 9, Gold: "drop/navigation", Got: "drop/ad", Excerpt: "Anzeige"},
		},
		PerDoc: map[string]int{"a.txt": 2, "b.txt": 0},
	}
}

func TestGated(t *testing.T) {
	got := strings.Join(sampleReport().Gated(), ",")
	want := "drop (all),drop/navigation,keep (all),keep/body,keep/title"
	if got != want {
		t.Errorf("Gated() = %s, want %s", got, want)
	}
}

func TestBelowMinF1(t *testing.T) {
	r := sampleReport()
	tests := []struct {
		min  float64
		want string
	}{
		{0, ""},
		{0.75, ""},
		{0.86, "drop (all),drop/navigation"}, // F1 0.857
		{0.89, "drop (all),drop/navigation,keep/body"},
		{1, "drop (all),drop/navigation,keep (all),keep/body"},
	}
	for _, tt := range tests {
		var names []string
		for _, f := range r.BelowMinF1(tt.min) {
			names = append(names, f.Class)
			if f.Want != tt.min || f.F1 >= tt.min || !strings.Contains(f.Why, "below") {
				t.Errorf("min %v: failure %+v", tt.min, f)
			}
		}
		if got := strings.Join(names, ","); got != tt.want {
			t.Errorf("min %v: %s, want %s", tt.min, got, tt.want)
		}
	}
}

func TestBaselineRoundTrip(t *testing.T) {
	r := sampleReport()
	var buf bytes.Buffer
	if err := r.Baseline().Write(&buf); err != nil {
		t.Fatal(err)
	}
	b, err := ReadBaseline("base.json", &buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Classes) != len(r.Gated()) || b.Docs != 2 || b.Lines != 14 {
		t.Fatalf("baseline %+v", b)
	}
	for _, n := range r.Gated() {
		if b.Classes[n].F1 != r.Classes[n].F1() || b.Classes[n].Support != r.Classes[n].Support() {
			t.Errorf("%s: %+v, want F1 %v support %d", n, b.Classes[n], r.Classes[n].F1(), r.Classes[n].Support())
		}
	}
	if f := r.Regressions(b, 0); len(f) != 0 {
		t.Errorf("a report regresses against its own baseline: %+v", f)
	}
}

func TestReadBaselineErrors(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"empty", "", "not a chaff check baseline"},
		{"not json", "f1: 1", "not a chaff check baseline"},
		{"wrong format", `{"format":"x","classes":{"a":{"f1":1,"support":1}}}`, "format"},
		{"no class", `{"format":"chaff-check-baseline-1","classes":{}}`, "no class"},
		{"f1 above one", `{"format":"chaff-check-baseline-1","classes":{"a":{"f1":1.5,"support":1}}}`, "outside"},
		{"negative support", `{"format":"chaff-check-baseline-1","classes":{"a":{"f1":1,"support":-1}}}`, "negative"},
		{"unknown field", `{"format":"chaff-check-baseline-1","classes":{"a":{"f1":1,"support":1,"x":2}}}`, "unknown field"},
		{"trailing data", `{"format":"chaff-check-baseline-1","classes":{"a":{"f1":1,"support":1}}} {}`, "after"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadBaseline("b.json", strings.NewReader(tt.in))
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "b.json") {
				t.Errorf("error %v, want one naming b.json and saying %q", err, tt.want)
			}
		})
	}
}

func TestRegressions(t *testing.T) {
	r := sampleReport() // keep/body F1 0.889, drop/navigation 0.857
	base := func(classes map[string]BaselineClass) *Baseline {
		return &Baseline{Format: BaselineFormat, Classes: classes}
	}
	tests := []struct {
		name      string
		base      *Baseline
		tolerance float64
		want      string
	}{
		{"equal", base(map[string]BaselineClass{"keep/body": {F1: 8.0 / 9, Support: 5}}), 0, ""},
		{"improved", base(map[string]BaselineClass{"keep/body": {F1: 0.5, Support: 5}}), 0, ""},
		{"within tolerance", base(map[string]BaselineClass{"keep/body": {F1: 0.9, Support: 5}}), 0.02, ""},
		{"drop past tolerance", base(map[string]BaselineClass{"keep/body": {F1: 0.95, Support: 5}}), 0.02, "keep/body"},
		{"several", base(map[string]BaselineClass{"keep/body": {F1: 1, Support: 5}, "drop/navigation": {F1: 1, Support: 3}, "keep/title": {F1: 1, Support: 2}}), 0.1, "drop/navigation,keep/body"},
		{"class gone", base(map[string]BaselineClass{"drop/teaser": {F1: 0.5, Support: 4}}), 1, "drop/teaser"},
		{"predicted only is gone", base(map[string]BaselineClass{"drop/ad": {F1: 0, Support: 1}}), 1, "drop/ad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var names []string
			for _, f := range r.Regressions(tt.base, tt.tolerance) {
				names = append(names, f.Class)
				if f.Why == "" {
					t.Errorf("failure without a reason: %+v", f)
				}
			}
			if got := strings.Join(names, ","); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func FuzzReadBaseline(f *testing.F) {
	var buf bytes.Buffer
	sampleReport().Baseline().Write(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte(`{"format":"chaff-check-baseline-1","classes":{"a":{"f1":NaN}}}`))
	f.Add([]byte(`{"format":"chaff-check-baseline-1","classes":{"a":{"f1":1e400,"support":1}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := ReadBaseline("fuzz.json", bytes.NewReader(data))
		if err != nil {
			return
		}
		// A baseline that reads back must gate something and survive a
		// round trip unchanged.
		if len(b.Classes) == 0 {
			t.Fatal("accepted a baseline without classes")
		}
		var out bytes.Buffer
		if err := b.Write(&out); err != nil {
			t.Fatal(err)
		}
		b2, err := ReadBaseline("again.json", &out)
		if err != nil {
			t.Fatalf("round trip: %v", err)
		}
		for n, c := range b.Classes {
			if b2.Classes[n] != c {
				t.Fatalf("class %q: %+v became %+v", n, c, b2.Classes[n])
			}
		}
		_ = sampleReport().Regressions(b, 0.02)
	})
}
