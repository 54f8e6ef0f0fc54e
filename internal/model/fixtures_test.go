package model_test

import (
	"testing"

	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/lang"
	"github.com/chaff-dev/chaff/internal/learn"
	"github.com/chaff-dev/chaff/internal/lexicon"
	"github.com/chaff-dev/chaff/internal/model"
	"github.com/chaff-dev/chaff/internal/signals"
)

// TestCategorizerFitsFixtures trains the noise categories on the
// fixtures as chaff train does for the embedded text model (their lines
// weighing --gold-weight 30, 8 epochs) and checks that it names every
// dropped line's category as labelled: training goes on past its epochs
// while a line is named wrong.
func TestCategorizerFitsFixtures(t *testing.T) {
	docs, err := gold.LoadAll("../../fixtures")
	if err != nil {
		t.Fatal(err)
	}
	lx, err := lexicon.Default()
	if err != nil {
		t.Fatal(err)
	}
	ex := learn.Examples(&signals.Env{Lexicon: lx, Lang: lang.Default()}, docs, nil, model.AccurateText)
	for i := range ex {
		ex[i].Weight = 30
	}
	c := model.TrainCategorizer(ex, model.Config{Seed: 1, Epochs: 8}, 1)
	for d, e := range ex {
		for i, class := range e.Class {
			if class != "" && e.Noise[i] == 1 {
				if got := c.Best(e.Vec.Row(i), e.Vec.Hashed(i)); got != class {
					t.Errorf("%s:%d: category %s, labelled %s", docs[d].Name, i+1, got, class)
				}
			}
		}
	}
}
