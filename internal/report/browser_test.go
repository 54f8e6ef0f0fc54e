package report

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/chaff-dev/chaff/internal/classify"
)

var docsPNG = flag.Bool("docs-png", false, "also write the fixture report's screenshot to ../docs/report.png")

// findChromium returns the path of a Chromium binary, or "".
func findChromium() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// fixtureReport classifies the labelled fixtures and builds their report.
func fixtureReport(t *testing.T) *Report {
	t.Helper()
	files, _ := filepath.Glob("../../fixtures/*/*.txt")
	if len(files) == 0 {
		t.Skip("no fixtures in ../fixtures: the report browser test needs the repository's fixtures")
	}
	cl, err := classify.New(classify.Config{})
	if err != nil {
		t.Fatal(err)
	}
	b := NewBuilder(Options{})
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Add(DocInfo{File: strings.TrimPrefix(filepath.ToSlash(f), "../../"), Lines: cl.Classify(data).Lines})
	}
	return b.Build()
}

// runChromium runs headless Chromium with args on the page and returns
// its standard output.
func runChromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-dev-shm-usage", "--user-data-dir=" + t.TempDir()}
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.Bytes())
	}
	return out
}

// TestBrowserReport opens the fixtures' HTML report in headless Chromium,
// checks that the numbers it shows after the page's script ran equal the
// JSON report, and takes a screenshot into testout/.
func TestBrowserReport(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	bin := findChromium()
	if bin == "" {
		t.Skip("chromium not found (/usr/bin/chromium or in PATH): install it with .ci/install-chromium or apt-get install chromium")
	}
	r := fixtureReport(t)
	if err := os.MkdirAll("testout", 0o755); err != nil {
		t.Fatal(err)
	}
	page, err := filepath.Abs("testout/report.html")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := r.WriteHTML(&buf, "chaff report: fixtures"); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	js, _ := json.MarshalIndent(r, "", " ")
	os.WriteFile("testout/report.json", js, 0o644)
	// Compare with the JSON form, as a user of --format json would read it.
	var jr Report
	if err := json.Unmarshal(js, &jr); err != nil {
		t.Fatal(err)
	}

	dom := runChromium(t, bin, "--dump-dom", "file://"+page)
	root, err := html.Parse(bytes.NewReader(dom))
	if err != nil {
		t.Fatal(err)
	}
	checkDOM(t, root, &jr)

	png, _ := filepath.Abs("testout/report.png")
	os.Remove(png)
	runChromium(t, bin, "--screenshot="+png, "--window-size=1280,2000", "--hide-scrollbars", "file://"+page)
	shot, err := os.ReadFile(png)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	if !bytes.HasPrefix(shot, []byte("\x89PNG\r\n\x1a\n")) || len(shot) < 20_000 {
		t.Errorf("screenshot %s is not a plausible PNG (%d bytes)", png, len(shot))
	}
	t.Logf("page %d bytes, screenshot %s (%d bytes)", buf.Len(), png, len(shot))
	if *docsPNG {
		if err := os.WriteFile("../../docs/report.png", shot, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// node helpers.
func attr(n *html.Node, k string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == k {
			return a.Val, true
		}
	}
	return "", false
}

func text(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(sb.String())
}

func each(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		each(c, fn)
	}
}

// checkDOM compares the machine-readable attributes and the visible text
// of the rendered page with the JSON report.
func checkDOM(t *testing.T, root *html.Node, r *Report) {
	t.Helper()
	tot := r.Totals
	ints := map[string]int64{
		"documents": int64(tot.Documents), "noise_lines": int64(tot.NoiseLines), "text_lines": int64(tot.TextLines),
		"noise_bytes": tot.NoiseBytes, "bytes": tot.Bytes, "failures": int64(r.Failures.Documents),
		"empty_documents": int64(tot.EmptyDocuments), "input_errors": int64(tot.InputErrors),
	}
	shares := map[string]float64{"noise_line_share": tot.NoiseLineShare, "noise_byte_share": tot.NoiseByteShare}
	found := map[string]bool{}
	var sites, cats, buckets, kinds, docs, hidden int
	ready, matches := "", ""
	each(root, func(n *html.Node) {
		if k, ok := attr(n, "data-k"); ok {
			found[k] = true
			v, _ := attr(n, "data-v")
			if want, ok := ints[k]; ok {
				if v != fmt.Sprint(want) || text(n) != fmt.Sprint(want) {
					t.Errorf("%s: data-v %q, shown %q; JSON says %d", k, v, text(n), want)
				}
			} else if want, ok := shares[k]; ok {
				got, err := strconv.ParseFloat(v, 64)
				if err != nil || got != want || text(n) != pct(want) {
					t.Errorf("%s: data-v %q, shown %q; JSON says %v (%s)", k, v, text(n), want, pct(want))
				}
			} else {
				t.Errorf("unknown data-k %q", k)
			}
		}
		if n.Data == "tr" {
			if s, ok := attr(n, "data-site"); ok {
				want := r.Sites[sites]
				d, _ := attr(n, "data-docs")
				sh, _ := attr(n, "data-share")
				if s != want.Site || d != fmt.Sprint(want.Documents) || sh != fmt.Sprint(want.NoiseLineShare) ||
					!strings.Contains(text(n), pct(want.NoiseLineShare)) {
					t.Errorf("site row %d: %s %s %s %q; JSON %+v", sites, s, d, sh, text(n), want)
				}
				sites++
			}
		}
		if c, ok := attr(n, "data-cat"); ok {
			l, _ := attr(n, "data-lines")
			want := r.Categories[cats]
			if c != want.Category || l != fmt.Sprint(want.Lines) || !strings.Contains(text(n), fmt.Sprint(want.Lines)) {
				t.Errorf("category bar %d: %s %s; JSON %+v", cats, c, l, want)
			}
			cats++
		}
		if b, ok := attr(n, "data-bucket"); ok {
			d, _ := attr(n, "data-docs")
			want := r.Histogram[buckets]
			if b != fmt.Sprint(buckets) || d != fmt.Sprint(want.Documents) {
				t.Errorf("histogram bar %s: %s documents; JSON %+v", b, d, want)
			}
			buckets++
		}
		if k, ok := attr(n, "data-kind"); ok {
			v, _ := attr(n, "data-v")
			want := r.Failures.Counts[kinds]
			if k != want.Kind || v != fmt.Sprint(want.Documents) || text(n) != fmt.Sprintf("%s: %d", want.Kind, want.Documents) {
				t.Errorf("failure kind %d: %s %s %q; JSON %+v", kinds, k, v, text(n), want)
			}
			kinds++
		}
		if n.Data == "section" {
			name, _ := attr(n, "data-doc")
			if name != r.Documents[docs].Doc.Name {
				t.Errorf("drill-down %d is %s, JSON says %s", docs, name, r.Documents[docs].Doc.Name)
			}
			if st, _ := attr(n, "style"); strings.Contains(st, "display: none") {
				hidden++
			}
			docs++
		}
		if n.Data == "body" {
			ready, _ = attr(n, "data-ready")
		}
		if id, _ := attr(n, "id"); id == "page" {
			matches, _ = attr(n, "data-matches")
		}
	})
	for k := range ints {
		if !found[k] {
			t.Errorf("page shows no %s", k)
		}
	}
	if sites != min(len(r.Sites), htmlSites) || cats != len(r.Categories) || buckets != len(r.Histogram) ||
		kinds != len(FailureKinds()) || docs != len(r.Documents) {
		t.Errorf("page has %d sites, %d categories, %d buckets, %d kinds, %d documents; JSON %d, %d, %d, %d, %d",
			sites, cats, buckets, kinds, docs, len(r.Sites), len(r.Categories), len(r.Histogram), len(FailureKinds()), len(r.Documents))
	}
	// The script ran: it marked the body and shows the first page of ten.
	if ready != "1" || matches != fmt.Sprint(len(r.Documents)) || hidden != max(0, len(r.Documents)-10) {
		t.Errorf("script state: ready=%q matches=%q hidden=%d of %d documents", ready, matches, hidden, len(r.Documents))
	}
	t.Logf("browser shows %d documents, %d sites, %d categories, %d failures: all equal to the JSON report",
		r.Totals.Documents, sites, cats, r.Failures.Documents)
}
