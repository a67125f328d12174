package storage

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/sys/unix"
)

// tableMap is the mapping of one table file: its address range.
type tableMap struct {
	lo, hi uint64
	path   string
}

// tableMaps lists the mappings of the table files (*.sst) in dir that
// /proc/self/maps holds: Badger maps each whole, from its start.
func tableMaps(dir string) []tableMap {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	maps, err := os.ReadFile("/proc/self/maps")
	if err != nil {
		return nil
	}
	prefix := []byte(abs + string(filepath.Separator))
	var out []tableMap
	for sc := bufio.NewScanner(bytes.NewReader(maps)); sc.Scan(); {
		lo, hi, off, path := mapsLine(sc.Bytes())
		if hi > lo && off == 0 && bytes.HasPrefix(path, prefix) && bytes.HasSuffix(path, []byte(".sst")) {
			out = append(out, tableMap{lo, hi, string(path)})
		}
	}
	return out
}

// residentTables reads which pages of each mapped table file this
// process has mapped in (/proc/self/pagemap, "present"): the pages its
// readers touched. The file cache may hold more (the kernel reads ahead
// of each table Badger opens: most of a folder of small tables), which
// nobody needed.
func residentTables(dir string) residentPages {
	pm, err := os.Open("/proc/self/pagemap")
	if err != nil {
		return nil
	}
	defer pm.Close()
	out := residentPages{}
	for _, m := range tableMaps(dir) {
		n := (m.hi - m.lo + pageSize - 1) / pageSize
		raw := make([]byte, 8*n)
		if _, err := pm.ReadAt(raw, int64(m.lo/pageSize*8)); err != nil {
			continue
		}
		vec := make([]byte, n)
		for i := range vec {
			if binary.LittleEndian.Uint64(raw[8*i:])&pagePresent != 0 {
				vec[i] = 1
			}
		}
		out[m.path] = vec
	}
	return out
}

// pagePresent is the bit of a /proc/self/pagemap entry set when the page
// is mapped in (Documentation/admin-guide/mm/pagemap.rst).
const pagePresent = 1 << 63

var pageSize = uint64(os.Getpagesize())

// releaseMapped advises MADV_PAGEOUT on the pages of every mapping of a
// table file in dir but those keep holds as resident. PAGEOUT, unlike
// DONTNEED, never changes what the memory holds, whatever it holds: if
// Badger unmapped a table (a compaction) between the read of the list
// and the advice, and the range now holds other memory, that memory is
// at worst paged out, not lost.
func releaseMapped(dir string, keep residentPages) bool {
	released := false
	pageout := func(lo, hi uint64) {
		// EINVAL: a kernel before 5.4 (no PAGEOUT), or a range that now
		// holds locked or device memory; the others are still asked.
		_, _, errno := unix.Syscall(unix.SYS_MADVISE, uintptr(lo), uintptr(hi-lo), unix.MADV_PAGEOUT)
		released = released || errno == 0
	}
	for _, m := range tableMaps(dir) {
		was := keep[m.path] // nil: none kept
		kept := func(i uint64) bool { return i < uint64(len(was)) && was[i]&1 != 0 }
		n := (m.hi - m.lo + pageSize - 1) / pageSize
		for i := uint64(0); i < n; { // each run of pages not kept
			if kept(i) {
				i++
				continue
			}
			j := i + 1
			for j < n && !kept(j) {
				j++
			}
			pageout(m.lo+i*pageSize, min(m.lo+j*pageSize, m.hi))
			i = j
		}
	}
	return released
}

// mapsLine reads a line of /proc/self/maps, "start-end perms offset dev
// inode path": the address range, the offset in the file and the path
// (which may hold spaces; empty for memory that maps no file). hi is 0
// for a line it cannot read.
func mapsLine(line []byte) (lo, hi, off uint64, path []byte) {
	var fields [5][]byte
	rest := line
	for i := range fields {
		rest = bytes.TrimLeft(rest, " ")
		field, after, ok := bytes.Cut(rest, []byte(" "))
		if !ok && (i < 4 || len(field) == 0) {
			return 0, 0, 0, nil
		}
		fields[i], rest = field, after
	}
	start, end, ok := bytes.Cut(fields[0], []byte("-"))
	lo, err1 := strconv.ParseUint(string(start), 16, 64)
	hi, err2 := strconv.ParseUint(string(end), 16, 64)
	off, err3 := strconv.ParseUint(string(fields[2]), 16, 64)
	if !ok || err1 != nil || err2 != nil || err3 != nil {
		return 0, 0, 0, nil
	}
	return lo, hi, off, bytes.TrimLeft(rest, " ")
}
