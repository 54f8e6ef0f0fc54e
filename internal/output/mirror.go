package output

import (
	"path/filepath"
	"strings"
)

// MirrorPath maps an input file to the same place under outDir.
//
// inputRoot is the argument the file was found under: for a directory
// argument the path relative to it is kept (in/a/b.jsonl under root "in"
// becomes outDir/a/b.jsonl); for a file argument (inputRoot == inputPath),
// or a path not under inputRoot, only the base name is kept. Standard
// input ("-") maps to outDir/stdin.
//
// A trailing .gz, .zst or .zstd is removed, because files written with
// this package are not compressed: keeping the suffix would make the name
// lie about the content. Callers that compress their output should add the
// suffix back themselves.
func MirrorPath(outDir, inputRoot, inputPath string) string {
	if inputPath == "-" {
		return filepath.Join(outDir, "stdin")
	}
	rel := filepath.Base(inputPath)
	if r, err := filepath.Rel(inputRoot, inputPath); err == nil && r != "." && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		rel = r
	}
	return filepath.Join(outDir, trimCompression(rel))
}

// trimCompression removes one compression suffix, unless that would leave
// an empty base name.
func trimCompression(p string) string {
	lower := strings.ToLower(p)
	for _, ext := range []string{".gz", ".zst", ".zstd"} {
		if strings.HasSuffix(lower, ext) {
			trimmed := p[:len(p)-len(ext)]
			if b := filepath.Base(trimmed); b != "" && b != "." && !strings.HasSuffix(trimmed, string(filepath.Separator)) {
				return trimmed
			}
		}
	}
	return p
}
