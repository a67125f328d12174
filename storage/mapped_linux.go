package storage

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// releaseMapped advises MADV_PAGEOUT on every mapping of a table file
// (*.sst) in dir that /proc/self/maps lists. PAGEOUT, unlike DONTNEED,
// never changes what the memory holds, whatever it holds: if Badger
// unmapped a table (a compaction) between the read of the list and the
// advice, and the range now holds other memory, that memory is at worst
// paged out, not lost.
func releaseMapped(dir string) bool {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return false
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return false
	}
	prefix := []byte(abs + string(filepath.Separator))
	released := false
	for sc := bufio.NewScanner(bytes.NewReader(maps)); sc.Scan(); {
		span, path := mapsLine(sc.Bytes())
		if !bytes.HasPrefix(path, prefix) || !bytes.HasSuffix(path, []byte(".sst")) {
			continue
		}
		start, end, ok := bytes.Cut(span, []byte("-"))
		if !ok {
			continue
		}
		lo, err1 := strconv.ParseUint(string(start), 16, 64)
		hi, err2 := strconv.ParseUint(string(end), 16, 64)
		if err1 != nil || err2 != nil || hi <= lo {
			continue
		}
		// EINVAL: a kernel before 5.4 (no PAGEOUT), or a range that now
		// holds locked or device memory; the other tables are still
		// asked.
		_, _, errno := unix.Syscall(unix.SYS_MADVISE, uintptr(lo), uintptr(hi-lo), unix.MADV_PAGEOUT)
		released = released || errno == 0
	}
	return released
}

// mapsLine splits a line of /proc/self/maps, "start-end perms offset dev
// inode path", into its address range and its path (which may hold
// spaces; empty for memory that maps no file).
func mapsLine(line []byte) (span, path []byte) {
	rest := line
	for i := range 5 {
		rest = bytes.TrimLeft(rest, " ")
		field, after, ok := bytes.Cut(rest, []byte(" "))
		if !ok && (i < 4 || len(field) == 0) {
			return nil, nil
		}
		if i == 0 {
			span = field
		}
		rest = after
	}
	return span, bytes.TrimLeft(rest, " ")
}
