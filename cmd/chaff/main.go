// Command chaff finds the noise in scraped web text, line by line, and
// removes it.
//
// Usage:
//
//	chaff clean    [flags] [FILE|DIR|-]...   the kept lines
//	chaff label    [flags] [FILE|DIR|-]...   one JSON object per line
//	chaff annotate [flags] [FILE|DIR|-]...   a view for people
//	chaff report   [flags] [FILE|DIR|-]...   scraper QA report: noise per site and category
//
// and, for developing models:
//
//	chaff train    [flags] --gold PATH -o FILE
//	chaff eval     [flags] --bench DIR       benchmark scores, cross-validated
//	chaff check    [flags] [DIR]             per-category precision and recall on labelled fixtures
//
// "chaff version" prints the version and the embedded models.
//
// Run "chaff COMMAND -h" for a command's flags. The exit status is 0 when
// all went well, 1 when some input failed or a check did not pass (the other
// inputs are still processed, each error on stderr naming its file), 2 for
// a usage error only, 3 for a fatal error of chaff itself: an internal error
// (a panic, reported with its stack) or a resource gone (no space left, too
// many open files, the output stream closed). A first SIGINT or SIGTERM
// stops clean, label and annotate after the documents in flight, with the
// summary and --stats marked interrupted: exit 130 or 143. A Go runtime
// fatal error, which no program can catch (out of memory, a deadlock),
// exits 2 by the runtime; the memory bounds on documents in flight are what
// keep chaff out of it.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"

	"github.com/chaff-dev/chaff/internal/output"
	"github.com/sirupsen/logrus"
)

// Exit statuses. A run stopped by a signal exits 128 plus the signal's
// number (see errInterrupted).
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
	exitFatal = 3
)

// errUsage marks an error as the caller's mistake: exit status 2.
type errUsage struct{ msg string }

func (e errUsage) Error() string { return e.msg }

func usagef(format string, a ...any) error { return errUsage{fmt.Sprintf(format, a...)} }

// errFailed says that some inputs failed and were already reported.
var errFailed = errors.New("some inputs failed")

// errFatalReported says that chaff itself failed (exit status 3) and that
// the cause was already reported.
var errFatalReported = errors.New("chaff failed")

// fatalError is an error of chaff itself or of its resources: exit
// status 3.
type fatalError struct{ err error }

func (e *fatalError) Error() string { return e.err.Error() }
func (e *fatalError) Unwrap() error { return e.err }

// errInterrupted says that a signal stopped the run, already reported.
type errInterrupted struct{ sig os.Signal }

func (e errInterrupted) Error() string { return "interrupted by " + e.sig.String() }

// code is the exit status for the signal: 128 plus its number.
func (e errInterrupted) code() int {
	if n, ok := e.sig.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return 128 + int(syscall.SIGINT)
}

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
	"version":  {"print chaff's version and the models it embeds", runVersion},
}

// env is what a command needs from the process.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *logrus.Logger
	stdoutTTY      bool
	// notify, when set, relays SIGINT and SIGTERM to c (signal.Notify);
	// commands that stop cleanly on a signal call it. Without it (tests
	// in process) signals are not caught.
	notify func(c chan<- os.Signal)
	// create opens an output file (default output.Create); tests give a
	// failing file system.
	create func(path string) (outFile, error)
}

// outFile is an output file being written: *output.File.
type outFile interface {
	io.Writer
	Commit() error
	Abort() error
}

func main() {
	e := &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, log: logrus.New(), stdoutTTY: isTerminal(os.Stdout),
		notify: func(c chan<- os.Signal) { signal.Notify(c, os.Interrupt, syscall.SIGTERM) }}
	os.Exit(run(e, os.Args[1:]))
}

// createFile opens an output file with e.create, or output.Create.
func (e *env) createFile(path string) (outFile, error) {
	if e.create != nil {
		return e.create(path)
	}
	return output.Create(path)
}

// run runs the command of args and returns the exit status. A panic on
// the calling goroutine is an internal error: reported with its stack,
// the temporary files removed, exit status 3.
func run(e *env, args []string) (code int) {
	e.log.SetOutput(e.stderr)
	defer func() {
		if v := recover(); v != nil {
			output.RemoveTemps()
			e.log.WithField("stack", string(debug.Stack())).Errorf("internal error: %v", v)
			code = exitFatal
		}
	}()
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
	return exitCode(e, args[0], cmd.run(e, args[1:]))
}

// exitCode reports err, unless it was reported already, and returns its
// exit status.
func exitCode(e *env, name string, err error) int {
	var u errUsage
	var fe *fatalError
	var sig errInterrupted
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.As(err, &u):
		fmt.Fprintf(e.stderr, "chaff %s: %v\n", name, err)
		return exitUsage
	case errors.As(err, &sig):
		return sig.code()
	case errors.Is(err, errFailed):
		return exitFail
	case errors.Is(err, errFatalReported):
		return exitFatal
	case errors.As(err, &fe) || isResourceError(err):
		e.log.Error(err)
		return exitFatal
	default:
		e.log.Error(err)
		return exitFail
	}
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
