package certification_test

import (
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/storage"
)

func TestCheckNotFuture(t *testing.T) {
	today := day("2026-12-06")
	for _, c := range []struct {
		on      Date
		refused bool
	}{
		{0, false}, // unset: not checked
		{today.AddDays(-1), false},
		{today, false},
		{today.AddDays(1), true},
		{today.AddDays(3), true},
	} {
		err := CheckNotFuture("the audit's actual start", c.on, today)
		if !c.refused {
			if err != nil {
				t.Errorf("%s: %v, want accepted", c.on, err)
			}
			continue
		}
		want := "the audit's actual start " + c.on.String() + " is after today (2026-12-06): record it once it has happened"
		if re, ok := err.(*RuleError); !ok || re.Rule != RuleFutureDate || !strings.Contains(re.Msg, want) {
			t.Errorf("%s: %v, want refusal by %s saying %q", c.on, err, RuleFutureDate, want)
		}
	}
}

func TestAuditDialogDefaults(t *testing.T) {
	today := day("2026-12-06")
	for _, c := range []struct {
		name                   string
		a                      Audit
		wantStart, wantLastDay Date
	}{
		{"planned in the past", Audit{PlannedStart: day("2026-12-01"), PlannedEnd: day("2026-12-02"), ActualStart: day("2026-12-02")}, day("2026-12-01"), day("2026-12-02")},
		{"planned today", Audit{PlannedStart: today, PlannedEnd: today, ActualStart: today}, today, today},
		{"running past today", Audit{PlannedStart: day("2026-12-05"), PlannedEnd: day("2026-12-09"), ActualStart: day("2026-12-05")}, day("2026-12-05"), today},
		{"planned from tomorrow", Audit{PlannedStart: today.AddDays(1), PlannedEnd: today.AddDays(2)}, today, today},
		{"started after the planned end", Audit{PlannedStart: day("2026-11-30"), PlannedEnd: day("2026-12-01"), ActualStart: day("2026-12-03")}, day("2026-11-30"), day("2026-12-03")},
	} {
		if got := c.a.ActualStartDefault(today); got != c.wantStart {
			t.Errorf("%s: actual start default %s, want %s", c.name, got, c.wantStart)
		}
		if got := c.a.ActualEndDefault(today); got != c.wantLastDay {
			t.Errorf("%s: actual end default %s, want %s", c.name, got, c.wantLastDay)
		}
	}
}

// futureCase brings a fresh world to the point of one command, moving
// its clock, and runs the command dated days after the clock's day.
type futureCase struct {
	name string
	run  func(w *world, days int) error
}

// startedStage1 plans a stage 1 for 2025-02-03 to 04 and starts it on
// 2025-02-03 (the clock's day).
func startedStage1(w *world) ID {
	id := w.must1(w.svc.PlanAudit(w.ctx, Audit{CertificationID: w.cert, Kind: Stage1, PlannedStart: day("2025-02-03"), PlannedEnd: day("2025-02-04"), PlannedDays: 2,
		Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}, {PersonID: w.aud, Role: TeamAuditor}}}))
	w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{Status: ptr(AuditConfirmed)}))
	w.clk.set("2025-02-03")
	w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{ActualStart: ptr(day("2025-02-03")), Status: ptr(AuditInProgress)}))
	w.fill(id) // the readiness list, so that only the date decides
	return id
}

// minorFinding records a minor on a started stage 1 and returns it.
func minorFinding(w *world) ID {
	a := startedStage1(w)
	return w.must1(w.svc.RecordFinding(w.ctx, Finding{AuditID: a, Grade: Minor, Reference: "7.5", RaisedBy: w.lead, Raised: day("2025-02-03"),
		Requirement: "Documented information is controlled", Evidence: "Two versions of the AI policy in use"}))
}

var futureCases = []futureCase{
	{"actual start", func(w *world, days int) error {
		id := w.must1(w.svc.PlanAudit(w.ctx, Audit{CertificationID: w.cert, Kind: Stage1, PlannedStart: day("2025-02-03"), PlannedEnd: day("2025-02-04"), PlannedDays: 2,
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}, {PersonID: w.aud, Role: TeamAuditor}}}))
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{Status: ptr(AuditConfirmed)}))
		w.clk.set("2025-02-03")
		on := w.svc.Today().AddDays(days) // after the setup moved the clock
		return w.svc.ChangeAudit(w.ctx, id, AuditChange{ActualStart: &on, Status: ptr(AuditInProgress)})
	}},
	{"actual end", func(w *world, days int) error {
		id := startedStage1(w)
		on := w.svc.Today().AddDays(days) // after the setup moved the clock
		return w.svc.ChangeAudit(w.ctx, id, AuditChange{ActualEnd: &on, ActualDays: ptr(2.0), Stage1Outcome: ptr(Stage1Ready), Status: ptr(AuditReportDrafted)})
	}},
	{"report date", func(w *world, days int) error {
		id := startedStage1(w)
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{ActualEnd: ptr(day("2025-02-03")), ActualDays: ptr(2.0), Stage1Outcome: ptr(Stage1Ready), Status: ptr(AuditReportDrafted)}))
		on := w.svc.Today().AddDays(days) // after the setup moved the clock
		return w.svc.ChangeAudit(w.ctx, id, AuditChange{ReportDate: &on, Status: ptr(AuditClosed)})
	}},
	{"finding raised", func(w *world, days int) error {
		a := startedStage1(w)
		on := w.svc.Today().AddDays(days) // after the setup moved the clock
		_, err := w.svc.RecordFinding(w.ctx, Finding{AuditID: a, Grade: Minor, Reference: "7.5", RaisedBy: w.lead, Raised: on,
			Requirement: "Documented information is controlled", Evidence: "Two versions of the AI policy in use"})
		return err
	}},
	{"response received", func(w *world, days int) error {
		id := minorFinding(w)
		on := w.svc.Today().AddDays(days) // after the setup moved the clock
		return w.svc.RecordResponse(w.ctx, id, Response{RootCause: "r", Correction: "c", CorrectiveAction: "a", Received: on})
	}},
	{"response form", func(w *world, days int) error {
		id := minorFinding(w)
		x, err := w.svc.Finding(w.ctx, id)
		w.must(err)
		on := w.svc.Today().AddDays(days) // after the setup moved the clock
		return w.svc.RecordResponses(w.ctx, ResponseBatch{ClientID: w.client, FormDate: day("2025-02-03"), Today: day("2025-02-03"),
			Updates: []ResponseUpdate{{FindingID: id, Stamp: x.Stamp(), Response: &Response{RootCause: "r", Correction: "c", CorrectiveAction: "a", Received: on}}}})
	}},
	{"plan accepted", func(w *world, days int) error {
		id := minorFinding(w)
		w.must(w.svc.RecordResponse(w.ctx, id, Response{RootCause: "r", Correction: "c", CorrectiveAction: "a", Received: day("2025-02-03")}))
		on := w.svc.Today().AddDays(days) // after the setup moved the clock
		return w.svc.ReviewResponse(w.ctx, id, Review{By: w.lead, On: on, Accepted: true})
	}},
	{"verification", func(w *world, days int) error {
		id := minorFinding(w)
		w.must(w.svc.RecordResponse(w.ctx, id, Response{RootCause: "r", Correction: "c", CorrectiveAction: "a", Received: day("2025-02-03")}))
		w.must(w.svc.ReviewResponse(w.ctx, id, Review{By: w.lead, On: day("2025-02-03"), Accepted: true}))
		on := w.svc.Today().AddDays(days) // after the setup moved the clock
		return w.svc.VerifyFinding(w.ctx, id, Verification{By: w.lead, On: on, Method: "documents"})
	}},
	{"decision", func(w *world, days int) error {
		w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
		w.runAudit(Stage2, "2025-03-10", "2025-03-11", "", RecommendGrant)
		w.clk.set("2025-03-20")
		on := w.svc.Today().AddDays(days) // after the setup moved the clock
		_, err := w.svc.Decide(w.ctx, Decision{CertificationID: w.cert, Kind: Grant, Date: on, Makers: []ID{w.decider}, Reasons: "reviewed the file"})
		return err
	}},
	{"application", func(w *world, days int) error {
		cl := w.must1(w.svc.AddClient(w.ctx, Client{LegalName: "Beta Robotics", RegisteredAddress: "Ring 2, Bonn", EffectivePersonnel: 10, Sectors: []int{33}}))
		on := w.svc.Today().AddDays(days) // after the setup moved the clock
		_, err := w.svc.AddCertification(w.ctx, Certification{ClientID: cl, Standard: ISO42001, Scope: "Robot vision", Applied: on})
		return err
	}},
	{"client created", func(w *world, days int) error {
		on := w.svc.Today().AddDays(days) // after the setup moved the clock
		_, err := w.svc.AddClient(w.ctx, Client{LegalName: "Beta Robotics", RegisteredAddress: "Ring 2, Bonn", EffectivePersonnel: 10, Sectors: []int{33}, Created: on})
		return err
	}},
}

// TestFutureDatesRefused runs each command that records something that
// happened dated today (accepted) and tomorrow (refused by
// no-future-dates, the date and today named).
func TestFutureDatesRefused(t *testing.T) {
	for _, c := range futureCases {
		for _, tomorrow := range []bool{false, true} {
			w := memWorld(t)
			days := 0
			if tomorrow {
				days = 1
			}
			err := c.run(w, days)
			today := w.svc.Today()
			if !tomorrow {
				if err != nil {
					t.Errorf("%s dated today (%s): %v", c.name, today, err)
				}
			} else if re, ok := err.(*RuleError); !ok || re.Rule != RuleFutureDate ||
				!strings.Contains(re.Msg, today.AddDays(1).String()+" is after today ("+today.String()+")") {
				t.Errorf("%s dated tomorrow: %v, want refusal by %s naming both dates", c.name, err, RuleFutureDate)
			}
		}
	}
}

// TestEscalationNotInTheFuture: an escalation is dated when it happens.
func TestEscalationNotInTheFuture(t *testing.T) {
	w := memWorld(t)
	id := minorFinding(w)
	w.refused(w.svc.EscalateFinding(w.ctx, id, w.svc.Today().AddDays(1)), RuleFutureDate)
}

// TestDraftDecisionShowsAFutureDate: the decision form's preview lists
// the date first when it is after today, and not at all when it has come.
func TestDraftDecisionShowsAFutureDate(t *testing.T) {
	w := memWorld(t)
	w.runAudit(Stage1, "2025-02-03", "2025-02-04", Stage1Ready, "")
	w.runAudit(Stage2, "2025-03-10", "2025-03-11", "", RecommendGrant)
	w.clk.set("2025-03-20")
	draft := func(on string) []Gate {
		_, gs, err := w.svc.DraftDecision(w.ctx, Decision{CertificationID: w.cert, Kind: Grant, Date: day(on), Makers: []ID{w.decider}, Reasons: "r"})
		w.must(err)
		return gs
	}
	for _, g := range draft("2025-03-20") {
		if !g.Passed || g.Rule == RuleFutureDate {
			t.Errorf("dated today: gate %+v", g)
		}
	}
	gs := draft("2025-03-21")
	if len(gs) == 0 || gs[0].Rule != RuleFutureDate || gs[0].Passed || !strings.Contains(gs[0].Detail, "2025-03-21 is after today (2025-03-20)") {
		t.Errorf("dated tomorrow: gates %+v", gs)
	}
}

// memWorld is a world on an in-memory store, closed with the test.
func memWorld(t *testing.T) *world {
	t.Helper()
	db, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return newWorld(t, db)
}
