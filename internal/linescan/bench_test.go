package linescan

import (
	"testing"

	"github.com/chaff-dev/chaff/internal/aeb"
)

// benchDumps returns the naive text dumps of the article-extraction
// benchmark, or skips b.
func benchDumps(b *testing.B) [][]byte {
	dumps, err := aeb.LoadOutput(aeb.OutputPath("../../../shared/bench/aeb", aeb.DumpSystem))
	if err != nil {
		b.Skipf("benchmark dumps not available (../shared/bench/aeb): %v", err)
	}
	docs := make([][]byte, 0, len(dumps))
	for _, d := range dumps {
		docs = append(docs, []byte(d))
	}
	return docs
}

func size(docs [][]byte) int64 {
	n := 0
	for _, d := range docs {
		n += len(d)
	}
	return int64(n)
}
