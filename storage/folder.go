package storage

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// folderHoldsData reports whether dir exists and is not empty.
func folderHoldsData(dir string) (bool, error) {
	st, err := os.Stat(dir)
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	if !st.IsDir() {
		return false, fmt.Errorf("restore: %s is a file, not a folder: choose a folder", dir)
	}
	f, err := os.Open(dir)
	if err != nil {
		return false, err
	}
	defer f.Close()
	names, err := f.Readdirnames(1)
	if err != nil && err != io.EOF {
		return false, err
	}
	return len(names) > 0, nil
}

// checkNotInUse refuses a data folder that a CertDesk window or certctl
// command has open (moving it aside would pull it away under them).
func checkNotInUse(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err != nil {
		return nil // not a Badger folder: nobody has it open as one
	}
	bdb, err := badger.Open(options(dir).WithReadOnly(true))
	if err != nil {
		if isLockError(err) {
			return &inUseError{dir: dir, cause: err}
		}
		return nil // damaged or not closed cleanly: replacing it is what was asked
	}
	return bdb.Close()
}

// asidePath is a new name beside dir for its old contents.
func asidePath(dir string) (string, error) {
	base := dir + ".before-restore-" + time.Now().UTC().Format("20060102T150405Z")
	p := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			return p, nil
		}
		if i > 100 {
			return "", fmt.Errorf("restore: no free name beside %s", dir)
		}
		p = fmt.Sprintf("%s-%d", base, i)
	}
}

// mkdirAllTracked is os.MkdirAll that returns the folders it created,
// outermost first.
func mkdirAllTracked(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	slices.Reverse(missing)
	for i, d := range missing {
		if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
			return missing[:i], err
		}
	}
	return missing, nil
}

// syncDir makes a rename in dir durable where the platform allows it.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}
