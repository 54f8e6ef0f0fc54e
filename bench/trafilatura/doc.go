// Package trafilatura holds a side-by-side speed benchmark of go-trafilatura
// and chaff's HTML front end over the shared article-extraction benchmark
// pages. It is a separate module so that go-trafilatura never enters the
// chaff binary; see README.md.
package trafilatura
