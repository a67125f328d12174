package storage

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// removeEmptyLogs deletes the empty write-ahead-log (.mem) and value-log
// (.vlog) files a crash can leave in dir, before Badger opens it.
//
// Badger creates such a file and then sizes and stamps it; a process
// killed between the two leaves a file of 0 bytes, which the next open
// refuses ("while opening memtables … Create a new file", or "During
// db.vlog.open … Create a new file") although nothing is damaged: the
// file never held an entry. This is dgraph-io/badger#2207, not fixed in
// v4.9.6. Deleting the empty file is what a second open would do anyway
// (the failed first open sizes it). It is done only while holding the
// folder's lock, so the file cannot be one another CertDesk is creating
// at this moment; when the folder is in use, Badger's own open reports it.
func removeEmptyLogs(dir string) error {
	empty := emptyLogs(dir)
	if len(empty) == 0 {
		return nil
	}
	unlock, err := lockFolder(dir)
	if err != nil {
		return nil // in use: Badger's open says so
	}
	defer unlock()
	for _, path := range empty {
		if info, err := os.Stat(path); err != nil || info.Size() != 0 {
			continue // it changed since the listing
		}
		if err := os.Remove(path); err != nil {
			return fmt.Errorf("removing the empty log file %s that an interrupted run left behind: %w", path, err)
		}
	}
	syncDir(dir)
	return nil
}

// emptyLogs lists the empty .mem and .vlog files in dir.
func emptyLogs(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil // a new folder: Badger makes it
	}
	var empty []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".mem") && !strings.HasSuffix(name, ".vlog") {
			continue
		}
		if info, err := e.Info(); err == nil && info.Mode().IsRegular() && info.Size() == 0 {
			empty = append(empty, filepath.Join(dir, name))
		}
	}
	return empty
}
