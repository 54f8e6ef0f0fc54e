package aeb

import (
	"math/rand/v2"
	"slices"
)

// Folds splits ids into k folds for cross-validation by document. The ids
// are sorted and deduplicated, shuffled with a generator seeded by seed,
// and dealt round-robin, so every id is in exactly one fold, fold sizes
// differ by at most one, and the split depends only on the set of ids, k
// and seed. Each fold is sorted. k above the number of ids leaves some
// folds empty; k below 1 gives nil.
func Folds(ids []string, k int, seed int64) [][]string {
	if k < 1 {
		return nil
	}
	all := slices.Clone(ids)
	slices.Sort(all)
	all = slices.Compact(all)
	rng := rand.New(rand.NewPCG(uint64(seed), 0x61656266))
	rng.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	folds := make([][]string, k)
	for i, id := range all {
		folds[i%k] = append(folds[i%k], id)
	}
	for _, f := range folds {
		slices.Sort(f)
	}
	return folds
}
