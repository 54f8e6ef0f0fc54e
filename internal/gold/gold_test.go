package gold

import (
	"bytes"
	"strings"
	"testing"

	"github.com/chaff-dev/chaff/internal/label"
)

func TestExcerpt(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"a\tb\\c", `a\tb\\c`},
		{"\xff\u00a0x", `\xff` + "\u00a0x"},
		{"\x1b[0m", `\x1b[0m`},
		{strings.Repeat("é", ExcerptRunes+1), strings.Repeat("é", ExcerptRunes) + "…"},
		{strings.Repeat("é", ExcerptRunes), strings.Repeat("é", ExcerptRunes)},
	}
	for _, tt := range tests {
		if got := Excerpt([]byte(tt.in)); got != tt.want {
			t.Errorf("Excerpt(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWriteParseRoundTrip(t *testing.T) {
	data := []byte("Title\r\n\u00a0\nPar Jane\tDoe\nno newline \xff")
	rows := []Row{{label.Keep, "title"}, {label.Blank, Unknown}, {label.Drop, "byline"}, {label.Keep, Unknown}}
	var buf bytes.Buffer
	if err := Write(&buf, data, rows); err != nil {
		t.Fatal(err)
	}
	got, err := Parse("x.gold", &buf, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("got %d rows, want %d", len(got), len(rows))
	}
	for i := range rows {
		if got[i] != rows[i] {
			t.Errorf("row %d = %+v, want %+v", i+1, got[i], rows[i])
		}
	}
}

func TestParseErrors(t *testing.T) {
	data := []byte("Hello\n\nBye\n")
	tests := []struct{ name, gold, want string }{
		{"missing row", "1\tkeep\tbody\tHello\n2\tblank\t-\t\n", "2 rows for 3 lines"},
		{"wrong excerpt", "1\tkeep\tbody\tHallo\n", "does not match line 1"},
		{"bad label", "1\tmaybe\tbody\tHello\n", `unknown label "maybe"`},
		{"bad category", "1\tdrop\tfluff\tHello\n", `unknown noise category "fluff"`},
		{"kind for drop", "1\tkeep\tmenu\tHello\n", "keep takes"},
		{"blank with text", "1\tblank\t-\tHello\n", "labelled blank"},
		{"text labelled blank", "1\tkeep\tbody\tHello\n2\tkeep\tbody\t\n", "labelled keep"},
		{"out of order", "2\tkeep\tbody\tHello\n", "want 1"},
		{"too many", "1\tkeep\tbody\tHello\n2\tblank\t-\t\n3\tkeep\tbody\tBye\n4\tkeep\tbody\t\n", "the document has 3 lines"},
		{"few columns", "1\tkeep\n", "separated by tabs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.gold", strings.NewReader(tt.gold), data)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to say %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "f.gold") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("a\nb"), []byte("1\tkeep\tbody\ta\n2\tdrop\tad\tb\n"))
	f.Fuzz(func(t *testing.T, data, g []byte) {
		rows, err := Parse("f", bytes.NewReader(g), data)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, data, rows); err != nil {
			t.Fatalf("Write after Parse: %v", err)
		}
		if _, err := Parse("f", &buf, data); err != nil {
			t.Fatalf("Parse of written rows: %v", err)
		}
	})
}
