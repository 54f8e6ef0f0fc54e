package htmltext

import (
	"strings"
	"testing"
)

// TestExtractRevealed: a page that hides all its content until its
// scripts run is read with its hidden elements shown; a page with
// visible text keeps its hidden elements hidden.
func TestExtractRevealed(t *testing.T) {
	article := strings.Repeat("Machine learning is a branch of artificial intelligence. ", 4)
	tests := []struct {
		name, html string
		want       []string
	}{
		{"wrapper with visibility:hidden",
			`<body><div id="__next"><div style="visibility:hidden;min-height:100vh"><nav>Home</nav><p>` + article + `</p></div></div></body>`,
			[]string{"Home", strings.TrimSpace(article)}},
		{"wrapper with the hidden attribute, a little visible text",
			`<body><p>Loading</p><div hidden><p>` + article + `</p></div></body>`,
			[]string{"Loading", strings.TrimSpace(article)}},
		{"visible text: hidden stays hidden",
			`<body><p>` + article + `</p><div hidden><p>Cookie settings</p></div><div style="display:none">` + article + `</div></body>`,
			[]string{strings.TrimSpace(article)}},
		{"hidden text too short to be the content",
			`<body><p>Sign in</p><div hidden><p>Menu</p></div></body>`,
			[]string{"Sign in"}},
		{"scripts stay unread",
			`<body><script>var ` + article + `</script></body>`,
			[]string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Extract([]byte(tt.html), "", Options{Readability: true})
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, p)
			if got := strings.Split(strings.TrimSuffix(string(p.Text), "\n"), "\n"); strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("lines %q, want %q", got, tt.want)
			}
		})
	}
}
