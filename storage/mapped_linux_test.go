package storage

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"golang.org/x/sys/unix"
)

func TestMapsLine(t *testing.T) {
	for _, c := range []struct {
		line        string
		lo, hi, off uint64
		path        string
	}{
		{"7f1c2a000000-7f1c2a400000 r--s 00001000 fd:01 1234   /data/My Bodies/body/000001.sst", 0x7f1c2a000000, 0x7f1c2a400000, 0x1000, "/data/My Bodies/body/000001.sst"},
		{"00400000-00452000 r-xp 00000000 08:02 173521      /usr/bin/dbus-daemon", 0x400000, 0x452000, 0, "/usr/bin/dbus-daemon"},
		{"7ffd1b6e1000-7ffd1b702000 rw-p 00000000 00:00 0", 0x7ffd1b6e1000, 0x7ffd1b702000, 0, ""},
		{"7ffd1b6e1000-7ffd1b702000 rw-p 00000000 00:00 0                          [stack]", 0x7ffd1b6e1000, 0x7ffd1b702000, 0, "[stack]"},
		{"garbage", 0, 0, 0, ""},
		{"zz-7ffd1b702000 rw-p 00000000 00:00 0 /x", 0, 0, 0, ""},
	} {
		lo, hi, off, path := mapsLine([]byte(c.line))
		if lo != c.lo || hi != c.hi || off != c.off || string(path) != c.path {
			t.Errorf("mapsLine(%q) = %#x, %#x, %#x, %q; want %#x, %#x, %#x, %q", c.line, lo, hi, off, path, c.lo, c.hi, c.off, c.path)
		}
	}
}

// After a scan of every table, ReleaseMapped hands their pages back to
// the kernel, and what the store holds reads the same afterwards. The
// folder's name holds a space, as a user's folders do.
func TestReleaseMappedHandsBackTablePages(t *testing.T) {
	pageoutWorks(t)
	dir := filepath.Join(t.TempDir(), "our body")
	var fs unix.Statfs_t
	if err := unix.Statfs(filepath.Dir(dir), &fs); err == nil && fs.Type == unix.TMPFS_MAGIC {
		t.Skip("the temporary folder is in memory (tmpfs): its pages cannot be paged out without swap; set TMPDIR to a disk")
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	fillTables(t, db)
	if err := db.Close(); err != nil { // the memtable becomes table files
		t.Fatal(err)
	}
	if db, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sum := func() [32]byte {
		h := sha256.New()
		err := db.bdb.View(func(txn *badger.Txn) error {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte("test/")})
			defer it.Close()
			for it.Rewind(); it.Valid(); it.Next() {
				h.Write(it.Item().Key())
				if err := it.Item().Value(func(v []byte) error { h.Write(v); return nil }); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return [32]byte(h.Sum(nil))
	}
	before := sum()
	resident := tableRSS(t, dir)
	if resident < 20<<20 {
		t.Fatalf("after reading every table, %d KB of them are resident: the test reads too little to tell", resident>>10)
	}
	if !db.ReleaseMapped() {
		t.Fatal("ReleaseMapped found no table of the folder to hand back")
	}
	if after := tableRSS(t, dir); after > resident/4 {
		t.Errorf("after ReleaseMapped %d KB of the tables are resident, of %d KB", after>>10, resident>>10)
	} else {
		t.Logf("tables resident: %d KB, then %d KB", resident>>10, after>>10)
	}
	if sum() != before {
		t.Fatal("the store reads differently after its pages were handed back")
	}
	mem, err := OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	if mem.ReleaseMapped() {
		t.Error("a store in memory released mapped files")
	}
}

// pageoutWorks skips the test on a kernel that does not know
// MADV_PAGEOUT (before Linux 5.4), asked of a page of its own.
func pageoutWorks(t *testing.T) {
	b, err := unix.Mmap(-1, 0, os.Getpagesize(), unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Munmap(b)
	if err := unix.Madvise(b, unix.MADV_PAGEOUT); err == unix.EINVAL {
		t.Skip("this kernel cannot be asked to page out (MADV_PAGEOUT, Linux 5.4)")
	} else if err != nil {
		t.Fatal(err)
	}
}

// fillTables writes 30 MB that does not compress under test/.
func fillTables(t *testing.T, db *DB) {
	r := rand.New(rand.NewPCG(1, 2))
	wb := db.bdb.NewWriteBatch()
	for i := range 3000 {
		v := make([]byte, 10<<10)
		for j := range v {
			v[j] = byte(r.Uint32())
		}
		if err := wb.Set(fmt.Appendf(nil, "test/%06d", i), v); err != nil {
			t.Fatal(err)
		}
	}
	if err := wb.Flush(); err != nil {
		t.Fatal(err)
	}
}

// A backup hands back only the pages it brought into memory: those the
// process had mapped in when it began (what a reader had read) stay.
func TestBackupKeepsThePagesReadBefore(t *testing.T) {
	pageoutWorks(t)
	dir := filepath.Join(t.TempDir(), "body")
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	fillTables(t, db)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	if db, err = Open(dir); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tables, _ := filepath.Glob(filepath.Join(dir, "*.sst"))
	total := 0
	for _, name := range tables {
		if fi, err := os.Stat(name); err == nil {
			total += int(fi.Size())
		}
	}
	err = db.bdb.View(func(txn *badger.Txn) error { // the first fifth, as a screen would
		it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 10})
		defer it.Close()
		for it.Seek([]byte("test/")); it.ValidForPrefix([]byte("test/")) && string(it.Item().Key()) < "test/000600"; it.Next() {
			if _, err := it.Item().ValueCopy(nil); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	before := residentBytes(db.residentTables())
	if total-before < 8<<20 {
		t.Fatalf("%d KB of the %d KB of tables were mapped in before the backup: reading a fifth should map far less", before>>10, total>>10)
	}
	if _, err := db.Backup(context.Background(), io.Discard, nil); err != nil {
		t.Fatal(err)
	}
	after := tableRSS(t, dir)
	t.Logf("tables: %d KB, mapped in before the backup %d KB, resident after it %d KB", total>>10, before>>10, after>>10)
	if after < before*9/10 {
		t.Errorf("the backup handed back pages that were mapped in before it: %d KB resident of %d KB", after>>10, before>>10)
	}
	if after > before+4<<20 {
		t.Errorf("the backup left %d KB resident, more than the %d KB mapped in before it", after>>10, before>>10)
	}
}

// residentBytes sums the pages r holds as resident.
func residentBytes(r residentPages) int {
	n := 0
	for _, vec := range r {
		for _, b := range vec {
			if b&1 != 0 {
				n += os.Getpagesize()
			}
		}
	}
	return n
}

// tableRSS sums the resident bytes of the mappings of dir's table files
// (/proc/self/smaps).
func tableRSS(t *testing.T, dir string) int {
	smaps, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps:", err)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	total, inTable := 0, false
	for sc := bufio.NewScanner(bytes.NewReader(smaps)); sc.Scan(); {
		line := sc.Bytes()
		if _, hi, _, path := mapsLine(line); hi != 0 {
			inTable = bytes.HasPrefix(path, []byte(real+"/")) && bytes.HasSuffix(path, []byte(".sst"))
			continue
		}
		if v, ok := bytes.CutPrefix(line, []byte("Rss:")); ok && inTable {
			kb, err := strconv.Atoi(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(v), []byte("kB")))))
			if err != nil {
				t.Fatalf("smaps line %q: %v", line, err)
			}
			total += kb << 10
		}
	}
	return total
}
