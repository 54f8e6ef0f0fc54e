package render_test

import (
	"fmt"
	"log"
	"os"

	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/render"
)

// page is a short scraped page: a headline, a byline, a reading time, a
// paragraph, a teaser, two more paragraphs and share buttons.
const page = `Harbour ferry returns after two-year refit
By Tom Okafor
4 min read
The Kestrel, the harbour's last wooden passenger ferry, went back into service on Saturday after a refit that took two years and twice the money first planned.
Related: The boatyards keeping old ships afloat
Her new engine burns biodiesel, and the crossing to the fish market now takes eleven minutes instead of fifteen, the operator said.
Tickets stay at two pounds for adults; children and bicycles travel free on weekends until the end of the summer.

Share on Facebook
Share on X
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
	// The Kestrel, the harbour's last wooden passenger ferry, went back into service on Saturday after a refit that took two years and twice the money first planned.
	// Her new engine burns biodiesel, and the crossing to the fish market now takes eleven minutes instead of fifteen, the operator said.
	// Tickets stay at two pounds for adults; children and bicycles travel free on weekends until the end of the summer.
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
	// Harbour ferry returns after two-year refit
	// The Kestrel, the harbour's last wooden passenger ferry, went back into service on Saturday after a refit that took two years and twice the money first planned.
	// Her new engine burns biodiesel, and the crossing to the fish market now takes eleven minutes instead of fifteen, the operator said.
	// Tickets stay at two pounds for adults; children and bicycles travel free on weekends until the end of the summer.
	// Trams to run every six minutes
	// By Jane Smith
	// The new trams will run every six minutes at peak times and every ten minutes in the evening, the operator said on Thursday.
	// Tickets will cost the same as the bus, and children under twelve will travel free.
}
