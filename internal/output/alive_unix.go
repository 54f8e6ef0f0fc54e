//go:build unix

package output

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with this id runs on this
// machine. Permission to signal it is not needed: EPERM means it exists.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
