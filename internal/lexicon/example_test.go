package lexicon_test

import (
	"fmt"
	"testing/fstest"

	"github.com/chaff-dev/chaff/internal/lexicon"
)

func ExampleLexicon_Match() {
	lx, err := lexicon.Default()
	if err != nil {
		panic(err)
	}
	var dst []lexicon.Match
	for _, line := range []string{
		"2 min de lecture",
		"you see this when javscript or css is not working correct",
		"Le moteur ne fonctionne pas.",
	} {
		dst = lx.Match([]byte(line), dst[:0])
		for _, m := range dst {
			fmt.Printf("%s: %s (%s) fuzzy=%v %q\n", m.Category, m.Phrase, m.Lang, m.Fuzzy, line[m.Start:m.End])
		}
	}
	// Output:
	// reading-time: <num> min de lecture (fr) fuzzy=false "2 min de lecture"
	// script-warning: javascript or css is not working (en) fuzzy=true "javscript or css is not working"
}

func ExampleLoad() {
	lx, err := lexicon.Load(fstest.MapFS{
		"en/reading-time.txt": {Data: []byte("# my own phrases\n<num> min read\n^reading time <num>\n")},
	})
	if err != nil {
		panic(err)
	}
	ms := lx.Match([]byte("Reading time: 4 minutes"), nil)
	fmt.Printf("%s %s %.2f\n", ms[0].Category, ms[0].Phrase, ms[0].Coverage)
	// Output: reading-time ^reading time <num> 0.63
}
