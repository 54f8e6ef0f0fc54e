package main

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/chaff-dev/chaff/internal/input"
	"github.com/sirupsen/logrus"
)

// summary is the account of a run, logged at the end and written by
// --stats. Every record the reader saw is accounted for:
//
//	RecordsIn == DocumentsOut + RecordsFailed + RecordsSkipped
//
// where DocumentsOut counts documents whose output is committed (renamed
// into place, or taken by the output stream), RecordsFailed counts
// records the reader could not read, documents that failed later (HTML
// extraction, a field clash, their output lost) and documents abandoned
// when the run stopped early (a signal, a fatal error), and RecordsSkipped
// counts records that are not documents on purpose (WARC request records,
// non-HTML payloads, blank JSONL lines). Errors that end a source (an
// unreadable file, a truncated gzip stream) are SourceErrors: what
// followed them in that source was never seen as records.
type summary struct {
	Sources        int            `json:"sources"`
	SourceErrors   int            `json:"source_errors"`
	RecordsIn      int            `json:"records_in"`
	DocumentsRead  int            `json:"documents_read"`
	DocumentsOut   int            `json:"documents_out"`
	RecordsFailed  int            `json:"records_failed"`
	RecordsSkipped int            `json:"records_skipped"`
	DocsFailed     int            `json:"documents_failed"`
	DocsAbandoned  int            `json:"documents_abandoned"`
	Uncut          int            `json:"documents_uncut"`
	Rescued        int            `json:"documents_rescued"` // emptied by the model, given their best block back
	Truncated      int            `json:"documents_truncated"`
	Lines          int            `json:"lines"`
	NonBlank       int            `json:"lines_non_blank"`
	Kept           int            `json:"lines_kept"`
	Dropped        map[string]int `json:"lines_dropped"`
	BytesIn        int64          `json:"bytes_in"`
	BytesOut       int64          `json:"bytes_out"`
	Errors         int            `json:"errors"`
	FirstError     string         `json:"first_error,omitempty"`
	Interrupted    bool           `json:"interrupted,omitempty"`
	Signal         string         `json:"signal,omitempty"`
	Seconds        float64        `json:"seconds"`
}

// tally counts documents written: one, or those of one output file.
type tally struct {
	Docs, Lines, NonBlank, Kept, Uncut, Rescued int
	Dropped                                     map[string]int
	BytesIn, BytesOut                           int64
}

// add counts one document. A first document's dropped counts are taken,
// not copied: the result is done with once written.
func (t *tally) add(d *input.Document, res *result) {
	c := &res.counts
	t.Docs++
	t.Lines += c.Lines
	t.NonBlank += c.NonBlank
	t.Kept += c.Kept
	if c.Uncut {
		t.Uncut++
	}
	if c.Fallback != "" {
		t.Rescued++
	}
	t.BytesIn += int64(len(d.Body))
	if t.Dropped == nil {
		t.Dropped = c.Dropped
		return
	}
	t.addDropped(c.Dropped)
}

func (t *tally) addDropped(m map[string]int) {
	if len(m) == 0 {
		return
	}
	if t.Dropped == nil {
		t.Dropped = make(map[string]int, len(m))
	}
	for k, v := range m {
		t.Dropped[k] += v
	}
}

// merge adds the counts of o, taking its dropped counts when t has none:
// o is done with.
func (t *tally) merge(o *tally) {
	t.Docs += o.Docs
	t.Lines += o.Lines
	t.NonBlank += o.NonBlank
	t.Kept += o.Kept
	t.Uncut += o.Uncut
	t.Rescued += o.Rescued
	t.BytesIn += o.BytesIn
	t.BytesOut += o.BytesOut
	if t.Dropped == nil {
		t.Dropped = o.Dropped
		return
	}
	t.addDropped(o.Dropped)
}

// addWritten counts documents whose output is committed.
func (s *summary) addWritten(t *tally) {
	s.DocumentsOut += t.Docs
	s.Lines += t.Lines
	s.NonBlank += t.NonBlank
	s.Kept += t.Kept
	s.Uncut += t.Uncut
	s.Rescued += t.Rescued
	s.BytesIn += t.BytesIn
	s.BytesOut += t.BytesOut
	if s.Dropped == nil {
		s.Dropped = map[string]int{}
	}
	for k, v := range t.Dropped {
		s.Dropped[k] += v
	}
}

// noteError counts an error, keeping the first one's message.
func (s *summary) noteError(msg string) {
	s.Errors++
	if s.FirstError == "" {
		s.FirstError = msg
	}
}

// setInput takes the reader's counts once the run is over. When the run
// stopped early, the documents read but neither written nor failed were
// abandoned; otherwise there must be none (see balanced).
func (s *summary) setInput(c input.Counts, stopped bool) {
	s.Sources = c.Sources
	s.SourceErrors = c.SourceErrors
	s.RecordsIn = c.Records
	s.DocumentsRead = c.Documents
	s.RecordsSkipped = c.Skipped + c.Blank
	if stopped {
		s.DocsAbandoned = max(c.Documents-s.DocumentsOut-s.DocsFailed, 0)
	}
	s.RecordsFailed = c.Failed + s.DocsFailed + s.DocsAbandoned
	if s.Dropped == nil {
		s.Dropped = map[string]int{}
	}
}

// balanced reports whether every record is accounted for.
func (s *summary) balanced() bool {
	return s.RecordsIn == s.DocumentsOut+s.RecordsFailed+s.RecordsSkipped &&
		s.DocumentsRead == s.DocumentsOut+s.DocsFailed+s.DocsAbandoned
}

// reportSummary logs the summary, at info level or at warning level when
// the run stopped early, and an error if the counts do not add up (a
// bug: some document was lost).
func (r *runner) reportSummary() {
	s := &r.sum
	f := logrus.Fields{
		"records_in":      s.RecordsIn,
		"documents_out":   s.DocumentsOut,
		"records_failed":  s.RecordsFailed,
		"records_skipped": s.RecordsSkipped,
		"source_errors":   s.SourceErrors,
		"lines":           s.Lines,
		"lines_kept":      s.Kept,
		"errors":          s.Errors,
	}
	if s.FirstError != "" {
		f["first_error"] = s.FirstError
	}
	if s.Uncut > 0 {
		f["documents_uncut"] = s.Uncut
	}
	if s.Rescued > 0 {
		f["documents_rescued"] = s.Rescued
	}
	if s.DocsAbandoned > 0 {
		f["documents_abandoned"] = s.DocsAbandoned
	}
	if s.Interrupted {
		f["interrupted"] = true
		f["signal"] = s.Signal
	}
	if s.Seconds > 0 {
		f["mb_per_s"] = fmt.Sprintf("%.2f", float64(s.BytesIn)/1e6/s.Seconds)
	}
	entry := r.e.log.WithFields(f).WithField("dropped", dropList(s.Dropped))
	if s.Interrupted || s.DocsAbandoned > 0 {
		entry.Warn("summary")
	} else {
		entry.Info("summary")
	}
	if !s.balanced() {
		r.e.log.WithFields(f).Errorf("counts do not add up: %d records in, %d read as documents; %d out + %d failed + %d skipped", s.RecordsIn, s.DocumentsRead, s.DocumentsOut, s.RecordsFailed, s.RecordsSkipped)
		s.Errors++
	}
}

// dropList writes dropped counts as "category=n ..." by falling count.
func dropList(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	s := ""
	for i, k := range keys {
		if i > 0 {
			s += " "
		}
		s += fmt.Sprintf("%s=%d", k, m[k])
	}
	return s
}

// writeStats writes the summary as JSON to the --stats file.
func (r *runner) writeStats() error {
	if r.rf.statsFile == "" {
		return nil
	}
	b, err := json.MarshalIndent(&r.sum, "", "  ")
	if err != nil {
		return err
	}
	f, err := r.e.createFile(r.rf.statsFile)
	if err != nil {
		return err
	}
	defer f.Abort()
	if _, err := f.Write(append(b, '\n')); err != nil {
		return err
	}
	return f.Commit()
}
