package main

import (
	"bytes"
	"flag"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/golden"
)

// flagLine matches the first line of a flag in a command's help.
var flagLine = regexp.MustCompile(`^  --?([a-z0-9-]+)`)

// helpOf returns the help of a command, as "chaff CMD -h" writes it.
func helpOf(t *testing.T, cmd string) string {
	t.Helper()
	code, out, errs := runCapture(t, cmd, "-h")
	if code != exitOK || out != "" {
		t.Fatalf("chaff %s -h: exit %d, stdout %q", cmd, code, out)
	}
	return errs
}

// TestHelpGroupsEveryFlag fails when a flag of a command is under no
// heading of helpGroups (it would show under otherTitle), is shown twice,
// or when helpGroups names a flag that no command has.
func TestHelpGroupsEveryFlag(t *testing.T) {
	shown := map[string]bool{} // flags of any command
	for name := range commands {
		t.Run(name, func(t *testing.T) {
			help := helpOf(t, name)
			if _, other, found := strings.Cut(help, "\n"+otherTitle+":\n"); found {
				t.Errorf("flags under no heading of helpGroups[%q]:\n%s", name, other)
			}
			count := map[string]int{}
			for _, line := range strings.Split(help, "\n") {
				if m := flagLine.FindStringSubmatch(line); m != nil {
					count[m[1]]++
					shown[m[1]] = true
				}
			}
			if len(count) == 0 {
				t.Fatalf("no flags in the help:\n%s", help)
			}
			for f, n := range count {
				if n != 1 {
					t.Errorf("--%s shown %d times", f, n)
				}
			}
			listed := map[string]bool{}
			for _, g := range helpGroups[name] {
				for _, f := range g.flags {
					if listed[f] {
						t.Errorf("helpGroups[%q] lists --%s twice", name, f)
					}
					listed[f] = true
				}
			}
		})
	}
	for name, groups := range helpGroups {
		if _, ok := commands[name]; !ok {
			t.Errorf("helpGroups has %q, which is not a command", name)
		}
		for _, g := range groups {
			for _, f := range g.flags {
				if !shown[f] {
					t.Errorf("helpGroups[%q] lists --%s, a flag of no command", name, f)
				}
			}
		}
	}
}

// TestPrintFlags checks the printer on a flag set of its own: groups in
// their order, each flag once with its default, an ungrouped flag last.
func TestPrintFlags(t *testing.T) {
	helpGroups["test"] = []flagGroup{group("Output", []string{"format"})}
	t.Cleanup(func() { delete(helpGroups, "test") })
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	var buf bytes.Buffer
	fs.SetOutput(&buf)
	fs.Bool("zeta", false, "a flag no group names")
	fs.String("format", "text", "output: text or json")
	fs.Int("j", 7, "a default the help replaces")
	printFlags(fs)
	want := `Output:
  --format string
      output: text or json (default "text")

Other flags:
  -j int
      a default the help replaces (default the number of CPUs)
  --zeta
      a flag no group names

`
	if got := buf.String(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

func TestDefaultText(t *testing.T) {
	var sep separator
	var size sizeFlag = 1 << 20
	var list listFlag
	var opt optionalBool
	tests := []struct {
		name  string
		value flag.Value
		def   string
		want  string
	}{
		{"string", newString("auto"), "auto", `"auto"`},
		{"empty string", newString(""), "", ""},
		{"custom zero", &list, "", ""},
		{"size", &size, size.String(), "1MiB"},
		{"separator", &sep, sep.String(), ""},
		{"optional bool", &opt, opt.String(), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := &flag.Flag{Name: "x", Value: tc.value, DefValue: tc.def}
			if got := defaultText(f); got != tc.want {
				t.Errorf("defaultText = %q, want %q", got, tc.want)
			}
		})
	}
}

// newString returns a string flag value holding s.
func newString(s string) flag.Value {
	fs := flag.NewFlagSet("", flag.ContinueOnError)
	fs.String("s", s, "")
	return fs.Lookup("s").Value
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  []string
	}{
		{"", 10, nil},
		{"one two three", 7, []string{"one two", "three"}},
		{"a × b × c", 5, []string{"a × b", "× c"}},
		{"supercalifragilistic word", 5, []string{"supercalifragilistic", "word"}},
	}
	for _, tc := range tests {
		if got := wrap(tc.in, tc.width); !slices.Equal(got, tc.want) {
			t.Errorf("wrap(%q, %d) = %q, want %q", tc.in, tc.width, got, tc.want)
		}
	}
}

// TestCleanHelpGolden holds the help of chaff clean: go test -update
// rewrites testdata/clean_help.golden.
func TestCleanHelpGolden(t *testing.T) {
	golden.Compare(t, "clean_help.golden", []byte(helpOf(t, "clean")))
}

// TestUsageEveryCommand checks that chaff's usage shows every command
// under a heading, once, the everyday ones before those for developing
// models.
func TestUsageEveryCommand(t *testing.T) {
	code, _, help := runCapture(t, "-h")
	if code != exitOK {
		t.Fatalf("chaff -h: exit %d", code)
	}
	grouped := map[string]int{}
	for _, g := range commandGroups {
		for _, n := range g.names {
			grouped[n]++
		}
	}
	for name, c := range commands {
		if grouped[name] != 1 {
			t.Errorf("command %q is under %d headings of commandGroups, want 1", name, grouped[name])
		}
		if n := strings.Count(help, "\n  "+name+" "); n != 1 {
			t.Errorf("command %q shown %d times in:\n%s", name, n, help)
		}
		if !strings.Contains(help, c.summary) {
			t.Errorf("summary of %q missing", name)
		}
	}
	for n := range grouped {
		if _, ok := commands[n]; !ok {
			t.Errorf("commandGroups names %q, which is not a command", n)
		}
	}
	if strings.Index(help, "  report ") > strings.Index(help, "Developing models:") ||
		strings.Index(help, "  train ") < strings.Index(help, "Developing models:") {
		t.Errorf("everyday commands not set apart from the model-development ones:\n%s", help)
	}
}

// measured matches a measured figure in a flag's help: a percentage, a
// speed-up or an F1, which go stale as the models change (the figures
// belong in docs/, with their commands).
var measured = regexp.MustCompile(`\d ?%|\d+(\.\d+)? times (the|as)|twice the|F1 (of |lower |higher )?(by )?0\.\d`)

func TestHelpNoFigures(t *testing.T) {
	for name := range commands {
		for _, desc := range flagDescriptions(helpOf(t, name)) {
			if measured.MatchString(desc) {
				t.Errorf("chaff %s -h: a measured figure in a flag's help: %q", name, desc)
			}
		}
	}
}

// flagDescriptions returns the description of each flag in a help, its
// wrapped lines joined.
func flagDescriptions(help string) []string {
	var descs []string
	var cur []string
	for _, line := range strings.Split(help, "\n") {
		if d, ok := strings.CutPrefix(line, "      "); ok {
			cur = append(cur, d)
			continue
		}
		if len(cur) > 0 {
			descs = append(descs, strings.Join(cur, " "))
			cur = nil
		}
	}
	return descs
}
