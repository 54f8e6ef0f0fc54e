// Package output writes result files atomically: data goes to a temporary
// file in the destination directory, and only Commit (fsync, then rename)
// makes it appear at the final path. A reader of the final path sees the
// old file or the complete new one, never a partial file.
package output
