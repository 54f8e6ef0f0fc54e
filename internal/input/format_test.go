package input

import (
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	tests := []struct {
		name, head string
		want       Format
		wantErr    bool
	}{
		{"a.warc.gz", "WARC/1.1", WARC, false},
		{"a.jsonl.zst", `{"text":"x"}`, JSONL, false},
		{"a.ndjson", "", JSONL, false},
		{"a.json", "  \n{\"a\":1}", JSONL, false},
		{"a.json", "[1,2]", JSON, false},
		{"a.json", "\"text\"", Auto, true},
		{"a.json", "{\n  \"output\": {}\n}", JSON, false},
		{"a.json", "{\"text\": \"x\"}\n{\"text\": \"y\"}", JSONL, false},
		{"a.JSON", "", JSONL, false},
		{"page.HTM", "plain", HTML, false},
		{"notes.txt", "<html>", Text, false},
		{"noext", "WARC/1.0\r\n", WARC, false},
		{"noext", "\xef\xbb\xbf{\"text\":1}", JSONL, false},
		{"noext", "\n  <!DOCTYPE HTML><p>", HTML, false},
		{"noext", "hello <BODY> there", HTML, false},
		{"noext", strings.Repeat("x", 1100) + "<html>", Text, false},
		{"noext", "just words", Text, false},
		{"-", "", Text, false},
		{"data.gz", "<head>", HTML, false},
	}
	for _, tt := range tests {
		got, err := detect(tt.name, []byte(tt.head))
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("detect(%q, %.20q) = %v, %v; want %v, error %v", tt.name, tt.head, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestParseFormat(t *testing.T) {
	for in, want := range map[string]Format{"": Auto, "auto": Auto, "JSONL": JSONL, " warc ": WARC, "html": HTML, "text": Text} {
		if got, err := ParseFormat(in); err != nil || got != want {
			t.Errorf("ParseFormat(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseFormat("pdf"); err == nil {
		t.Error("ParseFormat(pdf): no error")
	}
}

func TestTrimCompressionExt(t *testing.T) {
	for in, want := range map[string]string{"a.jsonl.gz": "a.jsonl", "b.warc.ZST": "b.warc", "c.zstd": "c", "d.txt": "d.txt", "gz": "gz"} {
		if got := TrimCompressionExt(in); got != want {
			t.Errorf("TrimCompressionExt(%q) = %q, want %q", in, got, want)
		}
	}
}
