package pipeline

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/chaff-dev/chaff"
)

// records reads the records of one file through Beam's filesystem (local,
// gs://, and what else a program registers) with chaff's reader: JSONL, WARC, HTML or
// text, plain, gzip or zstd. A file that cannot be opened yields one error
// for the whole file (record 0).
func records(ctx context.Context, f File, opts chaff.ReadOptions) iter.Seq2[*chaff.Record, error] {
	return func(yield func(*chaff.Record, error) bool) {
		fs, err := filesystem.New(ctx, f.Name)
		if err != nil {
			yield(nil, &chaff.Error{Source: f.Name, Err: err})
			return
		}
		defer fs.Close()
		r, err := fs.OpenRead(ctx, f.Name)
		if err != nil {
			yield(nil, &chaff.Error{Source: f.Name, Err: err})
			return
		}
		defer r.Close()
		chaff.RecordsFrom(ctx, f.Name, r, opts)(yield)
	}
}

// DeadLetter is one failed record as the dead-letter output holds it.
type DeadLetter struct {
	File   string `json:"file"`
	Record int    `json:"record"` // 0: the whole file
	Error  string `json:"error"`
}

// deadLetter is the dead-letter line of err, met while reading or cleaning
// record number rec of file f (rec 0 when unknown).
func deadLetter(f File, rec int, err error) []byte {
	d := DeadLetter{File: f.Name, Record: rec, Error: err.Error()}
	var ce *chaff.Error
	if errors.As(err, &ce) {
		if ce.Source != "" {
			d.File = ce.Source
		}
		if ce.Record != 0 {
			d.Record = ce.Record
		}
	}
	b, _ := json.Marshal(d) // strings and an int: cannot fail
	return append(b, '\n')
}

// classifiers holds one classifier per model configuration in this
// process: a worker's DoFn instances (one per concurrent bundle) share it,
// since a chaff.Classifier is safe for concurrent use and its models are
// the largest thing a worker holds.
var classifiers struct {
	sync.Mutex
	m map[string]*chaff.Classifier
}

// classifier returns the process's classifier for m, building it on first
// use.
func classifier(m ModelConfig) (*chaff.Classifier, error) {
	key, err := json.Marshal(m)
	if err != nil {
		return nil, err
	}
	classifiers.Lock()
	defer classifiers.Unlock()
	if c := classifiers.m[string(key)]; c != nil {
		return c, nil
	}
	opts, err := m.options()
	if err != nil {
		return nil, err
	}
	c, err := chaff.New(opts)
	if err != nil {
		return nil, err
	}
	if classifiers.m == nil {
		classifiers.m = map[string]*chaff.Classifier{}
	}
	classifiers.m[string(key)] = c
	return c, nil
}
