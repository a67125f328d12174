package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// holdLine is the header's "Held by …" line, "" when none is shown.
func holdLine(h *harness) string {
	for _, l := range findAll(h.w.Canvas().Content(), func(l *widget.Label) bool { return strings.HasPrefix(l.Text, "Held by ") && l.Visible() }) {
		return l.Text
	}
	return ""
}

// The lead holds the audit on her laptop's desk; on another desk the
// workspace says who holds it and asks before a finding or a checklist
// result is recorded (no: nothing is recorded; yes: recorded, and not
// asked again under the same hold); the holder releases it.
func TestAuditWorkspaceHold(t *testing.T) {
	h, aw, id := startKestrelStage2(t)
	if holdLine(h) != "" {
		t.Fatalf("an audit nobody holds shows %q", holdLine(h))
	}

	h.u.desk = "ingrid-laptop"
	tapAuditAction(t, h, aw, "Hold on this desk")
	a, _ := storedAudit(t, h, id)
	if a.Hold == nil || a.Hold.Desk != "ingrid-laptop" || a.Hold.Name != "Ingrid Solberg" || a.Hold.Since.String() != "2026-11-24" {
		t.Fatalf("hold %+v, want Ingrid Solberg's on ingrid-laptop since 2026-11-24", a.Hold)
	}
	if got, want := holdLine(h), "Held by Ingrid Solberg on desk ingrid-laptop since 2026-11-24 · this desk"; got != want {
		t.Errorf("header says %q, want %q", got, want)
	}
	selectRef(t, h, aw, "6.1.2")
	aw.cl.result.SetSelected("Conform")
	h.settle()
	if dialogTitled(h, "Held on another desk") != nil {
		t.Fatal("the holding desk was asked for confirmation")
	}
	aw.cl.saveNow()
	h.settle()
	if a, _ := storedAudit(t, h, id); entryOf(a, "6.1.2") == nil {
		t.Fatal("the holding desk's result was not recorded")
	}

	// The same folder as another desk (the office's PC).
	h.u.desk = "office-pc"
	aw.reload()
	h.settle()
	if got := holdLine(h); !strings.HasPrefix(got, "Held by Ingrid Solberg on desk ingrid-laptop since 2026-11-24 · ") || strings.Contains(got, "this desk") {
		t.Errorf("another desk's header says %q", got)
	}

	// A finding: declined, no form opens.
	aw.cl.addFinding()
	h.settle()
	d := dialogTitled(h, "Held on another desk")
	if d == nil {
		t.Fatal("adding a finding on a held audit asked nothing")
	}
	if text := labelText(d); !strings.Contains(text, "held by Ingrid Solberg on desk ingrid-laptop since 2026-11-24") || !strings.Contains(text, "(office-pc)") {
		t.Errorf("the question does not name the holder and this desk: %q", text)
	}
	tapDialogButton(t, h, "Cancel")
	if dialogTitled(h, "Add a finding") != nil {
		t.Fatal("the finding form opened after Cancel")
	}

	// A checklist result: declined, the item is back as saved.
	selectRef(t, h, aw, "6.1.3")
	aw.cl.result.SetSelected("Minor NC")
	h.settle()
	if dialogTitled(h, "Held on another desk") == nil {
		t.Fatal("a checklist result on a held audit asked nothing")
	}
	tapDialogButton(t, h, "Cancel")
	aw.cl.saveNow()
	h.settle()
	if a, _ := storedAudit(t, h, id); entryOf(a, "6.1.3") != nil || aw.cl.result.Selected == "Minor NC" {
		t.Fatalf("a declined result was kept: stored %+v, shown %q", entryOf(a, "6.1.3"), aw.cl.result.Selected)
	}
	// Confirmed: recorded, and not asked again under this hold.
	aw.cl.result.SetSelected("Minor NC")
	h.settle()
	tapDialogButton(t, h, "Change anyway")
	aw.cl.saveNow()
	h.settle()
	if a, _ := storedAudit(t, h, id); entryOf(a, "6.1.3") == nil || entryOf(a, "6.1.3").Result != certification.ResultMinor {
		t.Fatalf("the confirmed result was not recorded: %+v", entryOf(a, "6.1.3"))
	}
	aw.cl.addFinding()
	h.settle()
	if dialogTitled(h, "Held on another desk") != nil || dialogTitled(h, "Add a finding") == nil {
		t.Fatal("confirmed once, adding a finding asked again (or opened no form)")
	}
	tapDialogButton(t, h, "Cancel")

	// Ingrid releases her hold from this desk: she holds it, no reason.
	tapAuditAction(t, h, aw, "Release")
	if a, _ := storedAudit(t, h, id); a.Hold != nil {
		t.Fatalf("still held after Release: %+v", a.Hold)
	}
	if holdLine(h) != "" || findButton(aw.actions, "Hold on this desk") == nil {
		t.Errorf("after the release the header says %q and offers no hold", holdLine(h))
	}
}

func entryOf(a *certification.Audit, ref string) *certification.ChecklistEntry {
	for i := range a.Checklist {
		if a.Checklist[i].Ref == ref {
			return &a.Checklist[i]
		}
	}
	return nil
}
