package certification_test

import (
	"errors"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/view"
	"certdesk/storage"
)

func kindsOf(tc TeamCheck) string {
	var ks []string
	for _, p := range tc.Problems {
		ks = append(ks, string(p.Kind))
	}
	return strings.Join(ks, " ")
}

func TestStatementOfApplicabilityAndCoverage(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		var ve *ValidationError
		err := w.svc.SetExclusions(w.ctx, w.cert, []Exclusion{{Control: "A.10.4", Justification: ""}})
		if !errors.As(err, &ve) || ve.Field != "exclusions[0].justification" {
			t.Fatalf("exclusion without justification: %v", err)
		}
		err = w.svc.SetExclusions(w.ctx, w.cert, []Exclusion{{Control: "7.2", Justification: "x"}})
		if !errors.As(err, &ve) || ve.Field != "exclusions[0].control" {
			t.Fatalf("excluding a clause: %v", err)
		}
		w.must(w.svc.SetExclusions(w.ctx, w.cert, []Exclusion{
			{Control: "a.10.4", Justification: "The client has no customers using its AI systems: internal use only."},
			{Control: "A.7.3", Justification: "No data is acquired from third parties."}}))
		f, _ := w.svc.File(w.ctx, w.cert)
		items, err := ChecklistItems(&f.Certification)
		w.must(err)
		if len(items) != 73-2 || f.Certification.Exclusions[0].Control != "A.10.4" {
			t.Fatalf("checklist of %d items, exclusions %+v", len(items), f.Certification.Exclusions)
		}
		// Stage 1 and 2; stage 2 audits two controls and one clause.
		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		s2 := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Stage2, PlannedStart: day("2025-03-10"), PlannedEnd: day("2025-03-11"),
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}}}))
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{Status: ptr(AuditConfirmed)}))
		w.clk.reach(day("2025-03-10"))
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{ActualStart: ptr(day("2025-03-10")), Status: ptr(AuditInProgress)}))
		for _, ref := range []string{"A.2.2", "A.6.2.4", "4.1"} {
			w.must(w.svc.RecordChecklist(w.ctx, s2, ChecklistEntry{Ref: ref, Result: ResultConform}))
		}
		w.clk.reach(day("2025-03-11"))
		// The report waits for the rest: 30 leaf clauses and 32 controls,
		// the two excluded controls not among them.
		draft := AuditChange{ActualEnd: ptr(day("2025-03-11")), Recommendation: ptr(RecommendGrant), Status: ptr(AuditReportDrafted)}
		err = w.svc.ChangeAudit(w.ctx, s2, draft)
		w.refused(err, RuleChecklistCoverage)
		if msg := err.Error(); !strings.Contains(msg, "no result for 60 of the 63") || strings.Contains(msg, "A.10.4") || strings.Contains(msg, "4.1,") {
			t.Errorf("refusal = %v", err)
		}
		w.fill(s2)
		w.must(w.svc.ChangeAudit(w.ctx, s2, draft))
		w.clk.reach(day("2025-03-12"))
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{ReportDate: ptr(day("2025-03-12")), Status: ptr(AuditClosed)}))
		w.must1(w.decide(Grant, "2025-03-20"))
		f, _ = w.svc.File(w.ctx, w.cert)
		cv, err := CycleCoverage(f, 1)
		w.must(err)
		if cv.Applicable != 36 || cv.Audited != 36 || len(cv.Unaudited) != 0 || len(cv.ClauseGaps[s2]) != 0 {
			t.Fatalf("coverage = %+v", cv)
		}
		// Stage 2 covered every applicable control: nothing is left for
		// the cycle (the obligation shows on files recorded before the
		// report needed full coverage).
		if o := scheduled(t, w.svc, "2027-12-01", 365, ObCoverage); o != nil {
			t.Fatalf("coverage obligation = %+v", o)
		}
	})
}

func TestEditsThatWouldBypassGatesAreRefused(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		dual := w.must1(w.svc.AddPerson(w.ctx, Person{Name: "Tom Two-Hats", Roles: []Role{RoleDecisionMaker, RoleAuditor}}))
		s1 := w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		s2 := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Stage2, PlannedStart: day("2025-03-10"), PlannedEnd: day("2025-03-11"),
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}, {PersonID: dual, Role: TeamAuditor}}}))
		// Stage 1 cannot be flipped or re-dated once stage 2 builds on it.
		w.refused(w.svc.ChangeAudit(w.ctx, s1, AuditChange{Stage1Outcome: ptr(Stage1NotReady)}), RuleAuditNotOpen)
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{Status: ptr(AuditConfirmed)}))
		w.clk.reach(day("2025-03-10"))
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{ActualStart: ptr(day("2025-03-10")), Status: ptr(AuditInProgress)}))
		x := w.must1(w.svc.RecordFinding(w.ctx, Finding{AuditID: s2, Grade: Major, Reference: "8.2", Requirement: "r", Evidence: "e"}))
		// A member who took part cannot be taken off the team afterwards.
		w.refused(w.svc.ChangeAudit(w.ctx, s2, AuditChange{Team: &[]TeamMember{{PersonID: w.lead, Role: TeamLead}}}), RuleAuditNotOpen)
		// An audit with findings cannot be cancelled away.
		w.refused(w.svc.ChangeAudit(w.ctx, s2, AuditChange{Status: ptr(AuditCancelled)}), RuleAuditNotOpen)
		w.clk.reach(day("2025-03-11"))
		w.fill(s2)
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{ActualEnd: ptr(day("2025-03-11")), Recommendation: ptr(RecommendNotYet), Status: ptr(AuditReportDrafted)}))
		w.clk.reach(day("2025-03-12"))
		w.must(w.svc.ChangeAudit(w.ctx, s2, AuditChange{ReportDate: ptr(day("2025-03-12")), Status: ptr(AuditClosed)}))
		w.answerFinding(x, "2025-03-15", "2025-03-16")
		w.verifyFinding(x, "2025-03-17", "documents")
		w.clk.reach(day("2025-03-20"))
		_, err := w.svc.Decide(w.ctx, Decision{CertificationID: w.cert, Kind: Grant, Date: day("2025-03-20"), Makers: []ID{dual}, Reasons: "x"})
		w.refused(err, RuleDeciderAudited)
		w.must1(w.decide(Grant, "2025-03-20"))
	})
}

func TestPolicyChangeOnALargeBody(t *testing.T) {
	db, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	w := newWorld(t, db)
	// 600 certifications: more than one transaction can recompute.
	for i := 0; i < 600; i++ {
		c := w.must1(w.svc.AddClient(w.ctx, Client{LegalName: "Client " + itoa3(i), RegisteredAddress: "x", EffectivePersonnel: 10}))
		w.must1(w.svc.AddCertification(w.ctx, Certification{ClientID: c, Standard: ISO9001, Scope: "s"}))
	}
	p, _ := w.svc.Policy(w.ctx)
	p.ResponseDays = 21
	w.must(w.svc.SetPolicy(w.ctx, p))
	if p, _ = w.svc.Policy(w.ctx); p.ResponseDays != 21 {
		t.Fatalf("policy not stored: %+v", p)
	}
	chunks := 0
	w.must(db.Journal(w.ctx, 1, func(e JournalEntry) error {
		if e.Command == "refresh-obligations" {
			chunks++
		}
		return nil
	}))
	if chunks != 7 { // 601 certifications in chunks of 100
		t.Errorf("%d refresh transactions, want 7", chunks)
	}
}

func itoa3(i int) string {
	return string(rune('a'+i/100%26)) + string(rune('a'+i/10%10)) + string(rune('a'+i%10))
}

func TestAsOfPastDatesAndReviewFixes(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.certify() // surveillance 1 due 2026-03-20
		w.runAudit(Surveillance, "2026-05-04", "2026-05-05", "", RecommendMaintain)
		// As of 2026-04-15 the surveillance was overdue, though done later.
		if o := scheduled(t, w.svc, "2026-04-15", 0, ObSurveillance); o == nil || o.State != StateOverdue {
			t.Fatalf("surveillance 1 as of 2026-04-15 = %+v", o)
		}
		if o := scheduled(t, w.svc, "2026-05-06", 0, ObSurveillance); o != nil {
			t.Fatalf("surveillance 1 still open after it was done: %+v", o)
		}
		// A scope change while suspended keeps the suspension.
		w.must1(w.decide(Suspend, "2026-06-01"))
		w.clk.reach(day("2026-06-10"))
		_, err := w.svc.Decide(w.ctx, Decision{CertificationID: w.cert, Kind: ReduceScope, Date: day("2026-06-10"), Makers: []ID{w.decider}, Reasons: "r", NewScope: "narrower"})
		w.must(err)
		sts, err := view.Certificates(w.ctx, w.svc, day("2026-06-11"))
		w.must(err)
		if len(sts) != 1 || sts[0].Status != CertSuspended || sts[0].Revision != 2 {
			t.Fatalf("after reducing scope while suspended: %+v", sts)
		}
		// view.Certificates as of a past date show the revision then in force.
		sts, err = view.Certificates(w.ctx, w.svc, day("2025-12-01"))
		w.must(err)
		if len(sts) != 1 || sts[0].Revision != 1 || sts[0].Status != CertActive {
			t.Fatalf("statuses as of 2025-12-01: %+v", sts)
		}
		if sts, _ = view.Certificates(w.ctx, w.svc, day("2025-03-01")); len(sts) != 0 {
			t.Fatalf("a certificate listed before its grant: %+v", sts)
		}
		// The suspension limit lapses with the certificate.
		if o := scheduled(t, w.svc, "2028-09-20", 2000, ObSuspensionLimit); o != nil {
			t.Fatalf("suspension limit after the certificate lapsed: %+v", o)
		}
	})
}

func TestRenewalUnderPlusThreeYearsKeepsTheAnniversary(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		p, _ := w.svc.Policy(w.ctx)
		p.ExpiryPlusThreeYears = true
		w.must(w.svc.SetPolicy(w.ctx, p))
		w.certify() // expires 2028-03-20
		w.runAudit(Recertification, "2028-01-10", "2028-01-11", "", RecommendRenew)
		w.must1(w.decide(Renew, "2028-02-01"))
		f, _ := w.svc.File(w.ctx, w.cert)
		if cy := f.Certification.Cycles[1]; cy.Expiry != day("2031-03-20") {
			t.Fatalf("renewed expiry %s, want 2031-03-20", cy.Expiry)
		}
	})
}

func TestMajorVerifiedPastSixMonthsMeansRepeatingStage2(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		x := w.initialAuditsWithMajor(RecommendNotYet,
			Finding{Grade: Major, Reference: "6.1.2", Requirement: "AI risk assessment", Evidence: "none"})
		w.answerFinding(x, "2025-04-01", "2025-04-02")
		// Limit: 6 months after 2025-03-11 = 2025-09-11; verified a day late.
		w.verifyFinding(x, "2025-09-12", "follow-up visit")
		_, err := w.decide(Grant, "2025-09-15")
		w.refused(err, RuleMajorVerifiedTooLate)
		if o := scheduled(t, w.svc, "2025-09-12", 0, ObMajorVerifyInitial); o != nil {
			t.Fatalf("the 6-month obligation is still open after verification: %+v", o)
		}
	})
}

func TestRestoreAndConfirmAfterWithdrawal(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.certify()
		w.runAudit(Surveillance, "2026-02-02", "2026-02-03", "", RecommendSuspend,
			Finding{Grade: Major, Reference: "9.2", Requirement: "Internal audit", Evidence: "none done in 2025"})
		w.must1(w.decide(Suspend, "2026-02-10"))
		// Lifting the suspension waits for the major's verification.
		_, err := w.decide(Restore, "2026-03-01")
		w.refused(err, RuleUnverifiedMajor)
		// A surveillance planned before a withdrawal cannot be confirmed after it.
		surv := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Surveillance, PlannedStart: day("2026-09-01"), PlannedEnd: day("2026-09-02"),
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}}}))
		w.must1(w.decide(Withdraw, "2026-04-01"))
		w.refused(w.svc.ChangeAudit(w.ctx, surv, AuditChange{Status: ptr(AuditConfirmed)}), RuleSurveillanceWithdrawn)
	})
}

func TestConfirmingAnAuditNeedsACompetentImpartialTeam(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		// Ned knows 42001 and leads, but not sector 33 nor AI regulation.
		ned := w.must1(w.svc.AddPerson(w.ctx, Person{Name: "Ned Newcomer", Roles: []Role{RoleLeadAuditor},
			Competence: &PersonCompetence{Standards: []Standard{ISO42001}, Sectors: []int{19}, AIAreas: []AIArea{AIRisk, AILifecycle}}}))
		plan := func(start, end string, team ...TeamMember) ID {
			return w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Stage1, PlannedStart: day(start), PlannedEnd: day(end), PlannedDays: 1, Team: team}))
		}
		id := plan("2025-02-03", "2025-02-03", TeamMember{PersonID: ned, Role: TeamLead})
		confirm := AuditChange{Status: ptr(AuditConfirmed)}
		w.refused(w.svc.ChangeAudit(w.ctx, id, confirm), RuleTeamGap)
		a, _, err := view.AuditFile(w.ctx, w.svc, id)
		w.must(err)
		if a.Status != AuditPlanned {
			t.Fatalf("a refused confirmation changed the audit: %s", a.Status)
		}
		// Policy allows a justification: a short one is still refused, a real one passes.
		p, err := w.svc.Policy(w.ctx)
		w.must(err)
		p.TeamGapJustification = true
		w.must(w.svc.SetPolicy(w.ctx, p))
		w.refused(w.svc.ChangeAudit(w.ctx, id, AuditChange{Status: ptr(AuditConfirmed), TeamJustification: ptr("fine")}), RuleTeamGap)
		why := "Stage 1 is a document review of the AI policy only; sector and regulation are covered at stage 2 by Lena."
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{Status: ptr(AuditConfirmed), TeamJustification: ptr(why)}))
		a, _, err = view.AuditFile(w.ctx, w.svc, id)
		w.must(err)
		if a.Status != AuditConfirmed || a.TeamJustification != why {
			t.Fatalf("justified confirmation not stored: %s %q", a.Status, a.TeamJustification)
		}
		// A justification never covers a double booking: Lena on two audits the same day.
		p.TeamGapJustification = false
		w.must(w.svc.SetPolicy(w.ctx, p))
		other := w.must1(w.svc.AddCertification(w.ctx, Certification{ClientID: w.must1(w.svc.AddClient(w.ctx, Client{LegalName: "Beta Bank AG",
			RegisteredAddress: "Bahnhofstr. 2, Zürich", EffectivePersonnel: 30, Sectors: []int{33}, AIRoles: []AIRole{AIUser}})), Standard: ISO42001, Scope: "Use of AI chat"}))
		booked := w.must1(w.svc.PlanAtRequiredTime(w.ctx, Audit{CertificationID: other, Kind: Stage1, PlannedStart: day("2025-03-04"), PlannedEnd: day("2025-03-05"), PlannedDays: 2,
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}}}))
		w.must(w.svc.ChangeAudit(w.ctx, booked, confirm))
		second := plan("2025-03-05", "2025-03-05", TeamMember{PersonID: w.lead, Role: TeamLead})
		err = w.svc.ChangeAudit(w.ctx, second, confirm)
		w.refused(err, RuleTeamGap)
		if !strings.Contains(err.Error(), "Lena Lead is on audit") {
			t.Fatalf("the refusal does not name the double booking: %v", err)
		}
		// Moving the audit a day later frees Lena; then swapping in Ned on
		// the confirmed audit is checked again and refused.
		w.must(w.svc.ChangeAudit(w.ctx, second, AuditChange{PlannedStart: ptr(day("2025-03-06")), PlannedEnd: ptr(day("2025-03-06")), Status: ptr(AuditConfirmed)}))
		w.refused(w.svc.ChangeAudit(w.ctx, second, AuditChange{Team: &[]TeamMember{{PersonID: ned, Role: TeamLead}}}), RuleTeamGap)
	})
}
