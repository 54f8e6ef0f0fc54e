package input

// Has reports whether a JSONL document's record holds a top-level field
// named key (after JSON unescaping). Other documents hold no fields.
func (d *Document) Has(key string) bool {
	for _, m := range d.members {
		if m.key == key {
			return true
		}
	}
	return false
}
