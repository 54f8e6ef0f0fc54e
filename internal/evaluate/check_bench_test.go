package evaluate

import (
	"os"
	"testing"

	"github.com/chaff-dev/chaff/internal/gold"
)

// BenchmarkCheck measures Check over the repository's fixtures.
func BenchmarkCheck(b *testing.B) {
	if _, err := os.Stat("../../fixtures"); err != nil {
		b.Skip("../../fixtures is missing")
	}
	docs, err := gold.LoadAll("../../fixtures")
	if err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, d := range docs {
		size += len(d.Data)
	}
	cl := tinyClassifier(b, docs[0].Data)
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		Check(cl, docs)
	}
}
