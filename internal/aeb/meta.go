package aeb

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// MetaFile is the name of the optional file of page metadata inside a
// benchmark directory: one JSON object a line.
const MetaFile = "meta.jsonl"

// Meta is what a benchmark's meta.jsonl says of one page. An empty field
// is unknown. Other fields of the file are ignored.
type Meta struct {
	Lang      string `json:"lang"`      // language of the truth, e.g. "en", "zh"
	PageType  string `json:"page_type"` // e.g. "article", "forum", "product"
	Publisher string `json:"publisher"` // site or publisher the page comes from
	URL       string `json:"url"`
	// Synthetic marks a hand-written feature test rather than a real page
	// (readability's small test cases).
	Synthetic bool `json:"synthetic"`
}

// metaLine is one line of meta.jsonl: an id and the page's Meta.
type metaLine struct {
	ID *string `json:"id"`
	Meta
}

// loadMeta reads dir/meta.jsonl into b.Meta; a missing file leaves b.Meta
// nil.
func (b *Bench) loadMeta(dir string) error {
	path := filepath.Join(dir, MetaFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("aeb: %w", err)
	}
	b.Meta, err = parseMeta(path, data, b.Truth)
	return err
}

// parseMeta decodes the text of a meta.jsonl file; path names it in
// messages. Every line but blank ones must be an object with the id of a
// page of truth, each id at most once; pages without a line have no Meta.
func parseMeta(path string, data []byte, truth map[string]Page) (map[string]Meta, error) {
	meta := make(map[string]Meta, len(truth))
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, len(data)+1)
	for n := 1; sc.Scan(); n++ {
		text := bytes.TrimSpace(sc.Bytes())
		if len(text) == 0 {
			continue
		}
		var l metaLine
		if err := json.Unmarshal(text, &l); err != nil {
			return nil, fmt.Errorf("aeb: %s:%d: %w", path, n, err)
		}
		switch _, known := truth[deref(l.ID)]; {
		case l.ID == nil:
			return nil, fmt.Errorf("aeb: %s:%d: no \"id\"", path, n)
		case !known:
			return nil, fmt.Errorf("aeb: %s:%d: page %q is not in %s", path, n, *l.ID, TruthFile)
		}
		if _, dup := meta[*l.ID]; dup {
			return nil, fmt.Errorf("aeb: %s:%d: page %q described twice", path, n, *l.ID)
		}
		meta[*l.ID] = l.Meta
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("aeb: %s: %w", path, err)
	}
	return meta, nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// MetaOf returns what is known of page id: its meta.jsonl line, with the
// URL of the ground truth when that line gives none.
func (b *Bench) MetaOf(id string) Meta {
	m := b.Meta[id]
	if m.URL == "" {
		m.URL = b.Truth[id].URL
	}
	return m
}

// Group returns the group page id belongs to for splitting the set into
// folds: pages of one group must stay in one fold, lest a model learn a
// site's template in training and meet it again in the held-out fold. The
// group is the page's publisher when meta.jsonl names one, else the host
// of its URL without "www.", else the page alone ("page:" + id).
func (b *Bench) Group(id string) string {
	m := b.MetaOf(id)
	if m.Publisher != "" {
		return "publisher:" + m.Publisher
	}
	if site := b.Site(id); site != "" {
		return "host:" + site
	}
	return "page:" + id
}

// Site returns the site of page id: the host of its URL, lower-cased and
// without "www.", or "" when it has none. Sets made by different people
// name publishers differently, but a site is the same host in every set.
func (b *Bench) Site(id string) string {
	u, err := url.Parse(b.MetaOf(id).URL)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// BreakdownKeys are the meta.jsonl fields a set's scores can be broken
// down by (see Attr).
var BreakdownKeys = []string{"page_type", "lang"}

// Attr returns the value of field key of page id, by its meta.jsonl name:
// "page_type" or "lang"; "" when unknown.
func (b *Bench) Attr(id, key string) string {
	switch key {
	case "page_type":
		return b.Meta[id].PageType
	case "lang":
		return b.Meta[id].Lang
	}
	return ""
}

// Breakdown scores docs (per-document scores of pages of b) by the value
// of field key (see Attr): one Score per value; pages where the field is
// unknown are left out. It is nil when no page has the field.
func Breakdown(b *Bench, docs []DocScore, key string) map[string]Score {
	by := map[string][]DocScore{}
	for _, d := range docs {
		if v := b.Attr(d.ID, key); v != "" {
			by[v] = append(by[v], d)
		}
	}
	if len(by) == 0 {
		return nil
	}
	out := make(map[string]Score, len(by))
	for v, ds := range by {
		out[v] = Aggregate(ds)
	}
	return out
}
