package certification_test

import (
	"errors"
	"strings"
	"testing"

	. "certdesk/certification"
)

// TestAuditTimeThroughTheService: the gate on a real store — planning,
// re-planning, confirming without days, the contract's adjustments and
// the shortfall at report drafting.
func TestAuditTimeThroughTheService(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		team := []TeamMember{{PersonID: w.lead, Role: TeamLead}, {PersonID: w.aud, Role: TeamAuditor}}
		s1 := Audit{CertificationID: w.cert, Kind: Stage1, PlannedStart: day("2025-02-03"), PlannedEnd: day("2025-02-04"), Team: team}
		req, err := w.svc.RequiredTimeOf(w.ctx, s1)
		w.must(err)
		if !req.HasMinimum || req.Days != 2 { // 40 personnel, provider: 7 days initial, stage 1 2
			t.Fatalf("required %+v", req)
		}
		s1.PlannedDays = req.Days - 0.5
		_, err = w.svc.PlanAudit(w.ctx, s1)
		w.refused(err, RuleAuditTimeMinimum)

		// Not stated yet: planned, but not confirmed.
		s1.PlannedDays = 0
		id := w.must1(w.svc.PlanAudit(w.ctx, s1))
		w.refused(w.svc.ChangeAudit(w.ctx, id, AuditChange{Status: ptr(AuditConfirmed)}), RuleAuditTimeMinimum)
		// Re-planning below is refused; at the time it passes.
		w.refused(w.svc.ChangeAudit(w.ctx, id, AuditChange{PlannedDays: ptr(1.5)}), RuleAuditTimeMinimum)
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{PlannedDays: ptr(1.5), TimeJustification: ptr("Documents reviewed remotely beforehand.")}))
		if f, err := w.svc.File(w.ctx, w.cert); err != nil || f.Audits[0].RequiredDays != 2 {
			t.Errorf("the required time planned against is not recorded: %v %+v", err, f.Audits)
		}
		// The contract's reduction: −25 % → 7 × 0.75 = 5.25 → 5.5, stage 1 1.5.
		var ve *ValidationError
		if err := w.svc.SetAuditTimeTerms(w.ctx, w.cert, AuditTimeTerms{Adjustments: []TimeAdjustment{{Percent: -31, Reason: "too much"}}}); !errors.As(err, &ve) || ve.Field != "audit_time.adjustments" {
			t.Errorf("a reduction of 31 %%: %v", err)
		}
		w.must(w.svc.SetAuditTimeTerms(w.ctx, w.cert, AuditTimeTerms{Adjustments: []TimeAdjustment{{Percent: -25, Reason: "one site, one AI system"}}}))
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{TimeJustification: ptr("")}))
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{Status: ptr(AuditConfirmed)}))
		w.clk.reach(day("2025-02-04"))
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{ActualStart: ptr(day("2025-02-03")), Status: ptr(AuditInProgress)}))
		w.fill(id)
		// 1.5 planned, 1 actual: 33 % short, beyond 10 %.
		finish := AuditChange{ActualEnd: ptr(day("2025-02-04")), ActualDays: ptr(1.0), Stage1Outcome: ptr(Stage1Ready), Status: ptr(AuditReportDrafted)}
		err = w.svc.ChangeAudit(w.ctx, id, finish)
		w.refused(err, RuleAuditTimeShortfall)
		if !strings.Contains(err.Error(), "took 1 auditor-day,") || !strings.Contains(err.Error(), "the 1.5 planned") {
			t.Errorf("shortfall message %v", err)
		}
		finish.ShortfallReason = ptr("The client's AI lead was ill on day 2; covered by interviews on day 1.")
		w.must(w.svc.ChangeAudit(w.ctx, id, finish))
	})
}
