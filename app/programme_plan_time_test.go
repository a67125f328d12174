package app

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"certdesk/audit/audittime"
	"certdesk/certification"
	"certdesk/certification/view"
)

// TestPlanBelowAuditTimeNeedsJustification: the plan form shows the
// required time next to the auditor-days; a plan half a day below it is
// refused until the written justification is given, and is then saved
// with it.
func TestPlanBelowAuditTimeNeedsJustification(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	h.w.Resize(fyne.NewSize(1366, 768)) // a laptop: the form must keep its team check in view
	w := newProgrammeWorld(t, h)
	p := openProgramme(t, h)
	cert := w.certs["Brightwave Health Ltd"]
	req, err := h.svc().RequiredTimeOf(context.Background(), certification.Audit{CertificationID: cert, Kind: certification.Stage1})
	if err != nil || !req.HasMinimum || req.Days < 1 {
		t.Fatalf("required time %+v, %v", req, err)
	}
	h.u.goTo("Audit programme", recordRef{certification.KindCertification, cert})
	h.settle()
	f := p.form
	f.kind.SetSelected("Stage 1")
	fillPlan(t, h, f, "2027-01-11", "2027-01-12", numberText(req.Days-0.5), "Priya Raman")
	h.settle()
	if !f.save.Disabled() || !strings.Contains(f.verdictTitle.Text, certification.RuleAuditTimeMinimum) ||
		!strings.Contains(f.verdict.Text, "requires "+audittime.AuditorDays(req.Days)) || !strings.Contains(f.verdict.Text, "the plan has "+numberText(req.Days-0.5)) {
		t.Errorf("below the audit time: save disabled %v, verdict %q / %q", f.save.Disabled(), f.verdictTitle.Text, f.verdict.Text)
	}
	if got := f.time.label.Text; !strings.Contains(got, "Required: "+audittime.AuditorDays(req.Days)) {
		t.Errorf("required time shown as %q", got)
	}
	if f.time.row.Hidden {
		t.Error("no justification entry for a plan below the audit time")
	}
	// The client's matches came and went while the form was filled: the
	// columns give their height back and the team check stays in view.
	if ht := f.team.content.Size().Height; ht < 100 {
		t.Errorf("the team check is %.0f px tall at 1366×768: squeezed out by the form above it", ht)
	}
	h.capture("programme-plan-audit-time")

	// Exactly the required time passes, and hides the justification.
	f.days.SetText(numberText(req.Days))
	h.settle()
	if f.save.Disabled() || !f.time.row.Hidden {
		t.Errorf("at the required time: save disabled %v, justification shown %v, verdict %q", f.save.Disabled(), !f.time.row.Hidden, f.verdict.Text)
	}

	// Below again, with the justification: allowed, and the check says so.
	f.days.SetText(numberText(req.Days - 0.5))
	h.settle()
	why := "One small AI unit in scope; agreed in the contract of 2026-11-20."
	test.Type(f.time.just, why)
	saveMeetingPlanText(t, h, f, "below the required")
	got := plannedFor(t, h, cert, "2027-01-01", "2027-01-31")
	if got == nil {
		t.Fatal("the plan was not saved")
	}
	a, _, err := view.AuditFile(context.Background(), h.svc(), got.ID)
	if err != nil || a.PlannedDays != req.Days-0.5 || a.TimeJustification != why {
		t.Errorf("saved %+v, %v", a, err)
	}
}

// saveMeetingPlanText saves the plan form once it passes and its verdict
// says want.
func saveMeetingPlanText(t *testing.T, h *harness, f *planForm, want string) {
	t.Helper()
	h.settle()
	if !strings.Contains(f.verdict.Text, want) {
		t.Errorf("verdict %q / %q, want it to say %q", f.verdictTitle.Text, f.verdict.Text, want)
	}
	saveMeetingPlan(t, h, f, "programme-plan-audit-time-justified")
}

// TestFinishNeedsAShortfallReason: actual auditor-days below planned by
// more than the policy's 10 % are refused until the reason is given.
func TestFinishNeedsAShortfallReason(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newProgrammeWorld(t, h)
	h.u.setActor(certification.Person{ID: w.people["Ingrid Solberg"], Name: "Ingrid Solberg"})
	id := w.audits["Vireo surv"] // in progress
	h.u.goTo("Audit workspace", recordRef{certification.KindAudit, id})
	h.settle()
	aw := h.u.spaces[h.u.current].(*auditWS)
	planned := aw.audit.PlannedDays
	answerRest(t, h, aw) // only the time may stop the report
	finish := func(days, reason string) {
		t.Helper()
		tapAuditAction(t, h, aw, "Finish…")
		dialogField[*entry](t, h, "Actual auditor-days").SetText(days)
		test.Type(dialogField[*entry](t, h, "Shortfall reason"), reason)
		tapDialogButton(t, h, "Report drafted")
	}
	finish(numberText(planned-1), "")
	if a, _ := storedAudit(t, h, id); a.Status != certification.AuditInProgress {
		t.Fatalf("finished %g days short of %g without a reason: %s", 1.0, planned, a.Status)
	}
	if !strings.Contains(labelText(topOverlay(t, h)), certification.RuleAuditTimeShortfall) {
		t.Errorf("the refusal does not name the rule: %q", labelText(topOverlay(t, h)))
	}
	tapDialogButton(t, h, "OK")
	finish(numberText(planned-1), "The client's AI lead was ill on the second afternoon.")
	if a, _ := storedAudit(t, h, id); a.Status != certification.AuditReportDrafted || a.ActualDays != planned-1 || a.ShortfallReason == "" {
		t.Errorf("with the reason: %s, %g days, %q", a.Status, a.ActualDays, a.ShortfallReason)
	}
}
