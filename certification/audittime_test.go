package certification

import (
	"errors"
	"strings"
	"testing"
)

// timed gives a hand-built file what the audit-time gates need: the
// client's AI role and each audit's planned days at its required time.
func timed(f *File) *File {
	if len(f.Client.AIRoles) == 0 {
		f.Client.AIRoles = []AIRole{AIUser}
	}
	for i := range f.Audits {
		a := &f.Audits[i]
		if req, err := RequiredAuditTime(f, a); err == nil && req.HasMinimum {
			a.PlannedDays = req.Days
		} else if a.PlannedDays == 0 {
			a.PlannedDays = 1
		}
	}
	return f
}

func TestRequiredAuditTimeOfEachKind(t *testing.T) {
	// ISO 9001, 65 effective personnel: IAF MD 5 row 46–65, 5 days initial.
	f := &File{Client: Client{ID: 1, LegalName: "Mid Ltd", EffectivePersonnel: 65}, Certification: Certification{ID: 10, ClientID: 1, Standard: ISO9001}}
	for _, tc := range []struct {
		kind AuditKind
		min  bool
		want float64
	}{
		{Stage1, true, 1.5}, {Stage2, true, 3.5}, {Surveillance, true, 1.5}, {Recertification, true, 3.5},
		{Special, false, 0}, {FollowUp, false, 0},
	} {
		req, err := RequiredAuditTime(f, &Audit{Kind: tc.kind})
		if err != nil || req.HasMinimum != tc.min || req.Days != tc.want {
			t.Errorf("%s: %+v %v, want minimum %v %g", tc.kind, req, err, tc.min, tc.want)
		}
	}
	// The contract's reductions (capped at 30 %) lower it; an integrated
	// audit's reduction lowers it again.
	f.Certification.AuditTime = AuditTimeTerms{Adjustments: []TimeAdjustment{{Percent: -30, Reason: "one process, no design"}}, IntegrationReduction: 20}
	if req, _ := RequiredAuditTime(f, &Audit{Kind: Stage2}); req.Days != 2.5 { // 5 × 0.7 = 3.5: stage 1 1, stage 2 2.5
		t.Errorf("stage 2 after −30 %%: %g, want 2.5", req.Days)
	}
	if req, _ := RequiredAuditTime(f, &Audit{Kind: Stage2, IntegratedWith: []ID{5}}); req.Days != 2 || req.IntegrationReduction != 20 { // 3.5 × 0.8 = 2.8 → 3: 1 + 2
		t.Errorf("integrated stage 2: %+v, want 2", req)
	}
	// A 42001 client without an AI role: the time cannot be calculated.
	g := &File{Client: Client{ID: 1, LegalName: "AI Ltd", EffectivePersonnel: 5}, Certification: Certification{ID: 11, ClientID: 1, Standard: ISO42001}}
	if _, err := RequiredAuditTime(g, &Audit{Kind: Stage1}); ruleOf(err) != RuleAuditTimeMinimum || !strings.Contains(err.Error(), "ai_roles") {
		t.Errorf("no AI role: %v", err)
	}
}

func TestAuditTimeTermsValidation(t *testing.T) {
	for _, tc := range []struct {
		name  string
		terms AuditTimeTerms
		field string
	}{
		{"reductions of exactly 30 %", AuditTimeTerms{Adjustments: []TimeAdjustment{{-20, "a"}, {-10, "b"}}}, ""},
		{"reductions of 30.5 %", AuditTimeTerms{Adjustments: []TimeAdjustment{{-20, "a"}, {-10.5, "b"}}}, "audit_time.adjustments"},
		{"no reason", AuditTimeTerms{Adjustments: []TimeAdjustment{{+10, " "}}}, "audit_time.adjustments[0]"},
		{"zero percent", AuditTimeTerms{Adjustments: []TimeAdjustment{{0, "a"}}}, "audit_time.adjustments[0]"},
		{"integration 20 %", AuditTimeTerms{IntegrationReduction: 20}, ""},
		{"integration 20.5 %", AuditTimeTerms{IntegrationReduction: 20.5}, "audit_time.integration_reduction"},
	} {
		c := Certification{ID: 3, ClientID: 1, Standard: ISO42001, Scope: "s", Applied: d("2025-01-01"), AuditTime: tc.terms}
		err := c.Validate()
		var ve *ValidationError
		if tc.field == "" && err != nil || tc.field != "" && (!errors.As(err, &ve) || ve.Field != tc.field) {
			t.Errorf("%s: %v, want field %q", tc.name, err, tc.field)
		}
	}
}

// TestPlannedTimeGate: at the boundaries of the required time.
func TestPlannedTimeGate(t *testing.T) {
	f := timed(grantedFile("2025-01-10"))
	req, err := RequiredAuditTime(f, &Audit{Kind: Surveillance})
	if err != nil || req.Days < 1 {
		t.Fatal(req, err)
	}
	surv := func(days float64, why string) *Audit {
		return &Audit{CertificationID: 10, ClientID: 1, Kind: Surveillance, Cycle: 1, Status: AuditPlanned, PlannedStart: d("2025-11-03"), PlannedEnd: d("2025-11-04"),
			PlannedDays: days, TimeJustification: why}
	}
	for _, tc := range []struct {
		name string
		a    *Audit
		want string
	}{
		{"exactly the required time", surv(req.Days, ""), ""},
		{"half a day more", surv(req.Days+0.5, ""), ""},
		{"half a day less", surv(req.Days-0.5, ""), RuleAuditTimeMinimum},
		{"half a day less, justified", surv(req.Days-0.5, "Only the AI unit is in scope this year; agreed in the contract of 2025-10-01."), ""},
		{"half a day less, blank justification", surv(req.Days-0.5, "  "), RuleAuditTimeMinimum},
		{"not stated yet", surv(0, ""), ""},
	} {
		err := CheckPlanAudit(f, tc.a, nil, DefaultPolicy())
		if ruleOf(err) != tc.want {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
		if tc.want != "" && !strings.Contains(err.Error(), "requires "+number(req.Days)+" auditor-days") || tc.want != "" && !strings.Contains(err.Error(), "the plan has "+number(req.Days-0.5)) {
			t.Errorf("%s: %v does not name both figures", tc.name, err)
		}
	}
	// A special audit has no table minimum.
	sp := surv(0.5, "")
	sp.Kind = Special
	if err := CheckPlanAudit(f, sp, nil, DefaultPolicy()); err != nil {
		t.Errorf("special audit: %v", err)
	}
}

// TestTimeStep: planned days stated to confirm; the shortfall at the
// policy's tolerance.
func TestTimeStep(t *testing.T) {
	p := DefaultPolicy() // 10 %
	for _, tc := range []struct {
		name            string
		next            AuditStatus
		planned, actual float64
		reason          string
		want            string
	}{
		{"confirm with days", AuditConfirmed, 2, 0, "", ""},
		{"confirm without days", AuditConfirmed, 0, 0, "", RuleAuditTimeMinimum},
		{"actual as planned", AuditReportDrafted, 10, 10, "", ""},
		{"actual 10 % short", AuditReportDrafted, 10, 9, "", ""},
		{"actual 15 % short", AuditReportDrafted, 10, 8.5, "", RuleAuditTimeShortfall},
		{"actual 15 % short, reason given", AuditReportDrafted, 10, 8.5, "Site S2 closed by a strike on day 2.", ""},
		{"actual above planned", AuditReportDrafted, 10, 12, "", ""},
		{"actual not recorded", AuditReportDrafted, 10, 0, "", ""},
	} {
		a := &Audit{ID: 4, PlannedDays: tc.planned, ActualDays: tc.actual, ShortfallReason: tc.reason}
		if err := checkTimeStep(a, tc.next, p); ruleOf(err) != tc.want {
			t.Errorf("%s: %v, want %q", tc.name, err, tc.want)
		}
	}
	p.ActualDaysTolerancePercent = 15
	if err := checkTimeStep(&Audit{PlannedDays: 10, ActualDays: 8.5}, AuditReportDrafted, p); err != nil {
		t.Errorf("15 %% short with a 15 %% tolerance: %v", err)
	}
	for _, v := range []struct {
		tol int
		ok  bool
	}{{0, true}, {50, true}, {51, false}, {-1, false}} {
		q := DefaultPolicy()
		q.ActualDaysTolerancePercent = v.tol
		if err := q.Validate(); (err == nil) != v.ok {
			t.Errorf("tolerance %d: %v", v.tol, err)
		}
	}
}

// TestAuditTimeDecisionGate: a file recorded before the gates, with a
// stage 2 below the minimum, cannot carry a grant.
func TestAuditTimeDecisionGate(t *testing.T) {
	dc := DecisionContext{Makers: []*Person{decider}, Policy: DefaultPolicy()}
	grant := func(f *File) error {
		_, err := CheckDecision(f, &Decision{CertificationID: 10, Kind: Grant, Date: d("2025-04-10"), Makers: []ID{decider.ID}, Reasons: "file complete"}, dc)
		return err
	}
	f := stage2File("")
	req := f.Audits[1].PlannedDays
	if err := grant(f); err != nil {
		t.Fatalf("at the required time: %v", err)
	}
	f.Audits[1].PlannedDays = req - 0.5
	err := grant(f)
	if ruleOf(err) != RuleAuditTimeMinimum || !strings.Contains(err.Error(), "planned at "+number(req-0.5)) || !strings.Contains(err.Error(), "required "+number(req)) {
		t.Errorf("below the minimum: %v", err)
	}
	f.Audits[1].TimeJustification = "Agreed in the contract: the AI unit only."
	if err := grant(f); err != nil {
		t.Errorf("justified: %v", err)
	}
	f.Audits[1].ActualDays = req - 1.5
	if err := grant(f); ruleOf(err) != RuleAuditTimeShortfall {
		t.Errorf("unexplained shortfall: %v", err)
	}
	f.Audits[1].PlannedDays = 0
	if err := grant(f); ruleOf(err) != RuleAuditTimeMinimum {
		t.Errorf("no planned days: %v", err)
	}
	// The gate is in the committee's list, with the facts side by side.
	_, gs := EvaluateDecision(stage2File(""), &Decision{CertificationID: 10, Kind: Grant, Date: d("2025-04-10"), Makers: []ID{decider.ID}}, dc)
	found := false
	for _, g := range gs {
		if g.Title == "Audit time" {
			found = g.Passed && strings.Contains(g.Detail, "required "+number(req)+", planned "+number(req))
		}
	}
	if !found {
		t.Errorf("no passed Audit time gate in %+v", gs)
	}
	// The time the audit was planned against counts, not the client's
	// record as it is now (the client grew after the plan).
	g := stage2File("")
	g.Audits[1].RequiredDays = g.Audits[1].PlannedDays
	g.Client.EffectivePersonnel = 400
	if err := grant(g); err != nil {
		t.Errorf("planned at the time required then: %v", err)
	}
	g.Audits[1].RequiredDays = 0 // recorded before the time was stamped: calculated now
	if err := grant(g); ruleOf(err) != RuleAuditTimeMinimum {
		t.Errorf("no stamp, client grown: %v", err)
	}
	facts := AuditTimeFacts(f, &f.Audits[1], DefaultPolicy())
	if facts.Required.Days != req || facts.Planned != 0 || facts.Justification == "" || facts.TolerancePercent != 10 {
		t.Errorf("facts %+v", facts)
	}
}
