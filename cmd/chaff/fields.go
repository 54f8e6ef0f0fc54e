package main

import "github.com/chaff-dev/chaff/internal/clean"

// checkFieldFlags refuses, for clean, field flags that would make chaff
// write one key twice in an object or overwrite a field it reads: the
// field the text goes to (--output-field, or the text field) must not be
// one of chaff's own fields nor the id or URL field, and a WARC record's
// object {id, url, text, chaff} needs four names.
func (rf *runFlags) checkFieldFlags() error {
	own := []string{clean.StatsField, clean.SpansField}
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
