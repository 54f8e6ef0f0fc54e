package evaluate

import (
	"fmt"
	"testing"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/lang"
	"github.com/chaff-dev/chaff/internal/learn"
	"github.com/chaff-dev/chaff/internal/lexicon"
	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/model"
	"github.com/chaff-dev/chaff/internal/signals"
)

func TestTally(t *testing.T) {
	type call struct {
		gl, pl label.Label
		g, p   string
	}
	tests := []struct {
		name  string
		calls []call
		want  map[string]Counts
		conf  map[string]map[string]int
	}{
		{
			name: "agreement",
			calls: []call{
				{label.Keep, label.Keep, "keep/body", "keep/body"},
				{label.Drop, label.Drop, "drop/ad", "drop/ad"},
			},
			want: map[string]Counts{
				"keep/body": {TP: 1}, "drop/ad": {TP: 1},
				"keep (all)": {TP: 1}, "drop (all)": {TP: 1},
			},
			conf: map[string]map[string]int{"keep/body": {"keep/body": 1}, "drop/ad": {"drop/ad": 1}},
		},
		{
			name: "wrong category, right label",
			calls: []call{
				{label.Drop, label.Drop, "drop/ad", "drop/teaser"},
			},
			want: map[string]Counts{
				"drop/ad": {FN: 1}, "drop/teaser": {FP: 1},
				"drop (all)": {TP: 1}, "keep (all)": {},
			},
			conf: map[string]map[string]int{"drop/ad": {"drop/teaser": 1}},
		},
		{
			name: "content dropped and noise kept",
			calls: []call{
				{label.Keep, label.Drop, "keep/body", "drop/navigation"},
				{label.Drop, label.Keep, "drop/legal", "keep/body"},
				{label.Keep, label.Keep, "keep/body", "keep/body"},
			},
			want: map[string]Counts{
				"keep/body": {TP: 1, FP: 1, FN: 1}, "drop/navigation": {FP: 1}, "drop/legal": {FN: 1},
				"keep (all)": {TP: 1, FP: 1, FN: 1}, "drop (all)": {FP: 1, FN: 1},
			},
			conf: map[string]map[string]int{
				"keep/body":  {"drop/navigation": 1, "keep/body": 1},
				"drop/legal": {"keep/body": 1},
			},
		},
		{
			name:  "blank lines count in neither overall class",
			calls: []call{{label.Blank, label.Blank, "blank", "blank"}},
			want:  map[string]Counts{"blank": {TP: 1}, "keep (all)": {}, "drop (all)": {}},
			conf:  map[string]map[string]int{"blank": {"blank": 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &Report{Classes: map[string]*Counts{}, Confusion: map[string]map[string]int{}}
			for _, c := range tt.calls {
				r.tally(c.gl, c.pl, c.g, c.p)
			}
			if len(r.Classes) != len(tt.want) {
				t.Errorf("classes %v, want %v", r.ClassNames(), tt.want)
			}
			for n, want := range tt.want {
				if got := r.Classes[n]; got == nil || *got != want {
					t.Errorf("%s: got %+v, want %+v", n, got, want)
				}
			}
			if fmt.Sprint(r.Confusion) != fmt.Sprint(tt.conf) {
				t.Errorf("confusion %v, want %v", r.Confusion, tt.conf)
			}
		})
	}
}

func TestCountsRatios(t *testing.T) {
	tests := []struct {
		c           Counts
		p, r, f1    float64
		support     int
		description string
	}{
		{Counts{TP: 3, FP: 1, FN: 2}, 0.75, 0.6, 2 * 0.75 * 0.6 / 1.35, 5, "ordinary"},
		{Counts{}, 1, 1, 1, 0, "nothing predicted, nothing to find"},
		{Counts{FP: 2}, 0, 1, 0, 0, "only false positives"},
		{Counts{FN: 2}, 1, 0, 0, 2, "only misses"},
	}
	for _, tt := range tests {
		c := tt.c
		if c.Precision() != tt.p || c.Recall() != tt.r || !near(c.F1(), tt.f1) || c.Support() != tt.support {
			t.Errorf("%s: %+v: P %v R %v F1 %v support %d, want %v %v %v %d", tt.description, c,
				c.Precision(), c.Recall(), c.F1(), c.Support(), tt.p, tt.r, tt.f1, tt.support)
		}
	}
}

// tinyClassifier builds a classifier whose model is trained on data alone,
// labelled keep on its first line and drop on the others, so that tests do
// not depend on the embedded model (which may lag behind the features).
func tinyClassifier(t testing.TB, data []byte) *classify.Classifier {
	t.Helper()
	lx, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	env := &signals.Env{Lexicon: lx, Lang: lang.Default()}
	spans := lines.Split(data)
	rows := make([]gold.Row, len(spans))
	for i, s := range spans {
		switch {
		case lines.IsBlank(data[s.Start:s.End]):
			rows[i] = gold.Row{Label: label.Blank, Class: gold.Unknown}
		case i%2 == 0:
			rows[i] = gold.Row{Label: label.Keep, Class: gold.Unknown}
		default:
			rows[i] = gold.Row{Label: label.Drop, Class: gold.Unknown}
		}
	}
	m, err := learn.Train(env, learn.Data{Docs: []*gold.Doc{{Name: "train.txt", Data: data, Rows: rows}}}, model.Config{Seed: 1, Epochs: 1})
	if err != nil {
		t.Fatal(err)
	}
	cl, err := classify.New(classify.Config{TextModel: m, Lexicon: lx, Languages: env.Lang})
	if err != nil {
		t.Fatal(err)
	}
	return cl
}

func near(a, b float64) bool { return a-b < 1e-12 && b-a < 1e-12 }

// TestCheckCounts runs Check with the real classifier on a small document
// whose gold labels are chaff's own predictions with two lines changed, so
// the expected counts follow from the changes whatever the model says.
func TestCheckCounts(t *testing.T) {
	data := []byte("Harbour cranes stand still\n\nBy Jane Doe\n3 min read\n" +
		"Dockworkers voted on Tuesday to extend their strike for a third week, the union said.\n" +
		"Share on Facebook\n\nThe port authority said talks would resume on Monday morning.\nCookie settings\n")
	cl := tinyClassifier(t, data)
	got := cl.Classify(data)
	rows := make([]gold.Row, len(got.Lines))
	pred := make([]string, len(got.Lines))
	nonBlank := []int{}
	for i := range got.Lines {
		l := &got.Lines[i]
		rows[i] = gold.Row{Label: l.Label, Class: l.Class()}
		pred[i] = lineClass(l, false)
		if l.Label == label.Blank {
			rows[i].Class = gold.Unknown
		} else {
			nonBlank = append(nonBlank, i)
		}
	}
	if len(nonBlank) < 4 {
		t.Fatalf("want at least 4 non-blank lines, got %d", len(nonBlank))
	}
	// Line a: gold says another class with the opposite label.
	a := nonBlank[0]
	if got.Lines[a].Label == label.Keep {
		rows[a] = gold.Row{Label: label.Drop, Class: string(label.Repeated)}
	} else {
		rows[a] = gold.Row{Label: label.Keep, Class: string(label.Heading)}
	}
	wantGoldA := rows[a].Label.String() + "/" + rows[a].Class
	if wantGoldA == pred[a] {
		t.Fatalf("the change of line %d did not change its class %s", a+1, pred[a])
	}
	// Line b: gold class unknown, same label: compared by label only.
	b := nonBlank[1]
	rows[b].Class = gold.Unknown

	r := Check(cl, []*gold.Doc{{Name: "doc.txt", Data: data, Rows: rows}})

	want := map[string]*Counts{}
	at := func(n string) *Counts {
		if want[n] == nil {
			want[n] = &Counts{}
		}
		return want[n]
	}
	at("keep (all)")
	at("drop (all)")
	for i := range rows {
		switch i {
		case a:
			at(wantGoldA).FN++
			at(pred[a]).FP++
		case b:
			at(rows[b].Label.String()).TP++
		default:
			at(pred[i]).TP++
		}
		if rows[i].Label == label.Blank {
			continue
		}
		gl, pl := rows[i].Label, got.Lines[i].Label
		for _, l := range []label.Label{label.Keep, label.Drop} {
			c := at(l.String() + " (all)")
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
	if r.Docs != 1 || r.Lines != len(rows) {
		t.Errorf("Docs %d Lines %d, want 1 and %d", r.Docs, r.Lines, len(rows))
	}
	for n, w := range want {
		if c := r.Classes[n]; c == nil || *c != *w {
			t.Errorf("%s: got %+v, want %+v", n, c, *w)
		}
	}
	if len(r.Classes) != len(want) {
		t.Errorf("classes %v, want %d of them", r.ClassNames(), len(want))
	}
	if len(r.Mismatches) != 1 || r.PerDoc["doc.txt"] != 1 {
		t.Fatalf("mismatches %+v, per doc %v; want one on line %d", r.Mismatches, r.PerDoc, a+1)
	}
	m := r.Mismatches[0]
	if m.Doc != "doc.txt" || m.Line != a+1 || m.Gold != wantGoldA || m.Got != pred[a] {
		t.Errorf("mismatch %+v, want doc.txt:%d gold %s got %s", m, a+1, wantGoldA, pred[a])
	}
	if r.Confusion[wantGoldA][pred[a]] != 1 {
		t.Errorf("confusion[%s][%s] = %d, want 1", wantGoldA, pred[a], r.Confusion[wantGoldA][pred[a]])
	}
}
