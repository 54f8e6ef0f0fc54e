package model

// TrainCategorizer exposes trainCategorizer, prepared for scoring, to
// the external tests.
func TrainCategorizer(ex []Example, cfg Config, noise int8) *Categorizer {
	cfg.defaults()
	c := trainCategorizer(ex, cfg, noise)
	c.prepare()
	return c
}
