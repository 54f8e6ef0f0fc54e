package aeb

import (
	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/lines"
)

// Label labels every line of dump, a page's raw text, against truthBody,
// the page's article body: one row per line as lines.Split gives them.
// See the package documentation for the rule. Every class is gold.Unknown:
// the benchmark says which text is the article, not what kind of line or
// noise it is.
func Label(dump []byte, truthBody string) []gold.Row {
	spans := lines.Split(dump)
	rows := make([]gold.Row, len(spans))
	text := string(dump)

	v := make(vocab)
	b := v.ids(nil, truthBody)
	var a []int32
	first := make([]int, len(spans)+1) // tokens of line k are a[first[k]:first[k+1]]
	for k, s := range spans {
		first[k] = len(a)
		a = v.ids(a, text[s.Start:s.End])
	}
	first[len(spans)] = len(a)

	matched := make([]bool, len(a))
	for _, m := range align(a, b, len(v)) {
		for x := m.i; x < m.i+m.n; x++ {
			matched[x] = true
		}
	}

	const noTokens = label.Label(255) // non-blank line without a token, decided below
	for k, s := range spans {
		rows[k].Class = gold.Unknown
		n := first[k+1] - first[k]
		switch {
		case lines.IsBlank(dump[s.Start:s.End]):
			rows[k].Label = label.Blank
		case n == 0:
			rows[k].Label = noTokens
		default:
			in := 0
			for _, ok := range matched[first[k]:first[k+1]] {
				if ok {
					in++
				}
			}
			rows[k].Label = label.Drop
			if 2*in >= n {
				rows[k].Label = label.Keep
			}
		}
	}
	// A line of punctuation only ("* * *", "—") is kept when it sits between
	// kept lines, ignoring blank ones, and dropped otherwise.
	for k := range rows {
		if rows[k].Label != noTokens {
			continue
		}
		rows[k].Label = label.Drop
		if neighbour(rows, k, -1) == label.Keep && neighbour(rows, k, +1) == label.Keep {
			rows[k].Label = label.Keep
		}
	}
	return rows
}

// neighbour returns the label of the nearest line before (dir -1) or after
// (dir +1) row k that has tokens, or Drop at either end of the document.
func neighbour(rows []gold.Row, k, dir int) label.Label {
	for x := k + dir; 0 <= x && x < len(rows); x += dir {
		switch rows[x].Label {
		case label.Keep, label.Drop:
			return rows[x].Label
		}
	}
	return label.Drop
}
