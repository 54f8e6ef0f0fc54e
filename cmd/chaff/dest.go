package main

import (
	"bufio"
	"io"
	"path/filepath"

	"github.com/chaff-dev/chaff/input"
	"github.com/chaff-dev/chaff/output"
)

// destination receives the outputs of the documents in input order: one
// stream (stdout), or one atomically written file per input under a
// directory.
type destination struct {
	mode   mode
	mark   bool
	outDir string // "" for the stream
	w      *bufio.Writer
	// lastByte is the last byte written to the stream, so that two text
	// documents written one after the other never share a line.
	lastByte byte
	wrote    bool

	// Directory output: the file of the current source.
	cur     *output.File
	curSrc  string
	claimed map[string]string // output path -> input source that owns it
	written int64
}

func newDestination(w io.Writer, mode mode, mark bool, outDir string) destination {
	d := destination{mode: mode, mark: mark, outDir: outDir, claimed: map[string]string{}}
	if outDir == "" {
		d.w = bufio.NewWriterSize(w, 256<<10)
	}
	return d
}

// write writes the output of one document.
func (d *destination) write(doc *input.Document, res *result) error {
	if d.outDir == "" {
		return d.writeStream(res)
	}
	if doc.Source != d.curSrc || d.cur == nil {
		if err := d.commit(); err != nil {
			return err
		}
		d.curSrc = doc.Source
		path := d.outPath(doc, res.shape)
		if owner, ok := d.claimed[path]; ok && owner != doc.Source {
			return sourceErrorf("output %s is already written for %s: not overwritten", path, owner)
		}
		f, err := output.Create(path)
		if err != nil {
			return err
		}
		d.claimed[path] = doc.Source
		d.cur = f
		d.wrote = false
	}
	if d.wrote && res.shape == shapeText && d.lastByte != '\n' && len(res.out) > 0 {
		if _, err := d.cur.Write([]byte{'\n'}); err != nil {
			return err
		}
	}
	if _, err := d.cur.Write(res.out); err != nil {
		return err
	}
	d.note(res.out)
	return nil
}

func (d *destination) writeStream(res *result) error {
	if d.wrote && d.lastByte != '\n' && len(res.out) > 0 {
		d.w.WriteByte('\n')
		d.written++
	}
	if _, err := d.w.Write(res.out); err != nil {
		return err
	}
	d.note(res.out)
	return nil
}

func (d *destination) note(out []byte) {
	if len(out) > 0 {
		d.lastByte = out[len(out)-1]
		d.wrote = true
		d.written += int64(len(out))
	}
}

// commit publishes the file of the current source, if any.
func (d *destination) commit() error {
	if d.cur == nil {
		return nil
	}
	f := d.cur
	d.cur = nil
	return f.Commit()
}

// close flushes the stream, or commits the last file when ok and drops it
// otherwise.
func (d *destination) close(ok bool) error {
	if d.outDir == "" {
		return d.w.Flush()
	}
	if !ok {
		if d.cur != nil {
			d.cur.Abort()
			d.cur = nil
		}
		return nil
	}
	return d.commit()
}

// outPath is the output file for the source of doc: the mirrored input
// path, with a suffix when the content changes form (HTML cleaned to text,
// WARC records written as JSON lines, labels, annotations, spans).
func (d *destination) outPath(doc *input.Document, sh shape) string {
	p := output.MirrorPath(d.outDir, doc.Root, doc.Source)
	switch {
	case d.mode == modeLabel:
		return p + ".labels.jsonl"
	case d.mode == modeAnnotate:
		return p + ".annotated.txt"
	case d.mark && doc.Raw == nil:
		return p + ".spans.jsonl"
	case doc.Raw != nil:
		return p // JSONL in, JSONL out
	case sh == shapeJSONL:
		return p + ".jsonl" // WARC records
	case doc.Format == input.HTML && filepath.Ext(p) != ".txt":
		return p + ".txt"
	}
	return p
}
