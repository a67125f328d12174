package storage

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOpenAfterEmptyLogs: a kill between Badger creating a log file and
// sizing it leaves a file of 0 bytes (dgraph-io/badger#2207), which made
// the next open fail with "Create a new file". It must open, with every
// record, and leave no empty file behind.
func TestOpenAfterEmptyLogs(t *testing.T) {
	for _, name := range []string{"00009.mem", "000009.vlog"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			db := openAt(t, dir)
			put(t, db, &note{ID: 1, Text: "kept"})
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			db, err := Open(dir)
			if err != nil {
				t.Fatalf("opening with an empty %s left by a crash: %v", name, err)
			}
			defer db.Close()
			if got := noteText(t, db, 1); got != "kept" {
				t.Errorf("note 1 reads %q after the open, want %q", got, "kept")
			}
			if info, err := os.Stat(filepath.Join(dir, name)); err == nil && info.Size() == 0 {
				t.Errorf("the empty %s is still there", name)
			}
		})
	}
}

// TestEmptyLogsKeptWhileInUse: an empty log file in a folder another
// store has open may be one it is creating this moment: it stays.
func TestEmptyLogsKeptWhileInUse(t *testing.T) {
	dir := t.TempDir()
	db := openAt(t, dir)
	put(t, db, &note{ID: 1, Text: "kept"})
	empty := filepath.Join(dir, "00099.mem")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := removeEmptyLogs(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(empty); err != nil {
		t.Errorf("an empty log in a folder in use was removed: %v", err)
	}
}
