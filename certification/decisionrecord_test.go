package certification_test

import (
	"errors"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/document"
)

func TestDecisionRecord(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		s2 := w.runAudit(Stage2, "2025-03-10", "2025-03-11", "", RecommendGrant,
			Finding{Grade: Minor, Reference: "A.7.4", Requirement: "Data quality", Evidence: "Checks not recorded"},
			Finding{Grade: OFI, Reference: "9.2", Requirement: "Internal audit", Evidence: "Could sample AI suppliers"})
		f, err := w.svc.File(w.ctx, w.cert)
		w.must(err)
		minor := f.Findings[0].ID
		w.clk.reach(day("2025-03-14"))
		w.must(w.svc.RecordResponse(w.ctx, minor, Response{RootCause: "Manual", Correction: "Recorded", CorrectiveAction: "Automated", Received: day("2025-03-14")}))
		w.clk.reach(day("2025-03-15"))
		w.must(w.svc.ReviewResponse(w.ctx, minor, Review{By: w.lead, On: day("2025-03-15"), Accepted: true}))
		grant := w.must1(w.decide(Grant, "2025-03-20"))
		w.runAudit(Surveillance, "2026-02-02", "2026-02-03", "", RecommendSuspend)
		suspend := w.must1(w.decide(Suspend, "2026-02-10"))
		withdraw := w.must1(w.decide(Withdraw, "2026-05-10"))
		w.clk.set("2026-06-01")

		r, err := document.NewDecisionRecord(w.ctx, w.svc, grant)
		w.must(err)
		if r.Decision.Kind != Grant || r.Decision.Date != day("2025-03-20") || r.Client.LegalName != "Acme Analytics GmbH" || r.Certification.Standard != ISO42001 || r.Body == "" {
			t.Fatalf("record %+v", r.Decision)
		}
		if len(r.Makers) != 1 || r.Makers[0].Name != "Dora Decider" || r.AsOf != day("2026-06-01") {
			t.Errorf("makers %+v as of %s", r.Makers, r.AsOf)
		}
		// The grant's gates, re-checked on the file before it, all pass,
		// though the certification has since been withdrawn.
		if len(r.Gates) < 6 {
			t.Fatalf("gates %+v", r.Gates)
		}
		for _, g := range r.Gates {
			if !g.Passed {
				t.Errorf("gate %s (%s) blocked: %s", g.Title, g.Rule, g.Detail)
			}
		}
		if r.Cycle != 1 || len(r.Audits) != 2 || r.Audits[0].Kind != Stage1 || r.Audits[1].ID != s2 || r.Audits[1].Lead != "Lena Lead" ||
			r.Audits[1].ReportDate != day("2025-03-13") || r.Audits[1].Recommendation != RecommendGrant {
			t.Fatalf("audits %+v", r.Audits)
		}
		if len(r.Audits[1].Team) != 2 || r.Audits[1].Team[0] != (document.DecisionRecordMember{Name: "Lena Lead", Role: TeamLead}) {
			t.Errorf("team %v", r.Audits[1].Team)
		}
		if len(r.Findings) != 2 || r.Findings[0].Number != 1 || r.Findings[0].Status != FindingPlanAccepted || r.Findings[0].Requirement != "Data quality" ||
			r.Findings[0].AuditKind != Stage2 {
			t.Errorf("findings %+v", r.Findings)
		}
		if r.Certificate == nil || r.Certificate.Revision != 1 || !strings.HasPrefix(r.Effect, "Certificate CD-42001-2025-00001 revision 1 issued 2025-03-20") ||
			r.StatusOnDecision != CertActive || r.StatusAsOf != CertWithdrawn {
			t.Errorf("certificate %+v effect %q status %s/%s", r.Certificate, r.Effect, r.StatusOnDecision, r.StatusAsOf)
		}

		// The suspension rests on the surveillance of cycle 1 (the
		// snapshot: stage 1, stage 2 and the surveillance).
		r, err = document.NewDecisionRecord(w.ctx, w.svc, suspend)
		w.must(err)
		if r.Effect != "Certificate CD-42001-2025-00001 suspended from 2026-02-10" || r.StatusOnDecision != CertSuspended {
			t.Errorf("suspension: %q %s", r.Effect, r.StatusOnDecision)
		}
		if len(r.Audits) != 3 || r.Audits[2].Kind != Surveillance || r.Audits[2].Recommendation != RecommendSuspend {
			t.Errorf("suspension audits %+v", r.Audits)
		}
		for _, g := range r.Gates {
			if !g.Passed {
				t.Errorf("suspension gate %s blocked: %s", g.Title, g.Detail)
			}
		}
		r, err = document.NewDecisionRecord(w.ctx, w.svc, withdraw)
		w.must(err)
		if r.Effect != "Certificate CD-42001-2025-00001 withdrawn on 2026-05-10" || r.StatusOnDecision != CertWithdrawn {
			t.Errorf("withdrawal: %q %s", r.Effect, r.StatusOnDecision)
		}

		if _, err := document.NewDecisionRecord(w.ctx, w.svc, 99); !errors.Is(err, ErrNotFound) {
			t.Errorf("decision 99: %v", err)
		}
	})
}

// A refusal has no certificate.
func TestDecisionRecordRefusal(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1NotReady, "")
		id := w.must1(w.decide(Refuse, "2025-02-20"))
		r, err := document.NewDecisionRecord(w.ctx, w.svc, id)
		w.must(err)
		if r.Certificate != nil || r.Effect != "Application refused: no certificate issued" || len(r.Audits) != 1 || r.StatusOnDecision != "" {
			t.Errorf("refusal record: %+v", r)
		}
	})
}
