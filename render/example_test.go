package render_test

import (
	"fmt"
	"log"
	"os"

	"github.com/chaff-dev/chaff/classify"
	"github.com/chaff-dev/chaff/render"
)

// page is a short scraped page: a headline, a byline, a reading time, a
// paragraph, a teaser, another paragraph and share buttons.
const page = `Council approves new tram line after night-long debate
By Jane Smith
3 min read
The city council approved the new tram line after a debate that lasted most of the night. Construction is due to begin in the spring and to last about three years, the mayor said on Tuesday.
Read more: Ten cities where trams made a comeback
Opponents said the cost, estimated at four hundred million pounds, would weigh on the city's budget for a generation and that buses would have served the same districts.

Share on Facebook
Share on Twitter
`

// Clean writes the lines a classifier keeps, each with its own bytes.
func ExampleClean() {
	cl, err := classify.New(classify.Config{SkipReasons: true})
	if err != nil {
		log.Fatal(err)
	}
	doc := cl.Classify([]byte(page))
	if err := render.Clean(os.Stdout, doc, render.Policy{DropTitle: true}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// The city council approved the new tram line after a debate that lasted most of the night. Construction is due to begin in the spring and to last about three years, the mayor said on Tuesday.
	// Opponents said the cost, estimated at four hundred million pounds, would weigh on the city's budget for a generation and that buses would have served the same districts.
}

// AppendClean appends the kept lines of document after document to one
// buffer, for a caller that writes them out together.
func ExampleAppendClean() {
	cl, err := classify.New(classify.Config{SkipReasons: true})
	if err != nil {
		log.Fatal(err)
	}
	var out []byte
	for _, text := range []string{
		page,
		"Trams to run every six minutes\nBy Jane Smith\nThe new trams will run every six minutes at peak times and every ten minutes in the evening, the operator said on Thursday.\nTickets will cost the same as the bus, and children under twelve will travel free.\nShare on Facebook\n",
	} {
		out = render.AppendClean(out, cl.Classify([]byte(text)), render.Policy{})
	}
	fmt.Print(string(out))
	// Output:
	// Council approves new tram line after night-long debate
	// The city council approved the new tram line after a debate that lasted most of the night. Construction is due to begin in the spring and to last about three years, the mayor said on Tuesday.
	// Opponents said the cost, estimated at four hundred million pounds, would weigh on the city's budget for a generation and that buses would have served the same districts.
	// Trams to run every six minutes
	// The new trams will run every six minutes at peak times and every ten minutes in the evening, the operator said on Thursday.
	// Tickets will cost the same as the bus, and children under twelve will travel free.
}
