package clean

import (
	"fmt"

	"github.com/chaff-dev/chaff/internal/input"
)

// Written lists the fields clean adds to a JSONL record, which the record
// must not hold already: chaff's own, and the output field when it is not
// the text field (the text field is meant to be replaced).
func (o *Options) Written() []string {
	fs := []string{StatsField}
	if o.Mark {
		fs = append(fs, SpansField)
	}
	if o.OutputField != "" && o.OutputField != o.TextField {
		fs = append(fs, o.OutputField)
	}
	return fs
}

// CheckRecord fails a JSONL record that already holds a field clean would
// write (see Written): replacing it would lose the record's data, adding
// it would give the object two keys of one name.
func CheckRecord(d *input.Document, written []string) error {
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
