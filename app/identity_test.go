package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"certdesk/certification"
	"certdesk/certification/view"
	"certdesk/storage"
)

const keyPass = "people sign their own changes"

// Identity keys are sealed with Argon2id's lightest setting in the app's
// tests; each key file keeps the setting it was made with.
func init() { storage.DefaultKDF = storage.KDFParams{Time: 1, MemoryKiB: 64, Threads: 1} }

// The first person of a new body gets an identity key as soon as they
// are added, and their changes are signed. When the app starts again it
// asks once for that person's passphrase: a wrong one is said and asked
// again, "Not now" leaves the records readable but unchangeable.
func TestIdentityKeyAskedAfterStart(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "body")
	s := newShellHarness(t, dir)
	h := s.h()
	tapDialogButton(t, h, "Start empty")
	st := fxShow(h, "Settings").(*settingsSpace)
	st.create()
	f := personFormShown(t, h)
	test.Type(f.name, "Noor Haddad")
	f.roles.SetSelected([]string{roleText(certification.RoleLeadAuditor)})
	fxTap(h, fxButton(t, h.w, "Add"))

	p := passDialogShown(h)
	if p == nil || !strings.Contains(messageShown(h), "Identity key for Noor Haddad") {
		t.Fatalf("no identity key dialog after adding the first person:\n%s", messageShown(h))
	}
	test.Type(p.fields[0], keyPass)
	test.Type(p.fields[1], keyPass)
	fxCapture(h, "identity-new-key")
	test.Tap(p.confirm)
	s.settle()
	if !p.closed() {
		t.Fatalf("the key dialog stays open: %s", p.problem.Text)
	}
	if got := h.u.who.Text; got != "Working as: Noor Haddad · signing" {
		t.Errorf("header %q after the key was set", got)
	}
	if files, _ := filepath.Glob(filepath.Join(dir, storage.IdentityDir, "*.key")); len(files) != 1 {
		t.Errorf("identity files %v, want Noor's", files)
	}
	addClient := func(h *harness) error {
		_, err := h.u.svc().AddClient(context.Background(), certification.Client{LegalName: "Acme", RegisteredAddress: "1 Road", EffectivePersonnel: 4})
		return err
	}
	if err := addClient(h); err != nil {
		t.Fatal(err)
	}

	// The app starts again on the folder.
	if err := s.sh.st.Close(); err != nil {
		t.Fatal(err)
	}
	s.sh.st = nil
	s.sh.open(dir, nil, nil)
	s.settle()
	h = s.h()
	p = passDialogShown(h)
	if p == nil || !strings.Contains(messageShown(h), "Unlock your identity: Noor Haddad") {
		t.Fatalf("no unlock dialog after the start:\n%s", messageShown(h))
	}
	if h.u.who.Text != "Working as: Noor Haddad · identity locked" {
		t.Errorf("header %q while locked", h.u.who.Text)
	}
	test.Type(p.fields[0], "not the passphrase")
	test.Tap(p.confirm)
	s.settle()
	if p.closed() || !strings.Contains(p.problem.Text, "does not open Noor Haddad's identity key") {
		t.Fatalf("a wrong passphrase: closed %v, problem %q", p.closed(), p.problem.Text)
	}
	fxCapture(h, "identity-unlock-wrong")
	test.Tap(p.others[0]) // Not now
	s.settle()
	if err := addClient(h); err == nil || !strings.Contains(err.Error(), "identity is locked") {
		t.Errorf("a change with the identity locked: %v", err)
	}
	fxTap(h, fxShow(h, "Settings").(*settingsSpace).unlockBtn)
	p = passDialogShown(h)
	test.Type(p.fields[0], keyPass)
	test.Tap(p.confirm)
	s.settle()
	if !p.closed() || h.u.who.Text != "Working as: Noor Haddad · signing" {
		t.Fatalf("after unlocking: closed %v, header %q, problem %q", p.closed(), h.u.who.Text, p.problem.Text)
	}
	if err := addClient(h); err != nil {
		t.Fatal(err)
	}
	rep, err := h.st.Verify(context.Background(), storage.VerifyOptions{})
	if err != nil || !rep.OK() || rep.Signed != 3 {
		t.Fatalf("verify: %v, ok %v, signed %d (want the key and two clients)", err, rep != nil && rep.OK(), rep.Signed)
	}
	people, err := view.People(context.Background(), h.u.svc())
	if err != nil || len(people) != 1 || people[0].Key() == nil {
		t.Fatalf("register %+v (%v)", people, err)
	}
}
