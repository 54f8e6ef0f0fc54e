package classify_test

import (
	"encoding/json"
	"fmt"
	"log"
	"strings"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/model"
)

// page is a short scraped English news page: a headline, a byline, a
// reading time, two paragraphs around a teaser, then share buttons. Every
// noise line carries a lexicon phrase, so its label does not hang on the
// model's finer judgement.
const page = `Council approves new tram line after night-long debate
By Jane Smith
3 min read
The city council approved the new tram line after a debate that lasted most of the night. Construction is due to begin in the spring and to last about three years, the mayor said on Tuesday.
Read more: Ten cities where trams made a comeback
Opponents said the cost, estimated at four hundred million pounds, would weigh on the city's budget for a generation and that buses would have served the same districts.

Share on Facebook
Share on Twitter
`

// Classify labels every line: keep with a kind, drop with a noise
// category, or blank.
func Example() {
	cl, err := classify.New(classify.Config{})
	if err != nil {
		log.Fatal(err)
	}
	doc := cl.Classify([]byte(page))
	for _, l := range doc.Lines {
		fmt.Println(strings.TrimSpace(fmt.Sprintf("%d %-5s %s", l.Number, l.Label, l.Class())))
	}
	// Output:
	// 1 keep  title
	// 2 drop  byline
	// 3 drop  reading-time
	// 4 keep  body
	// 5 drop  teaser
	// 6 keep  body
	// 7 blank
	// 8 drop  social
	// 9 drop  social
}

// ClassifyReader reads a whole document from an io.Reader; here the kept
// lines are printed, as chaff clean would write them.
func ExampleClassifier_ClassifyReader() {
	cl, err := classify.New(classify.Config{})
	if err != nil {
		log.Fatal(err)
	}
	doc, err := cl.ClassifyReader(strings.NewReader(page))
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range doc.Lines {
		if l.Label == label.Keep {
			text := string(l.Text)
			if len(text) > 40 {
				text = text[:40] + "..."
			}
			fmt.Println(text)
		}
	}
	// Output:
	// Council approves new tram line after nig...
	// The city council approved the new tram l...
	// Opponents said the cost, estimated at fo...
}

// Config.Keep keeps the lines of some noise categories: they are labelled
// keep/body but still carry their category, so a caller can tell them
// apart.
func ExampleConfig_keep() {
	cl, err := classify.New(classify.Config{Keep: []label.Category{label.ReadingTime}})
	if err != nil {
		log.Fatal(err)
	}
	doc := cl.Classify([]byte(page))
	l := doc.Lines[2]
	fmt.Printf("%q: %s %s (category %s)\n", l.Text, l.Label, l.Kind, l.Cat)
	// Output:
	// "3 min read": keep body (category reading-time)
}

// SkipReasons leaves the reasons out, for callers that only act on the
// decisions; the decisions themselves do not change.
func ExampleConfig_skipReasons() {
	full, err := classify.New(classify.Config{})
	if err != nil {
		log.Fatal(err)
	}
	fast, err := classify.New(classify.Config{SkipReasons: true})
	if err != nil {
		log.Fatal(err)
	}
	a, b := full.Classify([]byte(page)), fast.Classify([]byte(page))
	same, reasons := true, 0
	for i := range a.Lines {
		if a.Lines[i].Label != b.Lines[i].Label || a.Lines[i].Class() != b.Lines[i].Class() {
			same = false
		}
		reasons += len(b.Lines[i].Reasons)
	}
	fmt.Println("same decisions:", same)
	fmt.Println("reasons:", reasons)
	fmt.Println("first reason with reasons on:", a.Lines[2].Reasons[0].Code)
	// Output:
	// same decisions: true
	// reasons: 0
	// first reason with reasons on: lexicon:reading-time(en)
}

// A Line marshals to one flat JSON object; invalid UTF-8 in its text
// becomes U+FFFD (written \ufffd by encoding/json), while Offset still locates the original bytes.
func ExampleLine_MarshalJSON() {
	l := classify.Line{
		Number: 3,
		Offset: 67,
		Text:   []byte("3 min read \xff"),
		EOL:    []byte("\n"),
		Label:  label.Drop,
		Cat:    label.ReadingTime,
		Score:  0.75,
		Reasons: []classify.Reason{
			{Code: "lexicon:reading-time(en)", Text: "matches a reading-time phrase", Weight: 0.9},
		},
	}
	b, err := json.Marshal(l)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(string(b))
	// Output:
	// {"line":3,"offset":67,"label":"drop","category":"reading-time","score":0.75,"reasons":[{"code":"lexicon:reading-time(en)","text":"matches a reading-time phrase","weight":0.9}],"text":"3 min read \ufffd"}
}

// A model of kind model.FastText classifies text with the fast
// configuration, several times the speed of the accurate model for a
// little less accuracy. Its noise
// categories are learnt from the fixtures alone, so only the decisions
// are printed here; unlike the default model, it keeps the reading time
// and the "Read more" teaser.
func ExampleConfig_fastText() {
	fast, err := model.Embedded(model.FastText)
	if err != nil {
		log.Fatal(err)
	}
	cl, err := classify.New(classify.Config{TextModel: fast, SkipReasons: true})
	if err != nil {
		log.Fatal(err)
	}
	doc := cl.Classify([]byte(page))
	for _, l := range doc.Lines {
		fmt.Println(l.Number, l.Label)
	}
	// Output:
	// 1 keep
	// 2 drop
	// 3 drop
	// 4 keep
	// 5 keep
	// 6 keep
	// 7 blank
	// 8 drop
	// 9 drop
}

// ClassifyTo classifies document after document into the same Document,
// reusing the storage of its lines: a pipeline stage that is done with
// each document before the next allocates no line records once it has
// seen its longest one.
func ExampleClassifier_ClassifyTo() {
	cl, err := classify.New(classify.Config{SkipReasons: true})
	if err != nil {
		log.Fatal(err)
	}
	var doc classify.Document
	for _, text := range []string{page, "Trams to run every six minutes\nThe new trams will run every six minutes at peak times and every ten minutes in the evening, the operator said on Thursday.\nShare on Facebook\n"} {
		cl.ClassifyTo(&doc, []byte(text))
		kept := 0
		for _, l := range doc.Lines {
			if l.Label == label.Keep {
				kept++
			}
		}
		fmt.Printf("%d lines, %d kept\n", len(doc.Lines), kept)
	}
	// Output:
	// 9 lines, 3 kept
	// 3 lines, 2 kept
}

// ClassifyWindows hands a document over in windows of lines, so that a
// document of millions of lines costs the memory of one window: here the
// page repeated 2,000 times (18,000 lines) comes in three windows.
func ExampleClassifier_ClassifyWindows() {
	cl, err := classify.New(classify.Config{SkipReasons: true, MaxLines: 1_000_000})
	if err != nil {
		log.Fatal(err)
	}
	data := []byte(strings.Repeat(page, 2000))
	windows, lines, last := 0, 0, 0
	err = cl.ClassifyWindows(nil, data, func(doc *classify.Document) error {
		windows++
		lines += len(doc.Lines)
		last = doc.Lines[len(doc.Lines)-1].Number
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d windows, %d lines, the last numbered %d\n", windows, lines, last)
	// Output:
	// 3 windows, 18000 lines, the last numbered 18000
}
