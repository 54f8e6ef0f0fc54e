package main

import (
	"encoding/json"
	"fmt"
	"sort"

	"github.com/chaff-dev/chaff/input"
	"github.com/chaff-dev/chaff/output"
	"github.com/sirupsen/logrus"
)

// summary is the account of a run, logged at the end and written by
// --stats. Every record the reader saw is accounted for:
//
//	RecordsIn == DocumentsOut + RecordsFailed + RecordsSkipped
//
// where RecordsFailed counts records the reader could not read and
// documents that failed later (HTML extraction, an output clash), and
// RecordsSkipped counts records that are not documents on purpose (WARC
// request records, non-HTML payloads, blank JSONL lines). Errors that end a
// source (an unreadable file, a truncated gzip stream) are SourceErrors:
// what followed them in that source was never seen as records.
type summary struct {
	Sources        int            `json:"sources"`
	SourceErrors   int            `json:"source_errors"`
	RecordsIn      int            `json:"records_in"`
	DocumentsRead  int            `json:"documents_read"`
	DocumentsOut   int            `json:"documents_out"`
	RecordsFailed  int            `json:"records_failed"`
	RecordsSkipped int            `json:"records_skipped"`
	DocsFailed     int            `json:"documents_failed"`
	Uncut          int            `json:"documents_uncut"`
	Truncated      int            `json:"documents_truncated"`
	Lines          int            `json:"lines"`
	NonBlank       int            `json:"lines_non_blank"`
	Kept           int            `json:"lines_kept"`
	Dropped        map[string]int `json:"lines_dropped"`
	BytesIn        int64          `json:"bytes_in"`
	BytesOut       int64          `json:"bytes_out"`
	Errors         int            `json:"errors"`
	Seconds        float64        `json:"seconds"`
}

// addDoc counts one document written.
func (s *summary) addDoc(d *input.Document, res *result) {
	s.DocumentsOut++
	c := &res.counts
	s.Lines += c.Lines
	s.NonBlank += c.NonBlank
	s.Kept += c.Kept
	if s.Dropped == nil {
		s.Dropped = map[string]int{}
	}
	for k, v := range c.Dropped {
		s.Dropped[k] += v
	}
	if c.Uncut {
		s.Uncut++
	}
	s.BytesIn += int64(len(d.Body))
}

// setInput takes the reader's counts once the run is over.
func (s *summary) setInput(c input.Counts) {
	s.Sources = c.Sources
	s.SourceErrors = c.SourceErrors
	s.RecordsIn = c.Records
	s.DocumentsRead = c.Documents
	s.RecordsSkipped = c.Skipped + c.Blank
	s.RecordsFailed = c.Failed + s.DocsFailed
	if s.Dropped == nil {
		s.Dropped = map[string]int{}
	}
}

// balanced reports whether every record is accounted for.
func (s *summary) balanced() bool {
	return s.RecordsIn == s.DocumentsOut+s.RecordsFailed+s.RecordsSkipped &&
		s.DocumentsRead == s.DocumentsOut+s.DocsFailed
}

// reportSummary logs the summary at info level, and an error if the
// counts do not add up (a bug: some document was lost).
func (r *runner) reportSummary() {
	s := &r.sum
	s.BytesOut = r.dest.written
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
	if s.Uncut > 0 {
		f["documents_uncut"] = s.Uncut
	}
	if s.Seconds > 0 {
		f["mb_per_s"] = fmt.Sprintf("%.2f", float64(s.BytesIn)/1e6/s.Seconds)
	}
	r.e.log.WithFields(f).WithField("dropped", dropList(s.Dropped)).Info("summary")
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
	f, err := output.Create(r.rf.statsFile)
	if err != nil {
		return err
	}
	defer f.Abort()
	f.Write(b)
	f.Write([]byte{'\n'})
	return f.Commit()
}
