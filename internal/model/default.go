package model

import (
	"bytes"
	_ "embed"
	"fmt"
)

// The models shipped inside the binary, one per Kind, trained on the
// seven sets of the benchmark (and, for text, the fixtures): see
// docs/training.md for the commands that make them.
var (
	//go:embed accurate-text.model
	accurateText []byte
	//go:embed fast-text.model
	fastText []byte
	//go:embed accurate-html.model
	accurateHTML []byte
	//go:embed fast-html.model
	fastHTML []byte
)

// TrainingSets says what every embedded model was trained on. Change it,
// and each model's EmbeddedFile.TrainedOn and Command, with the models.
const TrainingSets = "the seven benchmark sets of ../shared/bench (aeb, wcxb-dev, fundus, magic-html, " +
	"readability, newspaper4k, chinese-wce)"

// EmbeddedFile is a model file shipped inside the binary.
type EmbeddedFile struct {
	Path      string // the file in the repository
	Kind      Kind   // the model's kind
	TrainedOn string // what it was trained on, besides TrainingSets
	Command   string // the command that made it, from the repository's root; SETS is a --bench ../shared/bench/NAME for each set of TrainingSets
	Data      []byte // the file's bytes
}

// EmbeddedFiles returns the model files shipped inside the binary, one per
// Kind.
func EmbeddedFiles() []EmbeddedFile {
	return []EmbeddedFile{{
		Path:      "internal/model/accurate-text.model",
		Kind:      AccurateText,
		TrainedOn: "the sets' naive text dumps, each set weighing the same, and the labelled fixtures/, a fixture line weighing as much as a benchmark line",
		Command:   "chaff train SETS --set-weight equal --gold fixtures --gold-weight 1 -o internal/model/accurate-text.model",
		Data:      accurateText,
	}, {
		Path:      "internal/model/fast-text.model",
		Kind:      FastText,
		TrainedOn: "the sets' naive text dumps, each set weighing the same; the labelled fixtures/ teach the noise categories only",
		Command:   "chaff train SETS --set-weight equal --gold fixtures --gold-weight 0 --text-model fast -o internal/model/fast-text.model",
		Data:      fastText,
	}, {
		Path:      "internal/model/accurate-html.model",
		Kind:      AccurateHTML,
		TrainedOn: "the sets' HTML pages, a set weighing as the square root of its pages, with go-readability's article as a signal",
		Command:   "chaff train SETS --set-weight sqrt --html --readability -o internal/model/accurate-html.model",
		Data:      accurateHTML,
	}, {
		Path:      "internal/model/fast-html.model",
		Kind:      FastHTML,
		TrainedOn: "the sets' HTML pages, a set weighing as the square root of its pages, without go-readability",
		Command:   "chaff train SETS --set-weight sqrt --html -o internal/model/fast-html.model",
		Data:      fastHTML,
	}}
}

// Embedded returns the model of kind k shipped inside the binary. Each
// call decodes a fresh copy.
func Embedded(k Kind) (*Model, error) {
	var data []byte
	switch k {
	case AccurateText:
		data = accurateText
	case FastText:
		data = fastText
	case AccurateHTML:
		data = accurateHTML
	case FastHTML:
		data = fastHTML
	default:
		return nil, fmt.Errorf("model: no embedded model of kind %v", k)
	}
	return Read(bytes.NewReader(data))
}
