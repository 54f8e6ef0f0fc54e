package main

import (
	"strconv"
	"strings"
)

// separator is what clean writes after each text document on standard
// output (--separator). Empty means "newline": a line end only where a
// document's text lacks one, so that documents never share a line but
// their boundaries are lost.
type separator []byte

// String returns the flag's value as given.
func (s *separator) String() string {
	switch {
	case s == nil || len(*s) == 0:
		return "newline"
	case string(*s) == "\x00":
		return "nul"
	}
	return strconv.Quote(string(*s))
}

// Set parses newline, nul, or a string with Go escapes (\n, \t, \x1e,
// \u2029).
func (s *separator) Set(v string) error {
	switch v {
	case "newline":
		*s = nil
		return nil
	case "nul":
		*s = separator{0}
		return nil
	case "":
		return usagef("want newline, nul or a non-empty string")
	}
	u, err := strconv.Unquote(`"` + strings.ReplaceAll(v, `"`, `\"`) + `"`)
	if err != nil || u == "" {
		return usagef("%q: not a string with Go escapes (\\n, \\t, \\x1e, \\u2029)", v)
	}
	*s = separator(u)
	return nil
}

// newline reports whether the separator is the default.
func (s separator) newline() bool { return len(s) == 0 }

const separatorHelp = "text documents on standard output: `SEP` written after each one, so that a consumer can tell where one ends: " +
	"nul (a NUL byte, as find -print0), or any string, with Go escapes (\\n, \\t, \\x1e); " +
	"newline (the default) only adds a line end where a document lacks one, and loses the boundaries. JSON records are one a line whatever the separator"
