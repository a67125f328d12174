package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/storage"
)

// A demo load that fails half-way leaves the folder's store empty and
// every other file in the folder untouched.
func TestFailedDemoLoadLeavesTheFolderAsItWas(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	dir := t.TempDir()
	// An empty data folder (storage refuses to start one in a folder of
	// other files), into which the user then put a file of their own.
	if db, err := storage.Open(dir); err != nil {
		t.Fatal(err)
	} else {
		db.Close()
	}
	mine := filepath.Join(dir, "thesis.docx")
	if err := os.WriteFile(mine, []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := Config{
		Dir: dir,
		OpenBulk: func(d string, p []byte) (Store, error) {
			return storage.OpenWith(d, storage.Options{Passphrase: p, Bulk: true})
		},
		LoadDemo: func(ctx context.Context, st certification.Store, asOf certification.Date, progress func(done, total int)) error {
			svc := certification.NewService(st, h.clk)
			if _, err := svc.AddPerson(ctx, certification.Person{Name: "Half-way", Roles: []certification.Role{certification.RoleAuditor}}); err != nil {
				return err
			}
			progress(1, 2)
			return errors.New("disk full")
		},
	}
	reopened := ""
	h.u.enc.reopen = func(d string, _ []byte, _ func(*ui)) { reopened = d }
	h.u.loadDemo(cfg)
	h.settle()
	if reopened != dir {
		t.Fatalf("the folder was not reopened: %q", reopened)
	}
	msg := dialogTitled(h, "Could not load demo data")
	if msg == nil {
		t.Fatal("the failure was not shown")
	}
	if text := labelText(msg); !strings.Contains(text, "disk full") || !strings.Contains(text, "left empty") {
		t.Errorf("the failure dialog does not say why and what became of the folder: %q", text)
	}
	if b, err := os.ReadFile(mine); err != nil || string(b) != "years of work" {
		t.Fatalf("the user's file was touched: %q, %v", b, err)
	}
	db, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if empty, err := db.Empty(context.Background()); err != nil || !empty {
		t.Fatalf("the half-loaded demo data is still there: empty %v, %v", empty, err)
	}
}
