// Package gold reads and writes labelled documents: the expected label of
// every line of a text file, kept beside it so that a change of label reads
// well in a diff.
//
// A labelled document is a pair of files: NAME.txt holds the document's
// exact bytes and NAME.gold holds one row per line of it:
//
//	# chaff gold v1
//	1	keep	title	Tesla, plus d’accessibilité aux données…
//	2	blank	-
//	3	drop	reading-time	2 min de lecture
//
// Columns are separated by one tab: the 1-based line number, the label
// (keep, drop, blank), the class (a kind for keep, a category for drop, "-"
// for blank or when the class is unknown) and an excerpt of the line. The
// excerpt is the line's first ExcerptRunes runes with tabs, backslashes,
// control characters and invalid UTF-8 escaped (\t, \\, \xNN), followed by
// "…" when cut. Reading checks every excerpt against the text, so a gold
// file that no longer matches its document is an error, never a silent
// mislabelling. Lines starting with # are comments.
package gold

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/lines"
)

// ExcerptRunes is how many runes of a line the excerpt column shows.
const ExcerptRunes = 72

// Unknown is the class written when a label's kind or category is not known.
const Unknown = "-"

// Row is the expected decision for one line.
type Row struct {
	Label label.Label
	Class string // kind for keep, category for drop, Unknown otherwise
}

// Doc is a document with its expected labels.
type Doc struct {
	Name string // path of the text file, for messages
	Data []byte // the document's exact bytes
	Rows []Row  // one per line of Data
}

// Excerpt returns the excerpt column for a line's text.
func Excerpt(text []byte) string {
	var b strings.Builder
	n := 0
	for i := 0; i < len(text); {
		if n == ExcerptRunes {
			b.WriteString("…")
			break
		}
		r, size := utf8.DecodeRune(text[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			fmt.Fprintf(&b, `\x%02x`, text[i])
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\\':
			b.WriteString(`\\`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\x%02x`, r)
		default:
			b.WriteRune(r)
		}
		i += size
		n++
	}
	return b.String()
}

// Write writes the gold rows of data. rows must have one entry per line.
func Write(w io.Writer, data []byte, rows []Row) error {
	spans := lines.Split(data)
	if len(rows) != len(spans) {
		return fmt.Errorf("gold: %d rows for %d lines", len(rows), len(spans))
	}
	bw := bufio.NewWriter(w)
	bw.WriteString("# chaff gold v1\n")
	for i, s := range spans {
		class := rows[i].Class
		if class == "" {
			class = Unknown
		}
		fmt.Fprintf(bw, "%d\t%s\t%s\t%s\n", i+1, rows[i].Label, class, Excerpt(data[s.Start:s.End]))
	}
	return bw.Flush()
}

// Parse reads gold rows for data. name is used in error messages and
// should be the gold file's path.
func Parse(name string, gold io.Reader, data []byte) ([]Row, error) {
	spans := lines.Split(data)
	rows := make([]Row, 0, len(spans))
	sc := bufio.NewScanner(gold)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.SplitN(line, "\t", 4)
		if len(f) < 3 {
			return nil, fmt.Errorf("%s:%d: want number, label, class and excerpt separated by tabs", name, n)
		}
		num, err := strconv.Atoi(f[0])
		if err != nil || num != len(rows)+1 {
			return nil, fmt.Errorf("%s:%d: line number %q, want %d", name, n, f[0], len(rows)+1)
		}
		if num > len(spans) {
			return nil, fmt.Errorf("%s:%d: row %d but the document has %d lines", name, n, num, len(spans))
		}
		lab, ok := label.ParseLabel(f[1])
		if !ok {
			return nil, fmt.Errorf("%s:%d: unknown label %q", name, n, f[1])
		}
		if err := checkClass(lab, f[2]); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", name, n, err)
		}
		s := spans[num-1]
		excerpt := ""
		if len(f) == 4 {
			excerpt = f[3]
		}
		if want := Excerpt(data[s.Start:s.End]); excerpt != want {
			return nil, fmt.Errorf("%s:%d: excerpt %q does not match line %d of the document (%q)", name, n, excerpt, num, want)
		}
		if (lab == label.Blank) != lines.IsBlank(data[s.Start:s.End]) {
			return nil, fmt.Errorf("%s:%d: line %d is labelled %s, but blank is for lines of white space and only for them", name, n, num, lab)
		}
		rows = append(rows, Row{lab, f[2]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(rows) != len(spans) {
		return nil, fmt.Errorf("%s: %d rows for %d lines", name, len(rows), len(spans))
	}
	return rows, nil
}

func checkClass(lab label.Label, class string) error {
	if class == Unknown {
		return nil
	}
	switch lab {
	case label.Keep:
		switch label.Kind(class) {
		case label.Title, label.Heading, label.Body:
			return nil
		}
		return fmt.Errorf("keep takes title, heading, body or -, not %q", class)
	case label.Drop:
		for _, c := range label.Categories() {
			if string(c) == class {
				return nil
			}
		}
		return fmt.Errorf("unknown noise category %q", class)
	}
	return fmt.Errorf("blank takes -, not %q", class)
}
