package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// RollingBackupDir is the folder of a data folder's automatic backups:
// beside it, never inside (the data folder belongs to Badger), named after
// it: ~/.local/share/certdesk → ~/.local/share/certdesk-backups.
func RollingBackupDir(dataDir string) string {
	dataDir = filepath.Clean(dataDir)
	return filepath.Join(filepath.Dir(dataDir), filepath.Base(dataDir)+"-backups")
}

const rollingPrefix = "certdesk-"

// BackupRolling writes a backup into folder (created if needed) named
// certdesk-<UTC time>.certdesk-backup and then deletes the oldest such
// files beyond keep: the folder always holds up to keep complete backups,
// the new one is written into a temporary file and renamed into place
// only once complete and synced (BackupFile), and the old ones are
// deleted only after that. Temporary files that a killed backup left are
// removed (removeStaleTemps); other files in folder are never touched. It
// returns the new file and the files deleted.
func (db *DB) BackupRolling(ctx context.Context, folder string, keep int) (string, []string, error) {
	if keep < 1 {
		return "", nil, fmt.Errorf("backup: keep at least 1 backup, got %d", keep)
	}
	if err := os.MkdirAll(folder, 0o755); err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return "", nil, fmt.Errorf("cannot create the backups folder %s: %w", folder, err)
	}
	removeStaleTemps(folder, time.Now())
	old, err := RollingBackups(folder)
	if err != nil {
		return "", nil, fmt.Errorf("backup: %w", err)
	}
	// Name it after the time; a second one within the same second gets
	// the next number, so that names sort in the order written.
	stamp := time.Now().UTC().Format("20060102T150405")
	name := rollingPrefix + stamp + "Z" + BackupExt
	for _, p := range old {
		if k := rollingKey(p); k >= rollingKey(name) && strings.HasPrefix(k, stamp+"-") {
			n, _ := strconv.Atoi(k[len(stamp)+1:])
			name = fmt.Sprintf("%s%sZ-%d%s", rollingPrefix, stamp, n+1, BackupExt)
		}
	}
	path := filepath.Join(folder, name)
	if _, err := db.BackupFile(ctx, path, nil); err != nil {
		return "", nil, err
	}
	// Keep the new one and the newest keep-1 of the others.
	old = slices.DeleteFunc(old, func(p string) bool { return p == path })
	var removed []string
	for len(old) > keep-1 {
		if err := os.Remove(old[0]); err != nil {
			return path, removed, fmt.Errorf("backup: removing an old backup: %w", err)
		}
		removed = append(removed, old[0])
		old = old[1:]
	}
	return path, removed, nil
}

// readDirIfAny is os.ReadDir with no entries and no error for a folder
// that does not exist.
func readDirIfAny(dir string) ([]os.DirEntry, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	return entries, err
}

// RollingBackups lists the automatic backups in folder, oldest first.
func RollingBackups(folder string) ([]string, error) {
	entries, err := readDirIfAny(folder)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		n := e.Name()
		if e.Type().IsRegular() && strings.HasPrefix(n, rollingPrefix) && strings.HasSuffix(n, BackupExt) {
			out = append(out, filepath.Join(folder, n))
		}
	}
	// The UTC stamps sort by time; "…Z-2" sorts after "…Z".
	sort.Slice(out, func(i, j int) bool { return rollingKey(out[i]) < rollingKey(out[j]) })
	return out, nil
}

func rollingKey(path string) string {
	n := strings.TrimSuffix(filepath.Base(path), BackupExt)
	stamp, seq, _ := strings.Cut(n[len(rollingPrefix):], "Z-")
	k, err := strconv.Atoi(seq)
	if err != nil {
		k = 1
	}
	return fmt.Sprintf("%s-%06d", strings.TrimSuffix(stamp, "Z"), k)
}
