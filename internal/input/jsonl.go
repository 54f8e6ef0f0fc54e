package input

import (
	"encoding/json"
	"errors"
	"fmt"
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
	members, open, isObject, err := scanObjectLine(line)
	if err != nil {
		// Ask encoding/json for a precise message.
		var v any
		jerr := json.Unmarshal(line, &v)
		var se *json.SyntaxError
		if errors.As(jerr, &se) {
			return nil, fmt.Errorf("invalid JSON at byte %d: %v", se.Offset, se)
		}
		if jerr != nil {
			return nil, fmt.Errorf("invalid JSON: %v", jerr)
		}
		return nil, errSyntax
	}
	if !isObject {
		return nil, fmt.Errorf("record is not a JSON object (starts with %q)", line[open])
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
	d.Body = unquote(raw)
	return d, nil
}

// scalarString renders an id or url value: strings are decoded, numbers
// and other scalars kept as written, objects and arrays ignored.
func scalarString(raw []byte) string {
	switch raw[0] {
	case '"':
		return string(unquote(raw))
	case '{', '[', 'n':
		return ""
	}
	return string(raw)
}
