package app

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"certdesk/certification"
	"certdesk/certification/document"
)

// Check a document… says a certificate printed by the app is genuine,
// with its number, revision, client and status today (withdrawn once
// withdrawn since); the same file with
// one byte changed is not genuine, with its SHA-256; a file over the
// limit is refused unread.
func TestCheckDocument(t *testing.T) {
	h, b, w, c := printWorld(t)
	number, rev := c.sel.Number, c.sel.Revision
	h.u.setActor(certification.Person{ID: b.sam, Name: "Sam Schmidt"})
	fxSettle(h)
	test.Tap(c.print)
	fxSettle(h)
	h.u.escape()
	printed := filepath.Join(w.dir, document.CertificateFileName(number, rev))
	content, err := os.ReadFile(printed)
	if err != nil {
		t.Fatal(err)
	}

	var opened []string
	h.u.xl.openFile = func(title string, then func(io.ReadCloser, string)) {
		path := opened[len(opened)-1]
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		then(f, filepath.Base(path))
	}
	check := func(path string) string {
		t.Helper()
		opened = append(opened, path)
		btn := findButton(h.w.Canvas().Content(), "Check a document…")
		if btn == nil {
			t.Fatal("no Check a document… button on the Certificates workspace")
		}
		test.Tap(btn)
		fxSettle(h)
		got := topTexts(h)
		h.u.escape()
		return got
	}

	got := check(printed)
	for _, want := range []string{"Genuine", number + " revision 1", "Nordlicht Logistik AG", "Sam Schmidt", "Active", certification.ContentHash(content)} {
		if !strings.Contains(got, want) {
			t.Errorf("genuine file: the dialog does not say %q: %q", want, got)
		}
	}
	if strings.Contains(got, "Not genuine") {
		t.Errorf("genuine file said not genuine: %q", got)
	}

	changed := append([]byte(nil), content...)
	changed[len(changed)/2] ^= 0x01
	other := filepath.Join(w.dir, "changed.pdf")
	if err := os.WriteFile(other, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	got = check(other)
	if !strings.Contains(got, "Not genuine") || !strings.Contains(got, certification.ContentHash(changed)) || strings.Contains(got, number) {
		t.Errorf("one byte changed: %q", got)
	}

	// Also from the File menu.
	opened = append(opened, printed)
	xlMenuItem(t, h, "File", "Check a document…").Action()
	fxSettle(h)
	if got := topTexts(h); !strings.Contains(got, "Genuine") {
		t.Errorf("File › Check a document…: %q", got)
	}
	h.u.escape()

	// Withdrawn since it was printed: still genuine, withdrawn today.
	b.decide(b.nordCert, certification.Withdraw, "2026-11-24", b.priya)
	if got := check(printed); !strings.Contains(got, "Genuine") || !strings.Contains(got, "Withdrawn") {
		t.Errorf("genuine file of a certificate withdrawn since: %q", got)
	}

	big := filepath.Join(w.dir, "big.pdf")
	if err := os.WriteFile(big, content, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, maxCheckedDocument+1); err != nil {
		t.Fatal(err)
	}
	if got := check(big); !strings.Contains(got, "larger than") || strings.Contains(got, "Genuine") {
		t.Errorf("file over the limit: %q", got)
	}
}
