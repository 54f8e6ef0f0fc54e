package input_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/chaff-dev/chaff/internal/input"
)

func ExampleDocuments() {
	dir, _ := os.MkdirTemp("", "chaff-example")
	defer os.RemoveAll(dir)
	os.WriteFile(filepath.Join(dir, "a.jsonl"), []byte(
		`{"id":"1","text":"Hello"}`+"\n"+
			`{"id":"2","text":42}`+"\n"+
			"\n"+
			`{"id":"3","text":"World"}`+"\n"), 0o644)

	r := input.NewReader([]string{dir}, input.Options{})
	for doc, err := range r.Documents(context.Background()) {
		if err != nil {
			// Report and go on: the error names the file and record.
			fmt.Println("error:", strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""))
			continue
		}
		fmt.Printf("%s record %d: %s\n", doc.ID, doc.Record, doc.Body)
	}
	c := r.Total()
	fmt.Printf("records %d = documents %d + blank %d + failed %d\n", c.Records, c.Documents, c.Blank, c.Failed)
	// Output:
	// 1 record 1: Hello
	// error: input: a.jsonl: record 2: text field "text" is not a string
	// 3 record 4: World
	// records 4 = documents 2 + blank 1 + failed 1
}

func ExampleDocument_SetFields() {
	r := input.NewReader([]string{"-"}, input.Options{
		Stdin: strings.NewReader(`{"id": 7, "text": "Buy now! Real text.", "lang":"en"}` + "\n"),
	})
	for doc, err := range r.Documents(context.Background()) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		out, err := doc.SetFields(
			input.Field{Key: "text", Value: "Real text."},
			input.Field{Key: "chaff_dropped", Value: 1},
		)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(string(out))
	}
	// Output:
	// {"id": 7, "text": "Real text.", "lang":"en","chaff_dropped":1}
}

// AppendFields writes the records of a stream one after another into one
// buffer; a StringBytes value is written as a JSON string straight from
// the bytes the caller holds.
func ExampleDocument_AppendFields() {
	r := input.NewReader([]string{"-"}, input.Options{
		Stdin: strings.NewReader(`{"text":"Menu\nFirst."}` + "\n" + `{"text":"Share\nSecond \"quoted\"."}` + "\n"),
	})
	var out []byte
	for doc, err := range r.Documents(context.Background()) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		_, cleaned, _ := strings.Cut(string(doc.Body), "\n")
		if out, err = doc.AppendFields(out, input.Field{Key: "text", Value: input.StringBytes(cleaned)}); err != nil {
			fmt.Println(err)
			continue
		}
		out = append(out, '\n')
	}
	fmt.Print(string(out))
	// Output:
	// {"text":"First."}
	// {"text":"Second \"quoted\"."}
}
