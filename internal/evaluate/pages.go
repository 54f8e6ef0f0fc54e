package evaluate

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/chaff-dev/chaff/internal/aeb"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/htmltext"
)

// BenchPages loads the benchmark set in dir (see aeb.Load), turns the HTML
// of every page (html/<id>.html.gz) into lines with htmltext and opts, and
// labels those lines against the ground truth with aeb.Label. docs[k]
// holds the text and labels of pages[k], in the order of the bench's IDs.
func BenchPages(dir string, opts htmltext.Options) (*aeb.Bench, []*gold.Doc, []*htmltext.Page, error) {
	b, err := aeb.Load(dir)
	if err != nil {
		return nil, nil, nil, err
	}
	docs := make([]*gold.Doc, 0, len(b.IDs))
	pages := make([]*htmltext.Page, 0, len(b.IDs))
	for _, id := range b.IDs {
		path := filepath.Join(dir, "html", id+".html.gz")
		raw, err := readGzip(path)
		if err != nil {
			return nil, nil, nil, err
		}
		page, err := htmltext.Extract(raw, "", opts)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("evaluate: %s: %w", path, err)
		}
		docs = append(docs, &gold.Doc{Name: id, Data: page.Text, Rows: aeb.Label(page.Text, b.Truth[id].Body)})
		pages = append(pages, page)
	}
	return b, docs, pages, nil
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
