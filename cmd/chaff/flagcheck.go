package main

import (
	"flag"
	"runtime"
)

// givenFlags returns the names of the flags set on the command line.
func givenFlags(fs *flag.FlagSet) map[string]bool {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set
}

// flagName writes a flag's name as the user types it: -j, --threshold.
func flagName(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// needs returns a usage error for the first flag of dependents that was
// given without the flag it needs.
func needs(set map[string]bool, needed string, dependents ...string) error {
	if set[needed] {
		return nil
	}
	for _, d := range dependents {
		if set[d] {
			return usagef("%s needs %s", flagName(d), flagName(needed))
		}
	}
	return nil
}

// maxJobs is the largest -j: four workers a CPU. Classification is CPU
// work, so workers past the CPUs only take turns; each worker also brings
// its share of documents in flight (docsPerWorker, bytesPerWorker), so
// that -j 100000 reserved 1.5 GB for a 2.6 KB input. Four a CPU leaves
// room for workers that wait on a slow page while bounding that memory to
// 64 MB of documents a CPU.
func maxJobs() int { return 4 * runtime.NumCPU() }

// checkJobs validates -j.
func checkJobs(j int) error {
	if j < 1 || j > maxJobs() {
		return usagef("-j %d: want 1 to %d (4 × the %d CPUs: classifying is CPU work, and each worker holds its own documents in memory)", j, maxJobs(), runtime.NumCPU())
	}
	return nil
}

// checkShare validates a float flag that must lie in [0,1]; NaN and the
// infinities are refused.
func checkShare(name string, v float64) error {
	if !(v >= 0 && v <= 1) {
		return usagef("%s %v: want a number in [0,1]", flagName(name), v)
	}
	return nil
}
