//go:build linux || darwin || freebsd

package storage

import "golang.org/x/sys/unix"

// freeSpace is the space an unprivileged process may still use on the
// filesystem holding path.
func freeSpace(path string) (uint64, bool) {
	var st unix.Statfs_t
	if unix.Statfs(path, &st) != nil {
		return 0, false
	}
	return uint64(st.Bavail) * uint64(st.Bsize), true
}
