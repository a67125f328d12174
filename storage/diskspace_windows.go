//go:build windows

package storage

import "golang.org/x/sys/windows"

// freeSpace is the space the calling user may still use on the volume
// holding path.
func freeSpace(path string) (uint64, bool) {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		return 0, false
	}
	var avail, total, free uint64
	if windows.GetDiskFreeSpaceEx(p, &avail, &total, &free) != nil {
		return 0, false
	}
	return avail, true
}
