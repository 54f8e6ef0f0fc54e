package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
)

// shardFn gives each line (which ends in '\n') a shard by its hash, so a
// retried bundle sends its lines to the same shards.
type shardFn struct{ Shards int }

// ProcessElement keys line by its shard.
func (fn *shardFn) ProcessElement(line []byte) (int, []byte) {
	h := fnv.New64a()
	h.Write(line)
	return int(h.Sum64() % uint64(fn.Shards)), line
}

// writeShardFn writes the lines of one shard to PREFIX-SSSSS-of-NNNNN.jsonl:
// to a temporary name first, renamed when complete, so that a shard that
// exists is whole, and a retried write replaces it with the same lines.
type writeShardFn struct {
	Prefix string
	Shards int
}

// ProcessElement writes shard i.
func (fn *writeShardFn) ProcessElement(ctx context.Context, i int, lines func(*[]byte) bool) error {
	name := shardName(fn.Prefix, i, fn.Shards)
	tmp := name + ".tmp"
	fs, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fs.Close()
	if err := writeLines(ctx, fs, tmp, lines); err != nil {
		return fmt.Errorf("%s: %w", tmp, err)
	}
	if err := filesystem.Rename(ctx, fs, tmp, name); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// writeLines writes every line to name.
func writeLines(ctx context.Context, fs filesystem.Interface, name string, lines func(*[]byte) bool) error {
	w, err := fs.OpenWrite(ctx, name)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	var line []byte
	for lines(&line) {
		if _, err := bw.Write(line); err != nil {
			w.Close()
			return err
		}
	}
	if err := bw.Flush(); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// writeSharded writes a PCollection of lines to shards under prefix; a
// shard that gets no line is not written.
func writeSharded(s beam.Scope, prefix string, shards int, lines beam.PCollection) {
	keyed := beam.ParDo(s, &shardFn{Shards: shards}, lines)
	beam.ParDo0(s, &writeShardFn{Prefix: prefix, Shards: shards}, beam.GroupByKey(s, keyed))
}
