package repeated

// Keyer hashes lines to the keys a Counter of the same Config counts, for
// callers that count documents per key elsewhere (a distributed combiner)
// and flag lines themselves. The zero value is not usable: see NewKeyer.
type Keyer struct{ cfg Config }

// NewKeyer returns the Keyer of cfg, or an error wrapping ErrConfig. Only
// Scope, Norm and MinLetters matter to keys.
func NewKeyer(cfg Config) (*Keyer, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, err
	}
	return &Keyer{cfg: cfg}, nil
}

// Keys appends to dst the key of each line of a document of scope, 0 for a
// line that is not counted (too few letters), and returns the extended
// slice: the keys Counter.Add counts, one entry per line.
func (k *Keyer) Keys(scope string, lines [][]byte, dst []uint64) []uint64 {
	seed := scopeSeed(k.cfg.Scope, scope)
	for _, ln := range lines {
		key, _ := k.key(seed, ln)
		dst = append(dst, key)
	}
	return dst
}

// key returns the key of line in the scope whose seed is seed, and false
// when the line has too few letters to count.
func (k *Keyer) key(seed uint64, line []byte) (uint64, bool) {
	if k.cfg.Norm == 0 {
		if countLetters(line) < k.cfg.MinLetters {
			return 0, false
		}
		return finish(fnv(seed, line)), true
	}
	var buf [256]byte
	norm, letters := appendNorm(buf[:0], line, k.cfg.Norm)
	if letters < k.cfg.MinLetters {
		return 0, false
	}
	return finish(fnv(seed, norm)), true
}
