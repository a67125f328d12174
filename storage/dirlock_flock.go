//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package storage

import (
	"os"
	"syscall"
)

// lockFolder takes the lock Badger takes on a data folder (flock on the
// folder itself, see badger's dir_unix.go), so that no CertDesk can open
// dir until unlock is called. The lock stays on the folder when it is
// renamed. It fails at once if dir is open.
func lockFolder(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, &inUseError{dir: dir, cause: err}
	}
	return func() { f.Close() }, nil
}
