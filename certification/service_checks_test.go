package certification_test

import (
	"errors"
	"reflect"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/view"
)

func TestBadInputLosesNothing(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		var ve *ValidationError
		_, err := w.svc.AddClient(w.ctx, Client{LegalName: "  ", RegisteredAddress: "x", EffectivePersonnel: 3})
		if !errors.As(err, &ve) || ve.Field != "legal_name" {
			t.Fatalf("blank name: %v", err)
		}
		_, err = w.svc.AddClient(w.ctx, Client{LegalName: "X", RegisteredAddress: "x", EffectivePersonnel: 3, Sectors: []int{40}})
		if !errors.As(err, &ve) || ve.Field != "sectors[0]" {
			t.Fatalf("bad sector: %v", err)
		}
		_, err = w.svc.PlanAudit(w.ctx, Audit{CertificationID: 999, Kind: Stage1, PlannedStart: day("2025-02-03"), PlannedEnd: day("2025-02-04")})
		if !errors.As(err, &ve) || ve.Field != "certification_id" {
			t.Fatalf("missing certification: %v", err)
		}
		_, err = w.svc.AddCertification(w.ctx, Certification{ClientID: w.client, Standard: ISO42001, Scope: "again"})
		w.refused(err, RuleDuplicateCertification)
		a := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Stage1, PlannedStart: day("2025-02-03"), PlannedEnd: day("2025-02-04"),
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}}}))
		w.must(w.svc.ChangeAudit(w.ctx, a, AuditChange{Status: ptr(AuditConfirmed)}))
		w.clk.reach(day("2025-02-03"))
		w.must(w.svc.ChangeAudit(w.ctx, a, AuditChange{ActualStart: ptr(day("2025-02-03")), Status: ptr(AuditInProgress)}))
		_, err = w.svc.RecordFinding(w.ctx, Finding{AuditID: a, Grade: Minor, Reference: "A.99", Requirement: "r", Evidence: "e"})
		if !errors.As(err, &ve) || ve.Field != "reference" {
			t.Fatalf("bad reference: %v", err)
		}
		w.clk.reach(day("2025-02-01"))
		_, err = w.svc.RecordFinding(w.ctx, Finding{AuditID: a, Grade: Minor, Reference: "8.2", Requirement: "r", Evidence: "e", Raised: day("2025-02-01")})
		w.refused(err, RuleDatesBackwards)
		w.clk.reach(day("2025-02-02"))
		err = w.svc.ChangeAudit(w.ctx, a, AuditChange{ActualEnd: ptr(day("2025-02-02")), Stage1Outcome: ptr(Stage1Ready), Status: ptr(AuditReportDrafted)})
		w.refused(err, RuleDatesBackwards)
		// Nothing of the refused commands was written.
		f, err := w.svc.File(w.ctx, w.cert)
		w.must(err)
		if len(f.Findings) != 0 || f.Audits[0].Status != AuditInProgress || !f.Audits[0].ActualEnd.IsZero() {
			t.Fatalf("a refused command left a trace: %+v", f.Audits[0])
		}
	})
}

func TestChecklist(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		a := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Stage1, PlannedStart: day("2025-02-03"), PlannedEnd: day("2025-02-04"),
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}}}))
		err := w.svc.RecordChecklist(w.ctx, a, ChecklistEntry{Ref: "4.1", Result: ResultConform})
		w.refused(err, RuleAuditNotOpen)
		w.must(w.svc.ChangeAudit(w.ctx, a, AuditChange{Status: ptr(AuditConfirmed)}))
		w.clk.reach(day("2025-02-03"))
		w.must(w.svc.ChangeAudit(w.ctx, a, AuditChange{ActualStart: ptr(day("2025-02-03")), Status: ptr(AuditInProgress)}))
		w.must(w.svc.RecordChecklist(w.ctx, a, ChecklistEntry{Ref: "4.1", Result: ResultConform, Notes: "Context documented in AIMS manual v2"}))
		w.must(w.svc.RecordChecklist(w.ctx, a, ChecklistEntry{Ref: "a.5.2", Result: ResultConform}))
		var ve *ValidationError
		if err := w.svc.RecordChecklist(w.ctx, a, ChecklistEntry{Ref: "11.1", Result: ResultConform}); !errors.As(err, &ve) || ve.Field != "ref" {
			t.Fatalf("unknown clause: %v", err)
		}
		if err := w.svc.RecordChecklist(w.ctx, a, ChecklistEntry{Ref: "4.2", Result: "great"}); !errors.As(err, &ve) || ve.Field != "result" {
			t.Fatalf("unknown result: %v", err)
		}
		// A finding raises the item's result and never lowers it.
		w.must1(w.svc.RecordFinding(w.ctx, Finding{AuditID: a, Grade: Minor, Reference: "A.5.2", Requirement: "r", Evidence: "e"}))
		w.must1(w.svc.RecordFinding(w.ctx, Finding{AuditID: a, Grade: OFI, Reference: "A.5.2", Requirement: "r", Evidence: "e"}))
		f, err := w.svc.File(w.ctx, w.cert)
		w.must(err)
		ck := f.Audits[0].Checklist
		if len(ck) != 2 || !reflect.DeepEqual(ck[0], ChecklistEntry{Ref: "4.1", Result: ResultConform, Notes: "Context documented in AIMS manual v2"}) || ck[1].Ref != "A.5.2" || ck[1].Result != ResultMinor {
			t.Fatalf("checklist = %+v", ck)
		}
	})
}

func TestQueries(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		other := w.must1(w.svc.AddClient(w.ctx, Client{LegalName: "Beta Bank AG", RegisteredAddress: "Zürich", EffectivePersonnel: 900}))
		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		w.runAudit(Stage2, "2025-03-10", "2025-03-12", "", RecommendGrant,
			Finding{Grade: Minor, Reference: "7.2", Requirement: "Competence", Evidence: "No training record for the data scientist"})

		rows, err := view.ClientRows(w.ctx, w.svc, day("2025-04-20"))
		w.must(err)
		if len(rows) != 2 || rows[0].ID != w.client || rows[1].ID != other || len(rows[0].Standards) != 1 || rows[0].Overdue != 1 {
			t.Fatalf("client rows = %+v", rows)
		}
		audits, err := view.AuditsBetween(w.ctx, w.svc, day("2025-03-01"), day("2025-03-31"))
		w.must(err)
		if len(audits) != 1 || audits[0].Kind != Stage2 || audits[0].LeadName != "Lena Lead" || audits[0].ClientName != "Acme Analytics GmbH" {
			t.Fatalf("audits in March = %+v", audits)
		}
		open, err := view.FindingRows(w.ctx, w.svc, day("2025-04-20"), true)
		w.must(err)
		if len(open) != 1 || !open[0].Late || open[0].Status != FindingAwaitingResponse || open[0].AuditKind != Stage2 {
			t.Fatalf("open findings = %+v", open)
		}
		q, err := view.DecisionQueue(w.ctx, w.svc, day("2025-04-20"))
		w.must(err)
		if len(q) != 1 || q[0].Kind != ObInitialDecision || q[0].CertificationID != w.cert {
			t.Fatalf("decision queue = %+v", q)
		}
		w.clk.reach(day("2025-04-20")) // the committee drafts on the day
		_, gates, err := w.svc.DraftDecision(w.ctx, Decision{CertificationID: w.cert, Kind: Grant, Date: day("2025-04-20"), Makers: []ID{w.decider}})
		w.must(err)
		blocked := ""
		for _, g := range gates {
			if !g.Passed {
				blocked += g.Rule + " "
			}
		}
		if blocked != RuleMinorWithoutPlan+" " {
			t.Fatalf("draft decision blocks on %q: %+v", blocked, gates)
		}
		vw, err := view.Client(w.ctx, w.svc, w.client, day("2025-04-20"))
		w.must(err)
		if len(vw.Files) != 1 || len(vw.Files[0].Audits) != 2 || vw.People[w.lead].Name != "Lena Lead" || len(vw.Obligations[w.cert]) == 0 {
			t.Fatalf("client view = %+v", vw)
		}
	})
}

func TestAuditsCanBeClosedAndCancelledAfterTheFact(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		s2 := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Stage2, PlannedStart: day("2025-03-10"), PlannedEnd: day("2025-03-11"),
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}}}))
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{Status: ptr(AuditConfirmed)}))
		w.clk.reach(day("2025-03-10"))
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{ActualStart: ptr(day("2025-03-10")), Status: ptr(AuditInProgress)}))
		w.clk.reach(day("2025-03-11"))
		w.fill(s2)
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{ActualEnd: ptr(day("2025-03-11")), Recommendation: ptr(RecommendGrant), Status: ptr(AuditReportDrafted)}))
		w.clk.reach(day("2025-03-12"))
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{ReportDate: ptr(day("2025-03-12")), Status: ptr(AuditClosed)}))
		w.must1(w.decide(Grant, "2025-03-20"))
		surv := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Surveillance, PlannedStart: day("2025-12-01"), PlannedEnd: day("2025-12-02")}))
		w.must1(w.decide(Withdraw, "2025-06-01"))
		// A surveillance planned before the withdrawal can still be cancelled.
		w.must(w.svc.ChangeAudit(w.ctx, surv, AuditChange{Notes: ptr("certificate withdrawn"), Status: ptr(AuditCancelled)}))
		// Re-planning it is refused.
		err := w.svc.ChangeAudit(w.ctx, surv, AuditChange{PlannedStart: ptr(day("2025-12-03"))})
		w.refused(err, RuleAuditNotOpen)
	})
}

func TestBackdatedDecisionSeesTheFileAsItStood(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		x := w.initialAuditsWithMajor(RecommendNotYet,
			Finding{Grade: Major, Reference: "8.4", Requirement: "Impact assessment", Evidence: "none"})
		w.answerFinding(x, "2025-03-20", "2025-03-21")
		w.verifyFinding(x, "2025-04-07", "documents")
		_, err := w.decide(Grant, "2025-04-05")
		w.refused(err, RuleUnverifiedMajor)
		w.must1(w.decide(Grant, "2025-04-07"))
	})
}

func TestStage2AfterLapseNeedsNoNewStage1(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.certify() // lapses after 2028-09-19
		w.runAudit(Stage2, "2028-10-06", "2028-10-08", "", RecommendGrant)
		w.must1(w.decide(Grant, "2028-10-20"))
	})
}

func TestEscalateOverdueMinor(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		w.runAudit(Stage2, "2025-03-10", "2025-03-11", "", RecommendNotYet,
			Finding{Grade: Minor, Reference: "7.5", Requirement: "Documented information", Evidence: "Records not controlled"})
		f, _ := w.svc.File(w.ctx, w.cert)
		x := f.Findings[0] // response due 2025-04-10
		w.clk.reach(day("2025-04-20"))
		w.refused(w.svc.EscalateFinding(w.ctx, x.ID, day("2025-04-20")), RuleEscalation) // policy off
		p, _ := w.svc.Policy(w.ctx)
		p.EscalateOverdueMinor = true
		w.must(w.svc.SetPolicy(w.ctx, p))
		w.refused(w.svc.EscalateFinding(w.ctx, x.ID, day("2025-04-10")), RuleEscalation) // due that day, not overdue
		w.must(w.svc.EscalateFinding(w.ctx, x.ID, day("2025-04-11")))
		f, _ = w.svc.File(w.ctx, w.cert)
		if y := f.Findings[0]; y.Grade != Major || y.EscalatedFrom != Minor || y.CloseDue != day("2025-07-10") {
			t.Fatalf("escalated finding = %+v", y)
		}
		if o := scheduled(t, w.svc, "2025-04-12", 100, ObMajorClose); o == nil || o.Due != day("2025-07-10") {
			t.Fatalf("major close obligation = %+v", o)
		}
		w.refused(w.svc.EscalateFinding(w.ctx, x.ID, day("2025-04-12")), RuleEscalation) // already a major
	})
}

func TestCheckAuditTeamAndInterests(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		// Lena is qualified for 42001 in IT with AI risk; Ada adds the lifecycle.
		lena := Person{ID: w.lead, Name: "Lena Lead", Roles: []Role{RoleLeadAuditor, RoleAuditor}, Competence: &PersonCompetence{
			Qualifications: []Qualification{{Standard: ISO42001, Role: RoleLeadAuditor, Evidence: "witnessed audit 2024"}},
			Sectors:        []int{33}, AIAreas: []AIArea{AIRisk, AIRegulation}}}
		w.must(w.svc.UpdatePerson(w.ctx, lena))
		a := Audit{CertificationID: w.cert, Kind: Stage1, PlannedStart: day("2025-02-03"), PlannedEnd: day("2025-02-04"),
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}}}
		tc, err := w.svc.CheckAuditTeam(w.ctx, a)
		w.must(err)
		if k := kindsOf(tc); k != "ai-not-covered" {
			t.Fatalf("lead alone: %q %+v", k, tc.Problems)
		}
		ada := Person{ID: w.aud, Name: "Ada Auditor", Roles: []Role{RoleAuditor, RoleTechnicalExpert}, Competence: &PersonCompetence{
			Sectors: []int{33}, AIAreas: []AIArea{AILifecycle}},
			Interests: []Interest{{ClientID: w.client, Kind: InterestConsultancy, From: day("2023-01-01"), To: day("2024-06-30")}}}
		w.must(w.svc.UpdatePerson(w.ctx, ada))
		a.Team = append(a.Team, TeamMember{PersonID: w.aud, Role: TeamTechnicalExpert})
		tc, err = w.svc.CheckAuditTeam(w.ctx, a)
		w.must(err)
		if k := kindsOf(tc); k != "interest" {
			t.Fatalf("with Ada: %q %+v", k, tc.Problems)
		}
		// An interest with a client that does not exist is bad input.
		ada.Interests[0].ClientID = 999
		var ve *ValidationError
		if err := w.svc.UpdatePerson(w.ctx, ada); !errors.As(err, &ve) || ve.Field != "interests[0].client_id" {
			t.Fatalf("dangling interest: %v", err)
		}
	})
}
