package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

func TestFindingsEscalateOverdueMinor(t *testing.T) {
	h, w, ids := cdBody(t) // Corvid's minor (9.2) was due 2026-10-19 and is unanswered
	h.u.setActor(certification.Person{ID: w.lead, Name: "Ingrid Solberg"})
	f := fxFindings(t, h)
	f.reload()
	h.settle()
	f.table.Select(widget.TableCellID{Row: fxRowOf(t, f, ids.corvidFinding), Col: 0})
	h.settle()
	if f.escalate.Hidden {
		t.Fatal("no escalation offered for an unanswered overdue minor")
	}
	// The policy is off by default: the domain refuses, nothing changes.
	test.Tap(f.escalate)
	tapDialogButton(t, h, "Yes")
	if x := fxFinding(t, h, ids.corvidFinding); x.Grade != certification.Minor {
		t.Fatalf("escalated with the policy off: %+v", x)
	}
	h.u.escape() // the refusal
	p, err := h.svc().Policy(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.EscalateOverdueMinor = true
	if err := h.svc().SetPolicy(h.ctx, p); err != nil {
		t.Fatal(err)
	}
	test.Tap(f.escalate)
	tapDialogButton(t, h, "Yes")
	x := fxFinding(t, h, ids.corvidFinding)
	if x.Grade != certification.Major || x.EscalatedFrom != certification.Minor {
		t.Fatalf("finding after escalation: %+v", x)
	}
	if f.det == nil || !f.escalate.Hidden {
		t.Error("escalation still offered for a major")
	}
}

func fxFinding(t *testing.T, h *harness, id certification.ID) certification.Finding {
	t.Helper()
	rows, err := view.FindingRows(h.ctx, h.svc(), h.u.today(), false)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.ID == id {
			return r.Finding
		}
	}
	t.Fatalf("no finding %d", id)
	return certification.Finding{}
}
