package htmltext

import (
	"strings"
	"testing"
)

// TestExtractRevealed: a page that hides its content until its scripts
// run is read with its hidden elements shown; a page with visible text
// keeps its hidden blocks flagged hidden.
func TestExtractRevealed(t *testing.T) {
	article := strings.Repeat("Machine learning is a branch of artificial intelligence. ", 25)
	tests := []struct {
		name, html string
		want       []string
	}{
		{"wrapper with visibility:hidden",
			`<body><div id="__next"><div style="visibility:hidden;min-height:100vh"><nav>Home</nav><p>` + article + `</p></div></div></body>`,
			[]string{"Home", strings.TrimSpace(article)}},
		{"product block with display:none, a menu visible",
			`<body><nav><ul><li>Supplements</li><li>Sports</li><li>Bath</li></ul></nav><div class="defer-block" style="display: none"><p>` + article + `</p></div></body>`,
			[]string{"Supplements", "Sports", "Bath", strings.TrimSpace(article)}},
		{"visible text: hidden stays hidden",
			`<body><p>` + article + `</p><div hidden><p>Cookie settings</p></div><div style="display:none">` + article + `</div></body>`,
			[]string{strings.TrimSpace(article), hiddenMark + "Cookie settings", hiddenMark + strings.TrimSpace(article)}},
		{"hidden text too short to be the content",
			`<body><p>Sign in</p><div hidden><p>` + article[:900] + `</p></div></body>`,
			[]string{"Sign in", hiddenMark + strings.TrimSpace(article[:900])}},
		{"hidden text not four times the visible",
			`<body><p>` + article[:600] + `</p><div hidden><p>` + article + `</p></div></body>`,
			[]string{strings.TrimSpace(article[:600]), hiddenMark + strings.TrimSpace(article)}},
		{"scripts stay unread",
			`<body><script>var ` + article + `</script></body>`,
			[]string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { checkLines(t, tt.html, tt.want) })
	}
}
