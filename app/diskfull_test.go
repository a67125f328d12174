package app

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/storage"
	"certdesk/storage/testdisk"
)

// On a disk too full to write, the app opens the folder for reading only,
// says so in the title and a message, shows the records, and refuses a
// change with the reason.
func TestFullDiskOpensReadOnly(t *testing.T) {
	disk := testdisk.Mount(t, 96)
	dir := filepath.Join(disk, "body")
	db, err := storage.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	svc := certification.NewService(db, &testClock{})
	if _, err := svc.AddPerson(context.Background(), certification.Person{Name: "Ann Admin", Roles: []certification.Role{certification.RoleLeadAuditor}}); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	testdisk.Fill(t, disk, 0)

	s := newShellHarness(t, dir)
	if title := s.sh.w.Title(); !strings.HasSuffix(title, "(read-only: the disk is full)") {
		t.Errorf("title %q does not say the folder is read-only", title)
	}
	msg := dialogTitled(s.h(), "Open for reading only")
	if msg == nil {
		t.Fatal("no message says why the folder is read-only")
	}
	if text := labelText(msg); !strings.Contains(text, "is full") || !strings.Contains(text, "Free space") {
		t.Errorf("the message does not say the disk is full and what to do: %q", text)
	}
	people, err := s.sh.cur.svc().Person(context.Background(), 1)
	if err != nil || people.Name != "Ann Admin" {
		t.Errorf("the records do not read: %+v, %v", people, err)
	}
	_, err = s.sh.cur.svc().AddPerson(context.Background(), certification.Person{Name: "Bob", Roles: []certification.Role{certification.RoleAuditor}})
	if !errors.Is(err, storage.ErrDiskFull) {
		t.Errorf("a change on the read-only folder: got %v, want the disk-full refusal", err)
	}
}
