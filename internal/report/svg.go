package report

import "fmt"

// chart is the geometry of one SVG bar chart, computed here so that the
// template only places numbers.
type chart struct {
	Width, Height int
	Bars          []chartBar
	Axis          []chartTick
}

// chartBar is one bar with its label and value text.
type chartBar struct {
	X, Y, W, H   int
	Label        string
	LX, LY       int // label position
	Value        string
	VX, VY       int // value position
	Anchor       string
	Class        string
	Key, DataVal string // machine-readable name and value for data-* attributes
	Tip          string // tooltip
}

// chartTick is an axis label.
type chartTick struct {
	X, Y int
	Text string
}

// Horizontal bar chart geometry.
const (
	hLabelW = 190 // room for the labels on the left
	hBarMax = 420 // longest bar
	hRow    = 22  // row height
	hBar    = 16  // bar thickness
)

// hbars lays out horizontal bars: one row per value, scaled to the largest.
func hbars(labels, values []string, sizes []float64, top float64, class string) chart {
	c := chart{Width: hLabelW + hBarMax + 90, Height: len(labels)*hRow + 8}
	for i := range labels {
		w := 0
		if top > 0 {
			w = int(sizes[i] / top * hBarMax)
		}
		if sizes[i] > 0 && w < 1 {
			w = 1
		}
		y := 4 + i*hRow
		c.Bars = append(c.Bars, chartBar{
			X: hLabelW, Y: y, W: w, H: hBar,
			Label: labels[i], LX: hLabelW - 6, LY: y + 12, Anchor: "end",
			Value: values[i], VX: hLabelW + w + 6, VY: y + 12, Class: class,
			Tip: labels[i] + ": " + values[i],
		})
	}
	return c
}

// categoryChart draws the noise lines per category.
func categoryChart(cats []CategoryStat) chart {
	var labels, values []string
	var sizes []float64
	top := 0.0
	for _, c := range cats {
		labels = append(labels, c.Category)
		values = append(values, fmt.Sprintf("%d (%s)", c.Lines, pct(c.Share)))
		sizes = append(sizes, float64(c.Lines))
		top = max(top, float64(c.Lines))
	}
	ch := hbars(labels, values, sizes, top, "cat")
	for i, c := range cats {
		ch.Bars[i].Key, ch.Bars[i].DataVal = c.Category, fmt.Sprint(c.Lines)
	}
	return ch
}

// siteChart draws the noise line share of the first sites, on a 0–100% scale.
func siteChart(sites []Site) chart {
	var labels, values []string
	var sizes []float64
	for _, s := range sites {
		labels = append(labels, clip(s.Site, 28))
		values = append(values, fmt.Sprintf("%s of %d lines", pct(s.NoiseLineShare), s.TextLines))
		sizes = append(sizes, s.NoiseLineShare)
	}
	ch := hbars(labels, values, sizes, 1, "site")
	for i, s := range sites {
		ch.Bars[i].Key, ch.Bars[i].DataVal = s.Site, fmt.Sprint(s.NoiseLineShare)
	}
	return ch
}

// Histogram geometry.
const (
	vLeft   = 40
	vBarW   = 52
	vGap    = 8
	vHeight = 180
	vTop    = 20
)

// histogramChart draws the documents per noise-share bucket as columns.
func histogramChart(hist []Bucket) chart {
	c := chart{Width: vLeft + len(hist)*(vBarW+vGap) + 10, Height: vTop + vHeight + 40}
	top := 0
	for _, b := range hist {
		top = max(top, b.Documents)
	}
	base := vTop + vHeight
	for i, b := range hist {
		h := 0
		if top > 0 {
			h = b.Documents * vHeight / top
		}
		if b.Documents > 0 && h < 1 {
			h = 1
		}
		x := vLeft + i*(vBarW+vGap)
		lbl := fmt.Sprintf("%.0f–%.0f%%", b.From*100, b.To*100)
		c.Bars = append(c.Bars, chartBar{
			X: x, Y: base - h, W: vBarW, H: h,
			Label: lbl, LX: x + vBarW/2, LY: base + 16, Anchor: "middle",
			Value: fmt.Sprint(b.Documents), VX: x + vBarW/2, VY: base - h - 4,
			Class: "hist", Key: fmt.Sprint(i), DataVal: fmt.Sprint(b.Documents),
			Tip: fmt.Sprintf("%d documents with %s noise", b.Documents, lbl),
		})
	}
	c.Axis = []chartTick{{X: vLeft + len(hist)*(vBarW+vGap)/2, Y: base + 34, Text: "share of noise lines per document"}}
	return c
}
