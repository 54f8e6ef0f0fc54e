package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/model"
)

// TestHTMLModelFlag checks that --html-model picks the model HTML pages are
// classified with, and that --model does when it names a model trained
// with --html: clean's output equals the library's with that model.
func TestHTMLModelFlag(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "p.html")
	writeFile(t, page, []byte(htmlPage("Rénovation", article(3))))
	fast, err := model.Embedded(model.FastHTML)
	if err != nil {
		t.Fatal(err)
	}
	if fast.Readability {
		t.Error("the fast HTML model reads go-readability's signal")
	}
	accurate, err := model.Embedded(model.AccurateHTML)
	if err != nil {
		t.Fatal(err)
	}
	if !accurate.Readability {
		t.Error("the default HTML model does not read go-readability's signal")
	}
	saved := filepath.Join(dir, "fast.model")
	var b bytes.Buffer
	if err := fast.Write(&b); err != nil {
		t.Fatal(err)
	}
	writeFile(t, saved, b.Bytes())
	data, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		flags []string
		m     *model.Model
	}{
		{[]string{"--html-model", "accurate"}, accurate},
		{[]string{"--html-model", "fast"}, fast},
		{[]string{"--html-model", saved}, fast},
		{[]string{"--model", saved}, fast},
	}
	for _, tc := range tests {
		code, out, errs := runCapture(t, append(append([]string{"clean"}, tc.flags...), page)...)
		if code != exitOK {
			t.Fatalf("%s: exit %d: %s", tc.flags, code, errs)
		}
		if w := string(cleanPageWith(t, string(data), tc.m)); out != w || !strings.Contains(out, "budget") {
			t.Errorf("%s: output\n%s\nwant\n%s", tc.flags, out, w)
		}
	}
	missing := filepath.Join(dir, "none.model")
	code, _, errs := runCapture(t, "clean", "--html-model", missing, page)
	if code == exitOK || !strings.Contains(errs, missing) {
		t.Errorf("--html-model of a missing file: exit %d, stderr %q", code, errs)
	}
}
