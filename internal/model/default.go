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

// Default returns the model shipped inside the binary, trained on the
// article-extraction benchmark (see README.md, "The model"). Each call
// decodes a fresh copy.
func Default() (*Model, error) {
	return Read(bytes.NewReader(defaultModel))
}

// DefaultHTML returns the HTML-mode model shipped inside the binary,
// trained on the benchmark's HTML pages with go-readability's signal.
func DefaultHTML() (*Model, error) {
	return Read(bytes.NewReader(defaultHTMLModel))
}

// FastHTML returns the second HTML-mode model shipped inside the binary,
// trained on the same pages without go-readability's signal: pages it
// scores skip go-readability, which takes about 40 % of the time of the
// default one, for an F1 lower by 0.001 on the benchmark, within the
// spread of its cross-validation (README.md, "Accuracy").
func FastHTML() (*Model, error) {
	return Read(bytes.NewReader(fastHTMLModel))
}
