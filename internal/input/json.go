package input

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// readJSON reads a source holding one JSON document of records (see
// JSON). Each record becomes a document as a JSONL line would, its object
// compacted onto one line, in the order of the document. A record of an
// id-keyed object keeps its key: when the record has no id field the key
// is inserted as its first member, so that the written record carries it;
// when it has one, the record's own id is kept as written and the key is
// only in Document.Key. The document is read whole, within
// MaxDocumentSize.
func (r *Reader) readJSON(s *source, br *bufio.Reader) bool {
	max := r.opts.MaxDocumentSize
	data, err := io.ReadAll(io.LimitReader(br, max+1))
	if err != nil {
		return s.sourceError(0, err)
	}
	if int64(len(data)) > max {
		return s.sourceError(0, limitError("JSON document", flagMaxDocumentSize, max))
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
		d, err := jsonRecordDocument(rec, fields)
		if err != nil {
			if !s.fail(n+1, err) {
				return false
			}
			continue
		}
		d.Record = n + 1
		if !s.emit(d) {
			return false
		}
	}
	return true
}

// jsonRecordDocument turns one record into a document: its object
// compacted onto one line, with its key as id field when it has a key
// and no id field.
func jsonRecordDocument(rec jsonRecord, f jsonlFields) (*Document, error) {
	var line bytes.Buffer
	if err := json.Compact(&line, rec.raw); err != nil {
		return nil, err
	}
	d, err := parseJSONL(line.Bytes(), f)
	if err != nil || !rec.keyed {
		return d, err
	}
	d.Key = rec.key
	if d.hasMember(f.id) {
		return d, nil
	}
	withID := appendString(append(make([]byte, 0, line.Len()+len(f.id)+len(rec.key)+8), '{'), f.id)
	withID = appendString(append(withID, ':'), rec.key)
	// The record is not empty: parseJSONL found its text field.
	withID = append(append(withID, ','), line.Bytes()[1:]...)
	if d, err = parseJSONL(withID, f); err != nil {
		return nil, err
	}
	d.Key = rec.key
	return d, nil
}

// jsonRecord is one record of a JSON document and, when the records are
// an id-keyed object, its key.
type jsonRecord struct {
	key   string
	keyed bool
	raw   json.RawMessage
}

var errNoRecords = errors.New("no records: want an array of objects or an object of objects, maybe under one member")

// jsonRecords finds the records of a JSON document, in document order:
// the elements of an array, the members of an object whose values are all
// objects (a key repeated gives one record per member: none is lost), or
// either of these as the value of the first member of a wrapping object
// that holds them ({"version": 1, "output": {...}}).
func jsonRecords(data []byte) ([]jsonRecord, error) {
	if !json.Valid(data) {
		var v any
		err := json.Unmarshal(data, &v)
		return nil, fmt.Errorf("invalid JSON document: %v", err)
	}
	recs, ok := container(data)
	if ok {
		return recs, nil
	}
	if firstNonSpace(data) != '{' {
		return nil, errNoRecords
	}
	for _, m := range objectMembers(data) {
		if recs, ok := container(m.raw); ok && len(recs) > 0 {
			return recs, nil
		}
	}
	return nil, errNoRecords
}

// container returns the records of valid JSON data when it is an array of
// objects or a non-empty object whose values are all objects.
func container(data []byte) ([]jsonRecord, bool) {
	switch firstNonSpace(data) {
	case '[':
		var elems []json.RawMessage
		if json.Unmarshal(data, &elems) != nil {
			return nil, false
		}
		recs := make([]jsonRecord, 0, len(elems))
		for _, e := range elems {
			if !isObject(e) {
				return nil, false
			}
			recs = append(recs, jsonRecord{raw: e})
		}
		return recs, true
	case '{':
		recs := objectMembers(data)
		for _, m := range recs {
			if !isObject(m.raw) {
				return nil, false
			}
		}
		return recs, len(recs) > 0
	}
	return nil, false
}

// objectMembers returns the members of a valid JSON object in the order
// written, repeated keys included.
func objectMembers(data []byte) []jsonRecord {
	dec := json.NewDecoder(bytes.NewReader(data))
	if _, err := dec.Token(); err != nil { // '{'
		return nil
	}
	var ms []jsonRecord
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil
		}
		key, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil
		}
		ms = append(ms, jsonRecord{key: key, keyed: true, raw: raw})
	}
	return ms
}

func isObject(raw json.RawMessage) bool {
	return firstNonSpace(raw) == '{'
}
