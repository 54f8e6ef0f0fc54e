package model

import (
	"bytes"
	_ "embed"
)

//go:embed default.model
var defaultModel []byte

//go:embed default-html.model
var defaultHTMLModel []byte

//go:embed fast-html.model
var fastHTMLModel []byte

// TrainingSets says what every embedded model (these and the fast text
// model of package skim) was trained on. Change it, and each model's
// Embedded.TrainedOn and Command, with the models.
const TrainingSets = "the seven benchmark sets of ../shared/bench (aeb, wcxb-dev, fundus, magic-html, " +
	"readability, newspaper4k, chinese-wce), each set weighing the same (--set-weight equal)"

// Embedded is a model file shipped inside the binary.
type Embedded struct {
	Path      string // the file in the repository
	Kind      string // the input it reads and which model it is: "text accurate", "HTML fast"...
	TrainedOn string // what it was trained on, besides TrainingSets
	Command   string // the command that made it, from the repository's root; SETS is a --bench ../shared/bench/NAME for each set of TrainingSets
	Data      []byte // the file's bytes
}

// EmbeddedFiles returns the model files of this package shipped inside
// the binary: the accurate text model and the two HTML models.
func EmbeddedFiles() []Embedded {
	return []Embedded{{
		Path:      "internal/model/default.model",
		Kind:      "text accurate",
		TrainedOn: "the sets' naive text dumps and the labelled fixtures/, a fixture line weighing 30",
		Command:   "chaff train SETS --set-weight equal --gold fixtures --gold-weight 30 -o internal/model/default.model",
		Data:      defaultModel,
	}, {
		Path:      "internal/model/default-html.model",
		Kind:      "HTML accurate",
		TrainedOn: "the sets' HTML pages, with go-readability's article as a signal",
		Command:   "chaff train SETS --set-weight equal --html -o internal/model/default-html.model",
		Data:      defaultHTMLModel,
	}, {
		Path:      "internal/model/fast-html.model",
		Kind:      "HTML fast",
		TrainedOn: "the sets' HTML pages, without go-readability",
		Command:   "chaff train SETS --set-weight equal --html --readability=false -o internal/model/fast-html.model",
		Data:      fastHTMLModel,
	}}
}

// Default returns the accurate text model shipped inside the binary,
// trained on TrainingSets and the fixtures. Each call decodes a fresh
// copy.
func Default() (*Model, error) {
	return Read(bytes.NewReader(defaultModel))
}

// DefaultHTML returns the HTML-mode model shipped inside the binary,
// trained on the HTML pages of TrainingSets with go-readability's signal.
func DefaultHTML() (*Model, error) {
	return Read(bytes.NewReader(defaultHTMLModel))
}

// FastHTML returns the second HTML-mode model shipped inside the binary,
// trained on the same pages without go-readability's signal: pages it
// scores skip go-readability, at a small cost in F1 (docs/benchmarks.md
// has the figures).
func FastHTML() (*Model, error) {
	return Read(bytes.NewReader(fastHTMLModel))
}
