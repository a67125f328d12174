package certification_test

import (
	"strings"
	"testing"

	. "certdesk/certification"
)

// A stage 2 finished with a surveillance's recommendation is refused by
// the service, and the message lists what a stage 2 may recommend.
func TestStage2RecommendationRefused(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		id := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Stage2, PlannedStart: day("2025-03-10"), PlannedEnd: day("2025-03-11"),
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}, {PersonID: w.aud, Role: TeamAuditor}}}))
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{Status: ptr(AuditConfirmed)}))
		w.clk.reach(day("2025-03-11"))
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{ActualStart: ptr(day("2025-03-10")), Status: ptr(AuditInProgress)}))
		err := w.svc.ChangeAudit(w.ctx, id, AuditChange{ActualEnd: ptr(day("2025-03-11")), ActualDays: ptr(2.0), Recommendation: ptr(RecommendMaintain), Status: ptr(AuditReportDrafted)})
		if err == nil || !strings.Contains(err.Error(), "grant (Grant certification)") {
			t.Fatalf("got %v, want a refusal listing grant", err)
		}
		f, err := w.svc.File(w.ctx, w.cert)
		w.must(err)
		a, _ := f.Audit(id)
		if a.Status != AuditInProgress || a.Recommendation != "" {
			t.Errorf("audit is %s recommending %q after the refusal, want in progress with none", a.Status, a.Recommendation)
		}
	})
}
