package htmltext

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
	"time"
)

func TestExtractPathological(t *testing.T) {
	tests := []struct {
		name string
		html string
		want string // a line that must be there
	}{
		{"10000 nested divs", strings.Repeat("<div class=c>", 10000) + "deep" + strings.Repeat("</div>", 10000), "deep"},
		{"10000 unclosed divs", strings.Repeat("<div id=x>", 10000) + "deep", "deep"},
		{"10000 unclosed spans", "<p>" + strings.Repeat("<span class=a>", 10000) + "deep", "deep"},
		{"10000 unclosed formatting", "<p>" + strings.Repeat("<b><i>", 5000) + "deep", "deep"},
		{"10000 nested lists", strings.Repeat("<ul><li>", 5000) + "deep", "deep"},
		{"10000 nested tables", strings.Repeat("<table><tr><td>", 3000) + "deep", "deep"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			p, err := Extract([]byte(tt.html), "", Options{Readability: true})
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, p)
			if !strings.Contains("\n"+string(p.Text)+"\n", "\n"+tt.want+"\n") {
				t.Errorf("line %q missing from %q", tt.want, p.Text)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestExtractGarbage(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 50 {
		b := make([]byte, 1+r.IntN(4096))
		for j := range b {
			b[j] = byte(r.IntN(256))
		}
		if i%2 == 0 { // markup-ish garbage
			for j := 0; j < len(b); j += 7 {
				b[j] = "<>/=\"' ab"[r.IntN(9)]
			}
		}
		p, err := Extract(b, "", Options{Readability: true})
		if err != nil {
			continue // binary input may be refused, never panic
		}
		checkPage(t, p)
	}
}

// TestExtractTooManyTags checks that a page with more '<' than MaxTags
// is refused before it is parsed, 4 MB of "<p>a</p>" under the default
// bound among them, and one with as many is not.
func TestExtractTooManyTags(t *testing.T) {
	page := []byte(strings.Repeat("<p>a</p>", 10))
	for _, tc := range []struct {
		name string
		page []byte
		max  int
		ok   bool
	}{
		{"as many as the bound", page, 20, true},
		{"one more than the bound", page, 19, false},
		{"no bound", page, -1, true},
		{"4 MB of <p>a</p>, default bound", bytes.Repeat([]byte("<p>a</p>"), 4<<20/8), 0, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := Extract(tc.page, "", Options{MaxTags: tc.max})
			switch {
			case tc.ok && err != nil:
				t.Fatal(err)
			case tc.ok && len(p.Lines) != 10:
				t.Fatalf("%d lines, want 10", len(p.Lines))
			case !tc.ok && !errors.Is(err, ErrTooManyTags):
				t.Fatalf("error %v, want ErrTooManyTags", err)
			}
		})
	}
}

// TestExtractLarge builds a 50 MB page and checks the memory Extract
// allocates stays a small multiple of the input (the parsed tree).
func TestExtractLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB page skipped in -short mode")
	}
	var b bytes.Buffer
	b.WriteString("<html><body>")
	chunk := `<div class="post"><h2>Heading</h2><p>Some <a href="/x">linked</a> paragraph text that goes on for a while.</p><ul><li>item</li></ul></div>`
	for b.Len() < 50<<20 {
		b.WriteString(chunk)
	}
	in := b.Bytes()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	p, err := Extract(in, "", Options{Readability: true, MaxTags: -1})
	if err != nil {
		t.Fatal(err)
	}
	runtime.ReadMemStats(&after)
	if len(p.Lines) < 1000000 {
		t.Errorf("only %d lines", len(p.Lines))
	}
	if p.HasArticle {
		t.Error("readability should be skipped above DefaultMaxReadabilityElems")
	}
	alloc := after.TotalAlloc - before.TotalAlloc
	t.Logf("50 MB page: %d lines, %d MB allocated", len(p.Lines), alloc>>20)
	if alloc > 40*uint64(len(in)) {
		t.Errorf("allocated %d MB for %d MB of input", alloc>>20, len(in)>>20)
	}
}
