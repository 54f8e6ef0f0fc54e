package lexicon

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/chaff-dev/chaff/internal/label"
	"github.com/chaff-dev/chaff/internal/lang"
	"github.com/chaff-dev/chaff/internal/textnorm"
)

//go:embed data
var dataFS embed.FS

// filterBits is the size of Lexicon.filter: 64 Kibit, 8 KiB.
const filterBits = 1 << 16

// MaxPhraseTokens is the largest number of tokens a phrase may have.
const MaxPhraseTokens = 16

type tokKind uint8

const (
	kindWord tokKind = iota
	kindNum
	kindAny
)

// ptok is one token of a phrase.
type ptok struct {
	kind   tokKind
	anchor bool // retrieves the phrase for fuzzy matching
	hash   uint64
	text   string // folded
}

// phrase is one parsed pattern.
type phrase struct {
	cat, lang, text string
	catIdx          int
	toks            []ptok
	atStart, atEnd  bool
	fuzzy           bool    // eligible for fuzzy matching
	weight          float32 // sum of token weights, for fuzzy similarity
}

// anchorRef says that token j of phrase p is an anchor.
type anchorRef struct {
	p int32
	j int32
}

// entry is what one token hash leads to.
type entry struct {
	exact   []int32     // phrases without ^ whose first token has this hash
	atStart []int32     // phrases with ^ whose first token has this hash
	numPrev []int32     // phrases "<num> this ...": tried when the previous token is a number
	anchor  []anchorRef // fuzzy-eligible phrases with this anchor token
}

// Lexicon is a compiled set of phrases. It is immutable once built and safe
// for concurrent use.
type Lexicon struct {
	phrases []phrase
	index   map[uint64]int32 // token hash -> entries
	entries []entry
	// filter has bit h%filterBits set for every hash h in index, so that
	// most tokens of a line skip the map lookup.
	filter   *[filterBits / 64]uint64
	numFirst []int32 // phrases starting with <num> not followed by a word
	cats     []string
	langs    []string
	pool     sync.Pool // *scratch
	// shared maps category+pattern key to the phrase, so that a phrase
	// written the same in several languages ("^copyright") is one phrase
	// whose Lang lists them all ("de,en,fr").
	shared map[string]int32
}

// Default returns the lexicon built from the embedded data files.
func Default() (*Lexicon, error) {
	sub, err := fs.Sub(dataFS, "data")
	if err != nil {
		return nil, err
	}
	return Load(sub)
}

// Load builds a lexicon from every <lang>/<category>.txt file of fsys.
// Errors name the file and line. An unknown category name is an error, so
// that a typo in a file name does not silently disable a file.
func Load(fsys fs.FS) (*Lexicon, error) {
	files, err := fs.Glob(fsys, "*/*.txt")
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	known := label.Categories()
	lx := &Lexicon{index: map[uint64]int32{}, shared: map[string]int32{}, filter: new([filterBits / 64]uint64)}
	stop := lang.Default()
	for _, file := range files {
		cat := strings.TrimSuffix(path.Base(file), ".txt")
		code := path.Dir(file)
		catIdx := slices.Index(known, label.Category(cat))
		if catIdx < 0 {
			return nil, fmt.Errorf("%s: unknown category %q (want one of docs/labeling.md's: %v)", file, cat, known)
		}
		data, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		if err := lx.addFile(file, code, cat, catIdx, data, stop); err != nil {
			return nil, err
		}
		if !slices.Contains(lx.cats, cat) {
			lx.cats = append(lx.cats, cat)
		}
		if !slices.Contains(lx.langs, code) {
			lx.langs = append(lx.langs, code)
		}
	}
	slices.Sort(lx.cats)
	lx.shared = nil
	lx.pool.New = func() any { return new(scratch) }
	return lx, nil
}

func (lx *Lexicon) addFile(file, code, cat string, catIdx int, data []byte, stop *lang.Detector) error {
	seen := map[string]int{}
	stopwords := stop.Stopwords(code)
	isStop := func(w []byte) bool {
		if stopwords != nil {
			return stopwords.Has(w)
		}
		return stop.IsAnyStopword(w)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for n := 1; sc.Scan(); n++ {
		p, err := parsePattern(sc.Text(), isStop)
		if err != nil {
			return fmt.Errorf("%s:%d: %w", file, n, err)
		}
		if p == nil {
			continue
		}
		key := p.key()
		if prev, dup := seen[key]; dup {
			return fmt.Errorf("%s:%d: phrase %q already on line %d", file, n, p.text, prev)
		}
		seen[key] = n
		p.cat, p.lang, p.catIdx = cat, code, catIdx
		if id, ok := lx.shared[cat+"\x00"+key]; ok {
			lx.phrases[id].lang += "," + code
			continue
		}
		lx.shared[cat+"\x00"+key] = int32(len(lx.phrases))
		lx.add(p)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

func (lx *Lexicon) add(p *phrase) {
	id := int32(len(lx.phrases))
	lx.phrases = append(lx.phrases, *p)
	switch {
	case p.toks[0].kind == kindNum && len(p.toks) > 1 && p.toks[1].kind == kindWord:
		e := lx.entry(p.toks[1].hash)
		e.numPrev = append(e.numPrev, id)
	case p.toks[0].kind == kindNum:
		lx.numFirst = append(lx.numFirst, id)
	case p.atStart:
		e := lx.entry(p.toks[0].hash)
		e.atStart = append(e.atStart, id)
	default:
		e := lx.entry(p.toks[0].hash)
		e.exact = append(e.exact, id)
	}
	if !p.fuzzy {
		return
	}
	for j, t := range p.toks {
		if t.anchor {
			e := lx.entry(t.hash)
			e.anchor = append(e.anchor, anchorRef{id, int32(j)})
		}
	}
}

// entry returns the index entry of a token hash, creating it if needed.
func (lx *Lexicon) entry(h uint64) *entry {
	i, ok := lx.index[h]
	if !ok {
		i = int32(len(lx.entries))
		lx.entries = append(lx.entries, entry{})
		lx.index[h] = i
		lx.filter[h%filterBits/64] |= 1 << (h % 64)
	}
	return &lx.entries[i]
}

// key identifies a pattern regardless of spelling, case and punctuation.
func (p *phrase) key() string {
	var b strings.Builder
	if p.atStart {
		b.WriteByte('^')
	}
	for _, t := range p.toks {
		switch t.kind {
		case kindNum:
			b.WriteString("<num>")
		case kindAny:
			b.WriteString("<any>")
		default:
			b.WriteString(t.text)
		}
		b.WriteByte(' ')
	}
	if p.atEnd {
		b.WriteByte('$')
	}
	return b.String()
}

// parsePattern parses one line of a data file; it returns nil, nil for a
// blank or comment line.
func parsePattern(line string, isStop func([]byte) bool) (*phrase, error) {
	if i := strings.Index(line, " #"); i >= 0 {
		line = line[:i]
	}
	if i := strings.Index(line, "\t#"); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimSpace(line)
	if line == "" || line[0] == '#' {
		return nil, nil
	}
	p := &phrase{text: line}
	fields := strings.Fields(line)
	if f := fields[0]; strings.HasPrefix(f, "^") {
		p.atStart = true
		fields[0] = f[1:]
	}
	if f := fields[len(fields)-1]; strings.HasSuffix(f, "$") {
		p.atEnd = true
		fields[len(fields)-1] = strings.TrimSuffix(f, "$")
	}
	var sc textnorm.Scanner
	sc.Symbols = true
	words := 0
	for _, f := range fields {
		switch strings.ToLower(f) {
		case "":
			continue
		case "<num>":
			p.toks = append(p.toks, ptok{kind: kindNum})
			continue
		case "<any>":
			if len(p.toks) == 0 {
				return nil, fmt.Errorf("%q: a phrase cannot start with <any>", line)
			}
			p.toks = append(p.toks, ptok{kind: kindAny})
			continue
		}
		if strings.Contains(f, "^") || strings.Contains(f, "<") && strings.Contains(f, ">") {
			return nil, fmt.Errorf("%q: misplaced %q (^ only at the start, <num> and <any> as separate words)", line, f)
		}
		sc.Reset([]byte(f))
		for sc.Next() {
			w := sc.Folded()
			t := ptok{kind: kindWord, hash: hash(w), text: string(w)}
			t.anchor = !sc.IsSymbol() && len(w) >= 3 && !isStop(w)
			p.toks = append(p.toks, t)
			words++
		}
	}
	switch {
	case words == 0:
		return nil, fmt.Errorf("%q: a phrase needs at least one word", line)
	case len(p.toks) > MaxPhraseTokens:
		return nil, fmt.Errorf("%q: %d tokens, at most %d", line, len(p.toks), MaxPhraseTokens)
	}
	anchors, special := 0, false
	for _, t := range p.toks {
		p.weight += weight(t)
		if t.anchor {
			anchors++
		}
		special = special || t.kind != kindWord
	}
	p.fuzzy = anchors >= 2 && !special && !p.atStart && !p.atEnd
	return p, nil
}

func weight(t ptok) float32 {
	if t.anchor {
		return 2
	}
	return 1
}

const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211

// hash is 64-bit FNV-1a.
func hash(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h = (h ^ uint64(c)) * fnvPrime
	}
	return h
}

// Categories returns the categories that have at least one phrase, sorted.
func (lx *Lexicon) Categories() []string { return slices.Clone(lx.cats) }

// Languages returns the language directories that were loaded, in file order.
func (lx *Lexicon) Languages() []string { return slices.Clone(lx.langs) }

// Len returns the number of phrases.
func (lx *Lexicon) Len() int { return len(lx.phrases) }
