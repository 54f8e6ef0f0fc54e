// Command corpusgen writes a synthetic JSONL corpus of scraped news pages,
// for measuring the speed and memory of chaff:
//
//	go run ./internal/corpusgen/cmd -size 2GB -o /tmp/corpus-2g.jsonl
package main

import (
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/chaff-dev/chaff/internal/corpusgen"
)

func main() {
	size := flag.String("size", "200MB", "corpus size: a number of bytes with an optional KB, MB or GB suffix (powers of 1000)")
	out := flag.String("o", "", "output file (default: stdout)")
	seed := flag.Uint64("seed", 1, "random seed")
	sites := flag.Int("sites", 50, "number of sites")
	flag.Parse()
	n, err := parseSize(*size)
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(2)
	}
	w := os.Stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintln(os.Stderr, "corpusgen:", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	docs, written, err := corpusgen.Write(w, corpusgen.Config{Size: n, Seed: *seed, Sites: *sites})
	if err != nil {
		fmt.Fprintln(os.Stderr, "corpusgen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "corpusgen: %d documents, %d bytes\n", docs, written)
}

// parseSize reads "200MB", "2GB", "1500000".
func parseSize(s string) (int64, error) {
	s = strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"GB", 1e9}, {"MB", 1e6}, {"KB", 1e3}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.m
			break
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 0 {
		return 0, fmt.Errorf("bad size %q", s)
	}
	return int64(v * float64(mult)), nil
}
