// Package lang holds stopword lists for common European languages and a
// small language detector that counts stopword hits.
//
// The lists are embedded (data/<lang>.txt, one word per line, accents kept,
// "#" comments) and compared after textnorm folding, so "été" and "ete"
// are the same word. Default parses them once and returns an immutable
// Detector that is safe for concurrent use; keep it and reuse it.
package lang

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"

	"github.com/chaff-dev/chaff/internal/textnorm"
)

//go:embed data/*.txt
var dataFS embed.FS

// Set is an immutable set of folded words. Has does not allocate.
type Set struct {
	words map[string]struct{}
}

// Has reports whether the folded token is in the set.
func (s *Set) Has(token []byte) bool {
	if s == nil {
		return false
	}
	_, ok := s.words[string(token)] // the compiler does not allocate for this lookup
	return ok
}

// Len is the number of words in the set.
func (s *Set) Len() int {
	if s == nil {
		return 0
	}
	return len(s.words)
}

// Detector tells the language of a text from its stopwords. It is
// immutable and safe for concurrent use.
type Detector struct {
	langs []string        // sorted language codes; bit i of a mask is langs[i]
	sets  map[string]*Set // per language
	masks map[string]uint64
}

// Default returns a Detector over the embedded stopword lists. It panics
// only if the embedded data is broken, which the package tests rule out.
func Default() *Detector {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		panic(err)
	}
	d, err := Load(sub)
	if err != nil {
		panic("lang: embedded stopwords: " + err.Error())
	}
	return d
}

// Load reads every <lang>.txt file at the root of fsys, one stopword per
// line, "#" starting a comment line. At most 64 languages are supported.
func Load(fsys fs.FS) (*Detector, error) {
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, err
	}
	if len(names) > 64 {
		return nil, fmt.Errorf("lang: %d stopword files, at most 64 supported", len(names))
	}
	slices.Sort(names)
	d := &Detector{sets: map[string]*Set{}, masks: map[string]uint64{}}
	for i, name := range names {
		code := strings.TrimSuffix(path.Base(name), ".txt")
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		set, err := parse(name, data)
		if err != nil {
			return nil, err
		}
		d.langs = append(d.langs, code)
		d.sets[code] = set
		for w := range set.words {
			d.masks[w] |= 1 << i
		}
	}
	return d, nil
}

func parse(name string, data []byte) (*Set, error) {
	set := &Set{words: map[string]struct{}{}}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		folded := textnorm.Fold(nil, line)
		var toks int
		textnorm.Tokens(folded, func([]byte, int, int) { toks++ })
		if toks != 1 {
			return nil, fmt.Errorf("%s:%d: %q is not one word", name, n, line)
		}
		set.words[string(folded)] = struct{}{}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return set, nil
}

// Languages returns the language codes the detector knows, sorted.
func (d *Detector) Languages() []string { return slices.Clone(d.langs) }

// Stopwords returns the set of one language, or nil when it is unknown.
// A nil *Set is valid and empty.
func (d *Detector) Stopwords(lang string) *Set { return d.sets[lang] }

// IsStopword reports whether foldedToken (see textnorm.Fold) is a stopword
// of lang.
func (d *Detector) IsStopword(lang string, foldedToken []byte) bool {
	return d.sets[lang].Has(foldedToken)
}

// IsAnyStopword reports whether foldedToken is a stopword of any language.
func (d *Detector) IsAnyStopword(foldedToken []byte) bool {
	return d.masks[string(foldedToken)] != 0
}
