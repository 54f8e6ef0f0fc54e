package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// textRows is how many rows each table of the terminal summary shows.
const textRows = 20

// barWidth is the width of the longest bar of the terminal summary.
const barWidth = 30

// WriteText writes a summary for a terminal: totals, the noisiest sites,
// the categories, the noise-share histogram, the most frequent noise lines
// and the suspected failures, each table cut to its first 20 rows.
func (r *Report) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	t := &r.Totals
	fmt.Fprintf(bw, "chaff report: %s, %s failed to read\n", plural(t.Documents, "document"), plural(t.InputErrors, "input"))
	fmt.Fprintf(bw, "noise: %d of %d lines (%s), %s of %s (%s); %s\n",
		t.NoiseLines, t.TextLines, pct(t.NoiseLineShare), size(t.NoiseBytes), size(t.Bytes), pct(t.NoiseByteShare),
		plural(t.EmptyDocuments, "empty document"))

	fmt.Fprintf(bw, "\nSites by noise share (%s)\n", shown(len(r.Sites)))
	fmt.Fprintf(bw, "  %-32s %6s %8s %7s %7s %5s\n", "SITE", "DOCS", "LINES", "NOISE", "BYTES", "FAIL")
	for _, s := range r.Sites[:min(len(r.Sites), textRows)] {
		fmt.Fprintf(bw, "  %-32s %6d %8d %7s %7s %5d\n", clip(s.Site, 32), s.Documents, s.TextLines,
			pct(s.NoiseLineShare), pct(s.NoiseByteShare), s.Failures)
	}

	fmt.Fprintf(bw, "\nNoise categories (%d lines)\n", t.NoiseLines)
	maxCat := 0
	for _, c := range r.Categories {
		maxCat = max(maxCat, c.Lines)
	}
	for _, c := range r.Categories {
		fmt.Fprintf(bw, "  %-15s %7d %7s %6d docs  %s\n", c.Category, c.Lines, pct(c.Share), c.Documents, bar(c.Lines, maxCat))
	}

	fmt.Fprintf(bw, "\nDocuments by noise share\n")
	maxB := 0
	for _, b := range r.Histogram {
		maxB = max(maxB, b.Documents)
	}
	for _, b := range r.Histogram {
		row := fmt.Sprintf("  %3.0f-%3.0f%% %7d  %s", b.From*100, b.To*100, b.Documents, bar(b.Documents, maxB))
		bw.WriteString(strings.TrimRight(row, " ") + "\n")
	}

	fmt.Fprintf(bw, "\nMost frequent noise lines (%s)\n", shown(len(r.TopLines)))
	if len(r.TopLines) == 0 {
		bw.WriteString("  none repeats\n")
	}
	for _, l := range r.TopLines[:min(len(r.TopLines), textRows)] {
		fmt.Fprintf(bw, "  %6d× %4d docs  %-14s %s\n", l.Count, l.Documents, l.Category, clip(l.Text, 60))
	}

	f := &r.Failures
	fmt.Fprintf(bw, "\nSuspected scraper failures: %s (", plural(f.Documents, "document"))
	for i, k := range f.Counts {
		if i > 0 {
			bw.WriteString(", ")
		}
		fmt.Fprintf(bw, "%s %d", k.Kind, k.Documents)
	}
	bw.WriteString(")\n")
	for _, x := range f.Listed[:min(len(f.Listed), textRows)] {
		fmt.Fprintf(bw, "  %-40s %-24s %s\n", clip(x.Doc.Name, 40), strings.Join(x.Kinds, ","), x.Detail)
	}
	if n := len(f.Listed) + f.Omitted - textRows; n > 0 {
		fmt.Fprintf(bw, "  … and %d more (see --format json or --html)\n", n)
	}
	if len(r.Notes) > 0 {
		bw.WriteString("\nNotes:\n")
		for _, n := range r.Notes {
			fmt.Fprintf(bw, "  %s\n", n)
		}
	}
	return bw.Flush()
}

// shown says how many rows of n the text summary shows.
func shown(n int) string {
	if n > textRows {
		return fmt.Sprintf("top %d of %d", textRows, n)
	}
	return fmt.Sprintf("%d", n)
}

// plural writes n and noun, with an s unless n is 1.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// pct formats a share as a percentage with one decimal.
func pct(x float64) string { return fmt.Sprintf("%.1f%%", x*100) }

// size formats a byte count with a binary unit.
func size(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GiB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// bar draws n out of max as a row of blocks.
func bar(n, top int) string {
	if top == 0 || n == 0 {
		return ""
	}
	return strings.Repeat("█", max(1, n*barWidth/top))
}

// clip cuts s to at most n runes, marking the cut with an ellipsis.
func clip(s string, n int) string {
	s = shorten([]byte(s), n+1)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}
