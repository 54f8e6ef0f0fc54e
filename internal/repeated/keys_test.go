package repeated

import "testing"

// TestKeyerMatchesCounter checks that a Keyer gives the keys a Counter of
// the same Config counts: a line's key is shared by the lines the Counter
// counts as one (same scope, same normalised form) and by no other, and
// a line the Counter does not count has key 0.
func TestKeyerMatchesCounter(t *testing.T) {
	tests := []struct {
		name    string
		cfg     Config
		a, b    string // lines of one scope
		scopeB  string // scope of b
		same    bool   // the Counter counts a and b as one line
		countsA bool   // the Counter counts a at all
	}{
		{"identical", Config{}, "Subscribe to our newsletter", "Subscribe to our newsletter", "x.org", true, true},
		{"other scope", Config{}, "Subscribe to our newsletter", "Subscribe to our newsletter", "y.org", false, true},
		{"corpus ignores scope", Config{Scope: Corpus}, "Subscribe to our newsletter", "Subscribe to our newsletter", "y.org", true, true},
		{"case differs", Config{}, "Subscribe now", "SUBSCRIBE NOW", "x.org", false, true},
		{"case folded", Config{Norm: NormAll}, "Subscribe now", "SUBSCRIBE  now!", "x.org", true, true},
		{"too few letters", Config{}, "| 1 |", "| 1 |", "x.org", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k, err := NewKeyer(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			ka := k.Keys("x.org", [][]byte{[]byte(tt.a)}, nil)[0]
			kb := k.Keys(tt.scopeB, [][]byte{[]byte(tt.b)}, nil)[0]
			if (ka != 0) != tt.countsA {
				t.Fatalf("key of %q = %#x, want counted %v", tt.a, ka, tt.countsA)
			}
			if (ka == kb) != tt.same {
				t.Errorf("keys %#x, %#x: want equal %v", ka, kb, tt.same)
			}
			c, err := New(tt.cfg)
			if err != nil {
				t.Fatal(err)
			}
			c.Add("x.org", [][]byte{[]byte(tt.a)})
			c.Add(tt.scopeB, [][]byte{[]byte(tt.b)})
			want := 1
			if tt.same {
				want = 2
			}
			if !tt.countsA {
				want = 0
			}
			if got := c.Count("x.org", []byte(tt.a)); got != want {
				t.Errorf("Counter counts %d, want %d", got, want)
			}
		})
	}
	if _, err := NewKeyer(Config{Threshold: 1}); err == nil {
		t.Error("NewKeyer accepted threshold 1")
	}
}
