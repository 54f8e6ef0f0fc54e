package report

import (
	"fmt"
	"sort"
)

// share divides safely: 0 when there is nothing to divide.
func share[T int | int64](part, whole T) float64 {
	if whole == 0 {
		return 0
	}
	return float64(part) / float64(whole)
}

// Build returns the report of the documents added so far. The Builder can
// go on accepting documents afterwards.
func (b *Builder) Build() *Report {
	o := b.opts
	r := &Report{
		Totals: b.totals,
		Limits: Limits(o), // a conversion: the two must keep the same fields
		Notes:  []string{},
	}
	t := &r.Totals
	t.NoiseLineShare = share(t.NoiseLines, t.TextLines)
	t.NoiseByteShare = share(t.NoiseBytes, t.Bytes)

	r.Sites = make([]Site, 0, len(b.sites))
	for _, s := range b.sites {
		c := *s
		c.NoiseLineShare = share(c.NoiseLines, c.TextLines)
		c.NoiseByteShare = share(c.NoiseBytes, c.Bytes)
		r.Sites = append(r.Sites, c)
	}
	sort.Slice(r.Sites, func(i, j int) bool {
		a, c := &r.Sites[i], &r.Sites[j]
		if a.NoiseLineShare != c.NoiseLineShare {
			return a.NoiseLineShare > c.NoiseLineShare
		}
		if a.Documents != c.Documents {
			return a.Documents > c.Documents
		}
		return a.Site < c.Site
	})

	r.Categories = make([]CategoryStat, 0, len(b.cats))
	for _, c := range b.cats {
		cc := *c
		cc.Share = share(cc.Lines, t.NoiseLines)
		r.Categories = append(r.Categories, cc)
	}
	sort.Slice(r.Categories, func(i, j int) bool {
		a, c := &r.Categories[i], &r.Categories[j]
		if a.Lines != c.Lines {
			return a.Lines > c.Lines
		}
		return a.Category < c.Category
	})

	r.Histogram = make([]Bucket, histogramBuckets)
	for i, n := range b.hist {
		r.Histogram[i] = Bucket{From: float64(i) / histogramBuckets, To: float64(i+1) / histogramBuckets, Documents: n}
	}

	r.TopLines = b.freq.top(o.TopLines)

	f := b.failures
	r.Failures = FailureSummary{Documents: f.Documents, Omitted: f.Omitted,
		Listed: append([]Failure{}, f.Listed...), Counts: make([]KindCount, 0, 4)}
	for _, k := range FailureKinds() {
		r.Failures.Counts = append(r.Failures.Counts, KindCount{Kind: k, Documents: b.kinds[k]})
	}

	r.Documents = b.sample()

	if _, ok := b.sites[otherSites]; ok {
		r.Notes = append(r.Notes, fmt.Sprintf("more than %d sites: the later ones are summed as %q", o.MaxSites, otherSites))
	}
	if b.freq.prunes > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("the frequent-line table was pruned %d times: counts may be low by up to %d", b.freq.prunes, b.freq.floor+b.freq.lost))
	}
	if b.hashesFul {
		r.Notes = append(r.Notes, fmt.Sprintf("more than %d distinct contents: later documents were checked for duplicates only against the first %d", o.MaxHashes, o.MaxHashes))
	}
	if f.Omitted > 0 {
		r.Notes = append(r.Notes, fmt.Sprintf("%d failures beyond the first %d are counted but not listed", f.Omitted, o.MaxFailuresListed))
	}
	return r
}

// sample merges the worst documents and the first failures, worst first.
func (b *Builder) sample() []DocumentDetail {
	seen := map[int]bool{}
	var all []worstEntry
	for _, list := range [][]worstEntry{b.failDocs, b.worst} {
		for _, e := range list {
			if !seen[e.ordinal] {
				seen[e.ordinal] = true
				all = append(all, e)
			}
		}
	}
	sort.Slice(all, func(i, j int) bool {
		// Failures first (by kind count), then by noise share.
		fi, fj := len(all[i].detail.Kinds) > 0, len(all[j].detail.Kinds) > 0
		if fi != fj {
			return fi
		}
		return worse(&all[i], &all[j])
	})
	out := make([]DocumentDetail, len(all))
	budget := b.opts.SampleBytes
	for i := range all {
		d := all[i].detail
		d.Lines = append([]LineView{}, d.Lines...)
		for j, l := range d.Lines {
			cost := lineCost(&l)
			if cost > budget {
				d.LinesOmitted += len(d.Lines) - j
				d.Lines = d.Lines[:j]
				budget = 0
				break
			}
			budget -= cost
		}
		out[i] = d
	}
	return out
}

// lineCost estimates the bytes a drill-down line takes in the HTML report:
// its text, class and reasons plus the markup around them.
func lineCost(l *LineView) int { return len(l.Text) + len(l.Class) + len(l.Reasons) + 64 }
