package output_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/chaff-dev/chaff/internal/output"
)

func ExampleCreate() {
	dir, _ := os.MkdirTemp("", "chaff-output")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "result.jsonl")

	write := func() error {
		f, err := output.Create(path)
		if err != nil {
			return err
		}
		defer f.Abort() // drops the temporary file unless Commit succeeded
		if _, err := f.WriteString(`{"text":"clean"}` + "\n"); err != nil {
			return err
		}
		return f.Commit()
	}
	if err := write(); err != nil {
		fmt.Println(err)
	}
	b, _ := os.ReadFile(path)
	fmt.Print(string(b))
	// Output:
	// {"text":"clean"}
}

func ExampleMirrorPath() {
	fmt.Println(filepath.ToSlash(output.MirrorPath("out", "crawl", filepath.Join("crawl", "2024", "part-1.jsonl.gz"))))
	// Output:
	// out/2024/part-1.jsonl
}
