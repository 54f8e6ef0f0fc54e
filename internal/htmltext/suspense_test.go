package htmltext

import "testing"

// TestExtractStreamed: the content of React's streamed segments is read
// where the page's script puts it, in place of the placeholder and its
// loading fallback; a segment without a placeholder, and any other hidden
// element, stay hidden (read, flagged InHidden).
func TestExtractStreamed(t *testing.T) {
	tests := []struct {
		name, html string
		want       []string
	}{
		{"boundary with fallback",
			`<body><nav>Menu</nav><!--$?--><template id="B:0"></template><p>Loading…</p><!--/$--><footer>Legal</footer>` +
				`<div hidden id="S:0"><h1>Title</h1><p>The article.</p></div><script>$RC("B:0","S:0")</script></body>`,
			[]string{"Menu", "Title", "The article.", "Legal"}},
		{"segment",
			`<body><main><template id="P:3"></template></main><p>After</p><div hidden id="S:3"><p>Segment text</p></div></body>`,
			[]string{"Segment text", "After"}},
		{"nested boundaries, in order",
			`<body><!--$?--><template id="B:0"></template><!--/$--><p>End</p>` +
				`<div hidden id="S:0"><p>Outer</p><!--$?--><template id="B:1"></template><p>Spinner</p><!--/$--></div>` +
				`<div hidden id="S:1"><p>Inner</p></div></body>`,
			[]string{"Outer", "Inner", "End"}},
		{"fallback holding a nested boundary",
			`<body><!--$?--><template id="B:0"></template><div><!--$--><p>old</p><!--/$--></div><!--$--><p>x</p><!--/$--><!--/$--><p>End</p>` +
				`<div hidden id="S:0"><p>New</p></div></body>`,
			[]string{"New", "End"}},
		{"identifier prefix",
			`<body><!--$?--><template id="app-B:2"></template><!--/$--><div hidden id="app-S:2"><p>Prefixed</p></div></body>`,
			[]string{"Prefixed"}},
		{"no placeholder: stays hidden",
			`<body><p>Shown</p><div hidden id="S:9"><p>Orphan</p></div></body>`,
			[]string{"Shown", hiddenMark + "Orphan"}},
		{"other hidden elements stay hidden",
			`<body><p>Shown</p><div hidden id="Sx:1"><p>No</p></div><div hidden id="S:1x"><p>No</p></div><template id="B:4"></template><div id="S:4"><p>Not hidden</p></div></body>`,
			[]string{"Shown", hiddenMark + "No", hiddenMark + "No", "Not hidden"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkLines(t, tt.html, tt.want) })
	}
}
