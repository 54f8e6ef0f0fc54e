package repeated

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"
)

// sketchCfg forces every shard into a small count-min sketch at once.
func sketchCfg(base Config) Config {
	base.ExactBudget = 64
	base.SketchWidth = 1 << 18
	base.SketchDepth = 4
	return base
}

func TestBoilerplateFlagged(t *testing.T) {
	docs, unique := corpus()
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"exact", DefaultConfig()},
		{"sketch", sketchCfg(DefaultConfig())},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := mustNew(t, tc.cfg)
			addAll(c, docs)
			for _, ln := range []string{footer, menu} {
				// A sketch never undercounts, but saturates at 255.
				if n := c.Count("news.example", []byte(ln)); n < min(1000, maxThreshold) {
					t.Errorf("%q counted in %d documents, want ≥ %d", ln, n, min(1000, maxThreshold))
				}
				if !c.IsRepeated("news.example", []byte(ln)) {
					t.Errorf("%q not repeated", ln)
				}
				if c.IsRepeated("other.example", []byte(ln)) {
					t.Errorf("%q repeated on a site that never had it", ln)
				}
			}
			// The menu appears twice per page but counts once per page.
			if tc.name == "exact" {
				if n := c.Count("news.example", []byte(menu)); n != 1000 {
					t.Errorf("menu counted %d times, want 1000 (once per document)", n)
				}
			}
			for _, ln := range []string{"", "  ", "|", "A", "12", "OK"} {
				if c.IsRepeated("news.example", []byte(ln)) {
					t.Errorf("%q (too few letters) flagged", ln)
				}
			}
			fp := 0
			for _, ln := range unique {
				if c.IsRepeated("unique.example", ln) {
					fp++
				}
			}
			rate := float64(fp) / float64(len(unique))
			st := c.Stats()
			t.Logf("%s: %d of %d unique lines flagged (%.4f%%); stats %+v", tc.name, fp, len(unique), 100*rate, st)
			if tc.name == "exact" {
				if fp != 0 || st.SpilledShards != 0 || st.FalsePositives != 0 {
					t.Fatalf("exact mode: %d false positives, %d spilled shards", fp, st.SpilledShards)
				}
				return
			}
			if st.SpilledShards != nShards {
				t.Fatalf("sketch mode: only %d shards spilled", st.SpilledShards)
			}
			// The analytic rate for the number of distinct keys the
			// exact run counted; 4 standard deviations of slack.
			exact := mustNew(t, DefaultConfig())
			addAll(exact, docs)
			keys := exact.Stats().ExactKeys
			want := AnalyticFalsePositiveRate(keys, tc.cfg.SketchWidth, tc.cfg.SketchDepth)
			slack := 4 * math.Sqrt(want*(1-want)/float64(len(unique)))
			t.Logf("analytic rate %.4f%% for %d keys; sketch's own estimate %.4f%%", 100*want, keys, 100*st.FalsePositives)
			if rate > want+slack {
				t.Errorf("measured false-positive rate %.5f above the analytic %.5f (+%.5f)", rate, want, slack)
			}
			if rate < want/2 {
				t.Errorf("measured rate %.5f far below analytic %.5f: the test is not exercising collisions", rate, want)
			}
			if math.Abs(st.FalsePositives-rate) > 0.25*rate {
				t.Errorf("Stats estimate %.5f differs from measured %.5f by over 25%%", st.FalsePositives, rate)
			}
			if math.Abs(st.SketchKeys-float64(keys)) > 0.05*float64(keys) {
				t.Errorf("sketch estimates %.0f distinct keys, exact run counted %d", st.SketchKeys, keys)
			}
		})
	}
}

func TestNearDuplicatesNeedNormalisation(t *testing.T) {
	docs, _ := corpus()
	for _, tc := range []struct {
		norm Norm
		want bool
	}{
		{NormAll, true},
		{0, false},
		{FoldCase, false},                          // digits still differ
		{FoldDigits, true},                         // each spelling occurs on 10 pages
		{FoldCase | StripPunct, false},             // the digits differ on every page
		{FoldCase | FoldDigits | StripPunct, true}, // "page 0 of 0" everywhere
	} {
		cfg := DefaultConfig()
		cfg.Norm, cfg.Threshold = tc.norm, 3
		c := mustNew(t, cfg)
		addAll(c, docs)
		for i := range 40 {
			if got := c.IsRepeated("news.example", []byte(pageVariant(i))); got != tc.want {
				t.Errorf("norm %04b: %q repeated = %v, want %v", tc.norm, pageVariant(i), got, tc.want)
				break
			}
		}
	}
}

func TestPerSiteScope(t *testing.T) {
	docs, _ := corpus()
	for _, tc := range []struct {
		scope Scope
		want  bool
	}{{PerSite, false}, {Corpus, true}} {
		cfg := DefaultConfig()
		cfg.Scope, cfg.Threshold = tc.scope, 3
		c := mustNew(t, cfg)
		addAll(c, docs)
		for _, host := range []string{"a.example", "b.example"} {
			if got := c.IsRepeated(host, []byte(shared)); got != tc.want {
				t.Errorf("scope %d: shared line on %s repeated = %v, want %v (2 pages per host, 4 in all)",
					tc.scope, host, got, tc.want)
			}
		}
	}
}

func TestFlagPolicies(t *testing.T) {
	docs, _ := corpus()
	news := docs[:1000]
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"exact", DefaultConfig()},
		{"sketch", sketchCfg(DefaultConfig())},
	} {
		for _, policy := range []Policy{DropAll, KeepFirst} {
			cfg := tc.cfg
			cfg.Policy = policy
			c := mustNew(t, cfg)
			addAll(c, docs)
			var flags []bool
			for i, d := range news {
				flags = c.Flag(d.host, d.lines, flags[:0])
				if len(flags) != len(d.lines) {
					t.Fatalf("%d flags for %d lines", len(flags), len(d.lines))
				}
				for j, ln := range d.lines {
					boiler := string(ln) == footer || string(ln) == menu
					want := boiler && (policy == DropAll || i > 0)
					if i < 40 && bytes.Equal(ln, []byte(pageVariant(i))) {
						want = policy == DropAll || i > 0
					}
					if tc.name == "sketch" && flags[j] && !want && policy == DropAll && !boiler {
						continue // a false positive of the sketch, measured elsewhere
					}
					if flags[j] != want {
						t.Fatalf("%s policy %d page %d line %q: flagged %v, want %v", tc.name, policy, i, ln, flags[j], want)
					}
				}
			}
		}
	}
}

func TestObserveOnePass(t *testing.T) {
	for _, threshold := range []int{2, 3, 5} {
		cfg := DefaultConfig()
		cfg.Threshold = threshold
		c := mustNew(t, cfg)
		page := [][]byte{[]byte(menu), []byte("a line of its own"), []byte(menu)}
		for i := range 8 {
			page[1] = []byte("unique body text number " + string(rune('a'+i)))
			flags := c.Observe("s", page, nil)
			want := i+1 >= threshold
			if flags[0] != want || flags[2] != want || flags[1] {
				t.Errorf("threshold %d, document %d: flags %v, want menu %v and body false", threshold, i+1, flags, want)
			}
		}
		if got := c.Stats().Docs; got != 8 {
			t.Errorf("Docs = %d, want 8", got)
		}
	}
}

func TestDeterministicUnderConcurrency(t *testing.T) {
	docs, unique := corpus()
	cfg := sketchCfg(DefaultConfig())
	cfg.ExactBudget = 105000 // about the number of keys: some shards spill, some stay exact
	seq := mustNew(t, cfg)
	addAll(seq, docs)

	par := mustNew(t, cfg)
	order := rand.New(rand.NewPCG(3, 4)).Perm(len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				par.Add(docs[i].host, docs[i].lines)
			}
		}()
	}
	for _, i := range order {
		next <- i
	}
	close(next)
	wg.Wait()

	a, b := seq.Stats(), par.Stats()
	if a.ExactKeys != b.ExactKeys || a.SpilledShards != b.SpilledShards || a.FalsePositives != b.FalsePositives {
		t.Fatalf("stats differ: sequential %+v, concurrent %+v", a, b)
	}
	if a.SpilledShards == 0 || a.SpilledShards == nShards {
		t.Fatalf("%d shards spilled; the test wants a mix", a.SpilledShards)
	}
	for i, ln := range unique {
		if x, y := seq.Count("unique.example", ln), par.Count("unique.example", ln); x != y {
			t.Fatalf("line %d: count %d sequential, %d concurrent", i, x, y)
		}
	}
}

func TestMemoryBound(t *testing.T) {
	docs, _ := corpus()
	cfg := DefaultConfig()
	cfg.Policy = KeepFirst
	cfg.ExactBudget, cfg.SketchWidth, cfg.SketchDepth = 30000, 1<<17, 4
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	c := mustNew(t, cfg)
	addAll(c, docs)
	for _, d := range docs[:1000] {
		c.Flag(d.host, d.lines, nil)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	st := c.Stats()
	grew := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	t.Logf("heap grew %d bytes; Stats.Bytes %d; MemoryBound %d", grew, st.Bytes, st.BoundBytes)
	if st.Bytes > st.BoundBytes {
		t.Errorf("stores hold %d bytes, above the bound %d", st.Bytes, st.BoundBytes)
	}
	if grew > int64(st.BoundBytes)+256<<10 {
		t.Errorf("heap grew by %d bytes, above the bound %d + 256 KiB of scratch", grew, st.BoundBytes)
	}
	if st.SpilledShards == 0 {
		t.Errorf("no shard spilled: the test does not reach the sketch")
	}
	runtime.KeepAlive(c)
	runtime.KeepAlive(docs)
}

func TestConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Config)
	}{
		{"threshold 1", func(c *Config) { c.Threshold = 1 }},
		{"threshold 256", func(c *Config) { c.Threshold = 256 }},
		{"scope", func(c *Config) { c.Scope = 7 }},
		{"policy", func(c *Config) { c.Policy = 9 }},
		{"norm bits", func(c *Config) { c.Norm = 0x80 }},
		{"negative letters", func(c *Config) { c.MinLetters = -1 }},
		{"negative budget", func(c *Config) { c.ExactBudget = -5 }},
		{"narrow sketch", func(c *Config) { c.SketchWidth = 10 }},
		{"deep sketch", func(c *Config) { c.SketchDepth = 17 }},
	} {
		cfg := DefaultConfig()
		tc.edit(&cfg)
		if _, err := New(cfg); !errors.Is(err, ErrConfig) {
			t.Errorf("%s: err %v, want ErrConfig", tc.name, err)
		}
	}
	c := mustNew(t, Config{})
	got := c.Config()
	if got.Threshold != DefaultThreshold || got.MinLetters != DefaultMinLetters || got.ExactBudget != DefaultExactBudget {
		t.Errorf("zero Config not defaulted: %+v", got)
	}
}

func TestAnalyticRate(t *testing.T) {
	for _, tc := range []struct {
		keys, width, depth int
		want               float64
	}{
		{0, 100, 4, 0},
		{1, 1, 3, 1},                            // one cell, always shared
		{1, 2, 1, 0.5},                          // one other key: half the time in my cell
		{2, 2, 2, 0.75 * 0.75},                  // per row 1-(1/2)^2
		{1 << 20, 1 << 20, 1, 1 - math.Exp(-1)}, // ≈ Poisson limit
	} {
		got := AnalyticFalsePositiveRate(tc.keys, tc.width, tc.depth)
		if math.Abs(got-tc.want) > 1e-6 {
			t.Errorf("rate(%d,%d,%d) = %g, want %g", tc.keys, tc.width, tc.depth, got, tc.want)
		}
	}
}
