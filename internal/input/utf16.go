package input

import (
	"bytes"
	"fmt"

	"golang.org/x/text/encoding/unicode"
)

// UTF-16 byte order marks.
var (
	utf16LEBOM = []byte{0xff, 0xfe}
	utf16BEBOM = []byte{0xfe, 0xff}
)

// utf16Encoding names the UTF-16 encoding whose byte order mark starts
// data, or returns "".
func utf16Encoding(data []byte) string {
	switch {
	case bytes.HasPrefix(data, utf16LEBOM):
		return "utf-16le"
	case bytes.HasPrefix(data, utf16BEBOM):
		return "utf-16be"
	}
	return ""
}

// decodeUTF16 transcodes body to UTF-8, without its byte order mark, when
// it starts with a UTF-16 one, and names the encoding; other bodies are
// returned as they are, with "". An unpaired surrogate or a last odd
// byte becomes U+FFFD.
func decodeUTF16(body []byte) ([]byte, string, error) {
	enc := utf16Encoding(body)
	if enc == "" {
		return body, "", nil
	}
	// ExpectBOM reads the byte order from the mark and drops it.
	out, err := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder().Bytes(body)
	if err != nil {
		return nil, enc, fmt.Errorf("decoding %s: %w", enc, err)
	}
	return out, enc, nil
}
