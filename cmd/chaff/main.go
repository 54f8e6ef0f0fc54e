// Command chaff finds the noise in scraped web text, line by line, and
// removes it.
//
// Usage:
//
//	chaff clean    [flags] [FILE|DIR|-]...   the kept lines
//	chaff label    [flags] [FILE|DIR|-]...   one JSON object per line
//	chaff annotate [flags] [FILE|DIR|-]...   a view for people
//	chaff eval     [flags] --bench DIR       benchmark scores, cross-validated
//	chaff train    [flags] --gold PATH -o FILE
//	chaff check    [flags] [DIR]             per-category precision and recall on labelled fixtures
//
// Run "chaff COMMAND -h" for a command's flags. The exit status is 0 when
// all went well, 1 when some input failed or a check did not pass (the other
// inputs are still processed, each error on stderr naming its file) and 2
// for a usage error.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/sirupsen/logrus"
)

// Exit statuses.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// errUsage marks an error as the caller's mistake: exit status 2.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

func usagef(format string, a ...any) error { return errUsage{fmt.Sprintf(format, a...)} }

// errFailed says that some inputs failed and were already reported.
var errFailed = errors.New("some inputs failed")

// command is one subcommand.
type command struct {
	summary string
	run     func(env *env, args []string) error
}

var commands = map[string]command{
	"clean":    {"write the kept lines of each document", runClean},
	"label":    {"write one JSON object per line: label, category, score, reasons", runLabel},
	"annotate": {"show each line with its label for people", runAnnotate},
	"eval":     {"score chaff on the article-extraction benchmark by cross-validation", runEval},
	"train":    {"train a model from labelled documents", runTrain},
	"check":    {"compare chaff with labelled fixtures: precision and recall per category", runCheck},
	"report":   {"scraper QA report: noise per site and category, failures, drill-down (text, JSON, HTML)", runReport},
}

// env is what a command needs from the process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *logrus.Logger
	stdoutTTY      bool
}

func main() {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, log: logrus.New(), stdoutTTY: isTerminal(os.Stdout)}
	os.Exit(run(e, os.Args[1:]))
}

func run(e *env, args []string) int {
	e.log.SetOutput(e.stderr)
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stderr)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "chaff: unknown command %q\n", args[0])
		usage(e.stderr)
		return exitUsage
	}
	err := cmd.run(e, args[1:])
	var u errUsage
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &u):
		fmt.Fprintf(e.stderr, "chaff %s: %v\n", args[0], err)
		return exitUsage
	case errors.Is(err, errFailed):
		return exitFail
	default:
		e.log.Error(err)
		return exitFail
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "chaff finds the noise in scraped web text, line by line, and removes it.")
	fmt.Fprintln(w, "\nUsage: chaff COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'chaff COMMAND -h' for the flags of a command.")
}

// logFlags adds --log-level and --log-format to fs.
type logFlags struct{ level, format string }

func (lf *logFlags) add(fs *flag.FlagSet) {
	fs.StringVar(&lf.level, "log-level", "info", "diagnostics level: debug, info, warn, error")
	fs.StringVar(&lf.format, "log-format", "text", "diagnostics format on stderr: text or json")
}

func (lf *logFlags) apply(log *logrus.Logger) error {
	lvl, err := logrus.ParseLevel(lf.level)
	if err != nil {
		return usagef("--log-level: %v", err)
	}
	log.SetLevel(lvl)
	switch strings.ToLower(lf.format) {
	case "text":
		log.SetFormatter(&logrus.TextFormatter{DisableTimestamp: true})
	case "json":
		log.SetFormatter(&logrus.JSONFormatter{})
	default:
		return usagef("--log-format %q: want text or json", lf.format)
	}
	return nil
}

// parse parses a command's flags, turning flag errors into usage errors.
// Flags may come before, between or after the inputs, as in
// "chaff check fixtures --min-f1 0.9"; after "--" everything is an input.
func parse(fs *flag.FlagSet, e *env, args []string) error {
	fs.SetOutput(e.stderr)
	var inputs []string
	rest := args
	for {
		if i := slices.Index(rest, "--"); i == 0 {
			inputs = append(inputs, rest[1:]...)
			break
		}
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return err
			}
			return usagef("%v", err)
		}
		consumed := len(rest) - fs.NArg()
		if consumed > 0 && rest[consumed-1] == "--" {
			inputs = append(inputs, fs.Args()...)
			break
		}
		rest = fs.Args()
		if len(rest) == 0 {
			break
		}
		inputs = append(inputs, rest[0])
		rest = rest[1:]
	}
	// Leave the inputs as the flag set's arguments.
	return fs.Parse(append([]string{"--"}, inputs...))
}
