package app

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"certdesk/certification"
	"certdesk/certification/view"
)

// The client form's document language: English for a new client, the
// choice stored with the client (Greek here) and shown again on editing.
func TestClientFormDocumentLanguage(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	h.showSpace("Clients")
	showClientForm(h.u, certification.Client{}, nil)
	f := clientFormShown(t, h)
	if f.language.Selected != "English" || len(f.language.Options) != 3 || f.language.Options[2] != "Ελληνικά" {
		t.Fatalf("language %q of %q", f.language.Selected, f.language.Options)
	}
	test.Type(f.legal, "Ζωή Παπαδοπούλου ΑΕ")
	test.Type(f.address, "Λεωφόρος Κηφισίας 12, 115 26 Αθήνα")
	test.Type(f.personnel, "12")
	f.language.SetSelected("Ελληνικά")
	if f.save.Disabled() {
		t.Fatalf("Save disabled on a valid client: %q", f.problem.Text)
	}
	test.Tap(f.save)
	h.settle()
	rows, err := view.ClientRows(h.ctx, h.svc(), h.u.today())
	if err != nil || len(rows) != 1 {
		t.Fatalf("%d clients (%v)", len(rows), err)
	}
	c, err := h.svc().Client(h.ctx, rows[0].ID)
	if err != nil || c.DocLanguage != "el" {
		t.Fatalf("stored language %q (%v), want el", c.DocLanguage, err)
	}
	showClientForm(h.u, c, nil)
	if f := clientFormShown(t, h); f.language.Selected != "Ελληνικά" {
		t.Errorf("editing shows %q", f.language.Selected)
	}
}
