package report

import (
	"github.com/chaff-dev/chaff/internal/classify"
	"github.com/chaff-dev/chaff/internal/label"
)

// ln describes one hand-made line: "k:" kept body, "t:" kept title,
// "-cat:" dropped with category cat, "" blank.
type ln string

// mkLines turns descriptions into classified lines, numbered from 1.
func mkLines(descs ...ln) []classify.Line {
	out := make([]classify.Line, len(descs))
	for i, d := range descs {
		l := &out[i]
		l.Number = i + 1
		s := string(d)
		switch {
		case s == "":
			l.Label = label.Blank
		case len(s) > 2 && s[:2] == "k:":
			l.Label, l.Kind, l.Text = label.Keep, label.Body, []byte(s[2:])
		case len(s) > 2 && s[:2] == "t:":
			l.Label, l.Kind, l.Text = label.Keep, label.Title, []byte(s[2:])
		case s[0] == '-':
			j := 1
			for s[j] != ':' {
				j++
			}
			l.Label, l.Cat, l.Text, l.Score = label.Drop, label.Category(s[1:j]), []byte(s[j+1:]), 0.9
			l.Reasons = []classify.Reason{{Code: "test:" + s[1:j], Text: "made by hand", Weight: 1}}
		default:
			panic("bad line description " + s)
		}
	}
	return out
}

// smallDocs is a hand-checkable input; report_test.go works out every
// number of its report by hand.
func smallDocs() []DocInfo {
	return []DocInfo{
		{File: "a.jsonl", Record: 1, URL: "https://www.example.com/x", Lines: mkLines(
			"t:Title", "-navigation:Home", "", "k:Body text here.", "-byline:By Jane")},
		{File: "a.jsonl", Record: 2, URL: "https://example.com/y", Lines: mkLines(
			"-legal:We use cookies", "-script-warning:Enable JavaScript", "-navigation:Home")},
		{File: "c.jsonl", Record: 2, Lines: mkLines(
			"t:Title", "k:Body text here.", "-navigation:HOME")},
		{File: "dir/d.txt", Lines: nil},
		{File: "e.warc", Record: 7, URL: "http://news.test/a", Lines: mkLines(
			"-navigation:Menu 1", "-navigation:Menu 2", "-navigation:Menu 3", "-navigation:Menu 4",
			"-navigation:Menu 5", "k:Unique content line.")},
	}
}
