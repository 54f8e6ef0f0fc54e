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
	// Truncated is true when a WARC payload ended before its declared
	// length; Body holds what was there.
	Truncated bool
	// Raw is the JSONL line the document was read from, without its line
	// end (nil for other formats). See SetFields.
	Raw []byte

	members   []member // top-level members of Raw
	openBrace int      // index of the opening brace in Raw
	idField   string
	urlField  string
}

// Field is a key and value for SetFields. Value is encoded with
// encoding/json (without HTML escaping); a json.RawMessage is inserted as
// is after validation.
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
	vals := make([][]byte, len(kv))
	for i, f := range kv {
		v, err := encodeValue(f.Value)
		if err != nil {
			return nil, fmt.Errorf("input: field %q: %w", f.Key, err)
		}
		vals[i] = v
	}
	if d.Raw == nil {
		return d.newObject(kv, vals)
	}
	used := make([]bool, len(kv))
	var out bytes.Buffer
	out.Grow(len(d.Raw) + 64)
	pos := 0
	for _, m := range d.members {
		for i, f := range kv {
			if f.Key == m.key {
				out.Write(d.Raw[pos:m.valStart])
				out.Write(vals[i])
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
	out.Write(d.Raw[pos:insert])
	first := len(d.members) == 0
	for i, f := range kv {
		if used[i] {
			continue
		}
		if !first {
			out.WriteByte(',')
		}
		first = false
		writeKey(&out, f.Key)
		out.Write(vals[i])
	}
	out.Write(d.Raw[insert:])
	return out.Bytes(), nil
}

func (d *Document) newObject(kv []Field, vals [][]byte) ([]byte, error) {
	var out bytes.Buffer
	out.WriteByte('{')
	n := 0
	has := func(k string) bool {
		for _, f := range kv {
			if f.Key == k {
				return true
			}
		}
		return false
	}
	for _, f := range []struct{ k, v string }{{d.idField, d.ID}, {d.urlField, d.URL}} {
		if f.v == "" || f.k == "" || has(f.k) {
			continue
		}
		v, _ := encodeValue(f.v)
		if n > 0 {
			out.WriteByte(',')
		}
		writeKey(&out, f.k)
		out.Write(v)
		n++
	}
	for i, f := range kv {
		if n > 0 {
			out.WriteByte(',')
		}
		writeKey(&out, f.Key)
		out.Write(vals[i])
		n++
	}
	out.WriteByte('}')
	return out.Bytes(), nil
}

func writeKey(out *bytes.Buffer, k string) {
	v, _ := encodeValue(k)
	out.Write(v)
	out.WriteByte(':')
}

// encodeValue encodes v as compact JSON without HTML escaping.
func encodeValue(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}
