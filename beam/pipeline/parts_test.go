package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestDocRefOrdersAsTheCommandReads(t *testing.T) {
	// Sorted by reference, records come file by file in input order, then
	// by record number: the order in which the command meets them.
	in := [][2]int{{0, 1}, {0, 2}, {0, 1 << 20}, {1, 0}, {1, 1}, {2, 7}, {maxFiles - 1, maxRecord}}
	for i := 1; i < len(in); i++ {
		a, b := docRef(in[i-1][0], in[i-1][1]), docRef(in[i][0], in[i][1])
		if a >= b {
			t.Errorf("docRef%v = %#x not below docRef%v = %#x", in[i-1], a, in[i], b)
		}
	}
}

func TestMergeCounts(t *testing.T) {
	var c mergeCounts
	one := func(k uint64, file, rec int) entry { return entry{key: k, n: 1, first: docRef(file, rec)} }
	tests := []struct {
		name  string
		parts [][]entry // what each file's DoFn, or each bundle, sent
		want  []entry
	}{
		{"one part", [][]entry{{one(7, 1, 3), one(7, 0, 9), one(2, 2, 1)}}, []entry{one(2, 2, 1), {7, 2, docRef(0, 9)}}},
		{"parts merged", [][]entry{{one(5, 3, 1)}, {one(5, 1, 4), one(5, 1, 2), one(9, 0, 1)}, {}, {{5, 4, docRef(2, 1)}}},
			[]entry{{5, 7, docRef(1, 2)}, one(9, 0, 1)}},
		{"saturates", [][]entry{{{1, 1<<32 - 2, 5}}, {{1, 3, 4}}}, []entry{{1, 1<<32 - 1, 4}}},
		{"nothing", [][]entry{{}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Any order of parts and merges gives the same counts.
			for _, rev := range []bool{false, true} {
				parts := slices.Clone(tt.parts)
				if rev {
					slices.Reverse(parts)
				}
				var acc []byte
				for _, p := range parts {
					acc = c.MergeAccumulators(acc, pack(fold(slices.Clone(p))))
				}
				if got := fold(unpack(acc)); !slices.Equal(got, tt.want) && len(got)+len(tt.want) > 0 {
					t.Errorf("reversed %v: %+v, want %+v", rev, got, tt.want)
				}
			}
		})
	}
}

func TestEmitBuckets(t *testing.T) {
	es := fold([]entry{{key: 3 << 54, n: 1}, {key: 1, n: 1}, {key: 3<<54 | 9, n: 2}, {key: 1<<63 | 5, n: 1}, {key: 2, n: 1}})
	var got []int
	total := 0
	emitBuckets(es, func(b int, packed []byte) {
		got = append(got, b)
		for _, e := range unpack(packed) {
			if bucket(e.key) != b {
				t.Errorf("key %#x in bucket %d", e.key, b)
			}
			total++
		}
	})
	if want := []int{0, 3, 512}; !slices.Equal(got, want) || total != 5 {
		t.Errorf("buckets %v with %d entries, want %v with 5", got, total, want)
	}
}

func TestTableDropper(t *testing.T) {
	buckets := [][]byte{pack([]entry{{30, 4, docRef(2, 5)}}), pack([]entry{{10, 3, docRef(0, 1)}, {20, 9, docRef(1, 1)}})}
	side := func(p *[]byte) bool {
		if len(buckets) == 0 {
			return false
		}
		*p, buckets = buckets[0], buckets[1:]
		return true
	}
	tab := loadTable(side)
	tests := []struct {
		name      string
		ref       uint64
		keepFirst bool
		key       uint64
		want      bool
	}{
		{"not repeated", docRef(0, 1), false, 11, false},
		{"drop-all drops the first copy", docRef(0, 1), false, 10, true},
		{"drop-all drops later copies", docRef(3, 1), false, 30, true},
		{"keep-first keeps the first copy", docRef(0, 1), true, 10, false},
		{"keep-first drops later copies", docRef(0, 2), true, 10, true},
		{"keep-first, another key's first document", docRef(1, 1), true, 30, true},
		{"keep-first, not repeated", docRef(1, 1), true, 21, false},
	}
	for _, tt := range tests {
		if got := tab.dropper(tt.ref, tt.keepFirst)(tt.key); got != tt.want {
			t.Errorf("%s: drop(%d) = %v, want %v", tt.name, tt.key, got, tt.want)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := func() Config {
		return Config{Inputs: []string{"in/*.jsonl"}, Output: "out/clean", DeadLetter: "out/dead"}
	}
	tests := []struct {
		name   string
		change func(*Config)
		want   string // in the error; "" for none
	}{
		{"defaults", func(*Config) {}, ""},
		{"no input", func(c *Config) { c.Inputs = nil }, "no input"},
		{"no output", func(c *Config) { c.Output = "" }, "prefixes are both needed"},
		{"no dead letter", func(c *Config) { c.DeadLetter = "" }, "prefixes are both needed"},
		{"same prefixes", func(c *Config) { c.DeadLetter = c.Output }, "share the prefix"},
		{"max-drop", func(c *Config) { c.Clean.MaxDrop = 1.5 }, "max-drop"},
		{"repeated-min low", func(c *Config) { c.Repeated.On, c.Repeated.Min = true, 1 }, "repeated-min 1"},
		{"repeated-min high", func(c *Config) { c.Repeated.On, c.Repeated.Min = true, 256 }, "repeated-min 256"},
		{"scope", func(c *Config) { c.Repeated.On, c.Repeated.Scope = true, "page" }, "repeated-scope"},
		{"category", func(c *Config) { c.Model.Keep = []string{"nonsense"} }, "nonsense"},
		{"threshold", func(c *Config) { c.Model.Threshold = 2 }, "threshold"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok()
			tt.change(&c)
			err := c.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
	c := ok()
	c.Repeated.On = true
	if err := c.Validate(); err != nil || c.Repeated.Min != 3 || c.Repeated.Scope != "site" || c.Clean.Repeated != c.Repeated.RepeatedOptions {
		t.Errorf("defaults not filled: %v, %+v", err, c)
	}
}

func TestMatchAndCheckOutputs(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.jsonl", "a.jsonl", "c.warc.gz", "out-00000-of-00001.jsonl"} {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx := context.Background()
	files, err := Match(ctx, []string{filepath.Join(dir, "c.*"), filepath.Join(dir, "[ab].jsonl"), filepath.Join(dir, "a.jsonl")})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for i, f := range files {
		if f.Index != i {
			t.Errorf("%s: index %d, want %d", f.Name, f.Index, i)
		}
		got = append(got, filepath.Base(f.Name))
	}
	if want := []string{"c.warc.gz", "a.jsonl", "b.jsonl"}; !slices.Equal(got, want) {
		t.Errorf("matched %v, want %v (pattern by pattern, each sorted, once each)", got, want)
	}
	if _, err := Match(ctx, []string{filepath.Join(dir, "*.zst")}); err == nil || !strings.Contains(err.Error(), "no such file") {
		t.Errorf("a pattern matching nothing: %v", err)
	}
	all, err := Match(ctx, []string{filepath.Join(dir, "*")})
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Output: filepath.Join(dir, "out"), DeadLetter: filepath.Join(dir, "dead")}
	if err := checkOutputs(&cfg, all); err == nil || !strings.Contains(err.Error(), "could be overwritten") {
		t.Errorf("an input under the output prefix: %v", err)
	}
	if err := checkOutputs(&cfg, files); err != nil {
		t.Errorf("inputs apart from the outputs: %v", err)
	}
}
