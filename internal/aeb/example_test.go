package aeb_test

import (
	"fmt"

	"github.com/chaff-dev/chaff/internal/aeb"
)

func ExampleCompare() {
	c := aeb.Compare("The cat sat on the mat today.", "Menu. The cat sat on the mat today.")
	p, _ := c.Precision()
	r, _ := c.Recall()
	fmt.Printf("TP %.2f FP %.2f FN %.2f: precision %.2f recall %.2f\n", c.TP, c.FP, c.FN, p, r)
	// Output: TP 0.80 FP 0.20 FN 0.00: precision 0.80 recall 1.00
}

func ExampleEvaluate() {
	truth := map[string]aeb.Page{
		"a": {Body: "one two three four five"},
		"b": {Body: "six seven eight nine ten"},
	}
	pred := map[string]string{"a": "one two three four five"} // b missing: empty
	s := aeb.Evaluate(truth, pred, []string{"a", "b"})
	fmt.Printf("P %.3f R %.3f F1 %.3f over %d docs\n", s.Precision, s.Recall, s.F1, s.Docs)
	// Output: P 1.000 R 0.500 F1 0.667 over 2 docs
}

func ExampleLabel() {
	dump := "Home\nNews\n\nIntroduction\nGaming used to be so simple, we bought a game.\n\nShare this article"
	truth := "Introduction\n\nGaming used to be so simple, we bought a game."
	for i, r := range aeb.Label([]byte(dump), truth) {
		fmt.Println(i+1, r.Label)
	}
	// Output:
	// 1 drop
	// 2 drop
	// 3 blank
	// 4 keep
	// 5 keep
	// 6 blank
	// 7 drop
}

func ExampleFolds() {
	folds := aeb.Folds([]string{"a", "b", "c", "d", "e"}, 2, 1)
	fmt.Println(len(folds), len(folds[0])+len(folds[1]))
	// Output: 2 5
}
