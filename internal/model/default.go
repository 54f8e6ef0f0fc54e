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
