package model

import (
	"bytes"
	"encoding/gob"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/features"
	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/linescan"
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
	return Example{Doc: d, Vec: features.Build(d, nil), Lines: linescan.Build(data, lines.Split(data)), Noise: noise, Class: class}
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
	// A head whose hashed space is too large for the sparse layout's
	// uint16 row numbers, its weights of the right size.
	wide := *m
	wideHead := *m.Categories
	wideHead.Bits = 16
	wideHead.Hashed = make([][]float32, len(wideHead.Names))
	for k := range wideHead.Hashed {
		wideHead.Hashed[k] = make([]float32, 1<<16)
	}
	wide.Categories = &wideHead
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "not a chaff model"},
		{"no magic", []byte("hello world, this is not a model at all"), "not a chaff model"},
		{"wrong magic", append([]byte("chaff-model-0\n"), good[len(magic+"accurate-text\n"):]...), "not a chaff model"},
		{"unknown kind", append([]byte(magic+"slow-text\n"), good[len(magic+"accurate-text\n"):]...), "unknown kind"},
		{"other kind", append([]byte(magic+"fast-text\n"), good[len(magic+"accurate-text\n"):]...), "accurate-text model in a fast-text file"},
		{"magic only", []byte(magic + "accurate-text\n"), "model:"},
		{"truncated", good[:len(good)/2], "model:"},
		{"renamed feature", write(t, &renamed), "retrain"},
		{"hashed size", write(t, &short), "hashed weights"},
		{"head of 1<<16 slots", write(t, &wide), "malformed class head"},
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

// TestEmbeddedModels checks that every kind has its embedded model, of
// that kind, whose file names the kind in its first line.
func TestEmbeddedModels(t *testing.T) {
	files := map[Kind][]byte{AccurateText: accurateText, FastText: fastText, AccurateHTML: accurateHTML, FastHTML: fastHTML}
	for k := AccurateText; k <= FastHTML; k++ {
		m, err := Embedded(k)
		if err != nil {
			t.Errorf("%v: %v", k, err)
			continue
		}
		names := features.Dense
		if k == FastText {
			names = linescan.Dense
		}
		if m.Kind != k || len(m.Names) != names || m.About == "" || m.Readability != (k == AccurateHTML) {
			t.Errorf("%v: kind %v, %d names, About %q, Readability %v", k, m.Kind, len(m.Names), m.About, m.Readability)
		}
		if want := magic + k.String() + "\n"; !bytes.HasPrefix(files[k], []byte(want)) {
			t.Errorf("%v: the file does not begin with %q", k, want)
		}
	}
	if _, err := Embedded(0); err == nil {
		t.Error("Embedded(0): no error")
	}
}

// TestReadLegacy checks that a file of an earlier release, whose first
// line names no kind, reads as the kind its contents say.
func TestReadLegacy(t *testing.T) {
	for _, readability := range []bool{false, true} {
		m := Train(examples(t), Config{Seed: 1, Epochs: 1})
		m.Readability = readability
		var b bytes.Buffer
		b.WriteString(legacyMagic)
		if err := gob.NewEncoder(&b).Encode(m); err != nil {
			t.Fatal(err)
		}
		r, err := Read(&b)
		if err != nil {
			t.Fatal(err)
		}
		want := AccurateText
		if readability {
			want = AccurateHTML
		}
		if r.Kind != want || !slices.Equal(r.Hashed, m.Hashed) {
			t.Errorf("Readability %v: read a %v model, want %v with the same weights", readability, r.Kind, want)
		}
	}
}

func TestKind(t *testing.T) {
	for k := AccurateText; k <= FastHTML; k++ {
		if got, err := ParseKind(k.String()); got != k || err != nil {
			t.Errorf("ParseKind(%q) = %v, %v", k.String(), got, err)
		}
		if KindOf(k.HTML(), k.Fast()) != k {
			t.Errorf("KindOf(%v, %v) = %v, want %v", k.HTML(), k.Fast(), KindOf(k.HTML(), k.Fast()), k)
		}
	}
	for _, s := range []string{"", "fast", "Kind(0)", "accurate"} {
		if _, err := ParseKind(s); err == nil {
			t.Errorf("ParseKind(%q): no error", s)
		}
	}
	if s := Kind(9).String(); s != "Kind(9)" {
		t.Errorf("Kind(9).String() = %q", s)
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

// TestFastPartner checks that an accurate text model trained with a fast
// partner scores a line by the mean of its stack's log-odds and the
// partner's, through Write and Read, names the partner among what weighed
// on a line, and that Read refuses a partner on another kind or of
// another kind.
func TestFastPartner(t *testing.T) {
	ex := examples(t)
	cfg := Config{Seed: 1, Epochs: 2, Folds: 2, Context: true, Forest: ForestConfig{Trees: 10, MinLeaf: 1}}
	cfg.Fast = &ForestConfig{Trees: 5, Depth: 3, MinLeaf: 1}
	m := Train(ex, cfg)
	if m.Fast == nil || m.Fast.Kind != FastText || m.Fast.Forest == nil || m.Fast.Categories != nil {
		t.Fatalf("partner %+v: want a fast text model with a forest and no categories", m.Fast)
	}
	if !strings.Contains(m.About, "averaged with a fast text model of 5 trees") {
		t.Errorf("About %q does not name the partner", m.About)
	}
	back, err := Read(bytes.NewReader(write(t, m)))
	if err != nil {
		t.Fatal(err)
	}
	stack := *m
	stack.Fast = nil
	named, haveRest, constant := false, false, 0.0
	for _, e := range ex {
		s, r, alone := m.Score(e.Doc, e.Vec), back.Score(e.Doc, e.Vec), stack.Score(e.Doc, e.Vec)
		var fs FastScores
		m.Fast.ScoreFast(&fs, e.Lines)
		x := m.Explainer()
		for i := range e.Doc.Lines {
			if e.Doc.Lines[i].Blank() {
				continue
			}
			if s.P[i] != r.P[i] {
				t.Fatalf("line %d: score %v before writing, %v after", i, s.P[i], r.P[i])
			}
			zs, zf := logOdds(alone.P[i]), logOdds(fs.P[i])
			if want := 1 / (1 + math.Exp(-(zs+zf)/2)); math.Abs(s.P[i]-want) > 1e-4 {
				t.Errorf("line %d: score %v, want %v: the mean of log-odds %.3f (stack) and %.3f (partner)", i, s.P[i], want, zs, zf)
			}
			// The partner's inputs add up to half its log-odds, less half
			// its trees' constant part, the same on every line.
			var sum float64
			for _, c := range x.Explain(nil, e.Doc, e.Vec, &s, i, stage3Width+fastWidth) {
				if name, ok := strings.CutPrefix(c.Feature, partnerName); ok {
					named = true
					if !slices.Contains(fastNames(), name) {
						t.Errorf("line %d: %q is not an input of the partner", i, c.Feature)
					}
					sum += c.Weight
				}
			}
			rest := float64(s.Fast[i])/2 - sum
			if !haveRest {
				constant, haveRest = rest, true
			} else if math.Abs(rest-constant) > 1e-3 {
				t.Errorf("line %d: the partner's inputs sum to %.4f, %.4f short of half its log-odds %.4f, on another line %.4f", i, sum, rest, float64(s.Fast[i])/2, constant)
			}
		}
	}
	if !named {
		t.Error("Explain never named the partner")
	}
	html := *m
	html.Kind = AccurateHTML
	wrong := *m
	wrong.Fast = &stack
	for name, bad := range map[string]*Model{"on an HTML model": &html, "not a fast text model": &wrong} {
		if _, err := Read(bytes.NewReader(write(t, bad))); err == nil || !strings.Contains(err.Error(), "partner") {
			t.Errorf("%s: Read gave error %v, want one about the partner", name, err)
		}
	}
}

// TestPartnerLeavesHandLabelled checks that the fast partner does not learn
// the hand-labelled examples (Tune) beside others, whose lines the stack's
// tuning trees fit, and learns them when they are alone.
func TestPartnerLeavesHandLabelled(t *testing.T) {
	cfg := Config{Seed: 1, Epochs: 2, Folds: 2, Fast: &ForestConfig{Trees: 5, Depth: 3, MinLeaf: 1}}
	flipped := func(ex []Example) []Example {
		out := slices.Clone(ex)
		for d := range out {
			if out[d].Tune {
				out[d].Noise = slices.Clone(out[d].Noise)
				for i, y := range out[d].Noise {
					if y >= 0 {
						out[d].Noise[i] = 1 - y
					}
				}
			}
		}
		return out
	}
	mixed := examples(t)
	mixed[1].Tune = true
	if a, b := trainPartner(mixed, cfg), trainPartner(flipped(mixed), cfg); !bytes.Equal(write(t, a), write(t, b)) {
		t.Error("beside other examples, the labels of a hand-labelled one changed the partner")
	}
	alone := examples(t)
	for d := range alone {
		alone[d].Tune = true
	}
	if a, b := trainPartner(alone, cfg), trainPartner(flipped(alone), cfg); bytes.Equal(write(t, a), write(t, b)) {
		t.Error("hand-labelled examples alone: the partner did not learn them")
	}
}

// logOdds is the log-odds of p.
func logOdds(p float64) float64 { return math.Log(p / (1 - p)) }

// TestTrainRecordsKind checks that a model records its kind, through
// Write and Read, and that the accurate HTML model alone reads
// go-readability's signal.
func TestTrainRecordsKind(t *testing.T) {
	for _, k := range []Kind{0, AccurateText, AccurateHTML, FastHTML} {
		m := Train(examples(t), Config{Kind: k, Seed: 1, Epochs: 1})
		back, err := Read(bytes.NewReader(write(t, m)))
		if err != nil {
			t.Fatal(err)
		}
		want := max(k, AccurateText)
		rb := k == AccurateHTML
		if m.Kind != want || back.Kind != want {
			t.Errorf("Config.Kind %v: model %v, after Write and Read %v", k, m.Kind, back.Kind)
		}
		if m.Readability != rb || back.Readability != rb {
			t.Errorf("Config.Kind %v: Readability %v, after Write and Read %v", k, m.Readability, back.Readability)
		}
		if got := strings.Contains(m.About, "go-readability"); got != rb {
			t.Errorf("Config.Kind %v: About %q", k, m.About)
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
			if got := innerFolds(tc.pages, tc.k); !slices.Equal(got, tc.want) {
				t.Errorf("innerFolds(%v, %d) = %v, want %v", tc.pages, tc.k, got, tc.want)
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
		if got := documents(tc.pages); got != tc.want {
			t.Errorf("documents(%v) = %q, want %q", tc.pages, got, tc.want)
		}
	}
}

// FuzzRead checks that no bytes make Read panic: a model file is input,
// given with --model and --html-model.
func FuzzRead(f *testing.F) {
	for _, data := range [][]byte{accurateText, fastText} {
		f.Add(data[:4000])
	}
	var b bytes.Buffer
	if err := Train(trainSet(), Config{Kind: FastText, Seed: 1, Epochs: 1}).Write(&b); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte(legacyFastMagic))
	f.Add([]byte(magic + "accurate-html\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Read(bytes.NewReader(data))
		if (m == nil) == (err == nil) {
			t.Fatalf("Read gave model %v and error %v", m != nil, err)
		}
	})
}

// TestScanned checks that the spans the Fast partner measures, in
// training and in scoring, are the lines' first signals.MaxScan bytes,
// cut at a character's start, and the document's own spans when no line
// is longer.
func TestScanned(t *testing.T) {
	long := strings.Repeat("a", signals.MaxScan-1) + "é and more"
	tests := []struct {
		name string
		data string
		want []int // the length of each span
	}{
		{"short lines", "one\ntwo\n", []int{3, 3}},
		{"exactly the cap", strings.Repeat("b", signals.MaxScan) + "\nx", []int{signals.MaxScan, 1}},
		{"a character across the cap", long + "\nx", []int{signals.MaxScan - 1, 1}},
		{"over the cap", "x\n" + strings.Repeat("c", 3*signals.MaxScan), []int{1, signals.MaxScan}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.data)
			d := signals.Analyze(&signals.Env{}, data, lines.Split(data))
			got := scanned(d)
			var n []int
			for _, s := range got {
				if s.Start != d.Spans[len(n)].Start {
					t.Errorf("span %d starts at %d, the line at %d", len(n), s.Start, d.Spans[len(n)].Start)
				}
				n = append(n, s.End-s.Start)
			}
			if !slices.Equal(n, tt.want) {
				t.Errorf("span lengths %v, want %v", n, tt.want)
			}
			if slices.Equal(n, lengths(d.Spans)) != (&got[0] == &d.Spans[0]) {
				t.Error("the document's spans are copied when none is cut, or written into when one is")
			}
		})
	}
}

func lengths(spans []lines.Span) []int {
	var n []int
	for _, s := range spans {
		n = append(n, s.End-s.Start)
	}
	return n
}

// fastNames returns the names of the fast text model's stage-two inputs.
func fastNames() []string {
	var n []string
	for j := range fastWidth {
		n = append(n, fastFeatureName(j))
	}
	return n
}
