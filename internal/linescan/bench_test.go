package linescan

import (
	"testing"

	"github.com/chaff-dev/chaff/internal/aeb"
)

// benchDumps returns the naive text dumps of the article-extraction
// benchmark and their size, or skips b.
func benchDumps(b *testing.B) ([][]byte, int64) {
	docs, size, err := aeb.DumpTexts("../../../shared/bench/aeb")
	if err != nil {
		b.Skipf("benchmark dumps not available (../shared/bench/aeb): %v", err)
	}
	return docs, size
}
