package input

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
)

// Reader reads documents from a list of paths and keeps counts. It is not
// safe for concurrent use.
type Reader struct {
	paths []string
	opts  Options
	total Counts
}

// NewReader returns a Reader for paths (files, directories, or "-").
func NewReader(paths []string, opts Options) *Reader {
	opts.setDefaults()
	return &Reader{paths: paths, opts: opts}
}

// Documents reads every document from paths; see Reader.Documents.
func Documents(ctx context.Context, paths []string, opts Options) iter.Seq2[*Document, error] {
	return NewReader(paths, opts).Documents(ctx)
}

// DocumentsFrom returns an iterator over the documents of one source the
// caller has opened, in, named name: name is the documents' Source and
// Root, and its extension counts for detecting the format as a file's
// would. Errors are as for Documents; Total counts the source once it has
// been read.
func (r *Reader) DocumentsFrom(ctx context.Context, name string, in io.Reader) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		if err := r.opts.validate(); err != nil {
			yield(nil, &Error{Err: err})
			return
		}
		r.readSource(ctx, name, name, in, yield)
	}
}

// Total returns the counts of all sources read so far.
func (r *Reader) Total() Counts { return r.total }

// Documents returns an iterator over the documents of all sources, in
// argument order, directories in lexical order. Each step yields either a
// document or an error: a non-nil error is an *Error about one source or
// record, and iteration continues after it. When ctx is cancelled the
// iterator yields ctx's error and stops.
func (r *Reader) Documents(ctx context.Context) iter.Seq2[*Document, error] {
	return func(yield func(*Document, error) bool) {
		if err := r.opts.validate(); err != nil {
			yield(nil, &Error{Err: err})
			return
		}
		for _, p := range r.paths {
			if err := ctx.Err(); err != nil {
				yield(nil, &Error{Err: err})
				return
			}
			if !r.readPath(ctx, p, yield) {
				return
			}
		}
	}
}

type yieldFunc = func(*Document, error) bool

// readPath reads one argument; false means stop.
func (r *Reader) readPath(ctx context.Context, p string, yield yieldFunc) bool {
	if p == "-" {
		in := r.opts.Stdin
		if in == nil {
			in = os.Stdin
		}
		return r.readSource(ctx, "-", "-", in, yield)
	}
	fi, err := os.Stat(p)
	if err != nil {
		return r.sourceFailed(SourceStats{Source: p, Root: p}, &Error{Source: p, Err: err}, yield)
	}
	if !fi.IsDir() {
		return r.readFile(ctx, p, p, yield)
	}
	cont := true
	walkErr := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			cont = r.sourceFailed(SourceStats{Source: path, Root: p}, &Error{Source: path, Err: err}, yield)
			if !cont {
				return fs.SkipAll
			}
			return nil
		}
		rel, _ := filepath.Rel(p, path)
		rel = filepath.ToSlash(rel)
		base := d.Name()
		if d.IsDir() {
			if path != p && matchAny(r.opts.Exclude, base, rel) {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			// Follow symbolic links to files; skip other special files.
			fi, err := os.Stat(path)
			if err != nil || !fi.Mode().IsRegular() {
				return nil
			}
		}
		if matchAny(r.opts.Exclude, base, rel) {
			return nil
		}
		if len(r.opts.Include) > 0 && !matchAny(r.opts.Include, base, rel) {
			return nil
		}
		if cont = r.readFile(ctx, path, p, yield); !cont {
			return fs.SkipAll
		}
		return nil
	})
	if walkErr != nil && cont {
		cont = yield(nil, &Error{Source: p, Err: walkErr})
	}
	return cont
}

func (r *Reader) readFile(ctx context.Context, path, root string, yield yieldFunc) bool {
	f, err := os.Open(path)
	if err != nil {
		return r.sourceFailed(SourceStats{Source: path, Root: root}, &Error{Source: path, Err: err}, yield)
	}
	defer f.Close()
	return r.readSource(ctx, path, root, f, yield)
}

// sourceFailed reports a source that could not be opened.
func (r *Reader) sourceFailed(st SourceStats, err error, yield yieldFunc) bool {
	st.SourceErrors = 1
	r.finish(st)
	return yield(nil, err)
}

func (r *Reader) finish(st SourceStats) {
	r.total.Add(st.Counts)
	if r.opts.OnSource != nil {
		r.opts.OnSource(st)
	}
}

// source carries the state of the source being read.
type source struct {
	r     *Reader
	ctx   context.Context
	st    SourceStats
	yield yieldFunc
}

// fail reports a record error; false means stop.
func (s *source) fail(record int, err error) bool {
	s.st.Failed++
	return s.yield(nil, &Error{Source: s.st.Source, Record: record, Err: err})
}

// sourceError reports an error that ends the source.
func (s *source) sourceError(record int, err error) bool {
	s.st.SourceErrors++
	return s.yield(nil, &Error{Source: s.st.Source, Record: record, Err: err})
}

// emit returns a document; false means stop.
func (s *source) emit(d *Document) bool {
	s.st.Documents++
	d.Source, d.Root = s.st.Source, s.st.Root
	return s.yield(d, nil)
}

// cancelled reports ctx's error once; true means stop.
func (s *source) cancelled(record int) bool {
	if err := s.ctx.Err(); err != nil {
		s.sourceError(record, err)
		return true
	}
	return false
}

func (r *Reader) readSource(ctx context.Context, name, root string, in io.Reader, yield yieldFunc) bool {
	s := &source{r: r, ctx: ctx, yield: yield, st: SourceStats{Source: name, Root: root}}
	s.st.Sources = 1
	cont := r.readStream(s, in)
	r.finish(s.st)
	return cont && ctx.Err() == nil
}

func (r *Reader) readStream(s *source, in io.Reader) bool {
	if s.cancelled(0) {
		return false
	}
	dec, closeDec, err := decompress(bufio.NewReaderSize(in, 64<<10))
	if err != nil {
		return s.sourceError(0, err)
	}
	defer closeDec()
	br := bufio.NewReaderSize(dec, 64<<10)
	// A read error here (a damaged compressed stream) is sticky: it is
	// reported when reading reaches it, after the records before it.
	head, _ := br.Peek(sniffSize)
	format := r.opts.Format
	if format == Auto {
		format, err = detect(s.st.Source, head)
		if err != nil {
			return s.sourceError(0, err)
		}
	}
	s.st.Format = format
	switch format {
	case JSONL:
		return r.readJSONL(s, br)
	case JSON:
		return r.readJSON(s, br)
	case WARC:
		return r.readWARC(s, br)
	default:
		return r.readWhole(s, br, head, format)
	}
}

// readWhole reads a text or HTML source as one document. A source in
// UTF-16 with a byte order mark is transcoded to UTF-8 (see
// Document.Decoded); any other is kept byte for byte.
func (r *Reader) readWhole(s *source, br *bufio.Reader, head []byte, format Format) bool {
	s.st.Records++
	utf16 := utf16Encoding(head) != ""
	if !utf16 {
		if i := bytes.IndexByte(head, 0); i >= 0 {
			return s.fail(0, fmt.Errorf("binary file (NUL byte at offset %d), not read as %s", i, format))
		}
	}
	max := r.opts.MaxDocumentSize
	body, err := io.ReadAll(io.LimitReader(br, max+1))
	if err != nil {
		s.st.Records--
		return s.sourceError(0, err)
	}
	if int64(len(body)) > max {
		return s.fail(0, limitError("file", flagMaxDocumentSize, max))
	}
	d := &Document{Format: format, Body: body}
	if utf16 {
		if d.Body, d.Decoded, err = decodeUTF16(body); err != nil {
			return s.fail(0, err)
		}
		if int64(len(d.Body)) > max {
			return s.fail(0, limitError("file decoded from "+d.Decoded, flagMaxDocumentSize, max))
		}
	}
	return s.emit(d)
}

// readJSONL reads one document per line.
func (r *Reader) readJSONL(s *source, br *bufio.Reader) bool {
	fields := jsonlFields{text: r.opts.TextField, id: r.opts.IDField, url: r.opts.URLField}
	max := r.opts.MaxLineSize
	var buf []byte
	for n := 1; ; n++ {
		if s.cancelled(n) {
			return false
		}
		line, tooLong, err := readLine(br, buf, max)
		buf = line[:0]
		if err != nil && err != io.EOF {
			resume := lostData(err)
			if resume == nil {
				return s.sourceError(n, fmt.Errorf("reading: %w", err))
			}
			// The line being read, and what was in the lost data, are
			// gone: one failed record says so, then reading goes on.
			s.st.Records++
			if !s.fail(n, err) {
				return false
			}
			resume()
			continue
		}
		if err == io.EOF && len(line) == 0 && !tooLong {
			return true
		}
		s.st.Records++
		if tooLong {
			if !s.fail(n, limitError("JSONL line", flagMaxLineSize, int64(max))) {
				return false
			}
		} else {
			line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
			if n == 1 {
				line = bytes.TrimPrefix(line, utf8BOM)
			}
			if len(bytes.TrimSpace(line)) == 0 {
				s.st.Blank++
			} else if d, perr := parseJSONL(bytes.Clone(line), fields); perr != nil {
				if !s.fail(n, perr) {
					return false
				}
			} else {
				d.Record = n
				if !s.emit(d) {
					return false
				}
			}
		}
		if err == io.EOF {
			return true
		}
	}
}

// readLine reads one line into buf (reused). A line longer than max bytes
// (line end excluded) is consumed entirely but not kept: tooLong is set.
func readLine(br *bufio.Reader, buf []byte, max int) (line []byte, tooLong bool, err error) {
	buf = buf[:0]
	for {
		frag, err := br.ReadSlice('\n')
		if !tooLong {
			// Keep up to two bytes more than max for a CRLF line end.
			if len(buf)+len(frag) > max+2 {
				tooLong = true
				buf = buf[:0]
			} else {
				buf = append(buf, frag...)
			}
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if !tooLong && len(bytes.TrimSuffix(bytes.TrimSuffix(buf, []byte("\n")), []byte("\r"))) > max {
			tooLong = true
			buf = buf[:0]
		}
		return buf, tooLong, err
	}
}
