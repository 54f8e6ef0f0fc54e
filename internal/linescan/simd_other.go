//go:build !amd64 || purego

package linescan

// useAVX2 is false off amd64 and with the purego build tag: the Go loops
// run.
const useAVX2 = false
