package main

import (
	"flag"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"
)

// commandGroups are the headings of chaff's usage and the commands under
// each, in the order shown: the everyday commands first, then those for
// developing models. A command no group names is shown last
// (TestUsageEveryCommand forbids it).
var commandGroups = []struct {
	title string
	names []string
}{
	{"Commands", []string{"clean", "label", "annotate", "report"}},
	{"Developing models", []string{"train", "eval", "check"}},
	{"Other commands", []string{"version"}},
}

// usage writes chaff's usage: the commands under their headings.
func usage(w io.Writer) {
	fmt.Fprintln(w, "chaff finds the noise in scraped web text, line by line, and removes it.")
	fmt.Fprintln(w, "\nUsage: chaff COMMAND [flags] [args]")
	shown := map[string]bool{}
	for _, g := range commandGroups {
		fmt.Fprintf(w, "\n%s:\n", g.title)
		for _, n := range g.names {
			if c, ok := commands[n]; ok {
				fmt.Fprintf(w, "  %-9s %s\n", n, c.summary)
				shown[n] = true
			}
		}
	}
	var rest []string
	for n := range commands {
		if !shown[n] {
			rest = append(rest, n)
		}
	}
	slices.Sort(rest)
	for _, n := range rest {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'chaff COMMAND -h' for the flags of a command.")
}

// flagGroup is a heading of a command's help and the flags shown under it,
// in the order they are shown.
type flagGroup struct {
	title string
	flags []string
	note  string // what the flags have in common, shown under the heading
}

// Flags that several commands share, in the order their help shows them.
var (
	inputNames  = []string{"include", "exclude", "text-field", "id-field", "url-field"}
	limitNames  = []string{"max-document-size", "max-line-size", "max-record-size", "max-header-size", "max-lines", "max-tags"}
	modelNames  = []string{"text-model", "model", "html-model"}
	policyNames = []string{"threshold", "keep", "drop", "drop-title", "no-fallback"}
	trainNames  = []string{"seed", "epochs", "stage2-folds", "trees", "depth", "tune-trees", "subsample", "context", "fast-partner", "readability", "weigh-words", "gold-weight", "variant-weight"}
	logNames    = []string{"log-level", "log-format"}
)

// limitGroup bounds what one document may cost; a document past a bound
// fails alone.
var limitGroup = flagGroup{title: "Limits of one document", flags: limitNames, note: sizeUnits}

// group makes a heading of the flags of names, in their order.
func group(title string, names ...[]string) flagGroup {
	return flagGroup{title: title, flags: slices.Concat(names...)}
}

// runGroups are the help headings of clean, label and annotate; label and
// annotate lack clean's output flags.
var runGroups = []flagGroup{
	group("Input", []string{"format", "html"}, inputNames),
	limitGroup,
	group("Model and policy", modelNames, policyNames, []string{"max-drop"}),
	group("Output", []string{"output", "output-field", "mark", "separator", "stats"}),
	group("Repeated lines", []string{"repeated", "repeated-min", "repeated-scope", "repeated-keep-first", "repeated-normalize", "repeated-two-pass"}),
	group("Running and logging", []string{"j", "progress"}, logNames),
}

// helpGroups holds the help headings of every command, by command name
// (the name of its flag set). Every flag of a command is under one of its
// headings: TestHelpGroupsEveryFlag fails on a flag left out.
var helpGroups = map[string][]flagGroup{
	"clean":    runGroups,
	"label":    runGroups,
	"annotate": runGroups,
	"report": {
		group("Input", []string{"input-format", "html-input"}, inputNames),
		limitGroup,
		group("Model and policy", modelNames, policyNames),
		group("Output", []string{"format", "html", "title", "top", "sample"}),
		group("Running and logging", []string{"j"}, logNames),
	},
	"train": {
		group("Data", []string{"gold", "bench", "set-weight", "gold-weight", "variant-weight", "weigh-words"}),
		group("Model", []string{"text-model", "html", "readability", "context", "fast-partner", "stage2-folds", "trees", "depth", "tune-trees", "subsample", "epochs", "seed"}),
		group("Output", []string{"o"}),
		group("Logging", logNames),
	},
	"eval": {
		group("Data", []string{"bench", "pool", "peers", "mode", "gold", "keep-title"}),
		group("Evaluation", []string{"folds", "fold-by", "repeat", "loso", "set-weight"}),
		group("Model and policy", modelNames, []string{"threshold", "no-fallback"}),
		group("Training of each fold's model", trainNames),
		group("Output", []string{"format", "by"}),
		group("Logging", logNames),
	},
	"check": {
		group("Model and policy", modelNames, policyNames),
		group("Evaluation", []string{"folds", "bench"}),
		group("Training of each fold's model (--folds)", trainNames),
		group("Gates", []string{"min-f1", "baseline", "tolerance", "write-baseline"}),
		group("Output", []string{"format", "junit", "update"}),
		group("Logging", logNames),
	},
	"version": {
		group("Output", []string{"format"}),
	},
}

// otherTitle heads the flags that no group of their command names.
const otherTitle = "Other flags"

// defaultNotes replaces the default shown for a flag whose default
// depends on the machine, so that the help is the same everywhere.
var defaultNotes = map[string]string{
	"j": "the number of CPUs",
}

// helpWidth is the width the flag descriptions are wrapped to.
const helpWidth = 80

// printFlags writes the flags of fs under the headings of its command
// (helpGroups[fs.Name()]), each flag once, in the order the groups list
// them, with its default. A flag no group names is shown last, under
// otherTitle, so that none is ever hidden.
func printFlags(fs *flag.FlagSet) {
	w := fs.Output()
	shown := map[string]bool{}
	for _, g := range helpGroups[fs.Name()] {
		var group []*flag.Flag
		for _, name := range g.flags {
			if f := fs.Lookup(name); f != nil && !shown[name] {
				group = append(group, f)
				shown[name] = true
			}
		}
		printGroup(w, g.title, g.note, group)
	}
	var other []*flag.Flag
	fs.VisitAll(func(f *flag.Flag) {
		if !shown[f.Name] {
			other = append(other, f)
		}
	})
	printGroup(w, otherTitle, "", other)
}

// printGroup writes a heading, its note and its flags; nothing when there
// are no flags.
func printGroup(w io.Writer, title, note string, flags []*flag.Flag) {
	if len(flags) == 0 {
		return
	}
	fmt.Fprintf(w, "%s:\n", title)
	for _, line := range wrap(note, helpWidth-2) {
		fmt.Fprintln(w, "  "+line)
	}
	for _, f := range flags {
		printFlag(w, f)
	}
	fmt.Fprintln(w)
}

// printFlag writes one flag: its name and the kind of value it takes on
// a line, then its description and default wrapped under it.
func printFlag(w io.Writer, f *flag.Flag) {
	kind, usage := flag.UnquoteUsage(f)
	dashes := "--"
	if len(f.Name) == 1 {
		dashes = "-"
	}
	head := "  " + dashes + f.Name
	if kind != "" {
		head += " " + kind
	}
	if def := defaultText(f); def != "" {
		usage += " (default " + def + ")"
	}
	fmt.Fprintln(w, head)
	for _, line := range wrap(usage, helpWidth-6) {
		fmt.Fprintln(w, "      "+line)
	}
}

// defaultText is the default of f as the help shows it: quoted for a
// string, empty for a zero value (the description says what then).
func defaultText(f *flag.Flag) string {
	if note, ok := defaultNotes[f.Name]; ok {
		return note
	}
	if isZeroValue(f) {
		return ""
	}
	if t := reflect.TypeOf(f.Value); t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.String {
		return fmt.Sprintf("%q", f.DefValue)
	}
	return f.DefValue
}

// isZeroValue reports whether f's default is the zero value of its type,
// as the flag package decides it for PrintDefaults.
func isZeroValue(f *flag.Flag) bool {
	t := reflect.TypeOf(f.Value)
	var z reflect.Value
	if t.Kind() == reflect.Pointer {
		z = reflect.New(t.Elem())
	} else {
		z = reflect.Zero(t)
	}
	v, ok := z.Interface().(flag.Value)
	return ok && f.DefValue == v.String()
}

// wrap splits s into lines of at most width characters, at spaces; a word
// longer than width has a line of its own.
func wrap(s string, width int) []string {
	var lines []string
	var line strings.Builder
	n := 0 // characters in line
	for _, word := range strings.Fields(s) {
		wn := utf8.RuneCountInString(word)
		if n > 0 && n+1+wn > width {
			lines = append(lines, line.String())
			line.Reset()
			n = 0
		}
		if n > 0 {
			line.WriteByte(' ')
			n++
		}
		line.WriteString(word)
		n += wn
	}
	if n > 0 {
		lines = append(lines, line.String())
	}
	return lines
}
