//go:build !purego

package linescan

import "golang.org/x/sys/cpu"

// useAVX2 reports whether the processor runs the AVX2 forms of the
// loops that have one (see *_amd64.s); each has a plain Go twin, which
// the tests hold it to, bit for bit.
var useAVX2 = cpu.X86.HasAVX2
