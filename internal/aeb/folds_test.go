package aeb

import (
	"fmt"
	"slices"
	"testing"
)

func TestFolds(t *testing.T) {
	ids := make([]string, 23)
	for i := range ids {
		ids[i] = fmt.Sprintf("id%02d", i)
	}
	for _, k := range []int{1, 2, 5, 23, 30} {
		folds := Folds(ids, k, 7)
		if len(folds) != k {
			t.Fatalf("k=%d: %d folds", k, len(folds))
		}
		var all []string
		lo, hi := len(ids), 0
		for _, f := range folds {
			if !slices.IsSorted(f) {
				t.Errorf("k=%d: fold %q not sorted", k, f)
			}
			all = append(all, f...)
			lo, hi = min(lo, len(f)), max(hi, len(f))
		}
		slices.Sort(all)
		if !slices.Equal(all, ids) {
			t.Errorf("k=%d: folds hold %q, want every id once", k, all)
		}
		if hi-lo > 1 {
			t.Errorf("k=%d: fold sizes from %d to %d", k, lo, hi)
		}
	}

	// Deterministic, independent of input order and duplicates, and the
	// seed matters.
	a := Folds(ids, 5, 7)
	rev := slices.Clone(ids)
	slices.Reverse(rev)
	rev = append(rev, ids[3], ids[9])
	if b := Folds(rev, 5, 7); !equalFolds(a, b) {
		t.Errorf("Folds depends on input order or duplicates:\n%q\n%q", a, b)
	}
	if b := Folds(ids, 5, 8); equalFolds(a, b) {
		t.Errorf("seeds 7 and 8 give the same folds %q", a)
	}
	if Folds(ids, 0, 1) != nil || Folds(ids, -3, 1) != nil {
		t.Error("Folds with k < 1 is not nil")
	}
}

func equalFolds(a, b [][]string) bool {
	return slices.EqualFunc(a, b, func(x, y []string) bool { return slices.Equal(x, y) })
}
