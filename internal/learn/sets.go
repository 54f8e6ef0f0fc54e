package learn

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/chaff-dev/chaff/internal/gold"
	"github.com/chaff-dev/chaff/internal/htmltext"
)

// GroupFolds splits documents into k folds by group: groups[d] names the
// group of document d (a publisher, a site), and all the documents of a
// group fall in one fold, so that no fold is scored by a model that saw
// the same site's template in training. The groups are shuffled with seed,
// then dealt largest first (ties in shuffled order), each to the fold with
// the fewest documents so far (ties to the lowest fold). When every group
// has one document the split is exactly Folds(len(groups), k, seed).
func GroupFolds(groups []string, k int, seed uint64) [][]int {
	var order []string
	members := map[string][]int{}
	for d, g := range groups {
		if _, ok := members[g]; !ok {
			order = append(order, g)
		}
		members[g] = append(members[g], d)
	}
	rng := rand.New(rand.NewPCG(seed, 0x666f6c6473))
	rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
	slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(len(members[b]), len(members[a])) })
	folds := make([][]int, k)
	for _, g := range order {
		smallest := 0
		for f := range folds {
			if len(folds[f]) < len(folds[smallest]) {
				smallest = f
			}
		}
		folds[smallest] = append(folds[smallest], members[g]...)
	}
	return folds
}

// SetWeighting says how the pages of several benchmark sets weigh when a
// model is trained on all of them.
type SetWeighting string

// The set weightings. Each keeps the total weight equal to the number of
// pages, so that weights beside them (--gold-weight) keep their meaning.
const (
	// WeighPages weighs every page 1: a set counts in proportion to its
	// pages, and the largest dominates.
	WeighPages SetWeighting = "pages"
	// WeighEqual has every set count the same, whatever its size.
	WeighEqual SetWeighting = "equal"
	// WeighSqrt has a set count in proportion to the square root of its
	// pages, between the two.
	WeighSqrt SetWeighting = "sqrt"
)

// SetWeights returns the weight of one page of each set, the sets having
// sizes[i] pages, under scheme. A set of no page gets weight 0.
func SetWeights(sizes []int, scheme SetWeighting) ([]float32, error) {
	share := func(n int) float64 { return float64(n) } // what a set of n pages counts for
	switch scheme {
	case WeighPages:
	case WeighEqual:
		share = func(int) float64 { return 1 }
	case WeighSqrt:
		share = func(n int) float64 { return math.Sqrt(float64(n)) }
	default:
		return nil, fmt.Errorf("learn: set weighting %q: want %s, %s or %s", scheme, WeighEqual, WeighPages, WeighSqrt)
	}
	var pages, shares float64
	for _, n := range sizes {
		if n > 0 {
			pages += float64(n)
			shares += share(n)
		}
	}
	w := make([]float32, len(sizes))
	for i, n := range sizes {
		if n > 0 {
			w[i] = float32(pages * share(n) / shares / float64(n))
		}
	}
	return w, nil
}

// Set is the labelled documents of one benchmark set: Docs, and in HTML
// mode the page each was extracted from (Pages[k] for Docs[k]; nil in text
// mode).
type Set struct {
	Docs  []*gold.Doc
	Pages []*htmltext.Page
}

// Pool joins sets into one training set, leaving out set skip (-1 leaves
// none out), and returns their documents, their pages (nil in text mode)
// and the weight of each document under scheme, for Weights.Docs or
// TrainHTML. The sets must all be of one mode.
func Pool(sets []Set, skip int, scheme SetWeighting) (docs []*gold.Doc, pages []*htmltext.Page, weights []float32, err error) {
	sizes := make([]int, len(sets))
	for i, s := range sets {
		if i != skip {
			sizes[i] = len(s.Docs)
		}
	}
	perSet, err := SetWeights(sizes, scheme)
	if err != nil {
		return nil, nil, nil, err
	}
	for i, s := range sets {
		if i == skip {
			continue
		}
		if (s.Pages == nil) != (sets[0].Pages == nil) && len(s.Docs) > 0 {
			return nil, nil, nil, fmt.Errorf("learn: set %d has pages and set 0 not, or the other way round", i)
		}
		docs = append(docs, s.Docs...)
		pages = append(pages, s.Pages...)
		for range s.Docs {
			weights = append(weights, perSet[i])
		}
	}
	return docs, pages, weights, nil
}
