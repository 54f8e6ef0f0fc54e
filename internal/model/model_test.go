package model

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/features"
	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/signals"
)

// doc is a tiny labelled document: each line is "k " (content) or "d "
// (noise) followed by its text, or "" for a blank line.
func doc(t *testing.T, rows ...string) Example {
	t.Helper()
	var text []string
	var noise []int8
	var class []string
	for _, r := range rows {
		switch {
		case r == "":
			text, noise, class = append(text, ""), append(noise, -1), append(class, "")
		case strings.HasPrefix(r, "k "):
			text, noise, class = append(text, r[2:]), append(noise, 0), append(class, "body")
		case strings.HasPrefix(r, "d "):
			text, noise, class = append(text, r[2:]), append(noise, 1), append(class, "navigation")
		default:
			t.Fatalf("bad row %q", r)
		}
	}
	data := []byte(strings.Join(text, "\n") + "\n")
	d := signals.Analyze(&signals.Env{}, data, lines.Split(data))
	return Example{Doc: d, Vec: features.Build(d, nil), Noise: noise, Class: class}
}

const (
	p1 = "The council voted on Tuesday to build a new bridge over the river, a project that has been discussed for more than ten years."
	p2 = "Residents who spoke at the meeting said that the traffic in the old town had become unbearable and that the bridge was long overdue."
	p3 = "The work is expected to start next spring and should last about two years, according to the engineers in charge of the project."
)

func examples(t *testing.T) []Example {
	return []Example{
		doc(t, "d Home", "d News", "d Sport", "", "k "+p1, "k "+p2, "d Share on Facebook"),
		doc(t, "d Menu", "d Login", "k "+p2, "", "k "+p3, "d Read more"),
		doc(t, "k "+p3, "k "+p1, "d Subscribe now", "d Contact"),
		doc(t, "d Home", "k "+p1, "k "+p3, "d Cookies policy", "d Terms"),
	}
}

func write(t *testing.T, m *Model) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := m.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestReadRejects(t *testing.T) {
	m := Train(examples(t), Config{Seed: 1, Epochs: 1})
	good := write(t, m)
	renamed := *m
	renamed.Names = append([]string(nil), m.Names...)
	renamed.Names[3] = "no-such-feature"
	short := *m
	short.Hashed = m.Hashed[:10]
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a chaff model"},
		{"no magic", []byte("hello world, this is not a model at all"), "not a chaff model"},
		{"wrong magic", append([]byte("chaff-model-0\n"), good[len(magic):]...), "not a chaff model"},
		{"magic only", []byte(magic), "model:"},
		{"truncated", good[:len(good)/2], "model:"},
		{"renamed feature", write(t, &renamed), "retrain"},
		{"hashed size", write(t, &short), "hashed weights"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Read(bytes.NewReader(tt.data))
			if err == nil || m != nil {
				t.Fatalf("Read accepted it (model %v)", m != nil)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
		})
	}
}

func TestWriteReadRoundTrip(t *testing.T) {
	ex := examples(t)
	for _, cfg := range []Config{{Seed: 1, Epochs: 2}, {Seed: 1, Epochs: 2, Folds: 2, Forest: ForestConfig{Trees: 5, MinLeaf: 1}}} {
		m := Train(ex, cfg)
		if (m.Forest != nil) != (cfg.Folds > 1) {
			t.Fatalf("Folds %d: forest %v", cfg.Folds, m.Forest != nil)
		}
		r, err := Read(bytes.NewReader(write(t, m)))
		if err != nil {
			t.Fatalf("Read(Write(m)): %v", err)
		}
		if r.About != m.About {
			t.Errorf("About %q became %q", m.About, r.About)
		}
		for _, e := range ex {
			a, b := m.Score(e.Doc, e.Vec), r.Score(e.Doc, e.Vec)
			for i := range a.P {
				if a.P[i] != b.P[i] {
					t.Fatalf("Folds %d line %d: score %v before writing, %v after", cfg.Folds, i, a.P[i], b.P[i])
				}
				if e.Doc.Lines[i].Blank() && a.P[i] != 0 {
					t.Errorf("blank line %d scored %v", i, a.P[i])
				}
			}
		}
	}
}

func TestDefaultModels(t *testing.T) {
	for name, load := range map[string]func() (*Model, error){"Default": Default, "DefaultHTML": DefaultHTML} {
		m, err := load()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(m.Names) != features.Dense || m.About == "" {
			t.Errorf("%s: %d names, About %q", name, len(m.Names), m.About)
		}
	}
}

func TestTrainLearnsAndIsDeterministic(t *testing.T) {
	ex := examples(t)
	cfg := Config{Seed: 7, Epochs: 4}
	a := write(t, Train(ex, cfg))
	b := write(t, Train(ex, cfg))
	if !bytes.Equal(a, b) {
		t.Error("two Trains with the same seed differ")
	}
	cfg.Seed = 8
	if c := write(t, Train(ex, cfg)); bytes.Equal(a, c) {
		t.Error("Trains with seeds 7 and 8 gave identical models")
	}
	m := Train(ex, Config{Seed: 7, Epochs: 8})
	right, total := 0, 0
	for _, e := range ex {
		s := m.Score(e.Doc, e.Vec)
		for i, y := range e.Noise {
			if y < 0 {
				continue
			}
			total++
			if (s.P[i] > 0.5) == (y == 1) {
				right++
			}
		}
	}
	if right*10 < total*9 {
		t.Errorf("training accuracy %d/%d, want >= 90%%", right, total)
	}
	if m.Categories == nil {
		t.Error("training data named categories, model has no Categorizer")
	}
}

func TestExplain(t *testing.T) {
	ex := examples(t)
	for _, cfg := range []Config{
		{Seed: 1, Epochs: 2},
		{Seed: 1, Epochs: 2, Folds: 2, Forest: ForestConfig{Trees: 10, MinLeaf: 1}},
		{Seed: 1, Epochs: 2, Folds: 2, Context: true, Forest: ForestConfig{Trees: 10, MinLeaf: 1}},
	} {
		m := Train(ex, cfg)
		e := ex[0]
		s := m.Score(e.Doc, e.Vec)
		x := m.Explainer()
		nonEmpty := false
		for i := range e.Doc.Lines {
			if e.Doc.Lines[i].Blank() {
				continue
			}
			for _, k := range []int{0, 1, 3, 8} {
				got := x.Explain(nil, e.Doc, e.Vec, &s, i, k)
				if len(got) > k {
					t.Fatalf("Explain(k=%d) returned %d contributions", k, len(got))
				}
				nonEmpty = nonEmpty || len(got) > 0
				for j, c := range got {
					if c.Feature == features.Name(0) {
						t.Errorf("Explain returned the constant part %q", c.Feature)
					}
					if c.Feature == "" || c.Weight == 0 {
						t.Errorf("empty contribution %+v", c)
					}
					if j > 0 && math.Abs(c.Weight) > math.Abs(got[j-1].Weight) {
						t.Errorf("line %d: contributions not strongest first: %+v", i, got)
					}
				}
			}
			// dst is appended to.
			pre := []Contribution{{"x", 1}}
			if got := x.Explain(pre, e.Doc, e.Vec, &s, i, 2); len(got) < 1 || got[0].Feature != "x" {
				t.Errorf("Explain did not append to dst: %+v", got)
			}
		}
		if !nonEmpty {
			t.Errorf("Folds %d: Explain never found a contribution", cfg.Folds)
		}
	}
}

func TestTrainRecordsReadability(t *testing.T) {
	for _, rb := range []bool{false, true} {
		m := Train(examples(t), Config{Seed: 1, Epochs: 1, Readability: rb})
		back, err := Read(bytes.NewReader(write(t, m)))
		if err != nil {
			t.Fatal(err)
		}
		if m.Readability != rb || back.Readability != rb {
			t.Errorf("Config.Readability %v: model %v, after Write and Read %v", rb, m.Readability, back.Readability)
		}
		if got := strings.Contains(m.About, "go-readability"); got != rb {
			t.Errorf("Config.Readability %v: About %q", rb, m.About)
		}
	}
}

func TestInnerFolds(t *testing.T) {
	for _, tc := range []struct {
		name  string
		pages []int
		k     int
		want  []int
	}{
		{"no pages: index mod k", []int{0, 0, 0, 0, 0}, 3, []int{0, 1, 2, 0, 1}},
		{"a page's variants follow its first example", []int{1, 2, 3, 1, 2, 3, 1}, 3, []int{0, 1, 2, 0, 1, 2, 0}},
		{"variants out of step with the index", []int{7, 8, 7, 7, 9, 8}, 3, []int{0, 1, 0, 0, 1, 1}},
		{"pages and single examples mixed", []int{0, 5, 0, 5, 0}, 2, []int{0, 1, 0, 1, 0}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := InnerFolds(tc.pages, tc.k); !slices.Equal(got, tc.want) {
				t.Errorf("InnerFolds(%v, %d) = %v, want %v", tc.pages, tc.k, got, tc.want)
			}
		})
	}
}

func TestDocuments(t *testing.T) {
	for _, tc := range []struct {
		pages []int
		want  string
	}{
		{[]int{0, 0, 0}, "3 documents"},
		{[]int{1, 2, 1, 1, 2, 2}, "2 documents and 4 layout variants"},
		{[]int{0, 4, 0, 4}, "3 documents and 1 layout variant"},
	} {
		if got := Documents(tc.pages); got != tc.want {
			t.Errorf("Documents(%v) = %q, want %q", tc.pages, got, tc.want)
		}
	}
}
