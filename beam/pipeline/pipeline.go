package pipeline

import (
	"context"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.DoFn3x1[context.Context, File, func(int, []byte), error](&keysFn{})
	register.Combiner1[[]byte](&mergeCounts{})
	register.DoFn4x0[context.Context, int, []byte, func([]byte)](&overMinFn{})
	register.DoFn2x1[context.Context, File, error](&cleanFn{})
	register.DoFn3x1[context.Context, File, func(*[]byte) bool, error](&cleanRepeatedFn{})
	register.Emitter1[[]byte]()
	register.Emitter2[int, []byte]()
	register.Iter1[[]byte]()
}

// Build adds the chaff pipeline for cfg to scope s: the cleaned records of
// input file I of N go to the shard cfg.Output-IIIII-of-NNNNN.jsonl, its
// failed records to cfg.DeadLetter-IIIII-of-NNNNN.jsonl (a file that gives
// no line leaves no shard). The input files are listed now (see Match);
// cfg is validated first.
func Build(ctx context.Context, s beam.Scope, cfg Config) error {
	if err := cfg.Validate(); err != nil {
		return err
	}
	files, err := Match(ctx, cfg.Inputs)
	if err != nil {
		return err
	}
	if err := checkOutputs(&cfg, files); err != nil {
		return err
	}
	// A file is a unit of work: Reshuffle spreads the files over the
	// workers instead of leaving them in the one bundle Create makes.
	fc := beam.Reshuffle(s, beam.CreateList(s, files))
	cl := cleaner{Model: cfg.Model, Read: cfg.Read, Clean: cfg.Clean, Output: cfg.Output, DeadLetter: cfg.DeadLetter, Files: len(files)}
	if cfg.Repeated.On {
		rep := repeatedKeys(s, &cfg, fc)
		fn := &cleanRepeatedFn{cleaner: cl, KeepFirst: cfg.Repeated.KeepFirst, Token: newToken()}
		beam.ParDo0(s.Scope("Clean"), fn, fc, beam.SideInput{Input: rep})
	} else {
		beam.ParDo0(s.Scope("Clean"), &cleanFn{cleaner: cl}, fc)
	}
	return nil
}
