package input

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Document is one document read from a source.
type Document struct {
	// Source is the path of the file the document comes from, or "-".
	Source string
	// Root is the path argument the source was found under (the directory
	// walked, or Source itself).
	Root string
	// Record is the 1-based record number in the source (JSONL line,
	// WARC record), or 0 for a whole-file document.
	Record int
	// ID and URL come from the JSONL id and url fields or from the WARC
	// WARC-Record-ID and WARC-Target-URI headers.
	ID, URL string
	// Format is the kind of Body: HTML or Text.
	Format Format
	// Body is the document text or HTML.
	Body []byte
	// ContentType is the payload media type of a WARC document.
	ContentType string
	// Decoded names the encoding Body was transcoded from to UTF-8
	// ("utf-16le" or "utf-16be", found by its byte order mark), or is ""
	// when Body holds the bytes of the input as they were.
	Decoded string
	// Truncated is true when a WARC payload ended before its declared
	// length; Body holds what was there.
	Truncated bool
	// Key is the member name of a record of an id-keyed JSON document
	// ({"zeta": {...}, "alpha": {...}}), "" otherwise. When the record
	// has no id field, Raw carries the key as its id field and ID is the
	// key; when it has one, Raw and ID keep the record's own id, which
	// may differ from Key.
	Key string
	// Raw is the JSONL line the document was read from, without its line
	// end (nil for other formats). See SetFields.
	Raw []byte

	members   []member // top-level members of Raw
	openBrace int      // index of the opening brace in Raw
	idField   string
	urlField  string
}

// hasMember reports whether Raw has a top-level member named key.
func (d *Document) hasMember(key string) bool {
	for _, m := range d.members {
		if m.key == key {
			return true
		}
	}
	return false
}

// Field is a key and value for SetFields. A string or a StringBytes is
// written as a JSON string; any other Value is encoded with encoding/json
// (without HTML escaping), a json.RawMessage inserted as is after
// validation.
type Field struct {
	Key   string
	Value any
}

// SetFields returns the document as a JSON object with the given fields set.
//
// For a JSONL document it rewrites Raw: the value of each existing key
// named in kv is replaced in place, keys not present are appended at the
// end in the order given, and every other byte (other fields, their order,
// spacing, escapes) is kept. For other documents it builds a new object
// holding the id and url fields (when set) followed by kv. The result has
// no line end.
func (d *Document) SetFields(kv ...Field) ([]byte, error) {
	return d.AppendFields(nil, kv...)
}

// AppendFields is SetFields appending to dst, for a caller that writes
// many records into storage of its own. On error it returns dst as it
// was.
func (d *Document) AppendFields(dst []byte, kv ...Field) ([]byte, error) {
	n := len(dst)
	var err error
	if d.Raw == nil {
		dst, err = d.appendObject(dst, kv)
	} else {
		dst, err = d.appendRaw(dst, kv)
	}
	if err != nil {
		return dst[:n], err
	}
	return dst, nil
}

// appendRaw appends Raw with the fields of kv set (see SetFields).
func (d *Document) appendRaw(out []byte, kv []Field) ([]byte, error) {
	var few [4]bool // whether each field of kv is set in place; most calls set one or two
	used := few[:]
	if len(kv) > len(few) {
		used = make([]bool, len(kv))
	}
	var err error
	pos := 0
	for _, m := range d.members {
		for i, f := range kv {
			if f.Key == m.key {
				out = append(out, d.Raw[pos:m.valStart]...)
				if out, err = appendValue(out, f); err != nil {
					return out, err
				}
				pos = m.valEnd
				used[i] = true
				break
			}
		}
	}
	// Appended fields go right after the last member (or the '{').
	insert := d.openBrace + 1
	if n := len(d.members); n > 0 {
		insert = d.members[n-1].valEnd
	}
	out = append(out, d.Raw[pos:insert]...)
	first := len(d.members) == 0
	for i, f := range kv {
		if used[i] {
			continue
		}
		if !first {
			out = append(out, ',')
		}
		first = false
		if out, err = appendMember(out, f); err != nil {
			return out, err
		}
	}
	return append(out, d.Raw[insert:]...), nil
}

// appendObject appends a new object of the id and url fields, when set
// and not in kv, then kv.
func (d *Document) appendObject(out []byte, kv []Field) ([]byte, error) {
	out = append(out, '{')
	n := 0
	has := func(k string) bool {
		for _, f := range kv {
			if f.Key == k {
				return true
			}
		}
		return false
	}
	var err error
	for _, f := range []Field{{d.idField, d.ID}, {d.urlField, d.URL}} {
		if f.Value == "" || f.Key == "" || has(f.Key) {
			continue
		}
		if n > 0 {
			out = append(out, ',')
		}
		out, _ = appendMember(out, f) // a string
		n++
	}
	for _, f := range kv {
		if n > 0 {
			out = append(out, ',')
		}
		if out, err = appendMember(out, f); err != nil {
			return out, err
		}
		n++
	}
	return append(out, '}'), nil
}

// appendMember appends "key":value.
func appendMember(out []byte, f Field) ([]byte, error) {
	out = appendString(out, f.Key)
	return appendValue(append(out, ':'), f)
}

// appendValue appends the value of f as compact JSON without HTML
// escaping.
func appendValue(out []byte, f Field) ([]byte, error) {
	switch v := f.Value.(type) {
	case string:
		return appendString(out, v), nil
	case StringBytes:
		return appendString(out, []byte(v)), nil
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(f.Value); err != nil {
		return out, fmt.Errorf("input: field %q: %w", f.Key, err)
	}
	return append(out, bytes.TrimSuffix(b.Bytes(), []byte("\n"))...), nil
}

// NameFields names the id and url fields of the object SetFields builds
// for a document that is not a JSONL record, as the reader names them
// for a WARC record: for documents made by hand.
func (d *Document) NameFields(id, url string) { d.idField, d.urlField = id, url }
