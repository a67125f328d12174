package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/dgraph-io/badger/v4"
)

// ErrDiskFull is matched (errors.Is) by the error Open and Update return
// when the disk holding the data folder has less free space than a store
// open for writing needs.
var ErrDiskFull = errors.New("the disk is full")

// DiskFullError says how much space there is and how much is needed.
type DiskFullError struct {
	Dir        string
	Free, Need uint64 // bytes
}

func (e *DiskFullError) Error() string {
	return fmt.Sprintf("the disk holding %s is full: %d MB free, CertDesk needs %d MB; free space and try again",
		e.Dir, e.Free>>20, (e.Need+1<<20-1)>>20)
}

func (e *DiskFullError) Is(target error) bool { return target == ErrDiskFull }

// spaceNeeded is the free space a store open for writing must find on its
// disk before it opens and before each write. Badger maps its write-ahead
// log (.mem, twice the memtable size) and its value log (.vlog, twice the
// file size) as sparse files and writes into them through memory: a page
// the filesystem cannot back then kills the process with SIGBUS instead
// of returning an error (issue 13). Keeping room for one whole log of
// each, plus a memtable's worth for the table a flush writes, means a
// write that the check lets through can always be backed.
func spaceNeeded(o badger.Options) uint64 {
	return uint64(2*o.MemTableSize + 2*o.ValueLogFileSize + o.MemTableSize)
}

// checkSpace refuses when the disk holding dir (or, for a folder not yet
// made, its nearest existing parent) has less than need bytes free.
// Where free space cannot be read it lets the write go ahead.
func checkSpace(dir string, need uint64) error {
	at := dir
	for {
		if _, err := os.Stat(at); err == nil {
			break
		}
		parent := filepath.Dir(at)
		if parent == at {
			return nil
		}
		at = parent
	}
	free, ok := freeSpace(at)
	if !ok || free >= need {
		return nil
	}
	return &DiskFullError{Dir: dir, Free: free, Need: need}
}
