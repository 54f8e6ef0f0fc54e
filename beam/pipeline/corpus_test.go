package pipeline

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// corpus is a generated corpus on disk.
type corpus struct {
	files   []string // in input order (lexical)
	records int      // records in the files, broken ones included
	bytes   int64    // the documents' text
	broken  []DeadLetter
}

// words make the body sentences: every document's body is its own.
var words = strings.Fields(`the council voted on a new plan for the river district after months of
debate residents asked for more trees and safer crossings near the school while traders feared
that fewer parking spaces would keep customers away engineers said the bridge needs repairs
before winter and the mayor promised a public meeting next week to hear every side of the
question farmers reported a late harvest because of heavy rain in september prices rose at the
market and several bakeries changed their opening hours the museum will show paintings lent by
a private collector the exhibition opens in spring and tickets go on sale online`)

// sentence is a body line of n words drawn by r.
func sentence(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[r.IntN(len(words))]
	}
	s := strings.Join(ws, " ")
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

// siteLines are the boilerplate of site i: a menu, a footer and a
// newsletter prompt that each page of the site carries (some with a
// varying number, for --repeated-normalize), and a line shared by every
// site (corpus scope).
func siteLines(i, page int) (head, foot []string) {
	head = []string{
		fmt.Sprintf("Home | News | Sport | Culture | Site %c", 'A'+i),
		"Subscribe to our newsletter for daily updates",
		fmt.Sprintf("Menu of %c: Politics, Economy, Science", 'A'+i),
	}
	foot = []string{
		fmt.Sprintf("Copyright 2024 The %c Gazette. All rights reserved.", 'A'+i),
		"Accept cookies to continue reading this website",
		fmt.Sprintf("Read %d more stories from The %c Gazette", page%7+2, 'A'+i),
		fmt.Sprintf("Contact the newsroom of %c by email", 'A'+i),
	}
	return head, foot
}

// document is the text of page p of site i: some boilerplate (not every
// page carries every line, so counts straddle the thresholds) around a
// body of its own.
func document(r *rand.Rand, site, p int) string {
	head, foot := siteLines(site, p)
	var ls []string
	for _, h := range head {
		if r.IntN(4) > 0 {
			ls = append(ls, h)
		}
	}
	ls = append(ls, sentence(r, 6+r.IntN(4)))
	for range 3 + r.IntN(5) {
		ls = append(ls, sentence(r, 18+r.IntN(20)))
	}
	if r.IntN(10) == 0 {
		// A quote two or three pages share: under most thresholds.
		ls = append(ls, fmt.Sprintf("As the chair of committee %d put it, nothing was decided today.", r.IntN(40)))
	}
	for _, f := range foot {
		if r.IntN(5) > 0 {
			ls = append(ls, f)
		}
	}
	return strings.Join(ls, "\n")
}

// makeCorpus writes n records over sites sites into four files of dir:
// plain JSONL, gzip, zstd and plain again, with a malformed JSON line and
// a record whose text is a number in the last two.
func makeCorpus(t testing.TB, dir string, n, sites int) *corpus {
	t.Helper()
	r := rand.New(rand.NewPCG(25, 1))
	names := []string{"a.jsonl", "b.jsonl.gz", "c.jsonl.zst", "d.jsonl"}
	bufs := make([]bytes.Buffer, len(names))
	c := &corpus{}
	lines := make([]int, len(names))
	for i := range n {
		f := r.IntN(len(names))
		site := r.IntN(sites)
		rec := map[string]any{
			"id":   fmt.Sprintf("doc-%05d", i),
			"url":  fmt.Sprintf("https://www.site%d.example/news/%d.html", site, i),
			"text": document(r, site, i),
			"lang": "en",
		}
		if i%97 == 0 {
			delete(rec, "url") // documents without a site form one group
		}
		c.bytes += int64(len(rec["text"].(string)))
		b, err := json.Marshal(rec)
		if err != nil {
			t.Fatal(err)
		}
		bufs[f].Write(append(b, '\n'))
		lines[f]++
	}
	bad := []struct {
		file int
		line string
	}{
		{2, `{"id":"broken-json","url":"https://www.site1.example/x","text":"unterminated` + "\n"},
		{3, `{"id":"number-text","url":"https://www.site2.example/y","text":12345}` + "\n"},
	}
	for _, b := range bad {
		bufs[b.file].WriteString(b.line)
		lines[b.file]++
		c.broken = append(c.broken, DeadLetter{File: filepath.Join(dir, names[b.file]), Record: lines[b.file]})
	}
	for i, name := range names {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, compress(t, name, bufs[i].Bytes()), 0o644); err != nil {
			t.Fatal(err)
		}
		c.files = append(c.files, path)
		c.records += lines[i]
	}
	c.addWARC(t, r, filepath.Join(dir, "e.warc.gz"), n/20, sites)
	return c
}

// addWARC writes a WARC file of n records, as Common Crawl does (each
// record its own gzip member): a warcinfo and a request record, which
// carry no document, text conversions (WET) of site pages, a few HTML
// responses, and a response whose body is not in the gzip its header
// declares, which fails alone.
func (c *corpus) addWARC(t testing.TB, r *rand.Rand, path string, n, sites int) {
	t.Helper()
	var out bytes.Buffer
	num := 0
	add := func(typ, uri, ctype, block string) {
		num++
		var rec bytes.Buffer
		fmt.Fprintf(&rec, "WARC/1.0\r\nWARC-Type: %s\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-%012d>\r\n", typ, num)
		if uri != "" {
			fmt.Fprintf(&rec, "WARC-Target-URI: %s\r\n", uri)
		}
		fmt.Fprintf(&rec, "WARC-Date: 2024-01-02T03:04:05Z\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n", ctype, len(block), block)
		w := gzip.NewWriter(&out)
		w.Write(rec.Bytes())
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	}
	add("warcinfo", "", "application/warc-fields", "software: chaff-beam test\r\n")
	add("request", "https://www.site0.example/", "application/http; msgtype=request", "GET / HTTP/1.1\r\nHost: www.site0.example\r\n\r\n")
	for i := range n {
		site := r.IntN(sites)
		uri := fmt.Sprintf("https://www.site%d.example/wet/%d", site, i)
		if i%10 != 9 {
			doc := document(r, site, i)
			c.bytes += int64(len(doc))
			add("conversion", uri, "text/plain", doc)
			continue
		}
		page := "<html><head><title>News</title></head><body><nav><a href=/>" + strings.ReplaceAll(document(r, site, i), "\n", "</a></nav>\n<p>") + "</p></body></html>"
		c.bytes += int64(len(page))
		add("response", uri, "application/http; msgtype=response", "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"+page)
	}
	add("response", "https://www.site3.example/bad", "application/http; msgtype=response", "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n<html><body><p>not gzip at all</p></body></html>")
	if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	c.files = append(c.files, path)
	c.records += n + 1 // the documents and the broken one
	c.broken = append(c.broken, DeadLetter{File: path, Record: num})
}

// compress compresses data as the extension of name says.
func compress(t testing.TB, name string, data []byte) []byte {
	var out bytes.Buffer
	switch filepath.Ext(name) {
	case ".gz":
		w := gzip.NewWriter(&out)
		w.Write(data)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	case ".zst":
		w, err := zstd.NewWriter(&out)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
	default:
		return data
	}
	return out.Bytes()
}
