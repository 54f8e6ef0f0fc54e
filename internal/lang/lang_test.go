package lang

import (
	"bufio"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chaff-dev/chaff/internal/textnorm"
)

func TestEmbeddedLists(t *testing.T) {
	d := Default()
	want := []string{"de", "en", "es", "fr", "it", "nl", "pt"}
	if got := d.Languages(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("languages = %v, want %v", got, want)
	}
	for _, l := range want {
		data, err := dataFS.ReadFile("data/" + l + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]int{}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for n := 1; sc.Scan(); n++ {
			w := strings.TrimSpace(sc.Text())
			if w == "" || w[0] == '#' {
				continue
			}
			if w != strings.ToLower(w) {
				t.Errorf("%s.txt:%d: %q is not lower-case", l, n, w)
			}
			if prev, dup := seen[w]; dup {
				t.Errorf("%s.txt:%d: %q already on line %d", l, n, w, prev)
			}
			seen[w] = n
		}
		if n := d.Stopwords(l).Len(); n < 100 || n > 220 {
			t.Errorf("%s: %d stopwords, want 100..220", l, n)
		}
	}
}

func TestIsStopword(t *testing.T) {
	d := Default()
	tests := []struct {
		lang, word string
		want       bool
	}{
		{"fr", "été", true}, // folded both ways
		{"fr", "ete", true},
		{"fr", "Été", true},
		{"de", "für", true},
		{"de", "fur", true},
		{"en", "the", true},
		{"en", "javascript", false},
		{"fr", "the", false},
		{"xx", "the", false},
		{"it", "perché", true},
		{"es", "también", true},
	}
	for _, tt := range tests {
		tok := textnorm.Fold(nil, []byte(tt.word))
		if got := d.IsStopword(tt.lang, tok); got != tt.want {
			t.Errorf("IsStopword(%s, %q) = %v, want %v", tt.lang, tt.word, got, tt.want)
		}
	}
	if !d.IsAnyStopword([]byte("und")) || d.IsAnyStopword([]byte("tesla")) {
		t.Error("IsAnyStopword wrong for und/tesla")
	}
}

func TestDetect(t *testing.T) {
	d := Default()
	tests := []struct{ text, want string }{
		{"Elon Musk, le patron de Tesla, s’est défendu lors d’une conférence virtuelle à Pékin, du fait que ses voitures ne font pas d’espionnage.", "fr"},
		{"The company said on Tuesday that it would not change its plans for the new factory, which is expected to open next year.", "en"},
		{"Die Regierung hat am Dienstag beschlossen, dass die neuen Regeln für alle Unternehmen ab dem nächsten Jahr gelten werden.", "de"},
		{"El gobierno anunció el martes que las nuevas normas se aplicarán a todas las empresas desde el próximo año y que no habrá excepciones.", "es"},
		{"Il governo ha annunciato martedì che le nuove regole saranno applicate a tutte le aziende dal prossimo anno, e che non ci saranno eccezioni.", "it"},
		{"O governo anunciou na terça-feira que as novas regras serão aplicadas a todas as empresas a partir do próximo ano e que não haverá exceções.", "pt"},
		{"De regering heeft dinsdag aangekondigd dat de nieuwe regels vanaf volgend jaar voor alle bedrijven gelden en dat er geen uitzonderingen zijn.", "nl"},
		{"", ""},
		{"Tesla 6 169,41 +3,69", ""},
	}
	for _, tt := range tests {
		got, conf := d.Detect([]byte(tt.text))
		if got != tt.want {
			t.Errorf("Detect(%.40q) = %q (%.2f), want %q", tt.text, got, conf, tt.want)
			continue
		}
		if tt.want != "" && (conf <= 0.2 || conf > 1) {
			t.Errorf("Detect(%.40q) confidence %.2f, want in (0.2,1]", tt.text, conf)
		}
		if tt.want == "" && conf != 0 {
			t.Errorf("Detect(%.40q) confidence %.2f without a language", tt.text, conf)
		}
	}
}

func TestDetectConfidenceGrowsWithEvidence(t *testing.T) {
	d := Default()
	_, short := d.Detect([]byte("the"))
	_, long := d.Detect([]byte("the cat sat on the mat and it was not happy with the dog"))
	if !(short > 0 && short < long) {
		t.Fatalf("confidence short=%.2f long=%.2f, want 0 < short < long", short, long)
	}
}

func TestLoadErrors(t *testing.T) {
	_, err := Load(fstest.MapFS{"xx.txt": {Data: []byte("# c\nok\ntwo words\n")}})
	if err == nil || !strings.Contains(err.Error(), "xx.txt:3") {
		t.Fatalf("err = %v, want one naming xx.txt:3", err)
	}
}

func TestZeroAllocs(t *testing.T) {
	d := Default()
	set := d.Stopwords("fr")
	text := []byte("Publié le 21/12/2024 à 07:45, par la rédaction d’une agence de presse.")
	tok := []byte("les")
	n := testing.AllocsPerRun(50, func() {
		d.Detect(text)
		set.Has(tok)
		d.IsStopword("fr", tok)
	})
	if n != 0 {
		t.Fatalf("allocations = %v, want 0", n)
	}
}

func FuzzLoad(f *testing.F) {
	f.Add([]byte("# x\nle\nla\n"))
	f.Add([]byte("a b\n\xff"))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Load(fstest.MapFS{"zz.txt": {Data: data}})
		if err != nil {
			return
		}
		d.Detect(data)
	})
}

func BenchmarkDetect(b *testing.B) {
	d := Default()
	text := []byte("Elon Musk, le patron de Tesla, s’est défendu, lors d’une conférence virtuelle à Pékin, du fait que ses voitures, qui recueillent de nombreuses données, puissent jamais faire de l’espionnage en Chine au profit des Etats-Unis.")
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		d.Detect(text)
	}
}

func ExampleDetector_Detect() {
	d := Default()
	l, conf := d.Detect([]byte("Die Regierung hat am Dienstag beschlossen, dass die neuen Regeln für alle gelten."))
	fmt.Println(l, conf > 0.5)
	// Output: de true
}

func ExampleSet_Has() {
	fr := Default().Stopwords("fr")
	for _, w := range []string{"été", "Tesla"} {
		fmt.Println(w, fr.Has(textnorm.Fold(nil, []byte(w))))
	}
	// Output:
	// été true
	// Tesla false
}
