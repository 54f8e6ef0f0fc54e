package model

import (
	"bytes"
	_ "embed"
)

//go:embed default.model
var defaultModel []byte

//go:embed default-html.model
var defaultHTMLModel []byte

// Default returns the model shipped inside the binary, trained on the
// article-extraction benchmark (see README.md, "The model"). Each call
// decodes a fresh copy.
func Default() (*Model, error) {
	return Read(bytes.NewReader(defaultModel))
}

// DefaultHTML returns the HTML-mode model shipped inside the binary,
// trained on the benchmark's HTML pages.
func DefaultHTML() (*Model, error) {
	return Read(bytes.NewReader(defaultHTMLModel))
}
