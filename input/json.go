package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
)

// readJSON reads a source holding one JSON document of records (see
// JSON). Each record becomes a document as a JSONL line would, its object
// compacted onto one line; a record of an id-keyed object takes its key as
// id when it has no id field. The document is read whole, within
// MaxDocumentSize.
func (r *Reader) readJSON(s *source, br *bufio.Reader) bool {
	max := r.opts.MaxDocumentSize
	data, err := io.ReadAll(io.LimitReader(br, max+1))
	if err != nil {
		return s.sourceError(0, err)
	}
	if int64(len(data)) > max {
		return s.sourceError(0, fmt.Errorf("JSON document larger than the maximum document size of %d bytes", max))
	}
	recs, err := jsonRecords(bytes.TrimPrefix(data, utf8BOM))
	if err != nil {
		return s.sourceError(0, err)
	}
	fields := jsonlFields{text: r.opts.TextField, id: r.opts.IDField, url: r.opts.URLField}
	for n, rec := range recs {
		if s.cancelled(n + 1) {
			return false
		}
		s.st.Records++
		var line bytes.Buffer
		if err := json.Compact(&line, rec.raw); err != nil {
			if !s.fail(n+1, err) {
				return false
			}
			continue
		}
		d, err := parseJSONL(line.Bytes(), fields)
		if err != nil {
			if !s.fail(n+1, err) {
				return false
			}
			continue
		}
		d.Record = n + 1
		if d.ID == "" {
			d.ID = rec.key
		}
		if !s.emit(d) {
			return false
		}
	}
	return true
}

// jsonRecord is one record of a JSON document and its key, when the
// records are an id-keyed object.
type jsonRecord struct {
	key string
	raw json.RawMessage
}

var errNoRecords = errors.New("no records: want an array of objects or an object of objects, maybe under one member")

// jsonRecords finds the records of a JSON document: the elements of an
// array, the values of an object whose values are all objects (in key
// order), or either of these as the value of the one member of a wrapping
// object that holds them ({"version": 1, "output": {...}}).
func jsonRecords(data []byte) ([]jsonRecord, error) {
	recs, ok, err := container(data)
	if err != nil || ok {
		return recs, err
	}
	if bytes.TrimSpace(data)[0] != '{' {
		return nil, errNoRecords
	}
	var wrapper map[string]json.RawMessage
	if err := json.Unmarshal(data, &wrapper); err != nil {
		return nil, fmt.Errorf("invalid JSON document: %v", err)
	}
	keys := make([]string, 0, len(wrapper))
	for k := range wrapper {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if recs, ok, _ := container(wrapper[k]); ok && len(recs) > 0 {
			return recs, nil
		}
	}
	return nil, errNoRecords
}

// container returns the records of data when it is an array of objects
// or an object whose values are all objects.
func container(data []byte) ([]jsonRecord, bool, error) {
	data = bytes.TrimSpace(data)
	if len(data) == 0 {
		return nil, false, errNoRecords
	}
	switch data[0] {
	case '[':
		var elems []json.RawMessage
		if err := json.Unmarshal(data, &elems); err != nil {
			return nil, false, fmt.Errorf("invalid JSON document: %v", err)
		}
		recs := make([]jsonRecord, 0, len(elems))
		for _, e := range elems {
			if !isObject(e) {
				return nil, false, nil
			}
			recs = append(recs, jsonRecord{raw: e})
		}
		return recs, true, nil
	case '{':
		var members map[string]json.RawMessage
		if err := json.Unmarshal(data, &members); err != nil {
			return nil, false, fmt.Errorf("invalid JSON document: %v", err)
		}
		keys := make([]string, 0, len(members))
		for k, v := range members {
			if !isObject(v) {
				return nil, false, nil
			}
			keys = append(keys, k)
		}
		sort.Strings(keys)
		recs := make([]jsonRecord, 0, len(keys))
		for _, k := range keys {
			recs = append(recs, jsonRecord{key: k, raw: members[k]})
		}
		return recs, len(recs) > 0, nil
	}
	return nil, false, errNoRecords
}

func isObject(raw json.RawMessage) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) > 0 && raw[0] == '{'
}
