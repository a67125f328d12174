package storage

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"certdesk/certification"
	"certdesk/certification/demo"
)

// demoFolder is a data folder on disk holding a small demo body, closed.
func demoFolder(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	db, err := OpenBulk(dir)
	if err != nil {
		t.Fatal(err)
	}
	asOf, _ := certification.ParseDate("2026-06-30")
	if _, err := demo.Generate(context.Background(), db, demo.Options{Clients: 3, Seed: 3, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRollingStateSaysWhenTheStoreChanged(t *testing.T) {
	ctx := context.Background()
	dir := demoFolder(t)
	folder := RollingBackupDir(dir)
	db := mustOpen(t, dir)
	state := func(want bool) RollingState {
		t.Helper()
		s, err := db.RollingState(ctx, folder)
		if err != nil || s.UpToDate != want {
			t.Fatalf("RollingState = %+v, %v; want up to date %v", s, err, want)
		}
		return s
	}
	state(false) // no backup yet
	path, _, err := db.BackupRolling(ctx, folder, 2)
	if err != nil {
		t.Fatal(err)
	}
	if s := state(true); s.Newest != path || s.Taken.IsZero() {
		t.Errorf("state %+v, written %s", s, path)
	}

	// Closing and opening again changes nothing.
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db = openAt(t, dir)
	state(true)

	// A change makes a backup due; the backup holds it.
	svc := certification.NewService(db, fixedClock{})
	if _, err := svc.AddPerson(ctx, certification.Person{Name: "New Auditor", Roles: []certification.Role{certification.RoleAuditor}}); err != nil {
		t.Fatal(err)
	}
	state(false)
	head, err := db.Head(ctx)
	if err != nil {
		t.Fatal(err)
	}
	newest, _, err := db.BackupRolling(ctx, folder, 2)
	if err != nil {
		t.Fatal(err)
	}
	state(true)

	// The newest backup restores to exactly the store: same journal head,
	// same keys and values, and it verifies.
	restored := filepath.Join(t.TempDir(), "restored")
	if _, err := RestoreFile(ctx, newest, restored, RestoreOptions{}); err != nil {
		t.Fatal(err)
	}
	back := openAt(t, restored)
	if h, err := back.Head(ctx); err != nil || h != head {
		t.Errorf("restored head %+v (%v), store's %+v", h, err, head)
	}
	if !slices.Equal(dump(t, back), dump(t, db)) {
		t.Error("the restored store differs from the one backed up")
	}
	if ok, lines, err := (Backups{}).Verify(ctx, back, nil); err != nil || !ok {
		t.Errorf("the restored store does not verify: %v %v", lines, err)
	}
}

// cancelAfter is a context that reports itself cancelled from its n-th
// check of Err on: a backup cancelled at a known point of its writing.
type cancelAfter struct {
	context.Context
	n, checks atomic.Int64
}

func (c *cancelAfter) Err() error {
	if c.checks.Add(1) >= c.n.Load() {
		return context.Canceled
	}
	return nil
}

func TestRollingBackupCancelledLeavesNoFile(t *testing.T) {
	ctx := context.Background()
	dir := demoFolder(t)
	folder := RollingBackupDir(dir)
	db := openAt(t, dir)
	first, _, err := db.BackupRolling(ctx, folder, 1)
	if err != nil {
		t.Fatal(err)
	}
	svc := certification.NewService(db, fixedClock{})
	if _, err := svc.AddPerson(ctx, certification.Person{Name: "New Auditor", Roles: []certification.Role{certification.RoleAuditor}}); err != nil {
		t.Fatal(err)
	}
	// Cancelled at each of its first checks: in the snapshot, in the copy
	// of the payload, before the rename.
	for n := int64(1); ; n++ {
		c := &cancelAfter{Context: ctx}
		c.n.Store(n)
		_, _, err := db.BackupRolling(c, folder, 1)
		if err == nil {
			if n < 3 {
				t.Fatalf("a backup cancelled at check %d was written", n)
			}
			t.Logf("cancelled at each of its first %d checks, then written", n-1)
			break // n is past the backup's last check
		}
		entries, _ := os.ReadDir(folder)
		if len(entries) != 1 || entries[0].Name() != filepath.Base(first) {
			t.Fatalf("cancelled at check %d: the folder holds %v", n, entries)
		}
		if s, _ := db.RollingState(ctx, folder); s.UpToDate {
			t.Fatal("an interrupted backup counts as up to date")
		}
		if n > 10000 {
			t.Fatal("the backup never finished")
		}
	}
	if s, _ := db.RollingState(ctx, folder); !s.UpToDate {
		t.Error("the backup after the interrupted ones is not up to date")
	}
	if left, _ := RollingBackups(folder); len(left) != 1 || left[0] == first {
		t.Errorf("keep 1: %v", left)
	}
}

func TestRollingBackupRemovesWhatAKilledBackupLeft(t *testing.T) {
	db := openMemory(t)
	folder := t.TempDir()
	old := time.Now().Add(-2 * staleTempAge)
	write := func(name string, at time.Time) string {
		p := filepath.Join(folder, name)
		os.WriteFile(p, []byte("half a backup"), 0o644)
		os.Chtimes(p, at, at)
		return p
	}
	killed := write(".certdesk-20261207T040000Z"+BackupExt+".123456.tmp", old)
	spool := write(".certdesk-backup-98765.tmp", old)
	live := write(".certdesk-20261207T045900Z"+BackupExt+".654321.tmp", time.Now())
	mine := write("notes.tmp", old)
	if _, _, err := db.BackupRolling(context.Background(), folder, 3); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{killed, spool} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s was left: %v", filepath.Base(p), err)
		}
	}
	for _, p := range []string{live, mine} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
	if left, _ := RollingBackups(folder); len(left) != 1 {
		t.Errorf("the set: %v", left)
	}
}
