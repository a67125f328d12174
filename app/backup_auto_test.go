package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"certdesk/certification"
	"certdesk/storage"
)

func addAuditor(t *testing.T, h *harness, name string) {
	t.Helper()
	if _, err := h.svc().AddPerson(context.Background(), certification.Person{Name: name, Roles: []certification.Role{certification.RoleAuditor}}); err != nil {
		t.Fatal(err)
	}
}

// startBackup is what opening the folder does, and waits for it.
func startBackup(h *harness) {
	h.u.backupOnStart(false)
	h.settle()
}

// folderNames lists the files of the backups folder.
func folderNames(h *harness) []string {
	entries, _ := os.ReadDir(h.u.bk.backups.RollingDir(h.u.dataDir))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestClosingDoesNotWaitForABackup(t *testing.T) {
	h := bkHarness(t) // two people added: the folder has changed
	closed := 0
	h.u.closeWindow(func() { closed++ })
	if closed != 1 {
		t.Fatalf("the window closed %d times before any background work ran", closed)
	}
	h.settle()
	if top := h.w.Canvas().Overlays().Top(); top != nil {
		t.Error("closing showed a dialog")
	}
	if names := folderNames(h); len(names) != 0 {
		t.Errorf("closing wrote %v", names)
	}
}

func TestTheNextStartBacksUpInTheBackground(t *testing.T) {
	h := bkHarness(t)
	ctx := context.Background()
	bkSetKeep(t, h, 2)
	folder := h.u.bk.backups.RollingDir(h.u.dataDir)
	if filepath.Dir(folder) != filepath.Dir(h.u.dataDir) {
		t.Fatalf("the backups go to %s, not beside %s", folder, h.u.dataDir)
	}
	at := "Backed up at " + h.clk.Now().Local().Format("15:04")
	for i := 1; i <= 3; i++ {
		if i > 1 {
			addAuditor(t, h, "Auditor "+string(rune('A'+i)))
		}
		startBackup(h)
		if h.u.bk.lastMsg != at || !h.u.bk.auto.status.Visible() {
			t.Fatalf("start %d: the status says %q", i, h.u.bk.lastMsg)
		}
		files, _ := storage.RollingBackups(folder)
		if want := min(i, 2); len(files) != want {
			t.Fatalf("after start %d: %d backups, want %d", i, len(files), want)
		}
		// The newest restores to exactly the folder: the same journal
		// head, and it verifies.
		dir := filepath.Join(t.TempDir(), "restored")
		if _, err := h.u.bk.backups.RestoreNew(ctx, files[len(files)-1], dir, nil, nil); err != nil {
			t.Fatal(err)
		}
		back, err := storage.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := h.st.Head(ctx)
		got, err := back.Head(ctx)
		ok, lines, verr := h.u.bk.backups.Verify(ctx, back, nil)
		back.Close()
		if err != nil || got != want || want.Seq == 0 {
			t.Errorf("start %d: the backup's head %+v (%v), the folder's %+v", i, got, err, want)
		}
		if verr != nil || !ok {
			t.Errorf("start %d: the restored backup does not verify: %v %v", i, lines, verr)
		}
	}
	h.capture("backup-on-start-done")

	// Nothing changed: no new backup.
	before := folderNames(h)
	startBackup(h)
	if after := folderNames(h); strings.Join(after, ",") != strings.Join(before, ",") {
		t.Errorf("a start with nothing changed wrote a backup: %v → %v", before, after)
	}
	if !strings.HasSuffix(h.u.bk.lastMsg, "nothing changed since") {
		t.Errorf("status %q", h.u.bk.lastMsg)
	}

	// Off: nothing written, nothing said.
	bkSetKeep(t, h, 0)
	addAuditor(t, h, "Late Auditor")
	startBackup(h)
	if after := folderNames(h); len(after) != 2 || h.u.bk.auto.status.Visible() {
		t.Errorf("with backups off: %v, status shown %v", after, h.u.bk.auto.status.Visible())
	}
}

// interruptAt cancels the backup at its n-th check of the context, as
// closing the window then would.
type interruptAt struct {
	context.Context
	n, checks atomic.Int64
	stop      context.CancelFunc
}

func (c *interruptAt) Err() error {
	if c.checks.Add(1) == c.n.Load() {
		c.stop()
	}
	return c.Context.Err()
}

// interrupted is the real backup writer whose automatic backup is
// cancelled part way.
type interrupted struct {
	storage.Backups
	u  *ui
	at int64
}

func (b interrupted) BackupRolling(ctx context.Context, st certification.Store, dataDir string, keep int) (string, error) {
	c := &interruptAt{Context: ctx, stop: b.u.bk.auto.stop}
	c.n.Store(b.at)
	return b.Backups.BackupRolling(c, st, dataDir, keep)
}

func TestAnInterruptedBackupLeavesNoFileAndTheNextStartRedoesIt(t *testing.T) {
	for _, at := range []int64{1, 2, 3} { // in the snapshot, in the copy, before the rename
		h := bkHarness(t)
		h.u.bk.backups = interrupted{u: h.u, at: at}
		startBackup(h)
		closed := 0
		h.u.closeWindow(func() { closed++ })
		h.settle()
		if closed != 1 || h.w.Canvas().Overlays().Top() != nil {
			t.Fatalf("at %d: closed %d; a dialog: %v", at, closed, h.w.Canvas().Overlays().Top() != nil)
		}
		if names := folderNames(h); len(names) != 0 {
			t.Fatalf("at %d: the interrupted backup left %v", at, names)
		}
		h.u.bk.backups = storage.Backups{}
		startBackup(h)
		files, _ := storage.RollingBackups(h.u.bk.backups.RollingDir(h.u.dataDir))
		if len(files) != 1 || len(folderNames(h)) != 1 {
			t.Fatalf("at %d: the next start left %v", at, folderNames(h))
		}
		if _, err := storage.CheckBackupFile(context.Background(), files[0], nil); err != nil {
			t.Error(err)
		}
	}
}

func TestAFailedAutomaticBackupIsShown(t *testing.T) {
	h := bkHarness(t)
	// The backups folder cannot be made: a file stands in its place.
	folder := h.u.bk.backups.RollingDir(h.u.dataDir)
	if err := os.WriteFile(folder, []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	startBackup(h)
	if d := dialogTitled(h, "Could not make the automatic backup"); d == nil && h.w.Canvas().Overlays().Top() == nil {
		t.Fatal("no message")
	}
	if s := h.u.bk.auto.status; s.Text != "Automatic backup failed" || !s.Visible() {
		t.Errorf("status %q", s.Text)
	}
	h.capture("backup-on-start-failed")
	closed := 0
	h.u.closeWindow(func() { closed++ })
	if closed != 1 {
		t.Errorf("closed %d", closed)
	}
}

func TestAnEmptyFolderIsNotBackedUp(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	h.u.dataDir = filepath.Join(t.TempDir(), "data")
	h.u.bk.backups = storage.Backups{}
	h.u.backupOnStart(true) // (the folder opened empty)
	h.settle()
	closed := 0
	h.u.closeWindow(func() { closed++ })
	if _, err := os.Stat(h.u.bk.backups.RollingDir(h.u.dataDir)); closed != 1 || !os.IsNotExist(err) {
		t.Errorf("closed %d; backups folder: %v", closed, err)
	}
}
