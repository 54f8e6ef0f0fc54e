package skim

import (
	"bytes"
	_ "embed"

	"github.com/chaff-dev/chaff/internal/model"
)

//go:embed default.skim
var defaultModel []byte

// EmbeddedFile returns the model file shipped inside the binary, trained
// on model.TrainingSets and the fixtures (the fixtures teach its category
// model only). Change it with the model.
func EmbeddedFile() model.Embedded {
	return model.Embedded{
		Path:      "internal/skim/default.skim",
		Kind:      "text fast",
		TrainedOn: "the sets' naive text dumps; the labelled fixtures/ teach the noise categories only",
		Command:   "chaff train SETS --set-weight equal --gold fixtures --gold-weight 0 --text-model fast -o internal/skim/default.skim",
		Data:      defaultModel,
	}
}

// Default returns the skim model shipped inside the binary (see
// EmbeddedFile). Each call decodes a fresh copy.
func Default() (*Model, error) {
	return Read(bytes.NewReader(defaultModel))
}
