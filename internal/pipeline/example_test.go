package pipeline_test

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/chaff-dev/chaff/internal/pipeline"
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

// Counts the words of documents of very different sizes on two workers,
// with up to 64 documents in flight but no more than 1 MB of them: a
// document of 2 MB still passes, alone in its worker's share.
func ExampleRunWeighted() {
	docs := []string{"a short one", strings.Repeat("word ", 400_000), "another short one"}
	size := func(doc string) int64 { return int64(len(doc)) }
	err := pipeline.RunWeighted(context.Background(), 2, 64, 1<<20, size, slices.Values(docs),
		func(_ context.Context, doc string) (int, error) {
			return len(strings.Fields(doc)), nil
		},
		func(doc string, words int, err error) error {
			if err != nil {
				return err
			}
			fmt.Println(len(doc), "bytes,", words, "words")
			return nil
		})
	if err != nil {
		fmt.Println("error:", err)
	}
	// Output:
	// 11 bytes, 3 words
	// 2000000 bytes, 400000 words
	// 17 bytes, 3 words
}
