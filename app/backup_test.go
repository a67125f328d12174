package app

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"certdesk/certification"
	"certdesk/certification/exchange"
	"certdesk/certification/view"
	"certdesk/storage"
)

// bkHarness is the harness with backups on, on a data folder on disk
// (real Badger) with the automatic backups beside it.
func bkHarness(t *testing.T) *harness {
	h := newHarness(t, "2026-11-24")
	h.u.dataDir = filepath.Join(t.TempDir(), "data")
	st, err := storage.Open(h.u.dataDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	h.st, h.u.store = st, st
	h.u.bk.backups = storage.Backups{}
	ctx := context.Background()
	for _, name := range []string{"Lena Lead", "Ada Auditor"} {
		if _, err := h.svc().AddPerson(ctx, certification.Person{Name: name, Roles: []certification.Role{certification.RoleAuditor}}); err != nil {
			t.Fatal(err)
		}
	}
	return h
}

func bkSetKeep(t *testing.T, h *harness, keep int) {
	t.Helper()
	p, err := h.svc().Policy(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	p.BackupsOnClose = keep
	if err := h.svc().SetPolicy(context.Background(), p); err != nil {
		t.Fatal(err)
	}
}

func TestBackupNowAndRestoreIntoANewFolder(t *testing.T) {
	h := bkHarness(t)
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "now"+storage.BackupExt)
	h.u.backupTo(path)
	h.settle()
	if !strings.Contains(h.u.bk.lastMsg, "backed up to\n"+path) {
		t.Fatalf("after Back up now: %q", h.u.bk.lastMsg)
	}
	h.capture("backup-done")
	h.w.Canvas().Overlays().Top().Hide()

	// A later change is not in the backup.
	if _, err := h.svc().AddPerson(ctx, certification.Person{Name: "After Backup", Roles: []certification.Role{certification.RoleAuditor}}); err != nil {
		t.Fatal(err)
	}

	h.u.restoreFrom(path, nil)
	h.settle()
	target := restoreTarget(t, h)
	if target == nil {
		t.Fatal("no restore form")
	}
	if !strings.HasPrefix(target.Text, h.u.dataDir+"-restored-") || target.Validate() != nil {
		t.Errorf("suggested folder %q (%v)", target.Text, target.Validate())
	}
	h.capture("restore-form")
	// A folder that holds data is not accepted.
	full := t.TempDir()
	os.WriteFile(filepath.Join(full, "x"), []byte("x"), 0o644)
	test.Type(target, "") // focus
	target.SetText(full)
	if err := target.Validate(); err == nil || !strings.Contains(err.Error(), "holds data") {
		t.Errorf("a full folder: %v", err)
	}
	if b := findButton(h.w.Canvas().Overlays().Top(), "Restore"); b == nil || !b.Disabled() {
		t.Error("Restore is enabled for a folder that holds data")
	}
	dir := filepath.Join(t.TempDir(), "restored")
	target.SetText(dir)
	tapDialogButton(t, h, "Restore")
	if h.u.bk.lastMsg != "Restored into "+dir {
		t.Fatalf("after Restore: %q", h.u.bk.lastMsg)
	}
	h.capture("restore-done")
	var opened string
	h.u.enc.reopen = func(d string, _ []byte, _ func(*ui)) { opened = d }
	tapDialogButton(t, h, "Open it")
	if opened != dir {
		t.Errorf("opened %q", opened)
	}

	// The restored folder holds the data as it was backed up.
	db, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	people, err := view.People(ctx, db)
	if err != nil || len(people) != 2 {
		t.Errorf("restored people: %v, %v", people, err)
	}
	var a, b bytes.Buffer
	exchange.Export(ctx, db, &a)
	if err := exchange.Export(ctx, h.st, &b); err != nil || bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("the restored folder should not hold the person added after the backup")
	}
}

func TestRestoreRefusesADamagedBackup(t *testing.T) {
	h := bkHarness(t)
	path := filepath.Join(t.TempDir(), "bad"+storage.BackupExt)
	os.WriteFile(path, []byte("\x89PNG\r\n\x1a\nnot a backup at all"), 0o644)
	h.u.restoreFrom(path, nil)
	h.settle()
	if restoreTarget(t, h) != nil {
		t.Fatal("a foreign file got as far as the restore form")
	}
	top := h.w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no message")
	}
	h.capture("restore-refused")
}

// restoreTarget is the New data folder field of the open restore form,
// nil when the form is not open.
func restoreTarget(t *testing.T, h *harness) *entry {
	t.Helper()
	d := dialogTitled(h, "Restore from a backup")
	if d == nil {
		return nil
	}
	return formItem[*entry](t, d, "New data folder")
}
