//go:build !amd64

package skim

// useAVX2 is false off amd64: the plain Go loops run.
const useAVX2 = false

// usePOPCNT is false off amd64: hashWordsGo runs.
const usePOPCNT = false
