package report

import (
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"strings"
)

// htmlSites is how many sites the HTML report lists in its table;
// htmlSiteBars how many it draws in its per-site chart.
const (
	htmlSites    = 200
	htmlSiteBars = 25
)

//go:embed report.html.tmpl
var htmlSource string

// htmlTemplate is parsed once; html/template escapes every value for its
// context (text, attribute, SVG), so scraped text cannot inject markup.
var htmlTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct":   pct,
	"size":  size,
	"isize": func(n int) string { return size(int64(n)) },
	"join":  strings.Join,
	"f2":    func(x float64) string { return fmt.Sprintf("%.2f", x) },
	"labelClass": func(l string) string {
		switch l {
		case "keep":
			return "k"
		case "drop":
			return "d"
		}
		return "b"
	},
}).Parse(htmlSource))

// htmlView is what the template renders: the report and its charts.
type htmlView struct {
	*Report
	Title      string
	Sites      []Site // at most htmlSites
	SitesTotal int
	CatChart   chart
	HistChart  chart
	SiteChart  chart
	Sampled    int // documents in the drill-down
}

// WriteHTML writes the report as one self-contained HTML page titled
// title: inline CSS, SVG charts generated here and a short inline script
// for paging and filtering the drill-down; it loads nothing from outside.
// Its size is bounded by the report's limits: at most 200 sites, the top
// lines, the listed failures and the drill-down sample (Limits.SampleBytes
// of lines).
func (r *Report) WriteHTML(w io.Writer, title string) error {
	v := htmlView{Report: r, Title: title, SitesTotal: len(r.Sites), Sampled: len(r.Documents)}
	v.Sites = r.Sites[:min(len(r.Sites), htmlSites)]
	v.CatChart = categoryChart(r.Categories)
	v.HistChart = histogramChart(r.Histogram)
	v.SiteChart = siteChart(r.Sites[:min(len(r.Sites), htmlSiteBars)])
	return htmlTemplate.Execute(w, v)
}
