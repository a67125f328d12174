package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"certdesk/certification"
)

// openKestrelStage2 opens, on 2026-11-24 and as Ingrid Solberg (its
// lead), the audit workspace on the programme world's Kestrel stage 2
// (planned 2026-11-23 to 2026-11-26).
func openKestrelStage2(t *testing.T) (*harness, *auditWS, certification.ID) {
	t.Helper()
	h := newHarness(t, "2026-11-24")
	w := newProgrammeWorld(t, h)
	h.u.setActor(certification.Person{ID: w.people["Ingrid Solberg"], Name: "Ingrid Solberg"})
	h.showSpace("Audit workspace")
	id := w.audits["Kestrel s2"]
	h.u.goTo("Audit workspace", recordRef{certification.KindAudit, id})
	h.settle()
	return h, h.u.spaces[h.u.current].(*auditWS), id
}

// startKestrelStage2 is openKestrelStage2 with the audit confirmed and
// started from the workspace's header.
func startKestrelStage2(t *testing.T) (*harness, *auditWS, certification.ID) {
	t.Helper()
	h, aw, id := openKestrelStage2(t)
	tapAuditAction(t, h, aw, "Confirm")
	tapDialogButton(t, h, "Confirm")
	tapAuditAction(t, h, aw, "Start…")
	tapDialogButton(t, h, "Start audit")
	return h, aw, id
}

// A finding raised from a checklist item starts from the item's notes as
// its objective evidence, and is recorded on that item.
func TestAddFindingOffersTheChecklistNotes(t *testing.T) {
	h, aw, id := startKestrelStage2(t)

	selectRef(t, h, aw, "6.1.2")
	aw.cl.result.SetSelected("Minor NC")
	seen := "Risk register v2 lists no bias risk for the credit model; interviewed the data lead, 2026-11-24."
	// Set, not typed: test.Type into a word-wrapped entry can move a space
	// typed at a line break (Fyne 2.7.1 without a render between keys).
	aw.cl.notes.SetText(seen)
	aw.cl.addFinding()
	h.settle()
	evidence := dialogField[*shortcutEntry](t, h, "Objective evidence")
	if evidence.Text != seen {
		t.Fatalf("objective evidence %q, want the item's notes %q", evidence.Text, seen)
	}
	test.Type(dialogField[*shortcutEntry](t, h, "Requirement"), "6.1.2 requires AI risks to be identified, including bias.")
	tapDialogButton(t, h, "Record finding")
	_, f := storedAudit(t, h, id)
	var got *certification.Finding
	for _, x := range f.Findings {
		if x.AuditID == id {
			got = &x
		}
	}
	if got == nil {
		t.Fatalf("no finding recorded on audit %d", id)
	}
	if got.Reference != "6.1.2" || got.Grade != certification.Minor || !strings.Contains(got.Evidence, "Risk register v2") {
		t.Errorf("finding %+v, want a minor on 6.1.2 with the notes as evidence", got)
	}
}
