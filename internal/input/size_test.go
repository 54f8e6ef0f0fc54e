package input

import (
	"strings"
	"testing"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		err  string // part of the error, "" for none
	}{
		{"1", 1, ""},
		{"100B", 100, ""},
		{"512k", 512 << 10, ""},
		{"512K", 512 << 10, ""},
		{"64MB", 64e6, ""},
		{"64MiB", 64 << 20, ""},
		{"64m", 64 << 20, ""},
		{"1GiB", 1 << 30, ""},
		{"1gb", 1e9, ""},
		{" 2 TiB ", 2 << 40, ""},
		{"1.5KiB", 1536, ""},
		{"0.5", 0, "positive"},
		{"0", 0, "positive"},
		{"0MB", 0, "positive"},
		{"-1MB", 0, "positive"},
		{"", 0, "positive"},
		{"MB", 0, "positive"},
		{"NaN", 0, "positive"},
		{"Inf", 0, "positive"},
		{"1e3", 0, "positive"},
		{"0x10", 0, "positive"},
		{"1..2", 0, "positive"},
		{"12 parsecs", 0, "positive"},
		{"9223372036854775807", 1<<63 - 1, ""},
		{"9223372036854775808", 0, "too large"},
		{"8EiB", 0, "positive"},
		{"9000000TiB", 0, "too large"},
	}
	for _, tt := range tests {
		got, err := ParseSize(tt.in)
		switch {
		case tt.err == "" && (err != nil || got != tt.want):
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		case tt.err != "" && (err == nil || !strings.Contains(err.Error(), tt.err)):
			t.Errorf("ParseSize(%q) = %d, %v; want an error containing %q", tt.in, got, err, tt.err)
		}
	}
}

func TestFormatSize(t *testing.T) {
	for _, n := range []int64{1, 100, 1024, 1536, 64 << 20, 256 << 20, 1 << 40, 1e9} {
		s := FormatSize(n)
		back, err := ParseSize(s)
		if err != nil || back != n {
			t.Errorf("FormatSize(%d) = %q, read back as %d, %v", n, s, back, err)
		}
	}
	if got := FormatSize(64 << 20); got != "64MiB" {
		t.Errorf("FormatSize(64<<20) = %q, want 64MiB", got)
	}
}
