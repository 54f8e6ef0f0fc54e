package main

import (
	"flag"
	"slices"
	"strings"
	"testing"
)

// TestParseInterspersed checks that flags may follow the inputs and that
// "--" ends the flags.
func TestParseInterspersed(t *testing.T) {
	tests := []struct {
		args      []string
		threshold string
		inputs    []string
	}{
		{[]string{"a.txt"}, "0.5", []string{"a.txt"}},
		{[]string{"a.txt", "--threshold", "0.7"}, "0.7", []string{"a.txt"}},
		{[]string{"a.txt", "--threshold", "0.7", "b.txt"}, "0.7", []string{"a.txt", "b.txt"}},
		{[]string{"--threshold=0.6", "-", "c"}, "0.6", []string{"-", "c"}},
		{[]string{"a", "--", "--threshold", "0.9"}, "0.5", []string{"a", "--threshold", "0.9"}},
		{[]string{"--threshold", "0.8", "--", "-x"}, "0.8", []string{"-x"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			fs := flag.NewFlagSet("x", flag.ContinueOnError)
			th := fs.String("threshold", "0.5", "")
			e := &env{stderr: &strings.Builder{}}
			if err := parse(fs, e, tt.args); err != nil {
				t.Fatal(err)
			}
			if *th != tt.threshold || !slices.Equal(fs.Args(), tt.inputs) {
				t.Errorf("threshold %s inputs %q, want %s %q", *th, fs.Args(), tt.threshold, tt.inputs)
			}
		})
	}
}
