package storage

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/storage/testdisk"
)

// folderState lists dir's files with their sizes.
func folderState(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, e := range entries {
		info, err := e.Info()
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %d\n", e.Name(), info.Size())
	}
	return b.String()
}

// TestDiskFull fills the disk under a store while it writes: the write
// that finds too little room is refused with the message and nothing
// acknowledged is lost; a full disk still opens read-only; a write open
// is refused without touching the folder; once space is freed the
// folder verifies and holds every acknowledged write.
func TestDiskFull(t *testing.T) {
	ctx := context.Background()
	disk := testdisk.Mount(t, 128)
	body := filepath.Join(disk, "body")
	db, err := Open(body)
	if err != nil {
		t.Fatal(err)
	}
	need := spaceNeeded(writable(body, true, Key{}))
	filler := testdisk.Fill(t, disk, need+(2<<20))
	// Write until the store's own log has used up the last 2 MB above
	// what it needs: the write that finds too little room is refused.
	acked := 0
	for i := 1; i <= 20000; i++ {
		err = db.Update(ctx, entry("put"), func(tx certification.Tx) error {
			return tx.Put(&note{ID: certification.ID(i), Text: strings.Repeat("n", 2000)})
		})
		if err != nil {
			break
		}
		acked++
	}
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("writing until the disk is full: after %d writes got %v, want the disk-full refusal", acked, err)
	}
	t.Logf("%d writes acknowledged before the refusal", acked)
	if acked == 0 {
		t.Fatal("the first write was refused: the test did not write until the disk was full")
	}
	want := fmt.Sprintf("the disk holding %s is full: ", body)
	if msg := err.Error(); !strings.HasPrefix(msg, want) || !strings.Contains(msg, fmt.Sprintf("CertDesk needs %d MB; free space and try again", need>>20)) {
		t.Errorf("the message %q does not say which disk, how much is free and needed, and what to do", msg)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("closing after the refusal: %v", err)
	}
	full := testdisk.Fill(t, disk, 0)

	before := folderState(t, body)
	if _, err := Open(body); !errors.Is(err, ErrDiskFull) {
		t.Fatalf("opening for writing on a full disk: got %v, want the disk-full refusal", err)
	}
	if after := folderState(t, body); after != before {
		t.Errorf("the refused open changed the folder:\nbefore\n%safter\n%s", before, after)
	}
	ro, err := OpenWith(body, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("opening read-only on a full disk: %v", err)
	}
	if n := countNotes(t, ro); n != acked {
		t.Errorf("read-only on the full disk: %d notes, want the %d acknowledged", n, acked)
	}
	if err := ro.Update(ctx, entry("put"), func(tx certification.Tx) error { return nil }); err == nil || !strings.Contains(err.Error(), "open for reading only") {
		t.Errorf("a write on a read-only store: got %v, want a refusal", err)
	}
	if err := ro.Close(); err != nil {
		t.Fatal(err)
	}

	// The app's open: read-only when the disk is too full, saying why.
	app, err := OpenWith(body, Options{ReadOnlyIfFull: true})
	if err != nil {
		t.Fatalf("opening for the app on a full disk: %v", err)
	}
	if !errors.Is(app.WriteRefusal(), ErrDiskFull) || countNotes(t, app) != acked {
		t.Errorf("the app's open on a full disk: refusal %v, %d notes; want the disk-full reason and %d notes", app.WriteRefusal(), countNotes(t, app), acked)
	}
	if err := app.Update(ctx, entry("put"), func(tx certification.Tx) error { return nil }); !errors.Is(err, ErrDiskFull) || !strings.Contains(err.Error(), "opened the folder for reading only") {
		t.Errorf("a change in the app on a full disk: got %v, want the disk-full reason", err)
	}
	if err := app.Close(); err != nil {
		t.Fatal(err)
	}

	for _, path := range []string{filler, full} {
		if err := os.Remove(path); err != nil {
			t.Fatal(err)
		}
	}
	db = openAt(t, body)
	if n := countNotes(t, db); n != acked {
		t.Errorf("after freeing space: %d notes, want %d", n, acked)
	}
	rep, err := db.Verify(ctx, VerifyOptions{Indexes: true})
	if err != nil {
		t.Fatal(err)
	}
	if rep.BrokenEntriesTotal+rep.RecordProblemsTotal+rep.IndexProblemsTotal != 0 {
		t.Errorf("the folder does not verify after the full disk: %+v", rep)
	}
}

func countNotes(t *testing.T, db *DB) int {
	t.Helper()
	var n int
	mustView(t, db, func(tx certification.Tx) error {
		var err error
		n, err = tx.Count(kindNote)
		return err
	})
	return n
}
