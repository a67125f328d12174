package certification

import (
	"errors"
	"testing"
)

func ruleOf(err error) string {
	var re *RuleError
	if errors.As(err, &re) {
		return re.Rule
	}
	if err != nil {
		return "other: " + err.Error()
	}
	return ""
}

var (
	lead     = &Person{ID: 7, Name: "Lena Lead", Roles: []Role{RoleLeadAuditor, RoleAuditor}}
	auditor  = &Person{ID: 9, Name: "Ada Auditor", Roles: []Role{RoleAuditor}}
	decider  = &Person{ID: 8, Name: "Dora Decider", Roles: []Role{RoleDecisionMaker}}
	decider2 = &Person{ID: 11, Name: "Dan Decider", Roles: []Role{RoleDecisionMaker, RoleLeadAuditor}}
	team     = map[ID]*Person{7: lead, 9: auditor, 8: decider, 11: decider2}
)

// stage2File: stage 1 ready, stage 2 closed with one finding of the given
// grade (none for "").
func stage2File(g Grade) *File {
	f := initialFile()
	f.Audits = append(f.Audits, Audit{ID: 2, CertificationID: 10, ClientID: 1, Kind: Stage2, Cycle: 1, Status: AuditClosed,
		PlannedStart: d("2025-03-29"), PlannedEnd: d("2025-03-31"), ActualStart: d("2025-03-29"), ActualEnd: d("2025-03-31"),
		ReportDate: d("2025-04-02"), Recommendation: RecommendGrant, Team: []TeamMember{{PersonID: 7, Role: TeamLead}, {PersonID: 9, Role: TeamAuditor}}})
	if g != "" {
		f.Findings = []Finding{{ID: 1, AuditID: 2, CertificationID: 10, ClientID: 1, Number: 1, Grade: g, Reference: "6.1.2",
			Requirement: "r", Evidence: "e", Raised: d("2025-03-30")}}
	}
	return covered(timed(f))
}

// covered gives every audit of f a result on each item it must cover.
func covered(f *File) *File {
	for i := range f.Audits {
		a := &f.Audits[i]
		a.Checklist = append(a.Checklist, MissingEntries(f, a, ChecklistEntry{Result: ResultConform})...)
	}
	return f
}

func accepted(x *Finding) {
	x.Response = &Response{Correction: "c", CorrectiveAction: "a", Received: d("2025-04-20")}
	x.Review = &Review{By: 8, On: d("2025-04-22"), Accepted: true}
}

func verified(on string) func(*Finding) {
	return func(x *Finding) {
		accepted(x)
		x.Verification = &Verification{By: 7, On: d(on), Method: "documents"}
	}
}

func TestDecisionGates(t *testing.T) {
	grant := func(date string, makers ...*Person) (*Decision, DecisionContext) {
		ids := []ID{}
		for _, m := range makers {
			ids = append(ids, m.ID)
		}
		return &Decision{CertificationID: 10, Kind: Grant, Date: d(date), Makers: ids, Reasons: "file complete"},
			DecisionContext{Makers: makers, Policy: DefaultPolicy()}
	}
	for _, tc := range []struct {
		name    string
		file    func() *File
		kind    DecisionKind
		date    string
		makers  []*Person
		wantErr string
	}{
		{"grant clean stage 2", func() *File { return stage2File("") }, Grant, "2025-04-10", []*Person{decider}, ""},
		{"grant with unverified major", func() *File { return stage2File(Major) }, Grant, "2025-04-10", []*Person{decider}, RuleUnverifiedMajor},
		{"grant with major plan accepted but not verified", func() *File {
			f := stage2File(Major)
			accepted(&f.Findings[0])
			return f
		}, Grant, "2025-05-10", []*Person{decider}, RuleUnverifiedMajor},
		{"grant with verified major", func() *File {
			f := stage2File(Major)
			verified("2025-05-01")(&f.Findings[0])
			return f
		}, Grant, "2025-05-10", []*Person{decider}, ""},
		{"grant: major verified on the last day of the 6 months", func() *File {
			f := stage2File(Major)
			verified("2025-09-30")(&f.Findings[0])
			return f
		}, Grant, "2025-10-01", []*Person{decider}, ""},
		{"grant: major verified the day after 6 months", func() *File {
			f := stage2File(Major)
			verified("2025-10-01")(&f.Findings[0])
			return f
		}, Grant, "2025-10-02", []*Person{decider}, RuleMajorVerifiedTooLate},
		{"grant with minor and no plan", func() *File { return stage2File(Minor) }, Grant, "2025-04-10", []*Person{decider}, RuleMinorWithoutPlan},
		{"grant with minor responded but not accepted", func() *File {
			f := stage2File(Minor)
			f.Findings[0].Response = &Response{Correction: "c", Received: d("2025-04-05")}
			return f
		}, Grant, "2025-04-10", []*Person{decider}, RuleMinorWithoutPlan},
		{"grant with minor plan accepted", func() *File {
			f := stage2File(Minor)
			accepted(&f.Findings[0])
			return f
		}, Grant, "2025-04-25", []*Person{decider}, ""},
		{"grant with an OFI", func() *File { return stage2File(OFI) }, Grant, "2025-04-10", []*Person{decider}, ""},
		{"grant by the stage 2 lead auditor", func() *File { return stage2File("") }, Grant, "2025-04-10", []*Person{{ID: 7, Name: "Lena Lead", Roles: []Role{RoleDecisionMaker}}}, RuleDeciderAudited},
		{"grant by a committee with one team member", func() *File { return stage2File("") }, Grant, "2025-04-10", []*Person{decider, {ID: 9, Name: "Ada", Roles: []Role{RoleDecisionMaker}}}, RuleDeciderAudited},
		{"grant by someone without the role", func() *File { return stage2File("") }, Grant, "2025-04-10", []*Person{auditor}, RuleDeciderRole},
		{"grant with stage 2 report not closed", func() *File {
			f := stage2File("")
			f.Audits[1].Status = AuditReportDrafted
			return f
		}, Grant, "2025-04-10", []*Person{decider}, RuleNeedsClosedReport},
		{"grant with no stage 2", func() *File { return initialFile() }, Grant, "2025-04-10", []*Person{decider}, RuleNeedsClosedReport},
		{"grant dated before the stage 2 report", func() *File { return stage2File("") }, Grant, "2025-04-01", []*Person{decider}, RuleNeedsClosedReport},
		{"grant dated before the major's verification", func() *File {
			f := stage2File(Major)
			verified("2025-05-07")(&f.Findings[0])
			return f
		}, Grant, "2025-05-05", []*Person{decider}, RuleUnverifiedMajor},
		{"grant twice", func() *File {
			f := stage2File("")
			f.Certification.Cycles = []Cycle{{Number: 1, Start: d("2025-04-10"), Decided: d("2025-04-10"), Expiry: d("2028-04-09"), Initial: true}}
			f.Certificates = []Certificate{{ID: 100, Number: "X", IssueDate: d("2025-04-10"), Expiry: d("2028-04-09")}}
			f.Certification.CertificateID = 100
			return f
		}, Grant, "2025-05-10", []*Person{decider}, RuleDecisionNotApplicable},
		{"refuse after stage 1", func() *File { return initialFile() }, Refuse, "2025-03-01", []*Person{decider}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dec, dc := grant(tc.date, tc.makers...)
			dec.Kind = tc.kind
			f := tc.file()
			dc.ClientAudits = f.Audits
			_, err := CheckDecision(f, dec, dc)
			if got := ruleOf(err); got != tc.wantErr {
				t.Fatalf("got %q (%v), want %q", got, err, tc.wantErr)
			}
		})
	}
}

// cycleFile: granted 2023-05-10 (expiry 2026-05-09), with a closed
// recertification audit and a closed surveillance audit.
func cycleFile() *File {
	f := grantedFile("2023-05-10")
	f.Audits = []Audit{
		{ID: 3, CertificationID: 10, ClientID: 1, Kind: Surveillance, Cycle: 1, Status: AuditClosed, Recommendation: RecommendMaintain,
			PlannedStart: d("2024-04-02"), PlannedEnd: d("2024-04-03"), ActualStart: d("2024-04-02"), ActualEnd: d("2024-04-03"), ReportDate: d("2024-04-05"),
			Team: []TeamMember{{PersonID: 9, Role: TeamLead}}},
		{ID: 4, CertificationID: 10, ClientID: 1, Kind: Recertification, Cycle: 1, Status: AuditClosed, Recommendation: RecommendRenew,
			PlannedStart: d("2026-03-02"), PlannedEnd: d("2026-03-04"), ActualStart: d("2026-03-02"), ActualEnd: d("2026-03-04"), ReportDate: d("2026-03-06"),
			Team: []TeamMember{{PersonID: 7, Role: TeamLead}}},
	}
	return covered(timed(f))
}

func TestCycleDecisionGates(t *testing.T) {
	suspended := func(on string) func(*File) {
		return func(f *File) {
			f.Certificates[0].Events = []CertificateEvent{{Date: d(on), Status: CertSuspended, DecisionID: 2}}
			f.Decisions = append(f.Decisions, Decision{ID: 2, Kind: Suspend, Date: d(on)})
		}
	}
	for _, tc := range []struct {
		name    string
		edit    func(*File)
		kind    DecisionKind
		date    string
		makers  []*Person
		wantErr string
	}{
		{"renew before expiry", nil, Renew, "2026-04-01", []*Person{decider}, ""},
		{"renew on the expiry date", nil, Renew, "2026-05-09", []*Person{decider}, ""},
		{"renew the day after expiry", nil, Renew, "2026-05-10", []*Person{decider}, RuleRecertificationAfterExp},
		{"renew by the surveillance lead", nil, Renew, "2026-04-01", []*Person{{ID: 9, Name: "Ada", Roles: []Role{RoleDecisionMaker}}}, RuleDeciderAudited},
		{"renew with no recertification report", func(f *File) { f.Audits = f.Audits[:1] }, Renew, "2026-04-01", []*Person{decider}, RuleNeedsClosedReport},
		{"renew with an unverified major at recertification", func(f *File) {
			f.Findings = []Finding{{ID: 5, AuditID: 4, Grade: Major, Number: 1, Reference: "8.2", Raised: d("2026-03-03")}}
		}, Renew, "2026-04-01", []*Person{decider}, RuleUnverifiedMajor},
		{"restore expired within 6 months", nil, Restore, "2026-11-09", []*Person{decider}, ""},
		{"restore expired after 6 months", nil, Restore, "2026-11-10", []*Person{decider}, RuleRestorationWindow},
		{"restore an active certificate", nil, Restore, "2025-01-01", []*Person{decider}, RuleDecisionNotApplicable},
		{"suspend active", nil, Suspend, "2025-01-01", []*Person{decider}, ""},
		{"suspend twice", suspended("2024-12-01"), Suspend, "2025-01-01", []*Person{decider}, RuleDecisionNotApplicable},
		{"restore suspended", suspended("2024-12-01"), Restore, "2025-01-01", []*Person{decider}, ""},
		{"withdraw suspended", suspended("2024-12-01"), Withdraw, "2025-01-01", []*Person{decider}, ""},
		{"decision dated before an earlier one", suspended("2024-12-01"), Withdraw, "2024-11-01", []*Person{decider}, RuleDatesBackwards},
		{"maintain after surveillance", nil, Maintain, "2024-04-10", []*Person{decider}, ""},
		{"maintain with no new report", func(f *File) { f.Audits = nil }, Maintain, "2024-04-10", []*Person{decider}, RuleNeedsClosedReport},
		{"maintain by an auditor of another certification of the client", nil, Maintain, "2024-04-10", []*Person{decider2}, RuleDeciderAudited},
		{"withdraw expired", nil, Withdraw, "2026-06-01", []*Person{decider}, RuleDecisionNotApplicable},
		{"decision on a withdrawn certification", func(f *File) { f.Certification.Closed = d("2025-01-01") }, Suspend, "2025-02-01", []*Person{decider}, RuleDecisionNotApplicable},
		{"reduce scope while suspended", suspended("2024-12-01"), ReduceScope, "2025-01-01", []*Person{decider}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := cycleFile()
			if tc.edit != nil {
				tc.edit(f)
			}
			ids := []ID{}
			for _, m := range tc.makers {
				ids = append(ids, m.ID)
			}
			dec := &Decision{CertificationID: 10, Kind: tc.kind, Date: d(tc.date), Makers: ids, Reasons: "r", NewScope: "narrower"}
			// Person 11 led an audit of the client's other certification in this cycle.
			other := Audit{ID: 99, CertificationID: 20, ClientID: 1, Kind: Surveillance, Cycle: 1, Status: AuditClosed,
				PlannedStart: d("2024-02-01"), PlannedEnd: d("2024-02-01"), Team: []TeamMember{{PersonID: 11, Role: TeamLead}}}
			dc := DecisionContext{Makers: tc.makers, Policy: DefaultPolicy(), ClientAudits: append(append([]Audit{}, f.Audits...), other)}
			_, err := CheckDecision(f, dec, dc)
			if got := ruleOf(err); got != tc.wantErr {
				t.Fatalf("got %q (%v), want %q", got, err, tc.wantErr)
			}
		})
	}
}

func TestPlanAuditGates(t *testing.T) {
	p := DefaultPolicy()
	st2 := func(start, end string) *Audit {
		return &Audit{CertificationID: 10, ClientID: 1, Kind: Stage2, Cycle: 1, Status: AuditPlanned, PlannedStart: d(start), PlannedEnd: d(end),
			Team: []TeamMember{{PersonID: 7, Role: TeamLead}}}
	}
	for _, tc := range []struct {
		name    string
		file    func() *File
		audit   func() *Audit
		wantErr string
	}{
		{"stage 2 after ready stage 1", initialFile, func() *Audit { return st2("2025-03-01", "2025-03-03") }, ""},
		{"stage 2 with no stage 1", func() *File { f := initialFile(); f.Audits = nil; return f }, func() *Audit { return st2("2025-03-01", "2025-03-03") }, RuleStage2NeedsReadyStage1},
		{"stage 2 after a not-ready stage 1", func() *File { f := initialFile(); f.Audits[0].Stage1Outcome = Stage1NotReady; return f }, func() *Audit { return st2("2025-03-01", "2025-03-03") }, RuleStage2NeedsReadyStage1},
		{"stage 2 while stage 1 is only planned", func() *File { f := initialFile(); f.Audits[0].Status = AuditConfirmed; return f }, func() *Audit { return st2("2025-03-01", "2025-03-03") }, RuleStage2NeedsReadyStage1},
		{"stage 2 before stage 1 ended", initialFile, func() *Audit { return st2("2025-02-03", "2025-02-05") }, RuleDatesBackwards},
		{"stage 2 on the last day of the gap", initialFile, func() *Audit { return st2("2025-08-04", "2025-08-05") }, ""},
		{"stage 2 a day past the gap", initialFile, func() *Audit { return st2("2025-08-05", "2025-08-06") }, RuleStage2GapJustification},
		{"stage 2 past the gap with justification", initialFile, func() *Audit {
			a := st2("2025-09-05", "2025-09-06")
			a.GapJustification = "no change to the AIMS since stage 1, confirmed by the client in writing"
			return a
		}, ""},
		{"audit ending before it starts", initialFile, func() *Audit { return st2("2025-03-05", "2025-03-03") }, RuleDatesBackwards},
		{"lead without the lead-auditor role", initialFile, func() *Audit {
			a := st2("2025-03-01", "2025-03-03")
			a.Team = []TeamMember{{PersonID: 9, Role: TeamLead}}
			return a
		}, RuleLeadAuditorRequired},
		{"surveillance on a withdrawn certificate", func() *File {
			f := grantedFile("2024-01-10")
			f.Certificates[0].Events = []CertificateEvent{{Date: d("2024-06-01"), Status: CertWithdrawn}}
			return f
		}, func() *Audit {
			return &Audit{CertificationID: 10, Kind: Surveillance, Cycle: 1, Status: AuditPlanned, PlannedStart: d("2024-12-01"), PlannedEnd: d("2024-12-02")}
		}, RuleSurveillanceWithdrawn},
		{"surveillance before grant", initialFile, func() *Audit {
			return &Audit{CertificationID: 10, Kind: Surveillance, Cycle: 1, Status: AuditPlanned, PlannedStart: d("2025-12-01"), PlannedEnd: d("2025-12-02")}
		}, RuleAuditNotOpen},
		{"recertification after the restoration window", func() *File { return grantedFile("2021-01-10") }, func() *Audit {
			return &Audit{CertificationID: 10, Kind: Recertification, Cycle: 1, Status: AuditPlanned, PlannedStart: d("2024-07-10"), PlannedEnd: d("2024-07-11")}
		}, RuleRestorationWindow},
		{"recertification within the restoration window", func() *File { return grantedFile("2021-01-10") }, func() *Audit {
			return &Audit{CertificationID: 10, Kind: Recertification, Cycle: 1, Status: AuditPlanned, PlannedStart: d("2024-07-09"), PlannedEnd: d("2024-07-09")}
		}, ""},
		{"stage 1 on a live certification", func() *File { return grantedFile("2024-01-10") }, func() *Audit {
			return &Audit{CertificationID: 10, Kind: Stage1, Cycle: 2, Status: AuditPlanned, PlannedStart: d("2025-01-01"), PlannedEnd: d("2025-01-01")}
		}, RuleAuditNotOpen},
		{"stage 1 after the certificate lapsed", func() *File { return grantedFile("2020-01-10") }, func() *Audit {
			return &Audit{CertificationID: 10, Kind: Stage1, Cycle: 2, Status: AuditPlanned, PlannedStart: d("2025-01-01"), PlannedEnd: d("2025-01-01")}
		}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckPlanAudit(tc.file(), tc.audit(), team, p)
			if got := ruleOf(err); got != tc.wantErr {
				t.Fatalf("got %q (%v), want %q", got, err, tc.wantErr)
			}
		})
	}
}

func TestAuditTransitions(t *testing.T) {
	a := &Audit{ID: 1, Kind: Stage1, Status: AuditPlanned}
	if err := a.CheckTransition(AuditInProgress); ruleOf(err) != RuleAuditStatusTransition {
		t.Errorf("planned → in progress: %v", err)
	}
	if err := a.CheckTransition(AuditConfirmed); ruleOf(err) != RuleLeadAuditorRequired {
		t.Errorf("confirm without lead: %v", err)
	}
	a.Team = []TeamMember{{PersonID: 7, Role: TeamLead}}
	if err := a.CheckTransition(AuditConfirmed); err != nil {
		t.Errorf("confirm: %v", err)
	}
	a.Status = AuditInProgress
	a.ActualStart, a.ActualEnd = d("2025-01-01"), d("2025-01-02")
	var ve *ValidationError
	if err := a.CheckTransition(AuditReportDrafted); !errors.As(err, &ve) || ve.Field != "stage1_outcome" {
		t.Errorf("report without outcome: %v", err)
	}
	a.Status = AuditClosed
	if err := a.CheckTransition(AuditCancelled); ruleOf(err) != RuleAuditStatusTransition {
		t.Errorf("cancel closed: %v", err)
	}
}

func TestFindingWorkflowValidation(t *testing.T) {
	x := Finding{AuditID: 1, Grade: Major, Reference: "8.2", Requirement: "r", Evidence: "e", Raised: d("2025-03-10")}
	if err := x.Validate(); err != nil {
		t.Fatal(err)
	}
	x.Response = &Response{Correction: "c", Received: d("2025-03-09")}
	if ruleOf(x.Validate()) != RuleDatesBackwards {
		t.Error("a response before the finding was accepted")
	}
	x.Response.Received = d("2025-03-20")
	x.Verification = &Verification{By: 1, On: d("2025-03-21"), Method: "documents"}
	if ruleOf(x.Validate()) != RuleFindingWorkflow {
		t.Error("verification without an accepted plan was accepted")
	}
	x.Review = &Review{By: 1, On: d("2025-03-22"), Accepted: true}
	if ruleOf(x.Validate()) != RuleDatesBackwards {
		t.Error("verification before the review was accepted")
	}
	x.Verification.On = d("2025-03-22")
	if err := x.Validate(); err != nil || x.Status() != FindingVerified || x.Open() {
		t.Errorf("verified: %v %s", err, x.Status())
	}
}

func TestEvaluateDecisionShowsEveryGate(t *testing.T) {
	f := stage2File(Major)
	f.Findings = append(f.Findings, Finding{ID: 2, AuditID: 2, Number: 2, Grade: Minor, Reference: "7.2", Raised: d("2025-03-30")})
	lena := &Person{ID: 7, Name: "Lena Lead", Roles: []Role{RoleDecisionMaker}}
	dec := &Decision{CertificationID: 10, Kind: Grant, Date: d("2025-04-10"), Makers: []ID{7}, Reasons: "r"}
	_, gs := EvaluateDecision(f, dec, DecisionContext{Makers: []*Person{lena}, ClientAudits: f.Audits, Policy: DefaultPolicy()})
	blocking := map[string]bool{}
	passed := map[string]bool{}
	for _, g := range gs {
		if g.Passed {
			passed[g.Rule] = true
		} else {
			blocking[g.Rule] = true
		}
	}
	for _, r := range []string{RuleUnverifiedMajor, RuleMinorWithoutPlan, RuleDeciderAudited} {
		if !blocking[r] {
			t.Errorf("gate %s not shown as blocking: %+v", r, gs)
		}
	}
	for _, r := range []string{RuleNeedsClosedReport, RuleDeciderRole, RuleMajorVerifiedTooLate} {
		if !passed[r] {
			t.Errorf("gate %s not shown as passed: %+v", r, gs)
		}
	}
	// CheckDecision reports the first blocking gate.
	if _, err := CheckDecision(f, dec, DecisionContext{Makers: []*Person{lena}, ClientAudits: f.Audits}); ruleOf(err) != RuleUnverifiedMajor {
		t.Errorf("first failure = %v", err)
	}
}
