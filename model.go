package chaff

import (
	"fmt"
	"os"

	"github.com/chaff-dev/chaff/internal/model"
)

// Model is a trained model: one of those embedded in chaff, or a model
// file `chaff train` wrote (see LoadModel). It is read-only and may be
// shared by classifiers.
type Model struct {
	name  string // the embedded model's name, or the file's path
	model *model.Model
}

// LoadModel reads a model file made by `chaff train`: a text model,
// accurate or fast (--text-model fast), or an HTML model (--html). Its
// first line names its kind. Use it as Options.TextModel or
// Options.HTMLModel; errors name the file.
func LoadModel(path string) (*Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := model.Read(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return &Model{name: path, model: m}, nil
}

// String names the model (an embedded one, or the file it was read from)
// and says how it was trained.
func (m *Model) String() string {
	if m.model.About == "" {
		return m.name
	}
	return m.name + ": " + m.model.About
}

// fastText reports whether m is a fast text model.
func (m *Model) fastText() bool { return m.model.Kind == model.FastText }

// The embedded models, by the names String gives them.
const (
	embeddedText     = "embedded accurate text"
	embeddedFastText = "embedded fast text"
	embeddedHTML     = "embedded accurate HTML"
	embeddedFastHTML = "embedded fast HTML"
)

// embeddedKinds maps the embedded models' names to their kinds.
var embeddedKinds = map[string]model.Kind{
	embeddedText:     model.AccurateText,
	embeddedFastText: model.FastText,
	embeddedHTML:     model.AccurateHTML,
	embeddedFastHTML: model.FastHTML,
}

// embedded decodes the embedded model of that name.
func embedded(name string) (*Model, error) {
	m, err := model.Embedded(embeddedKinds[name])
	if err != nil {
		return nil, fmt.Errorf("chaff: the %s model: %w", name, err)
	}
	return &Model{name: name, model: m}, nil
}

// EmbeddedModel returns the embedded model of a kind: "accurate-text",
// "fast-text", "accurate-html" or "fast-html", the names `chaff version`
// lists. It lets a caller choose the text and the HTML model apart, as
// the command's --text-model and --html-model do (Options.Fast switches
// the text model); a name, unlike a *Model, can travel to a remote worker
// that builds its classifier there.
func EmbeddedModel(kind string) (*Model, error) {
	for name, k := range embeddedKinds {
		if k.String() == kind {
			return embedded(name)
		}
	}
	return nil, fmt.Errorf("chaff: no embedded model %q (want accurate-text, fast-text, accurate-html or fast-html)", kind)
}

// Embedded returns the models embedded in chaff, accurate and fast, for
// text and for HTML, in that order: what Options.Fast and EmbeddedModel
// choose between, and what `chaff version` lists.
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
