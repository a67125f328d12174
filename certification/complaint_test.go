package certification_test

import (
	"errors"
	"strings"
	"testing"

	. "certdesk/certification"
)

// aCase is a complaint received on 2025-05-05 and taken up to (and
// including) step upTo, each step a day after the one before, by person 9.
func aCase(kind CaseKind, upTo CaseStatus) *Case {
	c := &Case{ID: 3, Kind: kind, Received: day("2025-05-05"), From: CaseParty{Name: "Max Muster"}, ClientID: 1, Subject: "auditor rude"}
	if kind == CaseAppeal {
		c.DecisionID = 4
	}
	on := c.Received
	fields := []**CaseStep{&c.Acknowledged, &c.Investigated, &c.Decided, &c.Closed}
	for i, s := range CaseSteps {
		if upTo == CaseReceived {
			break
		}
		on = on.AddDays(1)
		*fields[i] = &CaseStep{Date: on, PersonID: 9, Name: "Ivy", Text: "done"}
		if s == upTo {
			break
		}
	}
	return c
}

// Each step needs the one before, is taken once, and is dated between
// the step before (that day allowed, the day before not) and today
// (allowed, tomorrow not); an investigation and a decision say what.
func TestCaseStepOrder(t *testing.T) {
	today := day("2025-06-30")
	step := func(on string, text string) CaseStep { return CaseStep{Date: day(on), PersonID: 7, Text: text} }
	for _, tc := range []struct {
		name string
		at   CaseStatus
		step CaseStatus
		st   CaseStep
		rule string // "" allowed; "input" a ValidationError
		say  string
	}{
		{"acknowledge a received case", CaseReceived, CaseAcknowledged, step("2025-05-05", ""), "", ""},
		{"acknowledge the day before receipt", CaseReceived, CaseAcknowledged, step("2025-05-04", ""), RuleDatesBackwards, "on or after"},
		{"acknowledge today", CaseReceived, CaseAcknowledged, step("2025-06-30", ""), "", ""},
		{"acknowledge tomorrow", CaseReceived, CaseAcknowledged, step("2025-07-01", ""), RuleFutureDate, "complaint 3's acknowledgement on 2025-07-01 is after today"},
		{"investigate before acknowledging", CaseReceived, CaseInvestigated, step("2025-05-10", "x"), RuleCaseStepOrder, "acknowledge it first (certctl complaint acknowledge 3)"},
		{"decide before acknowledging", CaseReceived, CaseDecided, step("2025-05-10", "x"), RuleCaseStepOrder, "acknowledge it first"},
		{"decide before investigating", CaseAcknowledged, CaseDecided, step("2025-05-10", "x"), RuleCaseStepOrder, "investigate it first (certctl complaint investigate 3)"},
		{"close before deciding", CaseInvestigated, CaseClosed, step("2025-05-10", ""), RuleCaseStepOrder, "decide it first"},
		{"acknowledge twice", CaseAcknowledged, CaseAcknowledged, step("2025-05-10", ""), RuleCaseStepOrder, "taken once"},
		{"investigate on the acknowledgement's day", CaseAcknowledged, CaseInvestigated, step("2025-05-06", "found"), "", ""},
		{"investigate the day before the acknowledgement", CaseAcknowledged, CaseInvestigated, step("2025-05-05", "found"), RuleDatesBackwards, "acknowledged"},
		{"investigate without a summary", CaseAcknowledged, CaseInvestigated, step("2025-05-10", " "), "input", "investigation's summary"},
		{"decide without a decision", CaseInvestigated, CaseDecided, step("2025-05-10", ""), "input", "record the decision"},
		{"decide", CaseInvestigated, CaseDecided, step("2025-05-10", "upheld"), "", ""},
		{"close a decided case", CaseDecided, CaseClosed, step("2025-05-10", ""), "", ""},
		{"anything on a closed case", CaseClosed, CaseClosed, step("2025-05-20", ""), RuleCaseStepOrder, "taken once"},
		{"no person", CaseReceived, CaseAcknowledged, CaseStep{Date: day("2025-05-06")}, "input", "--by"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckCaseStep(aCase(CaseComplaint, tc.at), tc.step, tc.st, today)
			switch {
			case tc.rule == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tc.rule == "input":
				var ve *ValidationError
				if !errors.As(err, &ve) {
					t.Fatalf("got %v, want bad input", err)
				}
			case tc.rule != "":
				var re *RuleError
				if !errors.As(err, &re) || re.Rule != tc.rule {
					t.Fatalf("got %v, want rule %s", err, tc.rule)
				}
			}
			if tc.say != "" && (err == nil || !strings.Contains(err.Error(), tc.say)) {
				t.Errorf("message %v does not say %q", err, tc.say)
			}
		})
	}
}

// The deadlines count from receipt: due on day N is on time (due soon),
// the day after it is overdue; a step done late is done, dated after its
// due date.
func TestCaseDeadlines(t *testing.T) {
	p := DefaultPolicy()
	p.ComplaintAcknowledgeDays, p.ComplaintDecideDays, p.DueSoonDays = 7, 60, 5
	received := day("2025-05-05")
	for _, tc := range []struct {
		name string
		at   CaseStatus
		asOf Date
		ack  ObligationState
		dec  ObligationState
	}{
		{"the day received", CaseReceived, received, StateUpcoming, StateUpcoming},
		{"acknowledgement due soon", CaseReceived, received.AddDays(2), StateDueSoon, StateUpcoming},
		{"acknowledgement due today (day 7)", CaseReceived, received.AddDays(7), StateDueSoon, StateUpcoming},
		{"acknowledgement overdue (day 8)", CaseReceived, received.AddDays(8), StateOverdue, StateUpcoming},
		{"acknowledged", CaseAcknowledged, received.AddDays(8), StateDone, StateUpcoming},
		{"decision due today (day 60)", CaseInvestigated, received.AddDays(60), StateDone, StateDueSoon},
		{"decision overdue (day 61)", CaseInvestigated, received.AddDays(61), StateDone, StateOverdue},
		{"decided", CaseDecided, received.AddDays(61), StateDone, StateDone},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ds := aCase(CaseAppeal, tc.at).Deadlines(p, tc.asOf)
			if len(ds) != 2 || ds[0].Step != CaseAcknowledged || ds[1].Step != CaseDecided {
				t.Fatalf("deadlines %+v", ds)
			}
			if ds[0].Due != day("2025-05-12") || ds[1].Due != day("2025-07-04") {
				t.Errorf("due %s and %s, want 2025-05-12 and 2025-07-04", ds[0].Due, ds[1].Due)
			}
			if ds[0].State != tc.ack || ds[1].State != tc.dec {
				t.Errorf("acknowledgement %s, decision %s; want %s, %s", ds[0].State, ds[1].State, tc.ack, tc.dec)
			}
		})
	}
	// A step recorded after asOf was still open then.
	if ds := aCase(CaseComplaint, CaseAcknowledged).Deadlines(p, received); ds[0].State == StateDone {
		t.Errorf("acknowledged on 2025-05-06 but done as of the day received: %+v", ds[0])
	}
}

// Who made the decision appealed against, or audited for it, neither
// investigates nor decides the appeal; nobody on the team of the audit a
// complaint is about investigates or decides the complaint, nor anyone
// an interest declared in the client bars (2 years, to the day). Anyone
// else may; acknowledging and closing are not barred.
func TestCaseHandlerImpartiality(t *testing.T) {
	d := &Decision{ID: 4, Kind: Grant, Date: day("2025-03-20"), Makers: []ID{5},
		Snapshot: Snapshot{Audits: []AuditSnapshot{{ID: 2, Kind: Stage2, Team: []TeamMember{{PersonID: 6, Role: TeamLead}}}}}}
	// Person 10 consulted for client 1 until two years before the day of
	// the step (still barred), person 11 until a day earlier (no longer).
	interests := map[ID][]Interest{
		10: {{ClientID: 1, Kind: InterestConsultancy, From: day("2023-01-01"), To: day("2024-04-01")}},
		11: {{ClientID: 1, Kind: InterestConsultancy, From: day("2023-01-01"), To: day("2024-03-31")}},
	}
	a := &Audit{ID: 8, Kind: Surveillance, PlannedStart: day("2026-03-02"), Team: []TeamMember{{PersonID: 6, Role: TeamLead}, {PersonID: 7, Role: TeamAuditor}}}
	for _, tc := range []struct {
		name   string
		kind   CaseKind
		step   CaseStatus
		person ID
		rule   string
		say    string
	}{
		{"appeal decided by the decision maker", CaseAppeal, CaseDecided, 5, RuleAppealHandlerInvolved, "made decision 4"},
		{"appeal investigated by the decision maker", CaseAppeal, CaseInvestigated, 5, RuleAppealHandlerInvolved, "made decision 4"},
		{"appeal decided by the stage 2 lead", CaseAppeal, CaseDecided, 6, RuleAppealHandlerInvolved, "team of audit 2"},
		{"appeal decided by someone else", CaseAppeal, CaseDecided, 7, "", ""},
		{"appeal acknowledged by the decision maker", CaseAppeal, CaseAcknowledged, 5, "", ""},
		{"complaint investigated by the audit's auditor", CaseComplaint, CaseInvestigated, 7, RuleComplaintHandlerInvolved, "team of audit 8"},
		{"complaint decided by the audit's lead", CaseComplaint, CaseDecided, 6, RuleComplaintHandlerInvolved, "team of audit 8"},
		{"complaint decided by the decision maker", CaseComplaint, CaseDecided, 5, "", ""},
		{"complaint closed by the audit's lead", CaseComplaint, CaseClosed, 6, "", ""},
		{"appeal decided by a consultant of the client until 2024-04-01", CaseAppeal, CaseDecided, 10, RuleAppealHandlerInvolved, "declared consultancy for client 1"},
		{"complaint investigated by a consultant of the client until 2024-04-01", CaseComplaint, CaseInvestigated, 10, RuleComplaintHandlerInvolved, "declared consultancy"},
		{"appeal decided by a consultant of the client until 2024-03-31", CaseAppeal, CaseDecided, 11, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := aCase(tc.kind, CaseReceived)
			c.AuditID = 8
			err := CheckCaseHandler(c, tc.step, &Person{ID: tc.person, Name: "P", Interests: interests[tc.person]}, Involved(c, d, a), day("2026-04-01"))
			var re *RuleError
			if tc.rule == "" && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if tc.rule != "" && (!errors.As(err, &re) || re.Rule != tc.rule || !strings.Contains(re.Msg, tc.say) || !strings.Contains(re.Msg, "--by another person")) {
				t.Fatalf("got %v, want rule %s saying %q", err, tc.rule, tc.say)
			}
		})
	}
	if err := CheckCaseHandler(aCase(CaseComplaint, CaseReceived), CaseAcknowledged, &Person{ID: 1, Name: "Old", Inactive: true}, nil, day("2026-04-01")); err == nil {
		t.Error("an inactive person acknowledged a complaint")
	}
}

// Closing a complaint decided to call for a special audit names a
// special audit of its certification that takes place; nothing else.
func TestComplaintSpecialAudit(t *testing.T) {
	c := aCase(CaseComplaint, CaseDecided)
	c.CertificationID, c.SpecialAudit = 2, true
	for _, tc := range []struct {
		name string
		a    *Audit
		rule string
	}{
		{"none named", nil, RuleComplaintSpecialAudit},
		{"a surveillance", &Audit{ID: 9, Kind: Surveillance, CertificationID: 2, Status: AuditPlanned}, RuleComplaintSpecialAudit},
		{"another certification's", &Audit{ID: 9, Kind: Special, CertificationID: 3, Status: AuditPlanned}, RuleComplaintSpecialAudit},
		{"a cancelled one", &Audit{ID: 9, Kind: Special, CertificationID: 2, Status: AuditCancelled}, RuleComplaintSpecialAudit},
		{"a planned special audit", &Audit{ID: 9, Kind: Special, CertificationID: 2, Status: AuditPlanned}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := CheckSpecialAudit(c, tc.a)
			var re *RuleError
			if tc.rule == "" && err != nil {
				t.Fatalf("refused: %v", err)
			}
			if tc.rule != "" && (!errors.As(err, &re) || re.Rule != tc.rule || !strings.Contains(re.Msg, "--special-audit")) {
				t.Fatalf("got %v, want rule %s", err, tc.rule)
			}
		})
	}
	plain := aCase(CaseComplaint, CaseDecided)
	if err := CheckSpecialAudit(plain, nil); err != nil {
		t.Errorf("a complaint needing no special audit: %v", err)
	}
	if err := CheckSpecialAudit(plain, &Audit{ID: 9, Kind: Special, CertificationID: 2}); err == nil {
		t.Error("a special audit named for a complaint that needs none")
	}
}

// A case's record keeps its steps in order: import refuses one that
// does not.
func TestCaseValidate(t *testing.T) {
	ok := aCase(CaseAppeal, CaseClosed)
	if err := ok.Validate(); err != nil {
		t.Fatalf("a closed appeal: %v", err)
	}
	for name, spoil := range map[string]func(c *Case){
		"unknown kind":               func(c *Case) { c.Kind = "grievance" },
		"no sender":                  func(c *Case) { c.From.Name = " " },
		"no subject":                 func(c *Case) { c.Subject = "" },
		"no client":                  func(c *Case) { c.ClientID = 0 },
		"appeal with no decision":    func(c *Case) { c.DecisionID = 0 },
		"decided, not investigated":  func(c *Case) { c.Investigated = nil },
		"closed before decided":      func(c *Case) { c.Closed.Date = c.Decided.Date.AddDays(-1) },
		"special audit on appeal":    func(c *Case) { c.SpecialAudit = true },
		"complaint about a decision": func(c *Case) { c.Kind = CaseComplaint },
	} {
		c := aCase(CaseAppeal, CaseClosed)
		spoil(c)
		if err := c.Validate(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// The deadlines are policy settings within their bounds, the
// acknowledgement no later than the decision.
func TestComplaintPolicyBounds(t *testing.T) {
	for _, tc := range []struct {
		ack, decide int
		ok          bool
	}{
		{7, 60, true}, {1, 1, true}, {90, 365, true}, {0, 60, false}, {91, 365, false},
		{7, 366, false}, {30, 29, false}, {30, 30, true},
	} {
		p := DefaultPolicy()
		p.ComplaintAcknowledgeDays, p.ComplaintDecideDays = tc.ack, tc.decide
		if err := p.Validate(); (err == nil) != tc.ok {
			t.Errorf("acknowledge %d, decide %d days: %v, want accepted %v", tc.ack, tc.decide, err, tc.ok)
		}
	}
	if p := DefaultPolicy(); p.ComplaintAcknowledgeDays != 7 || p.ComplaintDecideDays != 60 {
		t.Errorf("defaults %d and %d days, want 7 and 60", p.ComplaintAcknowledgeDays, p.ComplaintDecideDays)
	}
	// A policy stored before the settings existed reads them as defaults.
	var p Policy
	if err := p.UnmarshalJSON([]byte(`{"body_name": "Old Body", "certificate_number_format": "{SEQ}"}`)); err != nil || p.ComplaintDecideDays != 60 {
		t.Errorf("an old policy reads decide days %d (%v), want 60", p.ComplaintDecideDays, err)
	}
}
