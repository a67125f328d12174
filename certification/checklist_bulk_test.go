package certification_test

import (
	"errors"
	"strings"
	"testing"

	. "certdesk/certification"
)

func TestChecklistListsByAuditKind(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		s1 := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Stage1, PlannedStart: day("2025-02-03"), PlannedEnd: day("2025-02-04"),
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}}}))
		w.must(w.svc.ChangeAudit(w.ctx, s1, AuditChange{Status: ptr(AuditConfirmed)}))
		w.clk.reach(day("2025-02-04"))
		w.must(w.svc.ChangeAudit(w.ctx, s1, AuditChange{ActualStart: ptr(day("2025-02-03")), Status: ptr(AuditInProgress)}))
		var ve *ValidationError
		// Stage 1 answers its readiness items (as typed: "s1.8"), not the
		// surveillance ones.
		w.must(w.svc.RecordChecklist(w.ctx, s1, ChecklistEntry{Ref: "s1.8", Result: ResultConform}))
		if err := w.svc.RecordChecklist(w.ctx, s1, ChecklistEntry{Ref: "SV.2", Result: ResultConform}); !errors.As(err, &ve) || !strings.Contains(err.Error(), "record it on a surveillance audit") {
			t.Fatalf("SV.2 on a stage 1: %v", err)
		}
		// A clause cannot be not-applicable; a readiness item can.
		w.refused(w.svc.RecordChecklist(w.ctx, s1, ChecklistEntry{Ref: "6.1.2", Result: ResultNotApplicable}), RuleChecklistCoverage)
		w.must(w.svc.RecordChecklist(w.ctx, s1, ChecklistEntry{Ref: "S1.3", Result: ResultNotApplicable}))
		// A list at once: all or nothing, the refused entry named.
		err := w.svc.RecordChecklists(w.ctx, s1, []ChecklistEntry{{Ref: "S1.1", Result: ResultConform}, {Ref: "S1.99", Result: ResultConform}})
		var ee *EntryError
		if !errors.As(err, &ee) || ee.Index != 1 || !errors.As(err, &ve) || ve.Field != "ref" {
			t.Fatalf("bulk with a bad ref: %v", err)
		}
		f, err := w.svc.File(w.ctx, w.cert)
		w.must(err)
		if a, _ := f.Audit(s1); a == nil || len(a.Checklist) != 2 {
			t.Fatalf("a refused list left entries: %+v", a)
		} else if _, ok := a.Entry("S1.1"); ok {
			t.Fatalf("a refused list left S1.1: %+v", a.Checklist)
		}
		// The report waits for the rest of the readiness list.
		draft := AuditChange{ActualEnd: ptr(day("2025-02-04")), Stage1Outcome: ptr(Stage1Ready), Status: ptr(AuditReportDrafted)}
		err = w.svc.ChangeAudit(w.ctx, s1, draft)
		w.refused(err, RuleChecklistCoverage)
		if !strings.Contains(err.Error(), "no result for 9 of the 11 stage 1 readiness items: S1.1, S1.2, S1.4, S1.5, S1.6, S1.7, S1.9, S1.10, S1.11.") {
			t.Fatalf("refusal = %v", err)
		}
		w.must(w.svc.RecordChecklists(w.ctx, s1, []ChecklistEntry{{Ref: "S1.1", Result: ResultConform}, {Ref: "S1.2", Result: ResultOFI, Notes: "scope unclear"}}))
		w.fill(s1)
		w.must(w.svc.ChangeAudit(w.ctx, s1, draft))
		// A stage 2 takes no stage 1 item.
		s2 := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Stage2, PlannedStart: day("2025-03-10"), PlannedEnd: day("2025-03-11"),
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}}}))
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{Status: ptr(AuditConfirmed)}))
		w.clk.reach(day("2025-03-10"))
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{ActualStart: ptr(day("2025-03-10")), Status: ptr(AuditInProgress)}))
		if err := w.svc.RecordChecklist(w.ctx, s2, ChecklistEntry{Ref: "S1.1", Result: ResultConform}); !errors.As(err, &ve) || !strings.Contains(err.Error(), "record it on a stage 1 audit") {
			t.Fatalf("S1.1 on a stage 2: %v", err)
		}
	})
}
