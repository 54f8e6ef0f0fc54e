package report

import (
	"fmt"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/chaff-dev/chaff/internal/classify"
)

// DocInfo is one classified document given to Builder.Add.
type DocInfo struct {
	File   string // source path ("-" for standard input)
	Record int    // 1-based record in File (JSONL line, WARC record), 0 for a whole file
	ID     string // optional document ID
	URL    string // optional page URL; its host names the site
	// Lines are the classified lines (classify.Document.Lines). Builder
	// copies what it keeps: the caller may reuse the memory after Add.
	Lines []classify.Line
}

// Name returns File for a whole file and File:Record for a record.
func (d *DocInfo) Name() string {
	if d.Record > 0 {
		return fmt.Sprintf("%s:%d", d.File, d.Record)
	}
	return d.File
}

// Site names the site of a document: the host of its URL without "www.",
// the base name of the file for a whole file without URL, "(no url)" for
// a record without URL and "(bad url)" when the URL has no host.
func (d *DocInfo) Site() string {
	if d.URL == "" {
		if d.Record == 0 && d.File != "" {
			return shorten([]byte(filepath.Base(d.File)), 80)
		}
		return "(no url)"
	}
	u, err := url.Parse(strings.TrimSpace(d.URL))
	if err != nil || u.Hostname() == "" {
		return "(bad url)"
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// Options sets the caps of a Builder. Zero fields take the defaults below.
type Options struct {
	MaxSites          int     // sites tracked; later new sites go to "(other sites)" (default 5,000)
	MaxLineKeys       int     // distinct normalised noise lines tracked before pruning (default 50,000)
	TopLines          int     // frequent lines in the report (default 50)
	Examples          int     // example documents per frequent line (default 3)
	MaxFailuresListed int     // failures listed individually (default 500)
	SampleWorst       int     // documents with the highest noise share kept for drill-down (default 200)
	SampleFailures    int     // first failures kept for drill-down (default 100)
	MaxSampleLines    int     // lines kept per drill-down document (default 200)
	MaxLineRunes      int     // runes kept per drill-down or frequent line (default 200)
	MaxHashes         int     // content hashes remembered for duplicate detection (default 200,000)
	SampleBytes       int     // size budget of all drill-down lines together, text and reasons (default 3,000,000)
	MostlyNoiseShare  float64 // noise share above which a document is mostly-noise (default 0.8)
	WallShare         float64 // share of script-warning and legal lines from which a document is a wall (default 0.5)
}

// DefaultOptions returns the default caps.
func DefaultOptions() Options {
	return Options{
		MaxSites: 5000, MaxLineKeys: 50000, TopLines: 50, Examples: 3,
		MaxFailuresListed: 500, SampleWorst: 200, SampleFailures: 100,
		MaxSampleLines: 200, MaxLineRunes: 200, MaxHashes: 200000, SampleBytes: 3000000,
		MostlyNoiseShare: 0.8, WallShare: 0.5,
	}
}

func (o Options) withDefaults() Options {
	d := DefaultOptions()
	set := func(v *int, def int) {
		if *v <= 0 {
			*v = def
		}
	}
	set(&o.MaxSites, d.MaxSites)
	set(&o.MaxLineKeys, d.MaxLineKeys)
	set(&o.TopLines, d.TopLines)
	set(&o.Examples, d.Examples)
	set(&o.MaxFailuresListed, d.MaxFailuresListed)
	set(&o.SampleWorst, d.SampleWorst)
	set(&o.SampleFailures, d.SampleFailures)
	set(&o.MaxSampleLines, d.MaxSampleLines)
	set(&o.MaxLineRunes, d.MaxLineRunes)
	set(&o.MaxHashes, d.MaxHashes)
	set(&o.SampleBytes, d.SampleBytes)
	if o.MostlyNoiseShare <= 0 || o.MostlyNoiseShare > 1 {
		o.MostlyNoiseShare = d.MostlyNoiseShare
	}
	if o.WallShare <= 0 || o.WallShare > 1 {
		o.WallShare = d.WallShare
	}
	return o
}

// otherSites collects the sites past Options.MaxSites.
const otherSites = "(other sites)"

// histogramBuckets is the number of equal-width noise-share buckets.
const histogramBuckets = 10

// Builder accumulates documents into a Report with bounded memory. It is
// not safe for concurrent use: call Add from one goroutine (for example a
// pipeline's ordered sink).
type Builder struct {
	opts      Options
	totals    Totals
	sites     map[string]*Site
	cats      map[string]*CategoryStat
	hist      [histogramBuckets]int
	freq      *freqTable
	hashes    map[uint64]string // kept-text hash -> name of the first document
	hashesFul bool
	failures  FailureSummary
	kinds     map[string]int
	worst     worstHeap
	failDocs  []worstEntry
	ordinal   int
	tally     *Tally // Add's
}

// NewBuilder returns an empty Builder with the given caps.
func NewBuilder(opts Options) *Builder {
	o := opts.withDefaults()
	return &Builder{
		opts:   o,
		sites:  map[string]*Site{},
		cats:   map[string]*CategoryStat{},
		freq:   newFreqTable(o.MaxLineKeys, o.Examples, o.MaxLineRunes, false),
		hashes: map[uint64]string{},
		kinds:  map[string]int{},
	}
}

// AddError counts an input that could not be read or classified; the
// report shows the count so that no loss goes unseen.
func (b *Builder) AddError() { b.totals.InputErrors++ }

// docStats are the measurements of one document.
type docStats struct {
	text, noise, kept, wall int
	bytes, noiseBytes       int64
	share                   float64
}

// Add accounts for one document whose lines are all at hand: it is
// AddTally with a Tally of d.Lines.
func (b *Builder) Add(d DocInfo) {
	if b.tally == nil {
		b.tally = b.NewTally()
	}
	b.tally.Reset()
	b.tally.AddLines(d.Lines)
	b.AddTally(d, b.tally)
}

// AddTally accounts for one document, d (whose Lines are not read), from
// the tally of its lines. It copies what it keeps: the caller may Reset
// and reuse t when it returns.
func (b *Builder) AddTally(d DocInfo, t *Tally) {
	b.ordinal++
	name := d.Name()
	site := d.Site()
	s := t.measured()

	tt := &b.totals
	tt.Documents++
	tt.Lines += t.lines
	tt.TextLines += s.text
	tt.NoiseLines += s.noise
	tt.KeptLines += s.kept
	tt.Bytes += s.bytes
	tt.NoiseBytes += s.noiseBytes
	if s.text == 0 {
		tt.EmptyDocuments++
	} else {
		b.hist[min(int(s.share*histogramBuckets), histogramBuckets-1)]++
	}

	for cat, ct := range t.cats {
		c := b.cats[cat]
		if c == nil {
			c = &CategoryStat{Category: cat}
			b.cats[cat] = c
		}
		c.Lines += ct.lines
		c.Bytes += ct.bytes
		c.Documents++
	}
	b.freq.merge(t.freq, name)

	kinds, why := b.failureKinds(s, t.kept.Sum64(), name)
	ref := DocRef{Name: name, File: d.File, Record: d.Record, ID: d.ID, URL: d.URL, Site: site}

	st := b.site(site)
	st.Documents++
	st.TextLines += s.text
	st.NoiseLines += s.noise
	st.Bytes += s.bytes
	st.NoiseBytes += s.noiseBytes

	if len(kinds) > 0 {
		st.Failures++
		b.failures.Documents++
		for _, k := range kinds {
			b.kinds[k]++
		}
		if len(b.failures.Listed) < b.opts.MaxFailuresListed {
			b.failures.Listed = append(b.failures.Listed, Failure{Doc: ref, Kinds: kinds, NoiseShare: s.share, Detail: why})
		} else {
			b.failures.Omitted++
		}
		if len(b.failDocs) < b.opts.SampleFailures {
			b.failDocs = append(b.failDocs, worstEntry{share: s.share, noise: s.noise, ordinal: b.ordinal, detail: drillDown(ref, s, kinds, t)})
		}
	}
	if b.worst.wants(s, b.ordinal, b.opts.SampleWorst) {
		b.worst.push(worstEntry{share: s.share, noise: s.noise, ordinal: b.ordinal, detail: drillDown(ref, s, kinds, t)}, b.opts.SampleWorst)
	}
}

// site returns the counters of a site, folding new sites past the cap
// into "(other sites)".
func (b *Builder) site(name string) *Site {
	if st, ok := b.sites[name]; ok {
		return st
	}
	if len(b.sites) >= b.opts.MaxSites {
		name = otherSites
		if st, ok := b.sites[name]; ok {
			return st
		}
	}
	st := &Site{Site: name}
	b.sites[name] = st
	return st
}

// failureKinds decides which failure kinds a document shows.
// kept is the hash of the document's kept text.
func (b *Builder) failureKinds(s docStats, kept uint64, name string) ([]string, string) {
	var kinds, details []string
	switch {
	case s.text == 0:
		kinds, details = append(kinds, NoContent), append(details, "empty document")
	case s.kept == 0:
		kinds, details = append(kinds, NoContent), append(details, fmt.Sprintf("all %d lines are noise", s.text))
	case s.share > b.opts.MostlyNoiseShare:
		kinds = append(kinds, MostlyNoise)
		details = append(details, fmt.Sprintf("%d of %d lines are noise", s.noise, s.text))
	}
	if s.wall > 0 && float64(s.wall) >= b.opts.WallShare*float64(s.text) {
		kinds = append(kinds, Wall)
		details = append(details, fmt.Sprintf("%d of %d lines are script warnings or legal notices", s.wall, s.text))
	}
	if s.kept > 0 {
		if first, ok := b.hashes[kept]; ok {
			kinds = append(kinds, Duplicate)
			details = append(details, "same kept text as "+first)
		} else if len(b.hashes) < b.opts.MaxHashes {
			b.hashes[kept] = name
		} else {
			b.hashesFul = true
		}
	}
	return kinds, strings.Join(details, "; ")
}

// drillDown is the drill-down of a document: its first lines, from t.
func drillDown(ref DocRef, s docStats, kinds []string, t *Tally) DocumentDetail {
	lines := t.views()
	return DocumentDetail{Doc: ref, NoiseShare: s.share, TextLines: s.text, NoiseLines: s.noise,
		Kinds: append([]string{}, kinds...), Lines: lines, LinesOmitted: t.lines - len(lines)}
}

// maxReasons is the number of reasons a drill-down line shows.
const maxReasons = 3

// reasons joins the maxReasons strongest reasons for a tooltip.
func reasons(rs []classify.Reason) string {
	var parts []string
	for i, r := range rs {
		if i == maxReasons {
			break
		}
		if r.Text != "" {
			parts = append(parts, r.Code+": "+r.Text)
		} else {
			parts = append(parts, r.Code)
		}
	}
	return strings.ToValidUTF8(strings.Join(parts, "; "), "\uFFFD")
}
