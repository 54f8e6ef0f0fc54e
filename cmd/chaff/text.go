package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/chaff-dev/chaff/classify"
	"github.com/chaff-dev/chaff/render"
)

// textCommand runs clean, label or annotate: each input is classified and
// written by out.
func textCommand(e *env, name string, args []string, out func(e *env, cf *classifyFlags, file string, doc *classify.Document) error) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	var lf logFlags
	var cf classifyFlags
	lf.add(fs)
	cf.add(fs)
	if err := parse(fs, e, args); err != nil {
		return err
	}
	if err := lf.apply(e.log); err != nil {
		return err
	}
	cfg, err := cf.config()
	if err != nil {
		return err
	}
	cl, err := classify.New(cfg)
	if err != nil {
		return err
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"-"}
	}
	failed := false
	for _, p := range paths {
		data, err := readDocument(e, p)
		if err == nil {
			err = out(e, &cf, p, cl.Classify(data))
		}
		if err != nil {
			e.log.WithField("file", p).Error(err)
			failed = true
		}
	}
	if failed {
		return errFailed
	}
	return nil
}

// sniffLen is how much of a document is searched for NUL bytes.
const sniffLen = 8 << 10

// readDocument reads one text document and refuses binary data.
func readDocument(e *env, path string) ([]byte, error) {
	var data []byte
	var err error
	if path == "-" {
		data, err = io.ReadAll(e.stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, err
	}
	if i := bytes.IndexByte(data[:min(len(data), sniffLen)], 0); i >= 0 {
		return nil, fmt.Errorf("%s: binary data (NUL byte at offset %d), not text", path, i)
	}
	return data, nil
}

func runClean(e *env, args []string) error {
	return textCommand(e, "clean", args, func(e *env, cf *classifyFlags, file string, doc *classify.Document) error {
		return render.Clean(e.stdout, doc, cf.policy())
	})
}

func runLabel(e *env, args []string) error {
	return textCommand(e, "label", args, func(e *env, cf *classifyFlags, file string, doc *classify.Document) error {
		return render.Labels(e.stdout, file, doc)
	})
}

func runAnnotate(e *env, args []string) error {
	return textCommand(e, "annotate", args, func(e *env, cf *classifyFlags, file string, doc *classify.Document) error {
		return render.Annotate(e.stdout, file, doc, e.stdoutTTY)
	})
}
