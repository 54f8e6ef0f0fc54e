package model

import "fmt"

// Kind is a model's configuration: what it reads, text or an HTML page,
// and how, accurate or fast. The two configurations are named the same
// way for both inputs: the accurate ones are the defaults, the fast ones
// give up a few thousandths of F1 for speed.
type Kind uint8

// The kinds of model. The zero Kind is none.
const (
	// AccurateText reads a text document's lines through package
	// features (lexicon, language, n-grams), in two stages.
	AccurateText Kind = iota + 1
	// FastText reads a text document's lines through package linescan,
	// a one-pass line scanner, in two stages: several times the speed of
	// AccurateText.
	FastText
	// AccurateHTML reads an HTML page's blocks through package features,
	// with go-readability's signal, in three stages.
	AccurateHTML
	// FastHTML is AccurateHTML without go-readability's signal: pages it
	// scores skip go-readability, about twice the pages per second.
	FastHTML
)

var kindNames = [...]string{AccurateText: "accurate-text", FastText: "fast-text", AccurateHTML: "accurate-html", FastHTML: "fast-html"}

// String returns the kind's name: accurate-text, fast-text,
// accurate-html or fast-html.
func (k Kind) String() string {
	if k == 0 || int(k) >= len(kindNames) {
		return fmt.Sprintf("Kind(%d)", k)
	}
	return kindNames[k]
}

// ParseKind returns the Kind named s, as String names it.
func ParseKind(s string) (Kind, error) {
	for k, name := range kindNames {
		if name == s && k > 0 {
			return Kind(k), nil
		}
	}
	return 0, fmt.Errorf("model: unknown kind %q (want accurate-text, fast-text, accurate-html or fast-html)", s)
}

// KindOf returns the kind of model for HTML pages or text, in the fast
// configuration or the accurate one.
func KindOf(html, fast bool) Kind {
	switch {
	case html && fast:
		return FastHTML
	case html:
		return AccurateHTML
	case fast:
		return FastText
	}
	return AccurateText
}

// HTML reports whether models of kind k classify HTML pages.
func (k Kind) HTML() bool { return k == AccurateHTML || k == FastHTML }

// Fast reports whether k is a fast configuration.
func (k Kind) Fast() bool { return k == FastText || k == FastHTML }
