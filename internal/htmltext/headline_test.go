package htmltext

import "testing"

func TestExtractHeadline(t *testing.T) {
	tests := []struct {
		name, head, body string
		want             string // the headline's text, "" for none
	}{
		{"h1 is the title",
			`<title>Storm hits the coast</title>`,
			`<h1>Storm hits the coast</h1><p>Winds of 150 km/h.</p>`,
			"Storm hits the coast"},
		{"the site's name is left out of the title",
			`<title>Storm hits the coast | Daily Planet</title>`,
			`<div><h1>Daily Planet</h1></div><h1>Storm hits the coast</h1><p>Winds.</p>`,
			"Storm hits the coast"},
		{"the site's name first",
			`<title>Daily Planet - Storm hits the coast tonight</title>`,
			`<h2>Daily Planet</h2><h1>Storm hits the coast tonight</h1>`,
			"Storm hits the coast tonight"},
		{"og:title, with quotes and case that differ",
			`<title>Home</title><meta property="og:title" content="“Storm” hits the COAST">`,
			`<h2>Storm hits the coast</h2>`,
			"Storm hits the coast"},
		{"a kicker before the headline",
			`<title>Drusen fordern Teilhabe von neuer Regierung</title>`,
			`<h1>Syrien: Drusen fordern Teilhabe von neuer Regierung</h1>`,
			"Syrien: Drusen fordern Teilhabe von neuer Regierung"},
		{"a title reworded for search engines names the h1",
			`<title>7 Major Diet Trends for 2025, According to Nutritionists</title>`,
			`<h2>Menu</h2><h1>The 7 Biggest Diet and Nutrition Trends in 2025, According to Nutritionists</h1>`,
			"The 7 Biggest Diet and Nutrition Trends in 2025, According to Nutritionists"},
		{"a section heading the title mentions is not the headline",
			`<title>World leaders meet in Geneva to discuss the climate</title>`,
			`<h2>World</h2><p>Text.</p>`,
			""},
		{"an exact line outside a heading",
			`<title>Storm hits the coast</title>`,
			`<div class="t">Storm hits the coast</div><p>Winds.</p>`,
			"Storm hits the coast"},
		{"a link is not the headline",
			`<title>Storm hits the coast</title>`,
			`<p><a href="/x">Storm hits the coast</a></p>`,
			""},
		{"Chinese, the site after an underscore",
			`<title>暴雨袭击沿海地区_新闻网</title>`,
			`<h1>暴雨袭击沿海地区</h1><p>风速每小时150公里。</p>`,
			"暴雨袭击沿海地区"},
		{"no title",
			``,
			`<h1>Storm hits the coast</h1>`,
			""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Extract([]byte(`<html><head>`+tt.head+`</head><body>`+tt.body+`</body></html>`), "", Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if p.Headline >= 0 {
				got = splitLines(p.Text)[p.Headline]
			}
			if got != tt.want {
				t.Errorf("headline %q (line %d), want %q", got, p.Headline, tt.want)
			}
		})
	}
}

func TestNamesLine(t *testing.T) {
	tests := []struct {
		title, line string
		want        bool
	}{
		{"storm hits the coast", "storm hits the coast", true},
		{"storm hits the coast daily planet", "storm hits the coast", true},
		{"storm hits", "breaking storm hits", true},
		{"world leaders meet in geneva", "world", false},
		{"storm", "a storm hits the coast tonight", false},
	}
	for _, tt := range tests {
		if got := namesLine(tt.title, tt.line); got != tt.want {
			t.Errorf("namesLine(%q, %q) = %v, want %v", tt.title, tt.line, got, tt.want)
		}
	}
}

func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  “Storm” hits — the COAST!  ", "storm hits the coast"},
		{"Café au lait", "café au lait"},
		{"暴雨，袭击", "暴雨 袭击"},
		{"---", ""},
	}
	for _, tt := range tests {
		if got := string(normalise(nil, []byte(tt.in))); got != tt.want {
			t.Errorf("normalise(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
