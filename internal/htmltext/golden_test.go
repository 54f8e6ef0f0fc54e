package htmltext

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden from the current output")

// goldenPages are the benchmark pages whose full output is pinned: a news
// site with heavy navigation, and two others picked by id order.
var goldenPages = []string{
	"042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856",
	"04a6711caa7c687592777718866e781e976e0fe684faebe8b3cedcef8cd0ea34",
	"05844573ca7e1fba714d715bb11ca08c26e25328999c74a1cb3bc8a0e4399f0f",
}

// render writes one row per line: InArticle, link density, depth, flags,
// tokens, path and text.
func render(p *Page) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "title=%q lang=%q charset=%s article=%v lines=%d\n", p.Title, p.Lang, p.Charset, p.HasArticle, len(p.Lines))
	for i, l := range splitLines(p.Text) {
		bl := p.Lines[i]
		art := 0
		if bl.InArticle {
			art = 1
		}
		fmt.Fprintf(&b, "%d %.2f %d [%s] [%s] %s | %s\n", art, bl.LinkDensity, bl.Depth, bl.Tags, bl.Noise, bl.Path, l)
	}
	return b.Bytes()
}

func TestGolden(t *testing.T) {
	for _, id := range goldenPages {
		src := filepath.Join(benchDir, "html", id+".html.gz")
		if _, err := os.Stat(src); err != nil {
			t.Skipf("benchmark page %s absent (shared folder missing)", src)
		}
		t.Run(id[:12], func(t *testing.T) {
			p, err := Extract(readGzip(t, src), "", Options{Readability: true})
			if err != nil {
				t.Fatal(err)
			}
			checkPage(t, p)
			got := render(p)
			golden := filepath.Join("testdata", id[:12]+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				gl, wl := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
				for i := 0; i < len(gl) && i < len(wl); i++ {
					if !bytes.Equal(gl[i], wl[i]) {
						t.Fatalf("%s differs at row %d:\n got: %s\nwant: %s\n(run with -update if the change is intended)", golden, i+1, gl[i], wl[i])
					}
				}
				t.Fatalf("%s: %d rows, want %d (run with -update if intended)", golden, len(gl), len(wl))
			}
		})
	}
}
