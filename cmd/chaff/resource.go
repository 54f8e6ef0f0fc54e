package main

import (
	"errors"
	"syscall"
)

// resourceErrors are the errors that say a resource of the machine is
// gone rather than that one input or output is wrong: no input after them
// can fare better, so the run stops with exit status 3.
var resourceErrors = []error{
	syscall.ENOSPC, // no space left on device
	syscall.EDQUOT, // disk quota exceeded
	syscall.EMFILE, // too many open files (process)
	syscall.ENFILE, // too many open files (system)
	syscall.ENOMEM,
	syscall.EPIPE, // the output stream was closed
	syscall.EROFS, // the file system went read-only
	syscall.EIO,
}

// isResourceError reports whether err is, or wraps, a resource error.
func isResourceError(err error) bool {
	for _, r := range resourceErrors {
		if errors.Is(err, r) {
			return true
		}
	}
	return false
}
