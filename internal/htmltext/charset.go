package htmltext

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/wlynxg/chardet"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"
)

// ErrBinary is returned (wrapped) for input that is not text at all: NUL
// bytes or many control bytes near its start, or a gzip stream.
var ErrBinary = errors.New("input is binary, not HTML text")

// sniffBinary returns a wrapped ErrBinary when the start of data is clearly
// not text. UTF-16 and UTF-32 with a byte order mark are text.
func sniffBinary(data []byte) error {
	if len(data) >= 2 && data[0] == 0x1f && data[1] == 0x8b {
		return fmt.Errorf("%w: gzip-compressed data (decompress it first)", ErrBinary)
	}
	if bytes.HasPrefix(data, []byte{0xfe, 0xff}) || bytes.HasPrefix(data, []byte{0xff, 0xfe}) {
		return nil
	}
	sample := data
	if len(sample) > 1024 {
		sample = sample[:1024]
	}
	ctrl := 0
	for i, c := range sample {
		switch {
		case c == 0:
			return fmt.Errorf("%w: NUL byte at offset %d", ErrBinary, i)
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v', c == 0x7f:
			ctrl++
		}
	}
	if len(sample) >= 32 && ctrl*10 > len(sample) {
		return fmt.Errorf("%w: %d control bytes in the first %d", ErrBinary, ctrl, len(sample))
	}
	return nil
}

// decoder picks the page's encoding and returns a reader of UTF-8 text with
// the encoding's name.
//
// Order: a byte order mark wins; then the charset of contentType; then a
// <meta charset> or http-equiv declaration in the first 1024 bytes (the
// order of the HTML standard, via golang.org/x/net/html/charset). Two
// corrections follow, because scraped pages often lie: a declared (not BOM)
// single-byte or other encoding is overridden by UTF-8 when the whole page
// is valid UTF-8 and has non-ASCII bytes (real Latin-1 text is practically
// never valid UTF-8); and a declared UTF-8 falls back to windows-1252 when
// most of the page's non-ASCII sequences are invalid UTF-8, as does a
// declared encoding that cannot read ASCII (UTF-16 without a BOM, the
// "replacement" encoding). With no declaration, a page that is valid UTF-8,
// or whose non-ASCII sequences are mostly UTF-8, is UTF-8; any other is
// decoded in the encoding its bytes show (see detect), as browsers do, and
// in windows-1252 when they show none.
func decoder(data []byte, contentType string) (io.Reader, string) {
	enc, name, certain := charset.DetermineEncoding(data, contentType)
	bom := certain && hasBOM(data)
	if bom {
		if name == "utf-8" {
			return bytes.NewReader(data[3:]), name
		}
		return transform.NewReader(bytes.NewReader(data), enc.NewDecoder()), name
	}
	valid, invalid := utf8Stats(data)
	if invalid > 0 && !certain && !declaresCharset(data) {
		if valid > invalid {
			// Mostly UTF-8, with a few broken bytes: the detector,
			// which rules UTF-8 out at the first, would guess wrong.
			enc, name = encoding.Nop, "utf-8"
		} else if e, n := detect(data); e != nil {
			enc, name = e, n
		}
	}
	switch {
	case invalid == 0 && valid > 0:
		return bytes.NewReader(data), "utf-8"
	case invalid == 0:
		// Pure ASCII reads the same in every ASCII-compatible encoding; a
		// declaration of one that is not (UTF-16 in a header) is wrong.
		if !isASCIICompatible(name) {
			name = "utf-8"
		}
		return bytes.NewReader(data), name
	case name == "utf-8" && invalid > valid:
		enc, name = charmap.Windows1252, "windows-1252"
	case name == "utf-8":
		return bytes.NewReader(data), name
	case !isASCIICompatible(name):
		enc, name = charmap.Windows1252, "windows-1252"
	}
	if enc == nil || enc == encoding.Nop {
		return bytes.NewReader(data), name
	}
	return transform.NewReader(bytes.NewReader(data), enc.NewDecoder()), name
}

func hasBOM(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}) ||
		bytes.HasPrefix(data, []byte{0xfe, 0xff}) ||
		bytes.HasPrefix(data, []byte{0xff, 0xfe})
}

// isASCIICompatible reports whether pure ASCII input decodes to itself.
// The multi-byte and 7-bit encodings that do not are listed.
func isASCIICompatible(name string) bool {
	switch name {
	case "utf-16be", "utf-16le", "iso-2022-jp", "replacement", "x-user-defined":
		return false
	}
	return true
}

// utf8Stats counts valid multi-byte UTF-8 sequences and invalid bytes.
// Pages are mostly ASCII markup: it skips eight ASCII bytes at a time.
func utf8Stats(data []byte) (valid, invalid int) {
	for i := 0; i < len(data); {
		if i+8 <= len(data) && binary.LittleEndian.Uint64(data[i:])&0x8080808080808080 == 0 {
			i += 8
			continue
		}
		c := data[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			invalid++
		} else {
			valid++
		}
		i += size
	}
	return valid, invalid
}

// declaresCharset reports whether the first 1024 bytes of a page, where
// the HTML standard's prescan looks for a <meta charset> or http-equiv
// declaration, name a charset at all. charset.DetermineEncoding reports a
// declared windows-1252 and no declaration alike.
func declaresCharset(data []byte) bool {
	head := data[:min(len(data), 1024)]
	for i := 0; i+7 <= len(head); i++ {
		if head[i]|0x20 == 'c' && bytes.EqualFold(head[i:i+7], []byte("charset")) {
			return true
		}
	}
	return false
}

// detectSample is how many bytes, from the first that is not ASCII,
// detect reads: markup is ASCII, and a few kilobytes of text settle the
// encoding.
const detectSample = 16 << 10

// minConfidence is the least confidence of chardet's guess that detect
// takes: below it, the page is read as windows-1252.
const minConfidence = 0.5

// detect guesses the encoding of a page that declares none and is not
// UTF-8, from its bytes, with chardet (a port of the universal charset
// detector of Mozilla and Python's chardet, the statistical models
// browsers' detectors descend from): a GBK, Shift_JIS, EUC-KR, Big5 or
// windows-1251 page that says nothing of its charset is common on older
// sites, and read as windows-1252 its text is mojibake. It returns a nil
// encoding when the guess is unsure, ASCII or not an encoding of
// the web (the WHATWG Encoding Standard's names, via charset.Lookup).
func detect(data []byte) (encoding.Encoding, string) {
	start := 0
	for start < len(data) && data[start] < utf8.RuneSelf {
		start++
	}
	sample := data[start:min(len(data), start+detectSample)]
	r := chardet.Detect(sample)
	if r.Confidence < minConfidence || r.Encoding == "" {
		return nil, ""
	}
	enc, name := charset.Lookup(r.Encoding)
	if enc == nil || !isASCIICompatible(name) {
		return nil, ""
	}
	return enc, name
}
