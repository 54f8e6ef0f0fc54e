package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/chaff-dev/chaff/internal/output"
)

// inputSet is what the input arguments name on disk, resolved, so that an
// output can be checked against them before anything is written.
type inputSet struct {
	files []inputFile // file arguments ("-" is none)
	dirs  []string    // directory arguments, resolved
}

// inputFile is a file argument.
type inputFile struct {
	arg string
	fi  os.FileInfo
}

// newInputSet stats the arguments; one that cannot be read is left to the
// reader to report.
func newInputSet(paths []string) inputSet {
	var s inputSet
	for _, p := range paths {
		if p == "-" {
			continue
		}
		fi, err := os.Stat(p)
		switch {
		case err != nil:
		case fi.IsDir():
			s.dirs = append(s.dirs, resolve(p))
		default:
			s.files = append(s.files, inputFile{p, fi})
		}
	}
	return s
}

// resolve returns p absolute, with the symbolic links of its longest
// existing prefix evaluated, so that two names of one place compare equal.
func resolve(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for cur := abs; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// within reports whether path is dir or lies under it; both resolved.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// inputFileAt returns the file argument that path is (the same file,
// whatever its name), or "".
func (s *inputSet) inputFileAt(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	for _, f := range s.files {
		if os.SameFile(fi, f.fi) {
			return f.arg
		}
	}
	return ""
}

// checkFile refuses a file chaff writes (--stats, report --html) that is
// an input: a file argument, or a file in an input directory, which the
// walk reads.
func (s *inputSet) checkFile(flag, path string) error {
	if path == "" {
		return nil
	}
	if in := s.inputFileAt(path); in != "" {
		return usagef("%s %s is the input %s: it would be replaced", flag, path, in)
	}
	if _, err := os.Stat(path); err != nil {
		return nil
	}
	r := resolve(path)
	for _, d := range s.dirs {
		if within(r, d) {
			return usagef("%s %s is in the input directory %s: it would be read as an input and replaced", flag, path, d)
		}
	}
	return nil
}

// checkOutDir refuses an output directory where an output would replace
// an input: the output directory is an input directory; it holds an input
// directory whose mirrored files land back in it; or a file argument's
// output path (its base name under outDir, with the suffix of m) is an
// input file. Symbolic links are followed.
func (s *inputSet) checkOutDir(outDir string, m mode, mark bool, paths []string) error {
	out := resolve(outDir)
	for _, d := range s.dirs {
		if out == d {
			return usagef("--output %s is the input directory %s: its outputs would replace its inputs", outDir, d)
		}
		if !within(d, out) {
			continue
		}
		// A file at d/rel/x is written to out/rel/x, which is d/x.
		rel, _ := filepath.Rel(out, d)
		if _, err := os.Lstat(filepath.Join(d, rel)); err == nil {
			return usagef("--output %s holds the input directory %s: the outputs of %s would be written over the inputs in %s", outDir, d, filepath.Join(d, rel), d)
		}
	}
	for _, p := range paths {
		if p != "-" && s.inputFileAt(p) == "" {
			continue // a directory, or unreadable
		}
		base := filepath.Base(output.MirrorPath(out, p, p))
		for _, suffix := range outSuffixes(m, mark) {
			target := filepath.Join(out, base+suffix)
			if in := s.inputFileAt(target); in != "" {
				return usagef("--output %s: the output of %s, %s, would replace the input %s", outDir, p, target, in)
			}
		}
	}
	return nil
}

// outSuffixes lists the suffixes outPath may add in mode m, whatever the
// input's format.
func outSuffixes(m mode, mark bool) []string {
	seen := map[string]bool{}
	var out []string
	for _, raw := range []bool{false, true} {
		for _, records := range []bool{false, true} {
			for _, html := range []bool{false, true} {
				if s := outSuffix(m, mark, raw, records, html); !seen[s] {
					seen[s] = true
					out = append(out, s)
				}
			}
		}
	}
	return out
}
