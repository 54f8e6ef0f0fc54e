package features

import (
	"slices"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/htmltext"
	"github.com/chaff-dev/chaff/internal/lang"
	"github.com/chaff-dev/chaff/internal/lexicon"
	"github.com/chaff-dev/chaff/internal/lines"
	"github.com/chaff-dev/chaff/internal/signals"
)

func testEnv(t *testing.T) *signals.Env {
	t.Helper()
	lx, err := lexicon.Default()
	if err != nil {
		t.Fatalf("lexicon.Default: %v", err)
	}
	return &signals.Env{Lexicon: lx, Lang: lang.Default()}
}

const textDoc = "Tesla dévoile une nouvelle voiture électrique\n\n2 min de lecture\n" +
	"Le constructeur américain a présenté mardi à Paris un modèle plus petit et moins cher que les précédents, qui sera produit en Allemagne.\n" +
	"\u3000\n" +
	"+0,45 %\n"

func index(t *testing.T, name string) int {
	t.Helper()
	for i := 0; i < Dense; i++ {
		if Name(i) == name {
			return i
		}
	}
	t.Fatalf("no feature %q", name)
	return -1
}

func TestNames(t *testing.T) {
	if len(names) != Dense {
		t.Fatalf("len(names) = %d, Dense = %d", len(names), Dense)
	}
	seen := map[string]int{}
	for i := 0; i < Dense; i++ {
		n := Name(i)
		if n == "" {
			t.Errorf("Name(%d) is empty", i)
		}
		if j, ok := seen[n]; ok {
			t.Errorf("Name(%d) = Name(%d) = %q", i, j, n)
		}
		seen[n] = i
	}
	if Name(0) != "bias" {
		t.Errorf("Name(0) = %q, want bias", Name(0))
	}
	if Name(domStart) != "html" {
		t.Errorf("Name(domStart) = %q, want html", Name(domStart))
	}
}

func TestBuildText(t *testing.T) {
	data := []byte(textDoc)
	d := signals.Analyze(testEnv(t), data, lines.Split(data))
	v := Build(d, nil)
	if v.Width >= Dense || v.Width != domStart {
		t.Fatalf("text mode Width = %d, want domStart %d < Dense %d", v.Width, domStart, Dense)
	}
	if len(v.X) != len(d.Lines)*v.Width || len(v.Off) != len(d.Lines)+1 {
		t.Fatalf("len(X) = %d, len(Off) = %d for %d lines", len(v.X), len(v.Off), len(d.Lines))
	}
	for i := range d.Lines {
		row := v.Row(i)
		if len(row) != v.Width {
			t.Fatalf("Row(%d) has %d values", i, len(row))
		}
		h := v.Hashed(i)
		for _, x := range h {
			if x >= 1<<HashBits {
				t.Errorf("line %d: hashed index %d out of range", i, x)
			}
		}
		if d.Lines[i].Blank() {
			if slices.ContainsFunc(row, func(f float32) bool { return f != 0 }) {
				t.Errorf("blank line %d has a non-zero row", i)
			}
			if len(h) != 0 {
				t.Errorf("blank line %d has %d hashed features", i, len(h))
			}
			continue
		}
		if row[0] != 1 {
			t.Errorf("line %d: bias = %v", i, row[0])
		}
		if len(h) == 0 && d.Lines[i].Words <= maxHashedWords {
			t.Errorf("short line %d %q has no hashed features", i, d.Text(i))
		}
	}
	if !d.Lines[1].Blank() || !d.Lines[4].Blank() {
		t.Fatal("test document lost its blank lines")
	}
	checks := []struct {
		line    int
		feature string
		want    float32
	}{
		{0, "title", 1},
		{0, "first-line", 1},
		{3, "prose", 1},
		{3, "zone:main", 1},
		{2, "evidence:reading-time", 0.9},
		{5, "shape:change", 1},
		{5, "shape:percent", 1},
		{3, "shape:change", 0},
		{2, "blank-before", 1},
		{0, "blank-after", 1},
		{0, "language-known", 1},
	}
	for _, c := range checks {
		if got := v.Row(c.line)[index(t, c.feature)]; got != c.want {
			t.Errorf("line %d %q: %s = %v, want %v", c.line, d.Text(c.line), c.feature, got, c.want)
		}
	}
}

func TestBuildLongLineHasNoHashed(t *testing.T) {
	data := []byte(strings.Repeat("mot ", maxHashedWords+1) + "\ncourt\n")
	d := signals.Analyze(&signals.Env{}, data, lines.Split(data))
	v := Build(d, nil)
	if n := len(v.Hashed(0)); n != 0 {
		t.Errorf("line of %d words has %d hashed features, want none", d.Lines[0].Words, n)
	}
	if n := len(v.Hashed(1)); n == 0 {
		t.Error("one-word line has no hashed features")
	}
}

func TestBuildHTML(t *testing.T) {
	src := `<html><head><title>Tesla</title></head><body>
<nav><a href="/accueil">Accueil du site</a></nav>
<h1>Tesla dévoile une nouvelle voiture électrique</h1>
<p>Le constructeur américain a présenté mardi à Paris un modèle plus petit et moins cher que les précédents, qui sera produit en <a href="/de">Allemagne</a> dès l'an prochain.</p>
</body></html>`
	page, err := htmltext.Extract([]byte(src), "text/html; charset=utf-8", htmltext.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	d := signals.Analyze(testEnv(t), page.Text, lines.Split(page.Text))
	if len(d.Lines) != len(page.Lines) {
		t.Fatalf("%d lines for %d blocks", len(d.Lines), len(page.Lines))
	}
	v := Build(d, page)
	if v.Width != Dense {
		t.Fatalf("HTML mode Width = %d, want Dense %d", v.Width, Dense)
	}
	html, ld := index(t, "html"), index(t, "link-density")
	nav, para := -1, -1
	for i := range d.Lines {
		switch s := string(d.Text(i)); {
		case s == "Accueil du site":
			nav = i
		case strings.HasPrefix(s, "Le constructeur"):
			para = i
		}
		if v.Row(i)[html] != 1 {
			t.Errorf("line %d: html = %v, want 1", i, v.Row(i)[html])
		}
	}
	if nav < 0 || para < 0 {
		t.Fatalf("page text lacks the test lines:\n%s", page.Text)
	}
	if got := v.Row(nav)[ld]; got != 1 {
		t.Errorf("all-link line: link-density = %v, want 1", got)
	}
	if got := v.Row(para)[ld]; got <= 0 || got >= 0.2 {
		t.Errorf("paragraph with one short link: link-density = %v, want in (0, 0.2)", got)
	}
	if got := v.Row(nav)[index(t, "dom:nav")]; got != 1 {
		t.Errorf("line in <nav>: dom:nav = %v, want 1", got)
	}
}

func TestBuildDeterministic(t *testing.T) {
	data := []byte(textDoc)
	env := testEnv(t)
	a := Build(signals.Analyze(env, data, lines.Split(data)), nil)
	b := Build(signals.Analyze(env, data, lines.Split(data)), nil)
	if a.Width != b.Width || !slices.Equal(a.X, b.X) || !slices.Equal(a.H, b.H) || !slices.Equal(a.Off, b.Off) {
		t.Error("two Builds of the same document differ")
	}
}

// TestBuildKinds checks that each source of the page's kinds fills its own
// features: the page's structured data on every line, a microdata item on
// its lines only, the template on every line.
func TestBuildKinds(t *testing.T) {
	src := `<html><head><meta property="og:type" content="article"></head><body class="single-post">
<h1>Le conseil adopte le budget</h1>
<p>Le conseil municipal a adopté lundi soir le budget, après quatre heures de débat entre la majorité et l'opposition.</p>
<div itemscope itemtype="https://schema.org/Comment"><p>Enfin une bonne nouvelle pour les écoles du quartier.</p></div>
</body></html>`
	page, err := htmltext.Extract([]byte(src), "", htmltext.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := signals.Analyze(testEnv(t), page.Text, lines.Split(page.Text))
	v := Build(d, page)
	tests := []struct {
		feature string
		line    string // a line's beginning
		want    float32
	}{
		{"page:article", "Le conseil adopte", 1},
		{"page:article", "Enfin", 1},
		{"page:comment", "Le conseil adopte", 1}, // the page has a Comment item
		{"page:product", "Le conseil adopte", 0},
		{"item:comment", "Enfin", 1},
		{"item:comment", "Le conseil municipal", 0},
		{"item:article", "Enfin", 0},
		{"template:article", "Le conseil municipal", 1},
		{"template:discussion", "Enfin", 0},
	}
	for _, tt := range tests {
		i := -1
		for j := range d.Lines {
			if strings.HasPrefix(string(d.Text(j)), tt.line) {
				i = j
			}
		}
		if i < 0 {
			t.Fatalf("no line %q in\n%s", tt.line, page.Text)
		}
		if got := v.Row(i)[index(t, tt.feature)]; got != tt.want {
			t.Errorf("line %q: %s = %v, want %v", tt.line, tt.feature, got, tt.want)
		}
	}
}
