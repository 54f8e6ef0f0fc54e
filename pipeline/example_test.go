package pipeline_test

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/chaff-dev/chaff/pipeline"
)

// Upper-cases documents on two workers; results come back in input order.
func ExampleRun() {
	docs := []string{"first", "second", "third"}
	err := pipeline.Run(context.Background(), 2, 8, slices.Values(docs),
		func(_ context.Context, doc string) (string, error) {
			return strings.ToUpper(doc), nil
		},
		func(doc, out string, err error) error {
			if err != nil {
				return fmt.Errorf("document %q: %w", doc, err)
			}
			fmt.Println(doc, "->", out)
			return nil
		})
	if err != nil {
		fmt.Println("error:", err)
	}
	// Output:
	// first -> FIRST
	// second -> SECOND
	// third -> THIRD
}
