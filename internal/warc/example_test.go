package warc_test

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/chaff-dev/chaff/internal/warc"
)

func Example() {
	const block = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Hello</p>"
	data := "WARC/1.1\r\n" +
		"WARC-Type: response\r\n" +
		"WARC-Record-ID: <urn:uuid:1>\r\n" +
		"WARC-Target-URI: http://example.com/\r\n" +
		"Content-Type: application/http; msgtype=response\r\n" +
		fmt.Sprintf("Content-Length: %d\r\n\r\n", len(block)) +
		block + "\r\n\r\n"

	r := warc.NewReader(strings.NewReader(data), warc.Options{})
	for {
		rec, err := r.Next()
		if err == io.EOF {
			break
		}
		var re *warc.RecordError
		if errors.As(err, &re) {
			fmt.Println("bad record:", re) // reported, then reading goes on
			continue
		}
		p, err := rec.Payload(0)
		if err != nil {
			fmt.Println(rec.RecordID, err)
			continue
		}
		fmt.Println(rec.Type, rec.TargetURI, p.StatusCode, p.ContentType, string(p.Body))
	}
	// Output:
	// response http://example.com/ 200 text/html <p>Hello</p>
}
