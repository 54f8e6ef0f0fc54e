package input

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// stdlibString is s as encoding/json writes it without HTML escaping:
// what appendString must give.
func stdlibString(t testing.TB, s string) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(s); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// checkString holds appendString, on a string and on bytes, after other
// bytes, to encoding/json.
func checkString(t testing.TB, s string) {
	t.Helper()
	want := stdlibString(t, s)
	if got := string(appendString([]byte("x"), s)); got != "x"+want {
		t.Fatalf("appendString(%q) = %s, want x%s", s, got, want)
	}
	if got := string(appendString(nil, []byte(s))); got != want {
		t.Fatalf("appendString([]byte(%q)) = %s, want %s", s, got, want)
	}
}

func TestAppendString(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", `""`},
		{"plain text, longer than eight bytes", `"plain text, longer than eight bytes"`},
		{"a \"quote\" and a \\ backslash", `"a \"quote\" and a \\ backslash"`},
		{"line\nline\r\ntab\tbs\bff\f", `"line\nline\r\ntab\tbs\bff\f"`},
		{"\x00\x01\x1f\x7f", `"\u0000\u0001\u001f` + "\x7f\""},
		{"<b>&amp;</b>", `"<b>&amp;</b>"`},
		{"été à Paris – “cité” 東京 🚋", `"été à Paris – “cité” 東京 🚋"`},
		{"sep\u2028par\u2029end", `"sep\u2028par\u2029end"`},
		{"bad \xff byte, cut rune \xe2\x80", `"bad \ufffd byte, cut rune \ufffd\ufffd"`},
		{"12345678\n12345678\"", `"12345678\n12345678\""`},
	} {
		if got := string(appendString(nil, tt.in)); got != tt.want {
			t.Errorf("appendString(%q) = %s, want %s", tt.in, got, tt.want)
		}
		checkString(t, tt.in)
	}
	// Every byte at every place of an eight-byte word, and around it.
	for c := range 256 {
		for pos := range 18 {
			b := []byte(strings.Repeat("a", 18))
			b[pos] = byte(c)
			checkString(t, string(b))
		}
	}
}

// FuzzAppendString holds appendString to encoding/json on any bytes.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "a\"b\\c\nd", "é\u2028\xff\xe2\x80", "0123456789abcdef\t"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkString(t, s) })
}

func TestStringBytesMarshalJSON(t *testing.T) {
	in := "tab\there <b> \u2028 \xff"
	got, err := json.Marshal(map[string]any{"v": StringBytes(in)})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(map[string]any{"v": in})
	if !bytes.Equal(got, want) {
		t.Fatalf("json.Marshal of a StringBytes = %s, of the string %s", got, want)
	}
}
