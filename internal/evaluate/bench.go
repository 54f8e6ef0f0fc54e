package evaluate

import (
	"fmt"
	"strings"

	"github.com/chaff-dev/chaff/internal/aeb"
	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/lines"
)

// BenchDocs loads the benchmark set in dir (any folder in the layout of
// the article-extraction benchmark, see aeb.Load) and labels the naive text
// dump of every page (output/html-text.json) against its ground
// truth with aeb.Label. The documents come in the order of the bench's IDs
// and are named by page id. A page without a dump is an error.
func BenchDocs(dir string) (*aeb.Bench, []*gold.Doc, error) {
	b, err := aeb.Load(dir)
	if err != nil {
		return nil, nil, err
	}
	path := aeb.OutputPath(dir, aeb.DumpSystem)
	dumps, err := aeb.LoadOutput(path)
	if err != nil {
		return nil, nil, err
	}
	docs := make([]*gold.Doc, 0, len(b.IDs))
	for _, id := range b.IDs {
		dump, ok := dumps[id]
		if !ok {
			return nil, nil, fmt.Errorf("evaluate: %s: no dump for page %q of %s", path, id, aeb.TruthFile)
		}
		data := []byte(dump)
		docs = append(docs, &gold.Doc{Name: id, Data: data, Rows: aeb.Label(data, b.Truth[id].Body)})
	}
	return b, docs, nil
}

// Extract returns the text chaff extracts from a classified document for
// the benchmark: its kept lines, without their line terminators, joined by
// "\n". The title line is left out unless keepTitle is set, because the
// benchmark's articleBody never holds the headline: keeping it would count
// as extra text on every page.
func Extract(doc *classify.Document, keepTitle bool) string {
	var j joiner
	for i := range doc.Lines {
		l := &doc.Lines[i]
		if extracted(l.Label, l.Kind == label.Title, keepTitle) {
			j.add(l.Text)
		}
	}
	return j.b.String()
}

// GoldExtract returns the text the gold labels of d extract, as Extract
// does for chaff's: the lines labelled keep, the title's left out unless
// keepTitle is set. Scored against the truth, it is the ceiling of any
// line classifier on d's lines.
func GoldExtract(d *gold.Doc, keepTitle bool) string {
	var j joiner
	for i, sp := range lines.Split(d.Data) {
		if r := d.Rows[i]; extracted(r.Label, r.Class == string(label.Title), keepTitle) {
			j.add(d.Data[sp.Start:sp.End])
		}
	}
	return j.b.String()
}

// extracted reports whether a line labelled l, the title or not, is part
// of the text scored against a benchmark's truth.
func extracted(l label.Label, title, keepTitle bool) bool {
	return l == label.Keep && (keepTitle || !title)
}

// joiner joins lines with "\n".
type joiner struct {
	b    strings.Builder
	some bool
}

// add appends line, after a "\n" unless it is the first.
func (j *joiner) add(line []byte) {
	if j.some {
		j.b.WriteByte('\n')
	}
	j.b.Write(line)
	j.some = true
}

// Extractions maps each id to the extraction of the document at the same
// index of docs, ready for aeb.Evaluate.
func Extractions(ids []string, docs []*classify.Document, keepTitle bool) (map[string]string, error) {
	if len(ids) != len(docs) {
		return nil, fmt.Errorf("evaluate: %d ids for %d documents", len(ids), len(docs))
	}
	out := make(map[string]string, len(ids))
	for i, id := range ids {
		out[id] = Extract(docs[i], keepTitle)
	}
	return out, nil
}
