package pipeline

import (
	"context"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.DoFn3x1[context.Context, File, func(uint64, uint64), error](&keysFn{})
	register.Combiner2[docCount, uint64](&countDocs{})
	register.DoFn4x0[context.Context, uint64, docCount, func(uint64, uint64)](&overMinFn{})
	register.DoFn4x1[context.Context, File, func([]byte), func([]byte), error](&cleanFn{})
	register.DoFn5x1[context.Context, File, func(*uint64, *uint64) bool, func([]byte), func([]byte), error](&cleanRepeatedFn{})
	register.DoFn1x2[[]byte, int, []byte](&shardFn{})
	register.DoFn3x1[context.Context, int, func(*[]byte) bool, error](&writeShardFn{})
	register.Emitter1[[]byte]()
	register.Emitter2[uint64, uint64]()
	register.Iter1[[]byte]()
	register.Iter2[uint64, uint64]()
}

// Build adds the chaff pipeline for cfg to scope s and returns the
// collections of output lines and dead letters (each line ending in '\n'),
// which it also writes as shards under cfg.Output and cfg.DeadLetter. The
// input files are listed now (see Match); cfg is validated first.
func Build(ctx context.Context, s beam.Scope, cfg Config) (out, dead beam.PCollection, err error) {
	if err := cfg.Validate(); err != nil {
		return out, dead, err
	}
	files, err := Match(ctx, cfg.Inputs)
	if err != nil {
		return out, dead, err
	}
	if err := checkOutputs(&cfg, files); err != nil {
		return out, dead, err
	}
	// A file is a unit of work: Reshuffle spreads the files over the
	// workers instead of leaving them in the one bundle Create makes.
	fc := beam.Reshuffle(s, beam.CreateList(s, files))
	cl := cleaner{Model: cfg.Model, Read: cfg.Read, Clean: cfg.Clean}
	if cfg.Repeated.On {
		rep := repeatedKeys(s, &cfg, fc)
		fn := &cleanRepeatedFn{cleaner: cl, KeepFirst: cfg.Repeated.KeepFirst, Token: newToken()}
		out, dead = beam.ParDo2(s.Scope("Clean"), fn, fc, beam.SideInput{Input: rep})
	} else {
		out, dead = beam.ParDo2(s.Scope("Clean"), &cleanFn{cleaner: cl}, fc)
	}
	writeSharded(s.Scope("WriteOutput"), cfg.Output, cfg.Shards, out)
	writeSharded(s.Scope("WriteDeadLetter"), cfg.DeadLetter, cfg.Shards, dead)
	return out, dead, nil
}
