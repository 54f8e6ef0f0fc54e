package htmltext

import "testing"

// TestExtractSwallowingIframe: an iframe written <iframe … /> inside a
// noscript does not swallow the rest of the page, wherever the noscript
// is; an iframe's own fallback text stays unread.
func TestExtractSwallowingIframe(t *testing.T) {
	const pixel = `<noscript><iframe src="https://tags.example/ns.html" height="0" width="0" style="display:none" /></noscript>`
	tests := []struct {
		name, html string
		want       []string
	}{
		{"in the body",
			`<html><body>` + pixel + `<h1>Title</h1><p>The article.</p><footer>Legal</footer></body></html>`,
			[]string{"Title", "The article.", "Legal"}},
		{"in the head",
			`<html><head><title>T</title>` + pixel + `</head><body><h1>Title</h1><p>The article.</p></body></html>`,
			[]string{"Title", "The article."}},
		{"nested in a div, content in order",
			`<body><p>Before</p><div>` + pixel + `<p>Inside</p></div><p>After</p></body>`,
			[]string{"Before", "Inside", "After"}},
		{"closed iframe: fallback text unread",
			`<body><noscript><iframe src="x">Your browser has no frames</iframe></noscript><p>Text</p></body>`,
			[]string{"Text"}},
		{"noscript content still read",
			`<body><noscript><p>Enable JavaScript</p></noscript><p>Text</p></body>`,
			[]string{"Enable JavaScript", "Text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkLines(t, tt.html, tt.want) })
	}
}
