package pipeline

import (
	"context"
	"fmt"
	"slices"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// File is one input file and its place in the input order.
type File struct {
	Index int    // position in the input order, from 0
	Name  string // as the filesystem lists it (a path or a gs:// URL)
}

// Match lists the files of the patterns when the pipeline is built, in the
// order the command would read them: pattern by pattern, each pattern's
// matches in lexical order, a file matched twice read once. Matching at
// construction gives each file its index, which orders documents for
// keep-first; a pattern that matches nothing is an error, as a missing
// path is for the command.
func Match(ctx context.Context, patterns []string) ([]File, error) {
	var files []File
	seen := map[string]bool{}
	for _, p := range patterns {
		names, err := list(ctx, p)
		if err != nil {
			return nil, err
		}
		slices.Sort(names)
		for _, n := range names {
			if seen[n] {
				continue
			}
			seen[n] = true
			files = append(files, File{Index: len(files), Name: n})
		}
	}
	return files, nil
}

// list lists the files of one pattern.
func list(ctx context.Context, pattern string) ([]string, error) {
	fs, err := filesystem.New(ctx, pattern)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", errConfig, pattern, err)
	}
	defer fs.Close()
	names, err := fs.List(ctx, pattern)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", errConfig, pattern, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%w: %s: no such file", errConfig, pattern)
	}
	return names, nil
}
