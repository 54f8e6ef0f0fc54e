package signals

import (
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chaff-dev/chaff/internal/lang"
	"github.com/chaff-dev/chaff/internal/lexicon"
	"github.com/chaff-dev/chaff/internal/lines"
)

var (
	envOnce sync.Once
	testEnv *Env
	envErr  error
)

// env returns an Env over the embedded lexicon and stopword lists.
func env(t *testing.T) *Env {
	t.Helper()
	envOnce.Do(func() {
		var lx *lexicon.Lexicon
		lx, envErr = lexicon.Default()
		testEnv = &Env{Lexicon: lx, Lang: lang.Default()}
	})
	if envErr != nil {
		t.Fatalf("lexicon.Default: %v", envErr)
	}
	return testEnv
}

func analyze(t *testing.T, ls ...string) *Doc {
	t.Helper()
	data := []byte(strings.Join(ls, "\n") + "\n")
	d := Analyze(env(t), data, lines.Split(data))
	if len(d.Lines) != len(ls) {
		t.Fatalf("Analyze gave %d lines for %d", len(d.Lines), len(ls))
	}
	return d
}

const (
	testTitle = "Tesla dévoile une nouvelle voiture électrique à Paris"
	para1     = "Le constructeur américain a présenté mardi à Paris un modèle plus petit et moins cher que les précédents, qui sera produit en Allemagne dès l'an prochain."
	para2     = "Selon la direction de l'entreprise, les premières livraisons sont prévues pour le printemps et le prix de base devrait rester sous la barre des trente mille euros."
	para3     = "Les analystes restent prudents sur les marges du groupe, qui a déjà baissé ses tarifs plusieurs fois cette année pour soutenir ses ventes face à la concurrence chinoise."
)

// article is a scraped page: a menu, the title, a reading time, three
// paragraphs, a ticker block, the title again, a copy of a menu entry and
// blank lines of several kinds.
var article = []string{
	"Accueil", // 0
	"Économie",
	"Sport",
	"Culture",
	"Monde",
	"Tech", // 5
	"",
	testTitle,          // 7
	"2 min de lecture", // 8
	"",
	para1, // 10
	"",
	para2, // 12
	"",
	para3, // 14
	"",
	"CAC 40",   // 16
	"7 512,33", // 17
	"+0,45 %",  // 18
	"DAX",      // 19
	"18 001,2", // 20
	"-0,12 %",  // 21
	"",
	testTitle, // 23
	"\u3000\u3000",
	"\u200b",
	"Accueil", // 26
	" \t ",
}

func TestAnalyzeArticle(t *testing.T) {
	d := analyze(t, article...)
	if d.Lang != "fr" {
		t.Errorf("Lang = %q, want fr", d.Lang)
	}
	t.Run("title", func(t *testing.T) {
		if d.Title != 7 {
			t.Fatalf("Title = %d (%q), want 7", d.Title, lineText(d, d.Title))
		}
		if !d.Lines[7].Ctx.IsTitle || d.Lines[7].Ctx.TitleRep {
			t.Errorf("line 7: IsTitle %v TitleRep %v, want true false", d.Lines[7].Ctx.IsTitle, d.Lines[7].Ctx.TitleRep)
		}
		for i := range d.Lines {
			if got, want := d.Lines[i].Ctx.TitleRep, i == 23; got != want {
				t.Errorf("line %d %q: TitleRep = %v, want %v", i, d.Text(i), got, want)
			}
		}
		if ev := findEvidence(&d.Lines[23], "context:title-repeat"); ev == nil || ev.Category != "title-repeat" {
			t.Errorf("line 23 has no title-repeat evidence: %v", codes(&d.Lines[23]))
		}
		if got := d.Lines[26].Ctx.AfterRep; got <= 0 {
			t.Errorf("AfterRep of the line after the repeat = %d, want > 0", got)
		}
		if got := d.Lines[23].Ctx.AfterRep; got != 0 {
			t.Errorf("AfterRep of the repeat itself = %d, want 0", got)
		}
		if got := d.Lines[20].Ctx.AfterRep; got != 0 {
			t.Errorf("AfterRep before the repeat = %d, want 0", got)
		}
	})
	t.Run("main region", func(t *testing.T) {
		if d.MainStart != 10 || d.MainEnd != 14 {
			t.Fatalf("main region = %d..%d, want 10..14", d.MainStart, d.MainEnd)
		}
		for i, want := range map[int]Zone{0: Head, 7: Head, 10: Main, 12: Main, 14: Main, 16: Tail, 26: Tail} {
			if got := d.Lines[i].Ctx.Zone; got != want {
				t.Errorf("line %d: Zone = %d, want %d", i, got, want)
			}
		}
		for _, i := range []int{10, 12, 14} {
			if !d.Lines[i].IsProse() || d.Lines[i].Ctx.MainDist != 0 {
				t.Errorf("paragraph %d: prose %v MainDist %d, want prose at distance 0", i, d.Lines[i].IsProse(), d.Lines[i].Ctx.MainDist)
			}
		}
		if got := d.Lines[16].Ctx.MainDist; got != 1 {
			t.Errorf("first line after the main text: MainDist = %d, want 1", got)
		}
		if got := d.Lines[8].Ctx.MainDist; got != 1 {
			t.Errorf("line just before the main text: MainDist = %d, want 1", got)
		}
	})
	t.Run("short runs", func(t *testing.T) {
		for i := 0; i <= 5; i++ {
			if got := d.Lines[i].Ctx.ShortRun; got != 6 {
				t.Errorf("menu line %d: ShortRun = %d, want 6", i, got)
			}
		}
		for i := 16; i <= 21; i++ {
			if got := d.Lines[i].Ctx.ShortRun; got != 6 {
				t.Errorf("ticker line %d: ShortRun = %d, want 6", i, got)
			}
		}
		if got := d.Lines[10].Ctx.ShortRun; got != 0 {
			t.Errorf("paragraph ShortRun = %d, want 0", got)
		}
		if ev := findEvidence(&d.Lines[0], "context:menu-run"); ev == nil {
			t.Errorf("menu line has no menu-run evidence: %v", codes(&d.Lines[0]))
		} else if !strings.Contains(ev.Text(), "6") {
			t.Errorf("menu-run text %q does not give the run length", ev.Text())
		}
	})
	t.Run("blank", func(t *testing.T) {
		for i, s := range article {
			want := strings.TrimSpace(strings.NewReplacer("\u3000", "", "\u200b", "").Replace(s)) == ""
			if got := d.Lines[i].Blank(); got != want {
				t.Errorf("line %d %q: Blank = %v, want %v", i, s, got, want)
			}
			if want && (len(d.Lines[i].Evidence) != 0 || d.Lines[i].Shape != 0) {
				t.Errorf("blank line %d has shapes or evidence", i)
			}
		}
	})
	t.Run("lexicon", func(t *testing.T) {
		l := &d.Lines[8]
		ev := findCategory(l, "reading-time")
		if ev == nil {
			t.Fatalf("no reading-time evidence on %q: %v", d.Text(8), codes(l))
		}
		if !strings.HasPrefix(ev.Code(), "lexicon:reading-time") {
			t.Errorf("Code() = %q, want lexicon:reading-time…", ev.Code())
		}
		if ev.Strength < Decisive {
			t.Errorf("a phrase that is the whole line has strength %.2f, want decisive", ev.Strength)
		}
		if !strings.Contains(ev.Text(), "reading-time") {
			t.Errorf("Text() = %q", ev.Text())
		}
	})
	t.Run("ticker", func(t *testing.T) {
		for _, c := range []struct {
			i    int
			code string
		}{{16, "context:ticker-block"}, {19, "context:ticker-block"}, {17, "shape:quote"}, {18, "shape:price-change"}, {21, "shape:price-change"}} {
			ev := findEvidence(&d.Lines[c.i], c.code)
			if ev == nil || ev.Category != "market-data" {
				t.Errorf("line %d %q: no market-data %s evidence: %v", c.i, d.Text(c.i), c.code, codes(&d.Lines[c.i]))
			}
		}
		if got := d.Lines[19].Ctx.NumNear; got < 2 {
			t.Errorf("DAX: NumNear = %d, want >= 2", got)
		}
		if got := d.Lines[10].Evidence; len(got) != 0 {
			t.Errorf("paragraph has evidence %v", codes(&d.Lines[10]))
		}
	})
	t.Run("evidence order", func(t *testing.T) {
		multi := 0
		for i := range d.Lines {
			ev := d.Lines[i].Evidence
			if len(ev) > 1 {
				multi++
			}
			for k := 1; k < len(ev); k++ {
				if ev[k].Strength > ev[k-1].Strength {
					t.Errorf("line %d: evidence not strongest first: %v", i, codes(&d.Lines[i]))
				}
			}
			if b := d.Lines[i].Best(); (b == nil) != (len(ev) == 0) || b != nil && b != &ev[0] {
				t.Errorf("line %d: Best() is not the first evidence", i)
			}
		}
		if multi == 0 {
			t.Error("no line has two pieces of evidence: the order check tested nothing")
		}
	})
	t.Run("copies", func(t *testing.T) {
		for i, want := range map[int]int{0: 1, 26: 1, 7: 1, 23: 1, 1: 0, 10: 0, 16: 0} {
			if got := d.Lines[i].Ctx.Copies; got != want {
				t.Errorf("line %d %q: Copies = %d, want %d", i, d.Text(i), got, want)
			}
		}
	})
	t.Run("links", func(t *testing.T) {
		if p, n := d.Lines[7].Ctx.Prev, d.Lines[7].Ctx.Next; p != 5 || n != 8 {
			t.Errorf("title Prev/Next = %d/%d, want 5/8", p, n)
		}
		if p := d.Lines[0].Ctx.Prev; p != -1 {
			t.Errorf("first line Prev = %d, want -1", p)
		}
		if n := d.Lines[26].Ctx.Next; n != -1 {
			t.Errorf("last non-blank line Next = %d, want -1", n)
		}
	})
}

func TestAnalyzeCopiesCap(t *testing.T) {
	ls := make([]string, 9)
	for i := range ls {
		ls[i] = "Partager sur Facebook"
	}
	d := analyze(t, ls...)
	for i := range d.Lines {
		if got := d.Lines[i].Ctx.Copies; got != 5 {
			t.Errorf("line %d: Copies = %d, want the cap 5", i, got)
		}
	}
}

func TestAnalyzeNoProse(t *testing.T) {
	d := analyze(t, "Accueil", "Contact", "Mentions légales")
	if d.MainStart != -1 || d.MainEnd != -1 {
		t.Errorf("main region = %d..%d, want -1..-1 without prose", d.MainStart, d.MainEnd)
	}
	for i := range d.Lines {
		if d.Lines[i].Ctx.Zone != Head || d.Lines[i].Ctx.MainDist != MaxDist {
			t.Errorf("line %d: Zone %d MainDist %d, want Head and MaxDist", i, d.Lines[i].Ctx.Zone, d.Lines[i].Ctx.MainDist)
		}
	}
}

func TestAnalyzeEmpty(t *testing.T) {
	d := Analyze(env(t), nil, nil)
	if len(d.Lines) != 0 || d.Title != -1 || d.MainStart != -1 {
		t.Errorf("Analyze(nil) = %d lines, title %d, main %d", len(d.Lines), d.Title, d.MainStart)
	}
}

func TestAnalyzeNilEnv(t *testing.T) {
	data := []byte(strings.Join(article, "\n"))
	d := Analyze(&Env{}, data, lines.Split(data))
	if d.Lang != "" {
		t.Errorf("Lang = %q without a detector", d.Lang)
	}
	if findCategory(&d.Lines[8], "reading-time") != nil {
		t.Error("reading-time evidence without a lexicon")
	}
	if findEvidence(&d.Lines[18], "shape:price-change") == nil {
		t.Error("shape evidence needs no lexicon")
	}
}

func lineText(d *Doc, i int) string {
	if i < 0 {
		return ""
	}
	return string(d.Text(i))
}

func findEvidence(l *Line, code string) *Evidence {
	for k := range l.Evidence {
		if l.Evidence[k].Code() == code {
			return &l.Evidence[k]
		}
	}
	return nil
}

func findCategory(l *Line, cat string) *Evidence {
	for k := range l.Evidence {
		if l.Evidence[k].Category == cat {
			return &l.Evidence[k]
		}
	}
	return nil
}

func codes(l *Line) []string {
	var out []string
	for k := range l.Evidence {
		out = append(out, l.Evidence[k].Code())
	}
	return out
}

func TestSlabKeep(t *testing.T) {
	var sl slab[int]
	if got := sl.keep(nil); got != nil {
		t.Fatalf("keep(nil) = %v, want nil", got)
	}
	var kept [][]int
	for n := range 40 {
		s := make([]int, n%7)
		for j := range s {
			s[j] = n
		}
		kept = append(kept, sl.keep(s))
	}
	for n, k := range kept {
		if len(k) != n%7 || cap(k) != len(k) {
			t.Fatalf("slice %d: len %d cap %d, want len %d and no spare capacity", n, len(k), cap(k), n%7)
		}
		for _, v := range k {
			if v != n {
				t.Fatalf("slice %d overwritten: %v", n, k)
			}
		}
	}
}

// TestFindTitleScripts checks the title chosen where words are not
// spaced or the page opens with a breadcrumb: a Chinese or Japanese
// <title> line at the top of a menu is the title (its letters count as
// words), a sentence ending in an ideographic full stop is not, and a
// breadcrumb separated by › or » is not.
func TestFindTitleScripts(t *testing.T) {
	menuZh := []string{"首页", "分类", "家常菜", "烘焙", "菜谱", "登录"}
	tests := []struct {
		name  string
		lines []string
		want  int
	}{
		{"chinese title over a menu", append([]string{"番茄炖牛腩的做法_家常番茄炖牛腩怎么做_青禾厨房"}, append(menuZh,
			"天气转凉，最想喝一碗热乎乎的番茄牛腩汤。牛腩先焯水再小火慢炖，番茄分两次下锅。")...), 0},
		{"japanese title over a menu", append([]string{"設定ファイルの書き方 | kumoctl ドキュメント"}, "メインコンテンツへスキップ", "ガイド", "設定", "検索", "ログイン",
			"kumoctlは起動時にカレントディレクトリのkumo.tomlを読み込みます。ファイルが見つからない場合は、ホームディレクトリの設定を使います。"), 0},
		{"chinese sentence is no title", append(append([]string{}, menuZh...),
			"天气转凉，最想喝一碗热乎乎的番茄牛腩汤。牛腩先焯水再小火慢炖，番茄分两次下锅。"), -1},
		{"breadcrumb before the thread title", []string{"Início", "Fóruns", "Entrar", "Registar",
			"Fóruns › Bicicletas elétricas › Baterias e carregadores",
			"Bateria perde 30% de autonomia no inverno — é normal?",
			"Iniciado por joaquim.pinto"}, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := analyze(t, tt.lines...)
			if d.Title != tt.want {
				t.Errorf("Title = %d (%q), want %d", d.Title, lineText(d, d.Title), tt.want)
			}
		})
	}
}

// TestAnalyzeChinese checks that a Chinese page's paragraphs, a few
// tokens each since its words are not spaced, are read as the main text
// and its menu entries as a run of short lines, as in a spaced language.
func TestAnalyzeChinese(t *testing.T) {
	d := analyze(t,
		"首页", "菜谱分类", "家常菜", "烘焙", "视频菜谱", "登录",
		"番茄炖牛腩的做法",
		"天气转凉，最想喝一碗热乎乎的番茄牛腩汤。牛腩先焯水再小火慢炖，番茄分两次下锅。",
		"这道菜不用高压锅也能炖得软烂，只是多花一点时间，炖好的牛腩入口即化，汤汁酸甜。",
		"加水一定要加热水，冷水会让牛肉收紧变柴；番茄最后再放一次，能保留果肉的口感。",
		"相关菜谱", "土豆烧牛肉", "清炖萝卜牛腩", "番茄炒蛋的家常做法", "关于我们", "联系我们")
	if d.MainStart != 7 || d.MainEnd != 9 {
		t.Errorf("main region = %d..%d, want 7..9", d.MainStart, d.MainEnd)
	}
	for i := 7; i <= 9; i++ {
		if l := &d.Lines[i]; !l.IsProse() || l.Short() || l.Ctx.Zone != Main {
			t.Errorf("paragraph %d: prose %v short %v zone %d, want prose, not short, in the main zone", i, l.IsProse(), l.Short(), l.Ctx.Zone)
		}
	}
	for i := 0; i <= 6; i++ { // the menu and the recipe's heading
		if got := d.Lines[i].Ctx.ShortRun; got != 7 {
			t.Errorf("menu line %d: ShortRun = %d, want 7", i, got)
		}
	}
}

// TestAnalyzeTitled checks that a known title line, as an HTML page's
// headline gives it, replaces the one the text's shape suggests, and
// that an unknown or blank one leaves the choice to the text.
func TestAnalyzeTitled(t *testing.T) {
	data := []byte(strings.Join(article, "\n") + "\n")
	spans := lines.Split(data)
	e := env(t)
	tests := []struct {
		name         string
		known, want  int
		wantRepeated []int
	}{
		{"the text's own choice", -1, 7, []int{23}},
		{"a known line", 14, 14, nil},
		{"the later copy, known", 23, 23, nil},
		{"a blank line is no title", 9, 7, []int{23}},
		{"past the end", len(spans), 7, []int{23}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := AnalyzeTitled(e, data, spans, "fr", tt.known)
			if d.Title != tt.want {
				t.Fatalf("Title = %d (%q), want %d", d.Title, lineText(d, d.Title), tt.want)
			}
			var rep []int
			for i := range d.Lines {
				if d.Lines[i].Ctx.IsTitle != (i == tt.want) {
					t.Errorf("line %d: IsTitle %v", i, d.Lines[i].Ctx.IsTitle)
				}
				if d.Lines[i].Ctx.TitleRep {
					rep = append(rep, i)
				}
			}
			if !slices.Equal(rep, tt.wantRepeated) {
				t.Errorf("TitleRep on lines %v, want %v", rep, tt.wantRepeated)
			}
		})
	}
}
