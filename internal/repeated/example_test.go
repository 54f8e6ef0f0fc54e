package repeated_test

import (
	"fmt"

	"github.com/chaff-dev/chaff/internal/repeated"
)

func page(body string) [][]byte {
	return [][]byte{[]byte("Home | News | Sport"), []byte(body), []byte("© 2024 Example Media")}
}

// Two passes: count the site's pages, then flag each page's lines.
func ExampleCounter() {
	cfg := repeated.DefaultConfig() // per site, threshold 2, every copy flagged
	c, err := repeated.New(cfg)
	if err != nil {
		panic(err)
	}
	pages := [][][]byte{page("First story."), page("Second story."), page("Third story.")}
	for _, p := range pages {
		c.Add("example.com", p)
	}
	for i, p := range pages {
		fmt.Println(i, c.Flag("example.com", p, nil))
	}
	// Output:
	// 0 [true false true]
	// 1 [true false true]
	// 2 [true false true]
}

// One pass with threshold 2: the first copy is kept, later ones flagged.
func ExampleCounter_Observe() {
	c, err := repeated.New(repeated.DefaultConfig())
	if err != nil {
		panic(err)
	}
	for i, body := range []string{"First story.", "Second story.", "Third story."} {
		fmt.Println(i, c.Observe("example.com", page(body), nil))
	}
	// Output:
	// 0 [false false false]
	// 1 [true false true]
	// 2 [true false true]
}

// Keep the first page's copy, flag the others.
func ExampleKeepFirst() {
	cfg := repeated.DefaultConfig()
	cfg.Policy = repeated.KeepFirst
	c, _ := repeated.New(cfg)
	pages := [][][]byte{page("First story."), page("Second story.")}
	for _, p := range pages {
		c.Add("example.com", p)
	}
	for i, p := range pages {
		fmt.Println(i, c.Flag("example.com", p, nil))
	}
	// Output:
	// 0 [false false false]
	// 1 [true false true]
}

func ExampleNormalize() {
	for _, s := range []string{"Page 3 of 12", "PAGE 10 of 12 »"} {
		fmt.Printf("%q\n", repeated.Normalize(nil, []byte(s), repeated.NormAll))
	}
	// Output:
	// "page0of0"
	// "page0of0"
}
