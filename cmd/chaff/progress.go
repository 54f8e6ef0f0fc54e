package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/chaff-dev/chaff/internal/input"
	"github.com/schollz/progressbar/v3"
)

// progress shows documents, bytes, speed and (when the total size of the
// inputs is known) the time left on stderr. A nil *progress does nothing.
type progress struct {
	bar      *progressbar.ProgressBar
	total    int64 // -1 when unknown
	docs     int
	doneSrc  int64 // bytes of the sources finished
	inSrc    int64 // bytes read so far from the current source
	src      string
	srcSize  int64
	lastDesc time.Time
}

// newProgress returns a progress bar writing to w, or nil when show is
// false.
func newProgress(w io.Writer, show bool, paths []string, filtered bool) *progress {
	if !show {
		return nil
	}
	total := inputSize(paths)
	if filtered {
		total = -1
	}
	p := &progress{total: total}
	p.bar = progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("0 docs"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetWidth(20),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionSetPredictTime(total > 0),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionSpinnerType(14),
	)
	return p
}

// showProgress decides whether to show progress: always, never, or (auto)
// when stderr is a terminal.
func showProgress(setting string, stderr io.Writer) bool {
	switch setting {
	case "always":
		return true
	case "never":
		return false
	}
	f, ok := stderr.(*os.File)
	return ok && isTerminal(f)
}

// inputSize is the total size of the inputs, or -1 when it cannot be known
// up front (standard input, compressed files).
func inputSize(paths []string) int64 {
	var total int64
	unknown := false
	for _, p := range paths {
		if p == "-" {
			return -1
		}
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if compressedName(path) {
				unknown = true
				return fs.SkipAll
			}
			if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
				total += fi.Size()
			}
			return nil
		})
		if err != nil || unknown {
			return -1
		}
	}
	return total
}

func compressedName(p string) bool { return input.TrimCompressionExt(p) != p }

// add counts one document.
func (p *progress) add(d *input.Document) {
	if p == nil {
		return
	}
	if d.Source != p.src {
		p.doneSrc += p.srcSize
		p.src, p.inSrc, p.srcSize = d.Source, 0, 0
		if fi, err := os.Stat(d.Source); err == nil && !compressedName(d.Source) {
			p.srcSize = fi.Size()
		}
	}
	p.docs++
	n := int64(len(d.Body))
	if d.Raw != nil {
		n = int64(len(d.Raw)) + 1
	}
	p.inSrc += n
	pos := p.doneSrc + p.inSrc
	if p.total > 0 {
		pos = min(p.doneSrc+min(p.inSrc, p.srcSize), p.total)
	}
	if now := time.Now(); now.Sub(p.lastDesc) > 200*time.Millisecond {
		p.lastDesc = now
		p.bar.Describe(fmt.Sprintf("%d docs", p.docs))
	}
	p.bar.Set64(pos)
}

// finish removes the bar.
func (p *progress) finish() {
	if p == nil {
		return
	}
	p.bar.Describe(fmt.Sprintf("%d docs", p.docs))
	p.bar.Finish()
	p.bar.Clear()
}
