package evaluate_test

import (
	"fmt"

	"github.com/chaff-dev/chaff/internal/evaluate"
)

func ExampleReport_Regressions() {
	before := &evaluate.Report{Classes: map[string]*evaluate.Counts{
		"keep/body":   {TP: 9, FN: 1},
		"drop/teaser": {TP: 4},
	}}
	base := before.Baseline()

	now := &evaluate.Report{Classes: map[string]*evaluate.Counts{
		"keep/body":   {TP: 9, FN: 1},
		"drop/teaser": {TP: 3, FN: 1, FP: 1},
	}}
	for _, f := range now.Regressions(base, 0.02) {
		fmt.Printf("%s: %s\n", f.Class, f.Why)
	}
	// Output:
	// drop/teaser: F1 0.750 dropped by 0.250 from the baseline's 1.000 (tolerance 0.020)
}

func ExampleReport_BelowMinF1() {
	r := &evaluate.Report{Classes: map[string]*evaluate.Counts{
		"keep/body":       {TP: 9, FN: 1},
		"drop/navigation": {TP: 1, FP: 3, FN: 1},
		"drop/ad":         {FP: 2}, // no gold line: not gated
	}}
	for _, f := range r.BelowMinF1(0.8) {
		fmt.Printf("%s: %s\n", f.Class, f.Why)
	}
	// Output:
	// drop/navigation: F1 0.333 is below the minimum 0.800
}
