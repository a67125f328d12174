package storage

import (
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// The automatic backups are written when a data folder opens, not when
// it closes (docs/cli.md, "Automatic backups"): closing never waits. A
// start writes one only when the store changed since the newest of them,
// which RollingState tells without reading the store.

// RollingState is what the automatic backups of a store hold.
type RollingState struct {
	// Newest is the newest automatic backup ("" if none) and Taken when
	// it was taken (UTC).
	Newest string
	Taken  time.Time
	// UpToDate: the newest backup holds the store as it is now (its
	// snapshot is the store's latest commit and its last journal entry
	// the journal's). False when there is none or its header is damaged.
	UpToDate bool
}

// RollingState reads the header of the newest automatic backup in folder
// and compares it with the store.
func (db *DB) RollingState(ctx context.Context, folder string) (RollingState, error) {
	var s RollingState
	paths, err := RollingBackups(folder)
	if err != nil || len(paths) == 0 {
		return s, err
	}
	s.Newest = paths[len(paths)-1]
	info, err := backupHeaderFile(s.Newest)
	if err != nil {
		return s, nil // a damaged newest backup: a new one is due
	}
	s.Taken = info.Created
	seq, err := db.journalLastSeq(ctx)
	if err != nil {
		return s, err
	}
	s.UpToDate = info.Snapshot != 0 && info.Snapshot == db.bdb.MaxVersion() && info.JournalLastSeq == seq
	return s, nil
}

// journalLastSeq is the number of the journal's last entry (0: none).
func (db *DB) journalLastSeq(ctx context.Context) (uint64, error) {
	var seq uint64
	err := db.bdb.View(func(txn *badger.Txn) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		item, err := txn.Get([]byte(journalCounter))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return item.Value(func(v []byte) error {
			if len(v) == 8 {
				seq = binary.BigEndian.Uint64(v)
			}
			return nil
		})
	})
	return seq, err
}

// staleTempAge is how long a temporary file in the backups folder must
// have been left alone before a backup removes it as the remains of one
// that was killed (a live writer, certctl passphrase resealing the
// backups say, keeps writing to its own).
const staleTempAge = time.Minute

// removeStaleTemps removes the temporary files that a backup killed
// mid-write left in folder (".certdesk-….certdesk-backup.*.tmp" and the
// payload's spool ".certdesk-backup-*.tmp"). They are never part of the
// set (RollingBackups lists only finished backups); this only frees their
// space. Other files are never touched.
func removeStaleTemps(folder string, now time.Time) (removed []string) {
	entries, _ := readDirIfAny(folder)
	for _, e := range entries {
		n := e.Name()
		ours := strings.HasPrefix(n, "."+rollingPrefix) && strings.Contains(n, BackupExt+".") ||
			strings.HasPrefix(n, ".certdesk-backup-")
		if !e.Type().IsRegular() || !ours || !strings.HasSuffix(n, ".tmp") {
			continue
		}
		fi, err := e.Info()
		if err != nil || now.Sub(fi.ModTime()) < staleTempAge {
			continue
		}
		p := filepath.Join(folder, n)
		if os.Remove(p) == nil {
			removed = append(removed, p)
		}
	}
	return removed
}
