package input

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// sizeUnits maps a size suffix, lower-cased, to its multiplier. As in GNU
// coreutils, a bare letter and the IEC "iB" forms are powers of 1024, the
// SI "B" forms powers of 1000.
var sizeUnits = map[string]int64{
	"": 1, "b": 1,
	"k": 1 << 10, "kib": 1 << 10, "kb": 1e3,
	"m": 1 << 20, "mib": 1 << 20, "mb": 1e6,
	"g": 1 << 30, "gib": 1 << 30, "gb": 1e9,
	"t": 1 << 40, "tib": 1 << 40, "tb": 1e12,
}

var errSize = errors.New("want a positive size such as 512k, 64MB or 1GiB (k, M, G, T and KiB... are powers of 1024, KB, MB... powers of 1000)")

// ParseSize parses a positive byte size: a decimal number, optionally
// with a fraction, and a unit among B, k, KiB, KB, M, MiB, MB, G, GiB, GB,
// T, TiB and TB (case-insensitive; k, M, G, T and the iB forms are powers
// of 1024, KB, MB, GB and TB powers of 1000). A fractional result is
// rounded down to whole bytes. Zero, negative, non-numeric and sizes
// beyond an int64 are errors.
func ParseSize(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := strings.IndexFunc(t, func(r rune) bool { return (r < '0' || r > '9') && r != '.' })
	if i < 0 {
		i = len(t)
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	mult, ok := sizeUnits[unit]
	if num == "" || !ok {
		return 0, fmt.Errorf("size %q: %w", s, errSize)
	}
	r, ok := new(big.Rat).SetString(num)
	if !ok {
		return 0, fmt.Errorf("size %q: %w", s, errSize)
	}
	r.Mul(r, new(big.Rat).SetInt64(mult))
	n := new(big.Int).Quo(r.Num(), r.Denom())
	if !n.IsInt64() {
		return 0, fmt.Errorf("size %q is too large (at most %d bytes)", s, int64(math.MaxInt64))
	}
	if n.Sign() <= 0 {
		return 0, fmt.Errorf("size %q: %w", s, errSize)
	}
	return n.Int64(), nil
}

// FormatSize writes n bytes in the largest power-of-1024 unit that keeps
// it whole, e.g. "64MiB", "1536KiB", "100B": what ParseSize reads back.
func FormatSize(n int64) string {
	for _, u := range []struct {
		name string
		mult int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.mult && n%u.mult == 0 {
			return strconv.FormatInt(n/u.mult, 10) + u.name
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}
