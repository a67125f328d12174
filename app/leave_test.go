package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"certdesk/certification"
)

// lvNotes is what the store holds for a checklist item.
func lvNotes(t *testing.T, h *harness, id certification.ID, ref string) string {
	t.Helper()
	a, _ := storedAudit(t, h, id)
	for _, e := range a.Checklist {
		if e.Ref == ref {
			return e.Notes
		}
	}
	return ""
}

// lvOpenVireo opens Vireo's surveillance audit in the Audit workspace as
// its lead auditor, Ingrid Solberg.
func lvOpenVireo(t *testing.T) (*harness, *auditWS, certification.ID) {
	t.Helper()
	h := newHarness(t, "2026-11-24")
	w := newProgrammeWorld(t, h)
	h.u.setActor(certification.Person{ID: w.people["Ingrid Solberg"], Name: "Ingrid Solberg"})
	aw := h.showSpace("Audit workspace").(*auditWS)
	id := w.audits["Vireo surv"]
	aw.open(recordRef{certification.KindAudit, id})
	h.settle()
	return h, aw, id
}

func TestLeavingTheAuditWorkspaceSavesNotes(t *testing.T) {
	h, aw, id := lvOpenVireo(t)
	if !aw.editable() {
		t.Fatalf("audit %s is not in progress", id)
	}

	// Notes typed, not saved, then the Dashboard from the sidebar.
	selectRef(t, h, aw, "5.1")
	test.Type(aw.cl.notes, "Top management commitment shown in the AI policy sign-off.")
	h.u.show(0)
	h.settle()
	if got := lvNotes(t, h, id, "5.1"); got != "Top management commitment shown in the AI policy sign-off." {
		t.Errorf("notes stored after leaving: %q", got)
	}
	// Back: the notes are there and saved.
	h.showSpace("Audit workspace")
	if aw.cl.ref != "5.1" || aw.cl.dirty() || !strings.Contains(aw.cl.notes.Text, "AI policy sign-off") {
		t.Errorf("back in the audit: item %q, dirty %v, notes %q", aw.cl.ref, aw.cl.dirty(), aw.cl.notes.Text)
	}

	// Ctrl+2 (the Go menu) leaves too.
	aw.cl.result.SetSelected("Conform")
	cdMenu(t, h, "Clients")
	if a, _ := storedAudit(t, h, id); !strings.Contains(lvNotes(t, h, id, "5.1"), "sign-off") || lvEntry(a, "5.1").Result != certification.ResultConform {
		t.Errorf("result not saved on Ctrl+2: %+v", lvEntry(a, "5.1"))
	}
}

func lvEntry(a *certification.Audit, ref string) certification.ChecklistEntry {
	for _, e := range a.Checklist {
		if e.Ref == ref {
			return e
		}
	}
	return certification.ChecklistEntry{}
}

func TestClosingTheWindowSavesNotesFirst(t *testing.T) {
	h, aw, id := lvOpenVireo(t)
	selectRef(t, h, aw, "6.2")
	test.Type(aw.cl.notes, "AI objectives measurable; monitored quarterly.")

	closed := 0
	h.u.closeWindow(func() { closed++ })
	if closed != 0 {
		t.Fatal("the window closed before the notes were saved")
	}
	h.u.closeWindow(func() { closed++ }) // a second click while saving
	h.settle()
	if closed != 1 {
		t.Fatalf("closed %d times", closed)
	}
	if got := lvNotes(t, h, id, "6.2"); got != "AI objectives measurable; monitored quarterly." {
		t.Errorf("notes stored on close: %q", got)
	}

	// Nothing unsaved: it closes at once.
	closed = 0
	h.u.closeWindow(func() { closed++ })
	if closed != 1 {
		t.Error("closing with nothing unsaved waited")
	}
}

func TestClosingAfterAFailedSaveAsks(t *testing.T) {
	h, aw, id := lvOpenVireo(t)
	selectRef(t, h, aw, "6.2")
	test.Type(aw.cl.notes, "Typed while the audit was cancelled elsewhere.")
	// Someone else cancels the audit meanwhile: the save is refused.
	reason := "client postponed"
	st := certification.AuditCancelled
	if err := h.svc().ChangeAudit(h.ctx, id, certification.AuditChange{Notes: &reason, Status: &st}); err != nil {
		t.Fatal(err)
	}
	closed := false
	h.u.closeWindow(func() { closed = true })
	h.settle()
	if closed {
		t.Fatal("closed although the notes were not saved")
	}
	// First why, then the question.
	if text := ixTopDialog(t, h); !strings.Contains(text, "Not allowed") {
		t.Fatalf("top dialog: %q", text)
	}
	tapDialogButton(t, h, "OK")
	if text := ixTopDialog(t, h); !strings.Contains(text, "Close without saving?") {
		t.Fatalf("top dialog: %q", text)
	}
	h.capture("close-unsaved")
	tapDialogButton(t, h, "Close without saving")
	if !closed {
		t.Error("“Close without saving” did not close")
	}
}
