package input

import (
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// member locates one top-level member of a JSON object line.
type member struct {
	key              string
	valStart, valEnd int
}

// jsonlFields names the fields a JSONL record is read from.
type jsonlFields struct{ text, id, url string }

// parseJSONL parses one JSONL line (without its line end) into a Document.
// The line is kept as Raw; Body is a copy of the decoded text field.
func parseJSONL(line []byte, f jsonlFields) (*Document, error) {
	if !json.Valid(line) {
		var v any
		err := json.Unmarshal(line, &v)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, se)
		}
		return nil, fmt.Errorf("invalid JSON: %v", err)
	}
	open := skipSpace(line, 0)
	if line[open] != '{' {
		return nil, fmt.Errorf("record is not a JSON object (starts with %q)", line[open])
	}
	members, err := scanMembers(line, open)
	if err != nil {
		return nil, err
	}
	d := &Document{Raw: line, members: members, openBrace: open, idField: f.id, urlField: f.url, Format: Text}
	var text *member
	for i := range members {
		m := &members[i]
		switch m.key {
		case f.text:
			if text != nil {
				return nil, fmt.Errorf("duplicate field %q", f.text)
			}
			text = m
		case f.id:
			d.ID = scalarString(line[m.valStart:m.valEnd])
		case f.url:
			d.URL = scalarString(line[m.valStart:m.valEnd])
		}
	}
	if text == nil {
		return nil, fmt.Errorf("text field %q is missing", f.text)
	}
	raw := line[text.valStart:text.valEnd]
	if raw[0] != '"' {
		return nil, fmt.Errorf("text field %q is not a string", f.text)
	}
	d.Body, err = decodeString(raw)
	if err != nil {
		return nil, fmt.Errorf("text field %q: %v", f.text, err)
	}
	return d, nil
}

// scanMembers lists the top-level members of the object starting at open.
// The input must be valid JSON.
func scanMembers(b []byte, open int) ([]member, error) {
	var ms []member
	i := skipSpace(b, open+1)
	if b[i] == '}' {
		return ms, nil
	}
	for {
		i = skipSpace(b, i)
		kEnd := skipString(b, i)
		key, err := decodeString(b[i:kEnd])
		if err != nil {
			return nil, err
		}
		i = skipSpace(b, kEnd)
		i = skipSpace(b, i+1) // ':'
		vEnd := skipValue(b, i)
		ms = append(ms, member{key: string(key), valStart: i, valEnd: vEnd})
		i = skipSpace(b, vEnd)
		if b[i] == '}' {
			return ms, nil
		}
		i++ // ','
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\r' || b[i] == '\n') {
		i++
	}
	return i
}

// skipString returns the index after the string starting at b[i] == '"'.
func skipString(b []byte, i int) int {
	for i++; i < len(b); i++ {
		switch b[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return len(b)
}

// skipValue returns the index after the JSON value starting at b[i].
func skipValue(b []byte, i int) int {
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for ; i < len(b); i++ {
			switch b[i] {
			case '"':
				i = skipString(b, i) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1
				}
			}
		}
		return len(b)
	default:
		for ; i < len(b); i++ {
			switch b[i] {
			case ',', '}', ']', ' ', '\t', '\r', '\n':
				return i
			}
		}
		return len(b)
	}
}

// decodeString decodes a JSON string literal into a new byte slice.
func decodeString(raw []byte) ([]byte, error) {
	inner := raw[1 : len(raw)-1]
	plain := utf8.Valid(inner)
	for _, c := range inner {
		if c == '\\' {
			plain = false
			break
		}
	}
	if plain {
		return append([]byte(nil), inner...), nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return nil, err
	}
	return []byte(s), nil
}

// scalarString renders an id or url value: strings are decoded, numbers
// and other scalars kept as written, objects and arrays ignored.
func scalarString(raw []byte) string {
	switch raw[0] {
	case '"':
		s, err := decodeString(raw)
		if err != nil {
			return ""
		}
		return string(s)
	case '{', '[', 'n':
		return ""
	}
	return string(raw)
}
