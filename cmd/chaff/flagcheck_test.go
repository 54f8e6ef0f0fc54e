package main

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

// TestBadFlagValues runs every command with each bad value of each of its
// flags: every one is a usage error (exit 2) whose message names the flag,
// and nothing is written to stdout.
func TestBadFlagValues(t *testing.T) {
	bench := synthBench(t)
	tooMany := fmt.Sprint(4*runtime.NumCPU() + 1)
	type tc struct {
		args []string
		want string // in stderr: the flag's name
	}
	var tests []tc
	// Flags shared by clean, label and annotate.
	for _, cmd := range []string{"clean", "label", "annotate"} {
		for _, c := range []tc{
			{[]string{"--threshold", "NaN"}, "--threshold"},
			{[]string{"--threshold", "Inf"}, "--threshold"},
			{[]string{"--threshold", "-Inf"}, "--threshold"},
			{[]string{"--threshold", "0"}, "--threshold"},
			{[]string{"--threshold", "1.01"}, "--threshold"},
			{[]string{"-j", "0"}, "-j"},
			{[]string{"-j", "-3"}, "-j"},
			{[]string{"-j", "100000"}, "-j"},
			{[]string{"-j", tooMany}, "-j"},
			{[]string{"--repeated-min", "1"}, "--repeated-min needs --repeated"},
			{[]string{"--repeated-scope", "planet"}, "--repeated-scope needs --repeated"},
			{[]string{"--repeated-keep-first"}, "--repeated-keep-first needs --repeated"},
			{[]string{"--repeated-normalize"}, "--repeated-normalize needs --repeated"},
			{[]string{"--repeated-two-pass"}, "--repeated-two-pass needs --repeated"},
			{[]string{"--repeated", "--repeated-min", "1"}, "--repeated-min"},
			{[]string{"--repeated", "--repeated-min", "256"}, "--repeated-min"},
			{[]string{"--repeated", "--repeated-scope", "planet"}, "--repeated-scope"},
			{[]string{"--html-model", "bogus"}, "--html-model"},
			{[]string{"--model", "bogus"}, "--model"},
			{[]string{"--text-model", "slow"}, "--text-model"},
			{[]string{"--keep", "weather"}, "--keep"},
			{[]string{"--drop", "weather"}, "--drop"},
			{[]string{"--progress", "sometimes"}, "--progress"},
			{[]string{"--log-level", "loud"}, "--log-level"},
			{[]string{"--log-format", "xml"}, "--log-format"},
		} {
			tests = append(tests, tc{append([]string{cmd}, c.args...), c.want})
		}
	}
	tests = append(tests,
		tc{[]string{"clean", "--max-drop", "NaN"}, "--max-drop"},
		tc{[]string{"clean", "--max-drop", "Inf"}, "--max-drop"},
		tc{[]string{"clean", "--max-drop", "-0.1"}, "--max-drop"},
		tc{[]string{"clean", "--max-drop", "1.5"}, "--max-drop"},
		tc{[]string{"clean", "--separator", ""}, "-separator"},
		tc{[]string{"clean", "--separator", `\q`}, "-separator"},
		tc{[]string{"clean", "--separator", "nul", "--output", t.TempDir()}, "--separator"},
		tc{[]string{"report", "--threshold", "NaN"}, "--threshold"},
		tc{[]string{"report", "-j", "100000"}, "-j"},
		tc{[]string{"report", "-j", "0"}, "-j"},
		tc{[]string{"report", "--top", "0"}, "--top"},
		tc{[]string{"report", "--sample", "-1"}, "--sample"},
		tc{[]string{"report", "--html-model", "bogus"}, "--html-model"},
		tc{[]string{"eval", "--bench", bench, "--folds", "0", "--threshold", "NaN"}, "--threshold"},
		tc{[]string{"eval", "--bench", bench, "--folds", "0", "--html-model", "bogus", "--mode", "html"}, "--html-model"},
		tc{[]string{"train", "--bench", bench, "-o", "m.bin", "--subsample", "NaN"}, "--subsample"},
		tc{[]string{"train", "--bench", bench, "-o", "m.bin", "--gold-weight", "NaN"}, "--gold-weight"},
		tc{[]string{"train", "--bench", bench, "-o", "m.bin", "--gold-weight", "Inf"}, "--gold-weight"},
		tc{[]string{"train", "--bench", bench, "-o", "m.bin", "--variant-weight", "NaN"}, "--variant-weight"},
		tc{[]string{"train", "--bench", bench, "-o", "m.bin", "--tune-trees", "-1"}, "--tune-trees"},
		tc{[]string{"train", "--bench", bench, "-o", "m.bin", "--trees", "-1"}, "--trees"},
		tc{[]string{"train", "--bench", bench, "-o", "m.bin", "--depth", "13"}, "--depth"},
		tc{[]string{"check", "--min-f1", "NaN"}, "--min-f1"},
		tc{[]string{"check", "--tolerance", "NaN"}, "--tolerance"},
		tc{[]string{"check", "--tolerance", "Inf"}, "--tolerance"},
		tc{[]string{"check", "--threshold", "NaN"}, "--threshold"},
	)
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errs := runCapture(t, tt.args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr: %s", code, exitUsage, errs)
			}
			if !strings.Contains(errs, tt.want) {
				t.Errorf("stderr %q does not name %q", errs, tt.want)
			}
			if out != "" {
				t.Errorf("usage error wrote to stdout: %.200q", out)
			}
		})
	}
}
