package main

import (
	"fmt"

	"github.com/chaff-dev/chaff/internal/input"
)

// checkFieldFlags refuses, for clean, field flags that would make chaff
// write one key twice in an object or overwrite a field it reads: the
// field the text goes to (--output-field, or the text field) must not be
// one of chaff's own fields nor the id or URL field, and a WARC record's
// object {id, url, text, chaff} needs four names.
func (rf *runFlags) checkFieldFlags() error {
	own := []string{statsField, spansField}
	out, outFlag := rf.textField, "--text-field"
	if rf.outputField != "" {
		out, outFlag = rf.outputField, "--output-field"
	}
	for _, f := range own {
		if out == f {
			return usagef("%s %s: chaff writes its own field %q", outFlag, out, f)
		}
	}
	if rf.outputField != "" {
		for _, f := range []struct{ flag, name string }{{"--id-field", rf.idField}, {"--url-field", rf.urlField}} {
			if rf.outputField == f.name {
				return usagef("--output-field %s is the %s: the record's %s would be overwritten", rf.outputField, f.flag, f.name)
			}
		}
	}
	for _, f := range []struct{ flag, name string }{{"--id-field", rf.idField}, {"--url-field", rf.urlField}} {
		for _, o := range own {
			if f.name == o {
				return usagef("%s %s: chaff writes its own field %q", f.flag, f.name, o)
			}
		}
	}
	if rf.idField == rf.urlField {
		return usagef("--id-field and --url-field are both %q: a WARC record's object would hold it twice", rf.idField)
	}
	return nil
}

// writtenFields lists the fields clean adds to a JSONL record, which the
// record must not hold already: chaff's own, and --output-field when it
// is not the text field (the text field is meant to be replaced).
func (rf *runFlags) writtenFields() []string {
	fs := []string{statsField}
	if rf.mark {
		fs = append(fs, spansField)
	}
	if rf.outputField != "" && rf.outputField != rf.textField {
		fs = append(fs, rf.outputField)
	}
	return fs
}

// checkRecordFields fails a JSONL record that already holds a field clean
// would write: replacing it would lose the record's data, adding it would
// give the object two keys of one name.
func checkRecordFields(d *input.Document, written []string) error {
	if d.Raw == nil {
		return nil
	}
	for _, f := range written {
		if d.Has(f) {
			return fmt.Errorf("the record already holds a field %q, which chaff writes: not overwritten (rename the field, or choose another --output-field)", f)
		}
	}
	return nil
}
