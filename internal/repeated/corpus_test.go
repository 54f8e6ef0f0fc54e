package repeated

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// testDoc is one generated page.
type testDoc struct {
	host  string
	lines [][]byte
}

// Boilerplate of the generated site.
var (
	footer = "© 2024 Example Media Group. All rights reserved."
	menu   = "Home | World | Business | Sport | Contact"
	shared = "Partner content from our friends at the Daily Planet"
)

// words returns a line of n random lower-case words: letters only, so no
// normalisation can merge two of them by accident.
func words(r *rand.Rand, n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		for range 3 + r.IntN(7) {
			b.WriteByte(byte('a' + r.IntN(26)))
		}
	}
	return b.String()
}

// pageVariants spell the same pager line with other digits, case and
// punctuation; no two pages use the same bytes.
func pageVariant(i int) string {
	switch i % 4 {
	case 0:
		return fmt.Sprintf("Page %d of 40", i)
	case 1:
		return fmt.Sprintf("page %d of 40!", i)
	case 2:
		return fmt.Sprintf("PAGE %d OF 40", i)
	}
	return fmt.Sprintf("Page %d of 40 »", i)
}

// corpus builds the test corpus:
//   - 1,000 pages of news.example, each with the menu (twice: top and
//     bottom), the footer, 5 unique body lines, blank and tiny lines; the
//     first 40 also carry a pager line spelled differently on each page;
//   - 2 pages of a.example and 2 of b.example sharing one line;
//   - 1,000 pages of unique.example with 100 unique lines each (100,000).
func corpus() (docs []testDoc, unique [][]byte) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 1000 {
		ls := []string{menu, "", words(r, 8), words(r, 12), "|", "A"}
		if i < 40 {
			ls = append(ls, pageVariant(i))
		}
		ls = append(ls, words(r, 9), words(r, 10), words(r, 7), "  ", menu, footer)
		docs = append(docs, testDoc{"news.example", bytesOf(ls)})
	}
	for _, h := range []string{"a.example", "b.example"} {
		for range 2 {
			docs = append(docs, testDoc{h, bytesOf([]string{shared, words(r, 10)})})
		}
	}
	for range 1000 {
		d := testDoc{host: "unique.example"}
		for range 100 {
			ln := []byte(words(r, 6))
			d.lines = append(d.lines, ln)
			unique = append(unique, ln)
		}
		docs = append(docs, d)
	}
	return docs, unique
}

func bytesOf(ss []string) [][]byte {
	out := make([][]byte, len(ss))
	for i, s := range ss {
		out[i] = []byte(s)
	}
	return out
}

// mustNew is New for configs a test knows to be valid.
func mustNew(t interface{ Fatal(...any) }, cfg Config) *Counter {
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// addAll is the first pass.
func addAll(c *Counter, docs []testDoc) {
	for _, d := range docs {
		c.Add(d.host, d.lines)
	}
}
