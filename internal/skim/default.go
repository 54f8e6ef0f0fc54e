package skim

import (
	"bytes"
	_ "embed"
)

//go:embed default.skim
var defaultModel []byte

// Default returns the skim model shipped inside the binary, trained on
// the article-extraction benchmark and the fixtures (see README.md,
// "Text mode at pipeline speed"). Each call decodes a fresh copy.
func Default() (*Model, error) {
	return Read(bytes.NewReader(defaultModel))
}
