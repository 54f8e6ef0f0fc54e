package input

// Counts tallies what happened to the records of one or more sources.
// For every source read, Records == Documents + Skipped + Blank + Failed:
// each record was returned, skipped on purpose (for example a WARC request
// record or a non-HTML payload), blank (an empty JSONL line), or reported
// as an error. A source error (unreadable file, truncated compressed
// stream) ends that source and is counted in SourceErrors; the record it
// names and anything after it are lost, which the error says.
type Counts struct {
	Sources      int // sources opened
	SourceErrors int // errors that ended a source or prevented opening it
	Records      int // records seen (JSONL lines, WARC records, whole files)
	Documents    int // documents returned
	Skipped      int // records that are not documents, on purpose
	Blank        int // blank JSONL lines
	Failed       int // records reported with an error
}

// Add adds the counts of o to c.
func (c *Counts) Add(o Counts) {
	c.Sources += o.Sources
	c.SourceErrors += o.SourceErrors
	c.Records += o.Records
	c.Documents += o.Documents
	c.Skipped += o.Skipped
	c.Blank += o.Blank
	c.Failed += o.Failed
}

// Balanced reports whether every record seen is accounted for.
func (c Counts) Balanced() bool {
	return c.Records == c.Documents+c.Skipped+c.Blank+c.Failed
}

// SourceStats are the counts for one source.
type SourceStats struct {
	Source string // path, or "-" for standard input
	Root   string // the argument the source was found under
	Format Format // format the source was read as (Auto if not reached)
	Counts
}
