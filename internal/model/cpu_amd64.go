//go:build !purego

package model

import "golang.org/x/sys/cpu"

// useAVX2 reports whether the processor runs the AVX2 forms of the loops
// that have one (orderKeysAVX2, logitsAVX2); each has a Go
// twin, which the tests hold it to, bit for bit.
var useAVX2 = cpu.X86.HasAVX2
