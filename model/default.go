package model

import (
	"bytes"
	_ "embed"
)

//go:embed default.model
var defaultModel []byte

// Default returns the model shipped inside the binary, trained on the
// article-extraction benchmark (see README.md, "The model"). Each call
// decodes a fresh copy.
func Default() (*Model, error) {
	return Read(bytes.NewReader(defaultModel))
}
