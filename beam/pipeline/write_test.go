package pipeline

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/chaff-dev/chaff"
)

func TestShardRewrittenWhole(t *testing.T) {
	ctx := context.Background()
	prefix := filepath.Join(t.TempDir(), "out")
	write := func(lines ...string) {
		s := newShard(prefix, 2, 12)
		for _, l := range lines {
			if err := s.write(ctx, []byte(l)); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.commit(ctx); err != nil {
			t.Fatal(err)
		}
	}
	write("a\n", "b\n")
	write("a\n", "b\n") // a retried file writes its shard again
	aborted := newShard(prefix, 2, 12)
	if err := aborted.write(ctx, []byte("partial\n")); err != nil {
		t.Fatal(err)
	}
	aborted.abort(ctx) // a failed attempt leaves the shard as it was
	newShard(prefix, 3, 12).commit(ctx)
	names, _ := filepath.Glob(prefix + "*")
	if len(names) != 1 || filepath.Base(names[0]) != "out-00002-of-00012.jsonl" {
		t.Fatalf("files %v, want the one shard (no temporary file, none for a file without lines)", names)
	}
	if data, _ := os.ReadFile(names[0]); string(data) != "a\nb\n" {
		t.Errorf("shard %q, want %q", data, "a\nb\n")
	}
}

func TestUnreadableFileIsADeadLetter(t *testing.T) {
	f := File{Index: 4, Name: filepath.Join(t.TempDir(), "gone.jsonl")}
	n := 0
	for rec, err := range records(context.Background(), f, chaff.ReadOptions{}) {
		n++
		if rec != nil || err == nil {
			t.Fatalf("record %v, error %v: want an error", rec, err)
		}
		var d DeadLetter
		if err := json.Unmarshal(deadLetter(f, 0, err), &d); err != nil {
			t.Fatal(err)
		}
		if d.File != f.Name || d.Record != 0 || d.Error == "" {
			t.Errorf("dead letter %+v: want the file, record 0 and the error", d)
		}
	}
	if n != 1 {
		t.Errorf("%d items, want one error", n)
	}
}
