package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/chaff-dev/chaff/internal/input"
	"github.com/chaff-dev/chaff/internal/output"
)

// destination receives the outputs of the documents in input order: one
// stream (stdout), or one atomically written file per input under a
// directory.
//
// A document counts as written only once its output is committed: for
// the stream, once the writer took all of its bytes; for a directory,
// once its file is renamed into place. Each commit and each loss is told
// to settle, in order; an error that ends the run (a resource gone, the
// stream broken) is also returned, as a *fatalError.
type destination struct {
	mode   mode
	mark   bool
	sep    separator
	outDir string // "" for the stream
	settle func(outcome)
	create func(path string) (outFile, error)

	// The stream: bytes not yet written and the documents they hold.
	w        io.Writer
	buf      []byte
	pend     []pendingDoc
	lastByte byte // last byte given to the stream
	wrote    bool

	// Directory output: the file of the current source.
	cur     outFile
	curSrc  string
	curPath string
	curErr  error             // the output of curSrc failed: its documents fail
	curDone tally             // the documents of curSrc, written when cur commits
	curLost int               // documents of curSrc lost to curErr
	claimed map[string]string // output path -> input source that owns it
	swept   map[string]bool   // directories swept of stale temporary files
}

// outcome is what became of some documents' output.
type outcome struct {
	where  string // the output file, or "standard output"
	done   tally  // documents committed
	failed int    // documents whose output was lost
	err    error  // why, when failed > 0
}

// pendingDoc is a document in the stream's buffer: the offset its output
// ends at, and its counts.
type pendingDoc struct {
	end int
	t   tally
}

// Bounds on the stream's buffer: it is written out past either.
const (
	streamBufBytes = 256 << 10
	streamBufDocs  = 4096
)

const stdoutName = "standard output"

func newDestination(w io.Writer, mode mode, mark bool, outDir string, sep separator,
	create func(string) (outFile, error), settle func(outcome)) destination {
	d := destination{mode: mode, mark: mark, sep: sep, outDir: outDir, w: w, create: create, settle: settle,
		claimed: map[string]string{}, swept: map[string]bool{}}
	if outDir == "" {
		// Room for a full buffer and the document that fills it, most often.
		d.buf = make([]byte, 0, streamBufBytes+streamBufBytes/4)
	}
	return d
}

// write writes, or queues, the output of one document.
func (d *destination) write(doc *input.Document, res *result) error {
	var t tally
	t.add(doc, res)
	if d.outDir == "" {
		if res.spilled() {
			return d.writeStreamParts(res, t)
		}
		return d.writeStream(res, t)
	}
	if doc.Source != d.curSrc || d.cur == nil && d.curErr == nil {
		if err := d.commit(); err != nil {
			return err
		}
		d.open(doc, res.shape)
	}
	if d.curErr != nil {
		d.curLost++
		return nil
	}
	n, err := d.writeFile(res)
	if err != nil {
		d.cur.Abort()
		d.cur, d.curErr = nil, err
		d.curLost += d.curDone.Docs + 1
		d.curDone = tally{}
		if isResourceError(err) {
			return d.commit()
		}
		return nil
	}
	t.BytesOut = n
	d.curDone.merge(&t)
	return nil
}

// open starts the output file of doc's source, or notes why it cannot be
// written.
func (d *destination) open(doc *input.Document, sh shape) {
	d.curSrc, d.wrote, d.curDone, d.curLost, d.curErr = doc.Source, false, tally{}, 0, nil
	path := d.outPath(doc, sh)
	d.curPath = path
	if owner, ok := d.claimed[path]; ok && owner != doc.Source {
		d.curErr = fmt.Errorf("output %s is already written for %s: not overwritten", path, owner)
		return
	}
	if sameFile(path, doc.Source) {
		d.curErr = fmt.Errorf("output %s is the input itself: not overwritten", path)
		return
	}
	d.sweep(filepath.Dir(path))
	f, err := d.create(path)
	if err != nil {
		d.curErr = err
		return
	}
	d.claimed[path] = doc.Source
	d.cur = f
}

// sweep removes, once a directory, the temporary files that a killed run
// left in it.
func (d *destination) sweep(dir string) {
	if d.swept[dir] {
		return
	}
	d.swept[dir] = true
	output.RemoveStale(dir) // a directory that cannot be read fails at create
}

// sameFile reports whether path exists and is the file src.
func sameFile(path, src string) bool {
	a, err := os.Stat(path)
	if err != nil {
		return false
	}
	b, err := os.Stat(src)
	return err == nil && os.SameFile(a, b)
}

// writeFile writes a document's output to the current file, after a line
// end when it is text (annotate's records) and the document before lacks
// one. It returns the bytes written.
func (d *destination) writeFile(res *result) (int64, error) {
	var n int64
	err := res.parts(func(b []byte) error {
		if d.wrote && res.shape == shapeText && d.lastByte != '\n' && len(b) > 0 {
			if _, err := d.cur.Write([]byte{'\n'}); err != nil {
				return err
			}
			n++
		}
		k, err := d.cur.Write(b)
		d.note(b[:k])
		n += int64(k)
		return err
	})
	return n, err
}

// writeStreamParts writes to the stream the output of a document too large
// to queue (see spill): the queue first, then the document's parts straight
// to the writer. The document is written once the writer took them all.
func (d *destination) writeStreamParts(res *result, t tally) error {
	if err := d.flush(); err != nil {
		return err
	}
	o := outcome{where: stdoutName}
	err := res.parts(func(b []byte) error {
		if d.wrote && d.lastByte != '\n' && len(b) > 0 {
			if _, err := d.w.Write([]byte{'\n'}); err != nil {
				return err
			}
			t.BytesOut++
		}
		k, err := d.w.Write(b)
		d.note(b[:k])
		t.BytesOut += int64(k)
		return err
	})
	if err != nil {
		// A write error, or the temporary file read back: either way a
		// resource gone, which ends the run.
		o.failed, o.err = 1, fmt.Errorf("writing to %s: %w", stdoutName, err)
		d.settle(o)
		return &fatalError{o.err}
	}
	o.done.merge(&t)
	d.settle(o)
	return nil
}

// writeStream queues a document's output for the stream, with the
// separator it takes, and writes the queue out when it is full.
func (d *destination) writeStream(res *result, t tally) error {
	start := len(d.buf)
	if res.shape == shapeText && !d.sep.newline() {
		d.buf = append(d.buf, res.out...)
		d.buf = append(d.buf, d.sep...)
	} else {
		if d.wrote && d.lastByte != '\n' && len(res.out) > 0 {
			d.buf = append(d.buf, '\n')
		}
		d.buf = append(d.buf, res.out...)
	}
	d.note(d.buf[start:])
	t.BytesOut = int64(len(d.buf) - start)
	d.pend = append(d.pend, pendingDoc{end: len(d.buf), t: t})
	if len(d.buf) >= streamBufBytes || len(d.pend) >= streamBufDocs {
		return d.flush()
	}
	return nil
}

// flush writes the stream's queue: the documents whose bytes the writer
// took are written, the others lost, and a write error ends the run.
func (d *destination) flush() error {
	if len(d.pend) == 0 {
		return nil
	}
	n, err := d.w.Write(d.buf)
	var o outcome
	o.where = stdoutName
	for _, p := range d.pend {
		if p.end <= n {
			o.done.merge(&p.t)
		} else {
			o.failed++
		}
	}
	d.buf, d.pend = d.buf[:0], d.pend[:0]
	if err != nil {
		o.err = fmt.Errorf("writing to %s: %w", stdoutName, err)
	}
	d.settle(o)
	if err != nil {
		return &fatalError{o.err}
	}
	return nil
}

func (d *destination) note(out []byte) {
	if len(out) > 0 {
		d.lastByte = out[len(out)-1]
		d.wrote = true
	}
}

// commit publishes the file of the current source, if any, and settles
// its documents.
func (d *destination) commit() error {
	if d.cur == nil && d.curErr == nil {
		return nil
	}
	o := outcome{where: d.curPath, err: d.curErr, failed: d.curLost}
	if f := d.cur; f != nil {
		d.cur = nil
		if err := f.Commit(); err != nil {
			o.err, o.failed = err, o.failed+d.curDone.Docs
		} else {
			o.done = d.curDone
		}
	}
	d.curDone, d.curLost, d.curErr = tally{}, 0, nil
	d.settle(o)
	if o.err != nil && isResourceError(o.err) {
		return &fatalError{o.err}
	}
	return nil
}

// close writes out the stream, or commits the last file when ok and drops
// it otherwise: the documents in a dropped file are neither written nor
// failed, but abandoned with the run.
func (d *destination) close(ok bool) error {
	if d.outDir == "" {
		return d.flush()
	}
	if !ok {
		if d.cur != nil {
			d.cur.Abort()
			d.cur = nil
		}
		if d.curErr != nil {
			d.settle(outcome{where: d.curPath, err: d.curErr, failed: d.curLost})
		}
		d.curDone, d.curLost, d.curErr = tally{}, 0, nil
		return nil
	}
	return d.commit()
}

// outPath is the output file for the source of doc: the mirrored input
// path, with a suffix when the content changes form (HTML cleaned to text,
// WARC records written as JSON lines, labels, annotations, spans).
func (d *destination) outPath(doc *input.Document, sh shape) string {
	p := output.MirrorPath(d.outDir, doc.Root, doc.Source)
	return p + outSuffix(d.mode, d.mark, doc.Raw != nil, sh == shapeJSONL, doc.Format == input.HTML && filepath.Ext(p) != ".txt")
}

// outSuffix is what outPath adds to the mirrored path: by mode, for
// JSONL records (raw), WARC records (records) and HTML files (html).
func outSuffix(m mode, mark, raw, records, html bool) string {
	switch {
	case m == modeLabel:
		return ".labels.jsonl"
	case m == modeAnnotate:
		return ".annotated.txt"
	case mark && !raw:
		return ".spans.jsonl"
	case raw:
		return "" // JSONL in, JSONL out
	case records:
		return ".jsonl" // WARC records
	case html:
		return ".txt"
	}
	return ""
}
