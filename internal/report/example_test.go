package report_test

import (
	"fmt"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/report"
)

func ExampleBuilder() {
	// Normally the lines come from classify.Classifier.Classify(data).Lines;
	// here they are labelled by hand so the numbers are easy to follow.
	keep := func(s string) classify.Line {
		return classify.Line{Label: label.Keep, Kind: label.Body, Text: []byte(s)}
	}
	drop := func(c label.Category, s string) classify.Line {
		return classify.Line{Label: label.Drop, Cat: c, Text: []byte(s)}
	}
	b := report.NewBuilder(report.Options{})
	b.Add(report.DocInfo{File: "pages.jsonl", Record: 1, URL: "https://news.example/a", Lines: []classify.Line{
		drop(label.Navigation, "Home"), keep("The harbour reopened on Monday."), drop(label.ReadingTime, "2 min read")}})
	b.Add(report.DocInfo{File: "pages.jsonl", Record: 2, URL: "https://news.example/b", Lines: []classify.Line{
		drop(label.Legal, "We use cookies"), drop(label.Legal, "Accept all"), drop(label.Navigation, "Home")}})
	r := b.Build()

	fmt.Printf("noise: %d of %d lines\n", r.Totals.NoiseLines, r.Totals.TextLines)
	fmt.Printf("site %s: %.0f%% noise\n", r.Sites[0].Site, 100*r.Sites[0].NoiseLineShare)
	fmt.Printf("top line: %q ×%d\n", r.TopLines[0].Text, r.TopLines[0].Count)
	for _, f := range r.Failures.Listed {
		fmt.Println("failure:", f.Doc.Name, f.Kinds)
	}
	// r.WriteText(os.Stdout) prints the terminal summary, r.WriteHTML(w,
	// title) the self-contained page; the Report marshals to JSON.

	// Output:
	// noise: 5 of 6 lines
	// site news.example: 83% noise
	// top line: "Home" ×2
	// failure: pages.jsonl:2 [no-content wall]
}
