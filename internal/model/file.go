package model

import (
	"encoding/gob"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/chaff-dev/chaff/internal/linescan"
)

// magic begins the first line of a model file, which names its kind:
// "chaff-model-2 fast-text\n". The model follows, gob-encoded.
const magic = "chaff-model-2 "

// The first lines of the files of chaff's earlier releases, which Read
// reads too: an accurate or HTML model, and a fast text model (then
// called skim).
const (
	legacyMagic     = "chaff-model-1\n"
	legacyFastMagic = "chaff-skim-1\n"
)

// Write saves the model, its kind in the file's first line.
func (m *Model) Write(w io.Writer) error {
	if m.Kind == 0 || int(m.Kind) >= len(kindNames) {
		return fmt.Errorf("model: cannot write a model of kind %v", m.Kind)
	}
	if _, err := io.WriteString(w, magic+m.Kind.String()+"\n"); err != nil {
		return err
	}
	return gob.NewEncoder(w).Encode(m)
}

// Read loads a model saved by Write, or by an earlier release of chaff,
// and checks that it fits the features of this build.
func Read(r io.Reader) (*Model, error) {
	head, err := firstLine(r)
	if err != nil {
		return nil, err
	}
	var m *Model
	switch {
	case strings.HasPrefix(head, magic):
		kind, err := ParseKind(strings.TrimSuffix(head[len(magic):], "\n"))
		if err != nil {
			return nil, err
		}
		m = new(Model)
		if err := gob.NewDecoder(r).Decode(m); err != nil {
			return nil, fmt.Errorf("model: %w", err)
		}
		if m.Kind != kind {
			return nil, fmt.Errorf("model: a %v model in a %v file", m.Kind, kind)
		}
	case head == legacyMagic:
		m = new(Model)
		if err := gob.NewDecoder(r).Decode(m); err != nil {
			return nil, fmt.Errorf("model: %w", err)
		}
		// Its first line does not say whether it is for text or HTML:
		// only the accurate HTML model reads go-readability's signal. An
		// HTML model trained without it reads as accurate-text, which
		// scores pages the same way.
		m.Kind = AccurateText
		if m.Readability {
			m.Kind = AccurateHTML
		}
	case head == legacyFastMagic:
		var lf legacyFast
		if err := gob.NewDecoder(r).Decode(&lf); err != nil {
			return nil, fmt.Errorf("model: %w", err)
		}
		if m, err = lf.model(); err != nil {
			return nil, err
		}
	default:
		return nil, errors.New("model: not a chaff model file")
	}
	if err := m.check(); err != nil {
		return nil, err
	}
	m.prepare()
	return m, nil
}

// firstLine reads r up to its first newline, included, byte by byte so as
// to leave the rest to the decoder; a file whose first 40 bytes hold no
// newline is no model file.
func firstLine(r io.Reader) (string, error) {
	var b [40]byte
	for n := 0; n < len(b); n++ {
		if _, err := io.ReadFull(r, b[n:n+1]); err != nil {
			break
		}
		if b[n] == '\n' {
			return string(b[:n+1]), nil
		}
	}
	return "", errors.New("model: not a chaff model file")
}

// legacyFast is a fast text model as chaff-skim-1 files hold it: its
// word weights in Words, and a category head of sixteen weights per
// input, the dense features then the hashed words, in W.
type legacyFast struct {
	Names      []string
	Dense      []float32
	Words      []float32
	Forest     *Forest
	Categories *struct {
		Names []string
		W     []float32
	}
	About string
}

// model converts lf, losslessly: the same weights, the category head's
// laid out class by class.
func (lf *legacyFast) model() (*Model, error) {
	m := &Model{Kind: FastText, Names: lf.Names, Dense: lf.Dense, Hashed: lf.Words, Forest: lf.Forest, About: lf.About}
	lc := lf.Categories
	if lc == nil {
		return m, nil
	}
	d, slots := linescan.Dense, 1<<fastCatBits
	if len(lc.Names) == 0 || len(lc.Names) > wideClasses || len(lc.W) != (d+slots)*wideClasses {
		return nil, errors.New("model: malformed category model")
	}
	c := &Categorizer{Names: lc.Names, Dense: make([][]float32, len(lc.Names)), Hashed: make([][]float32, len(lc.Names)), Bits: fastCatBits}
	for cl := range lc.Names {
		c.Dense[cl], c.Hashed[cl] = make([]float32, d), make([]float32, slots)
		for j := range d {
			c.Dense[cl][j] = lc.W[j*wideClasses+cl]
		}
		for h := range slots {
			c.Hashed[cl][h] = lc.W[(d+h)*wideClasses+cl]
		}
	}
	m.Categories = c
	return m, nil
}
