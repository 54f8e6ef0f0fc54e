package htmltext

import (
	"strings"
	"testing"
	"unicode"
)

// recallWords returns the lower-cased words of s with punctuation trimmed
// from their ends, as a bag.
func recallWords(s string) map[string]int {
	bag := map[string]int{}
	for _, w := range strings.Fields(s) {
		w = strings.ToLower(strings.TrimFunc(w, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }))
		if w != "" {
			bag[w]++
		}
	}
	return bag
}

// bagRecall returns how many of want's words have got covers (bag
// semantics) and how many words want has.
func bagRecall(want, got map[string]int) (found, total int) {
	for w, n := range want {
		total += n
		found += min(n, got[w])
	}
	return found, total
}

// TestArticleRecall measures how much of the ground-truth article text the
// lines can give back: from the lines go-readability marks InArticle, and
// from all lines (the ceiling any line classifier can reach). It prints
// macro (mean per page) and micro (over all words) recall, the precision
// of the InArticle lines, and fails if
// the ceiling drops below what the extractor is known to reach.
func TestArticleRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Extract with readability over every benchmark page")
	}
	gt := loadGroundTruth(t)
	pages := loadBenchPages(t)
	var macroArt, macroAll float64
	var foundArt, foundAll, totalWords, n int
	var low []string
	var precFound, precTotal int
	for _, pg := range pages {
		body, ok := gt[pg.id]
		if !ok || strings.TrimSpace(body) == "" {
			continue
		}
		p, err := Extract(pg.html, "", Options{Readability: true})
		if err != nil {
			t.Fatalf("%s: %v", pg.id, err)
		}
		var art strings.Builder
		for i, l := range splitLines(p.Text) {
			if p.Lines[i].InArticle {
				art.WriteString(l)
				art.WriteByte('\n')
			}
		}
		want, artBag := recallWords(body), recallWords(art.String())
		fa, total := bagRecall(want, artBag)
		pa, pt := bagRecall(artBag, want)
		precFound += pa
		precTotal += pt
		fl, _ := bagRecall(want, recallWords(string(p.Text)))
		if total == 0 {
			continue
		}
		n++
		macroArt += float64(fa) / float64(total)
		macroAll += float64(fl) / float64(total)
		foundArt += fa
		foundAll += fl
		totalWords += total
		if float64(fl) < 0.8*float64(total) {
			low = append(low, pg.id[:12])
		}
	}
	if n == 0 {
		t.Skip("no page with ground truth")
	}
	t.Logf("%d pages, %d ground-truth words", n, totalWords)
	t.Logf("recall of InArticle lines: macro %.3f, micro %.3f", macroArt/float64(n), float64(foundArt)/float64(totalWords))
	t.Logf("recall of all lines (ceiling): macro %.3f, micro %.3f", macroAll/float64(n), float64(foundAll)/float64(totalWords))
	t.Logf("precision of InArticle lines (micro): %.3f", float64(precFound)/float64(max(precTotal, 1)))
	t.Logf("pages under 0.8 ceiling: %v", low)
	if macroAll/float64(n) < 0.95 {
		t.Errorf("recall ceiling %.3f under 0.95: lines lose article text", macroAll/float64(n))
	}
}
