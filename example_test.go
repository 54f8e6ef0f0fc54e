package chaff_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/chaff-dev/chaff"
)

const page = `Breaking: Council adopts budget
By Jane Martin, March 3, 2024
Share on Facebook
The city council adopted the budget on Monday evening after four hours of debate between the majority and the opposition.
The main measure concerns the renovation of schools, for which the city plans to borrow nearly twelve million euros over five years.
The opposition denounced an increase in debt that it considers excessive and voted against the whole text.
Read more: ten cities where life is good in 2024
© 2024 Example News. All rights reserved.
`

// Clean a scraped text: the kept lines, byte for byte.
func Example() {
	cl, err := chaff.New(chaff.Options{})
	if err != nil {
		log.Fatal(err)
	}
	doc, err := cl.Classify([]byte(page))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Print(string(doc.Clean()))
	// Output:
	// Breaking: Council adopts budget
	// The city council adopted the budget on Monday evening after four hours of debate between the majority and the opposition.
	// The main measure concerns the renovation of schools, for which the city plans to borrow nearly twelve million euros over five years.
	// The opposition denounced an increase in debt that it considers excessive and voted against the whole text.
}

// Explain a line: its label, category and the signals behind them.
func ExampleClassifier_Classify_explain() {
	cl, err := chaff.New(chaff.Options{Explain: true})
	if err != nil {
		log.Fatal(err)
	}
	doc, err := cl.Classify([]byte(page))
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range doc.Lines {
		fmt.Printf("%d %s %s %.2f %v\n", l.Number, l.Label, l.Category, l.Score, l.Reasons[:min(2, len(l.Reasons))])
	}
	// Output:
	// 1 keep title 0.01 [model:title model:stage2-score]
	// 2 drop dateline 0.90 [shape:date model:ngram-score:window-mean]
	// 3 drop social 0.82 [lexicon:social(en) model:evidence:social]
	// 4 keep body 0.04 [model:fast-model:word-score:window-mean model:main-distance]
	// 5 keep body 0.02 [model:fast-model:word-score:window-mean model:ngram-score:window-mean]
	// 6 keep body 0.04 [model:ngram-score:window-mean model:fast-model:word-score:window-mean]
	// 7 drop teaser 0.66 [lexicon:teaser(en) model:fast-model:word-score:window-mean]
	// 8 drop legal 0.95 [lexicon:legal(mul) lexicon:legal(mul)]
}

// Classify an HTML page: one line per block of text, in reading order.
func ExampleClassifier_ClassifyHTML() {
	html := `<html><head><title>Council adopts budget</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Council adopts budget</h1>
<p>The city council adopted the budget on Monday evening after four hours of debate between the majority and the opposition.</p>
<p>The main measure concerns the renovation of schools, for which the city plans to borrow nearly twelve million euros over five years.</p>
<div class="share-buttons"><a href="https://facebook.com/share">Share on Facebook</a></div></article>
<footer>© 2024 Example News. All rights reserved.</footer></body></html>`
	cl, err := chaff.New(chaff.Options{})
	if err != nil {
		log.Fatal(err)
	}
	doc, err := cl.ClassifyHTML([]byte(html), "text/html; charset=utf-8")
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range doc.Lines {
		fmt.Printf("%-5s %-10s %s\n", l.Label, l.Category, l.Text)
	}
	// Output:
	// drop  navigation Home News Sport
	// keep  title      Council adopts budget
	// keep  body       The city council adopted the budget on Monday evening after four hours of debate between the majority and the opposition.
	// keep  body       The main measure concerns the renovation of schools, for which the city plans to borrow nearly twelve million euros over five years.
	// drop  social     Share on Facebook
	// drop  legal      © 2024 Example News. All rights reserved.
}

// Clean a JSONL corpus record by record, as `chaff clean` does: every
// field but the text is kept byte for byte, and "chaff" counts the lines.
func ExampleRecordsFrom() {
	jsonl := `{"id":"1","url":"https://example.org/budget","text":"Share on Facebook\nThe city council adopted the budget on Monday evening after four hours of debate between the majority and the opposition.\nRead more: ten cities where life is good in 2024\n","lang":"en"}
{"id":2,"text":42}
`
	cl, err := chaff.New(chaff.Options{Fast: true})
	if err != nil {
		log.Fatal(err)
	}
	var out []byte
	for rec, err := range chaff.RecordsFrom(context.Background(), "corpus.jsonl", strings.NewReader(jsonl), chaff.ReadOptions{}) {
		if err != nil {
			fmt.Println(err) // a bad record: named, and reading goes on
			continue
		}
		if out, _, err = cl.CleanRecord(out, rec, chaff.CleanOptions{}, nil); err != nil {
			fmt.Println(err)
		}
	}
	os.Stdout.Write(out)
	// Output:
	// chaff: corpus.jsonl: record 2: text field "text" is not a string
	// {"id":"1","url":"https://example.org/budget","text":"The city council adopted the budget on Monday evening after four hours of debate between the majority and the opposition.\nRead more: ten cities where life is good in 2024\n","lang":"en","chaff":{"lines":3,"kept":2,"dropped":{"social":1}}}
}

// Stream a corpus on several goroutines, in input order, with the lines
// repeated across the documents of a site dropped from their second
// occurrence on (in one pass, the first copy goes by before anything
// shows that it is repeated; TwoPass drops it too).
func ExampleClassifier_Stream() {
	var jsonl strings.Builder
	for i := range 3 {
		fmt.Fprintf(&jsonl, `{"id":"%d","url":"https://www.example.org/%d","text":"Subscribe to our newsletter for the best stories of the week\nStory %d: the council adopted the budget on Monday evening after four hours of debate between the majority and the opposition.\n"}`+"\n", i, i, i)
	}
	cl, err := chaff.New(chaff.Options{Fast: true})
	if err != nil {
		log.Fatal(err)
	}
	records := chaff.RecordsFrom(context.Background(), "corpus.jsonl", strings.NewReader(jsonl.String()), chaff.ReadOptions{})
	opts := chaff.StreamOptions{Workers: 2, Repeated: &chaff.RepeatedOptions{Min: 2}}
	err = cl.Stream(context.Background(), records, opts, func(r *chaff.Result) error {
		if r.Err != nil {
			return r.Err
		}
		fmt.Println(r.Record.ID, r.Stats.Kept, r.Stats.Dropped)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// 0 2 map[]
	// 1 1 map[repeated:1]
	// 2 1 map[repeated:1]
}

// Load a model file made by `chaff train` and classify pages with it.
func ExampleLoadModel() {
	m, err := chaff.LoadModel("internal/model/fast-html.model") // chaff train --html --readability=false -o ...
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m)
	cl, err := chaff.New(chaff.Options{HTMLModel: m})
	if err != nil {
		log.Fatal(err)
	}
	doc, err := cl.ClassifyHTML([]byte("<p>The city council adopted the budget on Monday evening after four hours of debate.</p>"), "")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s", doc.Clean())
	// Output:
	// internal/model/fast-html.model: n-gram logistic regression and two stacked forests of 250 boosted trees: 2293 documents, seed 1, 8 epochs, 3 inner folds
	// The city council adopted the budget on Monday evening after four hours of debate.
}
