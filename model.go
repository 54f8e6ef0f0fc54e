package chaff

import (
	"bufio"
	"fmt"
	"os"

	"github.com/chaff-dev/chaff/internal/model"
	"github.com/chaff-dev/chaff/internal/skim"
)

// Model is a trained model: one of those embedded in chaff, or a model
// file `chaff train` wrote (see LoadModel). It is read-only and may be
// shared by classifiers.
type Model struct {
	name  string       // the embedded model's name, or the file's path
	model *model.Model // an accurate text model or an HTML model
	skim  *skim.Model  // a fast text model
}

// LoadModel reads a model file made by `chaff train`: a text model,
// accurate or fast (--text-model fast), or an HTML model (--html). Use it
// as Options.TextModel or Options.HTMLModel; errors name the file.
func LoadModel(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReader(f)
	if head, _ := r.Peek(len(skim.Magic)); string(head) == skim.Magic {
		sm, err := skim.Read(r)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		return &Model{name: path, skim: sm}, nil
	}
	m, err := model.Read(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &Model{name: path, model: m}, nil
}

// String names the model (an embedded one, or the file it was read from)
// and says how it was trained.
func (m *Model) String() string {
	about := ""
	if m.skim != nil {
		about = m.skim.About
	} else {
		about = m.model.About
	}
	if about == "" {
		return m.name
	}
	return m.name + ": " + about
}

// The embedded models, by the names String gives them.
const (
	embeddedText     = "embedded accurate text"
	embeddedFastText = "embedded fast text"
	embeddedHTML     = "embedded accurate HTML"
	embeddedFastHTML = "embedded fast HTML"
)

// embedded decodes the embedded model of that name.
func embedded(name string) (*Model, error) {
	m := &Model{name: name}
	var err error
	switch name {
	case embeddedText:
		m.model, err = model.Default()
	case embeddedFastText:
		m.skim, err = skim.Default()
	case embeddedHTML:
		m.model, err = model.DefaultHTML()
	default:
		m.model, err = model.FastHTML()
	}
	if err != nil {
		return nil, fmt.Errorf("chaff: the %s model: %w", name, err)
	}
	return m, nil
}

// Embedded returns the models embedded in chaff, accurate and fast, for
// text and for HTML, in that order: what Options.Fast chooses between,
// and what `chaff version` lists.
func Embedded() ([]*Model, error) {
	var ms []*Model
	for _, name := range []string{embeddedText, embeddedFastText, embeddedHTML, embeddedFastHTML} {
		m, err := embedded(name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, m)
	}
	return ms, nil
}
