// Package clean makes what chaff clean writes for one document: the kept
// text (or, with Mark, the spans of the dropped lines), the record it goes
// back into with every other field byte for byte, and the "chaff" field of
// line counts. It also holds the per-document steps around it that the
// command and the library share: classifying a document window by window
// as text or as a page, the fields a record must not hold already, and
// flagging repeated lines.
package clean
