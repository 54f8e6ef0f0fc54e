// Command peers writes the extractions of go-trafilatura and go-readability
// for the pages of benchmark sets, in the format of a set's output/ files,
// so that `chaff eval --peers DIR` can score them beside chaff:
//
//	go run ./cmd/peers -o DIR SET_DIR...
//
// writes DIR/<set>/go_trafilatura.json and DIR/<set>/go_readability.json
// for each set (the set's name is its folder's base name). A page a system
// fails on gets an empty articleBody, as the benchmark's own evaluation
// counts it, and is reported on stderr. go-trafilatura reads the raw page
// (it detects the charset itself); go-readability reads it decoded to
// UTF-8 by golang.org/x/net/html/charset. Both get the page's URL when the
// set knows it. The outputs are generated data: do not commit them.
package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	nurl "net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/chaff-dev/chaff/internal/aeb"
	readability "github.com/go-shiori/go-readability"
	gotrafilatura "github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// system is one extractor: its output file's name, the version string
// written in it, and how it extracts a page's main text.
type system struct {
	name, version string
	extract       func(page []byte, url *nurl.URL) (string, error)
}

var systems = []system{
	{"go_trafilatura", "go-trafilatura v1.12.2, default options", func(page []byte, url *nurl.URL) (string, error) {
		res, err := gotrafilatura.Extract(bytes.NewReader(page), gotrafilatura.Options{OriginalURL: url})
		if err != nil {
			return "", err
		}
		return res.ContentText, nil
	}},
	{"go_readability", "go-shiori/go-readability v0.0.0-20251205110129-5db1dc9836f0", func(page []byte, url *nurl.URL) (string, error) {
		r, err := charset.NewReader(bytes.NewReader(page), "")
		if err != nil {
			return "", err
		}
		art, err := readability.FromReader(r, url)
		if err != nil || art.Node == nil {
			return "", err
		}
		var b strings.Builder
		blockText(&b, art.Node)
		return strings.TrimSpace(b.String()), nil
	}},
}

// blocks are the elements whose text starts and ends a line: go-readability's
// own TextContent runs the paragraphs together ("end.Next"), which glues
// words across them and costs shingles the page does not lose.
var blocks = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true, "dd": true, "div": true,
	"dl": true, "dt": true, "figcaption": true, "figure": true, "footer": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "header": true, "hr": true, "li": true, "main": true, "nav": true, "ol": true,
	"p": true, "pre": true, "section": true, "table": true, "td": true, "th": true, "tr": true, "ul": true,
}

// blockText writes the text of n, a line break around every block.
func blockText(b *strings.Builder, n *html.Node) {
	switch n.Type {
	case html.TextNode:
		b.WriteString(n.Data)
		return
	case html.ElementNode:
		if n.Data == "script" || n.Data == "style" {
			return
		}
	}
	block := n.Type == html.ElementNode && blocks[n.Data]
	if block {
		b.WriteByte('\n')
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		blockText(b, c)
	}
	if block {
		b.WriteByte('\n')
	}
}

func main() {
	out := flag.String("o", "", "directory to write <set>/<system>.json into (required)")
	only := flag.String("systems", "go_trafilatura,go_readability", "comma-separated systems to run")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "Usage: peers -o DIR SET_DIR...")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() == 0 {
		flag.Usage()
		os.Exit(2)
	}
	var run []system
	for _, s := range systems {
		if slices.Contains(strings.Split(*only, ","), s.name) {
			run = append(run, s)
		}
	}
	for _, dir := range flag.Args() {
		if err := runSet(dir, *out, run); err != nil {
			fmt.Fprintln(os.Stderr, "peers:", err)
			os.Exit(1)
		}
	}
}

// output is the format of a benchmark's output/<system>.json.
type output struct {
	Version string                       `json:"version"`
	Output  map[string]map[string]string `json:"output"`
}

// runSet extracts every page of the set in dir with systems and
// writes the outputs under out/<set>/.
func runSet(dir, out string, systems []system) error {
	b, err := aeb.Load(dir)
	if err != nil {
		return err
	}
	outs := make([]output, len(systems))
	for i, s := range systems {
		outs[i] = output{Version: s.version, Output: make(map[string]map[string]string, len(b.IDs))}
	}
	for _, id := range b.IDs {
		path := filepath.Join(dir, "html", id+".html.gz")
		page, err := readGzip(path)
		if err != nil {
			return err
		}
		url, _ := nurl.Parse(b.MetaOf(id).URL)
		for i, s := range systems {
			text, err := s.extract(page, url)
			if err != nil {
				fmt.Fprintf(os.Stderr, "peers: %s: %s: %v\n", path, s.name, err)
			}
			outs[i].Output[id] = map[string]string{"articleBody": text}
		}
	}
	for i, s := range systems {
		if err := writeJSON(filepath.Join(out, b.Name, s.name+".json"), outs[i]); err != nil {
			return err
		}
	}
	return nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return data, nil
}

// writeJSON writes v to path through a temporary file renamed over it.
func writeJSON(path string, v any) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	data, err := json.Marshal(v)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
