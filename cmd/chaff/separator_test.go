package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestSeparator cleans a document whose text ends without a line end and
// one that ends with one: with --separator each is followed by exactly the
// separator, so that splitting the output on it gives each document's text
// byte for byte; the default adds only a missing line end; JSON records
// stay one a line.
func TestSeparator(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")
	ta, tb := []byte("Le conseil municipal adopte le budget"), []byte(article(2))
	writeFile(t, a, ta)
	writeFile(t, b, tb)
	ca, cb := string(cleanText(t, ta)), string(cleanText(t, tb))
	if ca == "" || strings.HasSuffix(ca, "\n") || !strings.HasSuffix(cb, "\n") {
		t.Fatalf("fixtures: want one cleaned text without a final line end and one with: %q, %q", ca, cb)
	}
	tests := []struct {
		sep  []string // flag and value, none for the default
		want string
		cut  string // splits the output into the documents
	}{
		{nil, ca + "\n" + cb, ""},
		{[]string{"--separator", "newline"}, ca + "\n" + cb, ""},
		{[]string{"--separator", "nul"}, ca + "\x00" + cb + "\x00", "\x00"},
		{[]string{"--separator", `\x1e\n`}, ca + "\x1e\n" + cb + "\x1e\n", "\x1e\n"},
		{[]string{"--separator", `\n--\n`}, ca + "\n--\n" + cb + "\n--\n", "\n--\n"},
		{[]string{"--separator=---"}, ca + "---" + cb + "---", "---"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.sep), func(t *testing.T) {
			code, stdout, stderr := runCmd(t, "", append(append([]string{"clean"}, tt.sep...), a, b)...)
			if code != exitOK {
				t.Fatalf("exit %d\n%s", code, stderr)
			}
			if stdout != tt.want {
				t.Errorf("output %q, want %q", stdout, tt.want)
			}
			if tt.cut != "" {
				docs := strings.Split(strings.TrimSuffix(stdout, tt.cut), tt.cut)
				if len(docs) != 2 || docs[0] != ca || docs[1] != cb {
					t.Errorf("split on the separator: %q", docs)
				}
			}
		})
	}
	// An empty document is still one: two separators in a row.
	empty := filepath.Join(dir, "empty.txt")
	writeFile(t, empty, nil)
	if code, stdout, stderr := runCmd(t, "", "clean", "--separator", "nul", a, empty, b); code != exitOK || stdout != ca+"\x00\x00"+cb+"\x00" {
		t.Errorf("with an empty document: exit %d, %q\n%s", code, stdout, stderr)
	}
	// JSON records are one a line whatever the separator.
	in := fmt.Sprintf(`{"id":"x","text":%q}`+"\n"+`{"id":"y","text":"Une ligne."}`+"\n", article(1))
	code, stdout, stderr := runCmd(t, in, "clean", "--separator", "nul", "-")
	if code != exitOK || strings.Contains(stdout, "\x00") || len(jsonObjects(t, stdout)) != 2 {
		t.Errorf("records with --separator nul: exit %d, %q\n%s", code, stdout, stderr)
	}
}
