package testdisk

import (
	"syscall"
	"testing"
)

// Free is the free space on the disk holding path.
func Free(t testing.TB, path string) uint64 {
	t.Helper()
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		t.Fatalf("reading the free space of %s: %v", path, err)
	}
	return uint64(st.Bavail) * uint64(st.Bsize)
}
