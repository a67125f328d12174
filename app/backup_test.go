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

// bkHarness is the harness with backups on and a data folder to put the
// automatic backups beside.
func bkHarness(t *testing.T) *harness {
	h := newHarness(t, "2026-11-24")
	h.u.dataDir = filepath.Join(t.TempDir(), "data")
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

func TestBackupOnCloseKeepsThePolicyCount(t *testing.T) {
	h := bkHarness(t)
	if p, _ := h.svc().Policy(context.Background()); p.BackupsOnClose != certification.DefaultBackupsOnClose {
		t.Fatalf("default backups_on_close = %d", p.BackupsOnClose)
	}
	bkSetKeep(t, h, 2)
	folder := h.u.bk.backups.RollingDir(h.u.dataDir)
	if filepath.Dir(folder) != filepath.Dir(h.u.dataDir) {
		t.Fatalf("the backups go to %s, not beside %s", folder, h.u.dataDir)
	}
	closed := 0
	for i := 1; i <= 4; i++ {
		h.u.closeWindow(func() { closed++ })
		h.settle()
		if closed != i {
			t.Fatalf("close %d: the window closed %d times", i, closed)
		}
		files, _ := storage.RollingBackups(folder)
		if want := min(i, 2); len(files) != want {
			t.Fatalf("after close %d: %d backups, want %d", i, len(files), want)
		}
		if files[len(files)-1] != h.u.bk.lastMsg {
			t.Errorf("the newest backup is %s, the close wrote %s", files[len(files)-1], h.u.bk.lastMsg)
		}
	}
	files, _ := storage.RollingBackups(folder)
	for _, f := range files {
		info, err := storage.CheckBackupFile(context.Background(), f, nil)
		if err != nil || info.Records[certification.KindPerson] != 2 {
			t.Errorf("%s: %+v, %v", f, info.Records, err)
		}
	}

	// Off: the window closes and no backup is written.
	bkSetKeep(t, h, 0)
	h.u.closeWindow(func() { closed++ })
	h.settle()
	if after, _ := storage.RollingBackups(folder); closed != 5 || len(after) != 2 || after[1] != files[1] {
		t.Errorf("with backups off: closed %d, backups %v", closed, after)
	}
}

func TestBackupOnCloseFailureAsks(t *testing.T) {
	h := bkHarness(t)
	// The backups folder cannot be made: a file stands in its place.
	folder := h.u.bk.backups.RollingDir(h.u.dataDir)
	if err := os.WriteFile(folder, []byte("in the way"), 0o644); err != nil {
		t.Fatal(err)
	}
	closed := 0
	h.u.closeWindow(func() { closed++ })
	h.settle()
	if closed != 0 {
		t.Fatal("the window closed although the backup failed")
	}
	h.capture("backup-on-close-failed")
	tapDialogButton(t, h, "Close anyway")
	if closed != 1 {
		t.Errorf("Close anyway: closed %d", closed)
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

func TestBackupOnCloseSkipsAnEmptyStore(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	h.u.dataDir = filepath.Join(t.TempDir(), "data")
	h.u.bk.backups = storage.Backups{}
	closed := 0
	h.u.closeWindow(func() { closed++ })
	h.settle()
	if _, err := os.Stat(h.u.bk.backups.RollingDir(h.u.dataDir)); closed != 1 || !os.IsNotExist(err) {
		t.Errorf("closed %d; backups folder: %v", closed, err)
	}
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
