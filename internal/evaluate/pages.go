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
	"github.com/chaff-dev/chaff/internal/label"
)

// BenchPages loads the benchmark set in dir (see aeb.Load), turns the HTML
// of every page (html/<id>.html.gz) into lines with htmltext and opts, and
// labels those lines against the ground truth with aeb.Label, the page's
// headline (htmltext.Page.Headline) keep/title whatever the truth says
// (see headlineRows). docs[k] holds the text and labels of pages[k], in
// the order of the bench's IDs.
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
		rows := headlineRows(aeb.Label(page.Text, b.Truth[id].Body), page.Headline)
		docs = append(docs, &gold.Doc{Name: id, Data: page.Text, Rows: rows})
		pages = append(pages, page)
	}
	return b, docs, pages, nil
}

// headlineRows labels row headline keep/title, when it is one of rows
// and not blank, and returns rows. The benchmarks' truths are the
// articles' bodies, and most leave the headline out; LABELING.md keeps it,
// as the title. A model that learnt the truths' rows as they are would
// drop the headlines users want, and call them noise. The title line is
// left out of the text scored against the truths (see Extract), so this
// row changes what a model learns, not what the benchmarks measure.
func headlineRows(rows []gold.Row, headline int) []gold.Row {
	if headline >= 0 && headline < len(rows) && rows[headline].Label != label.Blank {
		rows[headline] = gold.Row{Label: label.Keep, Class: string(label.Title)}
	}
	return rows
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
