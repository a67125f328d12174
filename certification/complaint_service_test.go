package certification_test

import (
	"errors"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/certification/view"
)

// An appeal against the grant runs its course through the service on
// Badger (disk and memory): the decision maker and the audit team are
// refused as its investigator and decider, someone not involved is not;
// steps out of order are refused; the schedule shows the late
// acknowledgement, then nothing once decided; every entry replays.
func TestAppealThroughTheService(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.certify() // granted 2025-03-20 by Dora; stage 1 and 2 by Lena and Ada
		ivy := w.must1(w.svc.AddPerson(w.ctx, Person{Name: "Ivy Independent", Roles: []Role{RoleDecisionMaker}}))
		f, err := w.svc.File(w.ctx, w.cert)
		w.must(err)
		grant := f.Decisions[0].ID

		w.clk.set("2025-04-01")
		_, err = w.svc.ReceiveCase(w.ctx, Case{Kind: CaseAppeal, From: CaseParty{Name: "Acme Analytics GmbH"}, ClientID: w.client, Subject: "scope too narrow"})
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Field != "decision_id" {
			t.Fatalf("an appeal naming no decision: %v, want decision_id named", err)
		}
		id := w.must1(w.svc.ReceiveCase(w.ctx, Case{Kind: CaseAppeal, Received: day("2025-04-01"), DecisionID: grant,
			From: CaseParty{Name: "Carla Cee", Organisation: "Acme Analytics GmbH", Contact: "carla@acme.example"}, Subject: "scope too narrow"}))
		c, err := w.svc.Case(w.ctx, id)
		w.must(err)
		if c.ClientID != w.client || c.CertificationID != w.cert || c.Status() != CaseReceived {
			t.Fatalf("appeal %+v: want the grant's client %d and certification %d, received", c, w.client, w.cert)
		}

		// Nothing out of order.
		w.clk.set("2025-04-10")
		w.refused(w.svc.DecideCase(w.ctx, id, CaseStep{PersonID: ivy, Text: "upheld"}, false), RuleCaseStepOrder)
		w.refused(w.svc.CloseCase(w.ctx, id, CaseStep{PersonID: ivy}, 0), RuleCaseStepOrder)

		// Day 9 after receipt: the acknowledgement (7 days) is overdue.
		due, err := view.CaseSchedule(w.ctx, w.svc, day("2025-04-09"), 30)
		w.must(err)
		if len(due) != 1 || due[0].Step != CaseAcknowledged || due[0].State != StateOverdue || due[0].Due != day("2025-04-08") || due[0].ClientName != "Acme Analytics GmbH" {
			t.Fatalf("schedule on 2025-04-09: %+v, want the acknowledgement overdue since 2025-04-08", due)
		}
		if due, _ := view.CaseSchedule(w.ctx, w.svc, day("2025-04-08"), 0); len(due) != 1 || due[0].State != StateDueSoon {
			t.Fatalf("schedule on 2025-04-08 (day 7): %+v, want the acknowledgement due, not overdue", due)
		}

		w.must(w.svc.AcknowledgeCase(w.ctx, id, CaseStep{PersonID: w.lead, Text: "letter sent"}))
		// The decision maker of the grant and its auditors are involved.
		for _, who := range []ID{w.decider, w.lead, w.aud} {
			w.refused(w.svc.InvestigateCase(w.ctx, id, CaseStep{PersonID: who, Text: "looked"}), RuleAppealHandlerInvolved)
		}
		w.must(w.svc.InvestigateCase(w.ctx, id, CaseStep{PersonID: ivy, Text: "the scope statement matches the application"}))
		err = w.svc.DecideCase(w.ctx, id, CaseStep{PersonID: w.decider, Text: "rejected"}, false)
		w.refused(err, RuleAppealHandlerInvolved)
		if !strings.Contains(err.Error(), "Dora Decider made decision") {
			t.Errorf("refusal %q does not say how Dora was involved", err)
		}
		if err := w.svc.DecideCase(w.ctx, id, CaseStep{PersonID: ivy, Text: "rejected"}, true); !errors.As(err, &ve) || ve.Field != "special_audit" {
			t.Fatalf("an appeal calling for a special audit: %v", err)
		}
		w.must(w.svc.DecideCase(w.ctx, id, CaseStep{PersonID: ivy, Text: "rejected: the scope is the one applied for"}, false))
		if due, _ := view.CaseSchedule(w.ctx, w.svc, day("2025-04-10"), 365); len(due) != 0 {
			t.Fatalf("a decided appeal still shows: %+v", due)
		}
		_, err = w.svc.ReceiveCase(w.ctx, Case{}) // nothing named
		if err == nil {
			t.Fatal("an empty case was received")
		}
		err = w.svc.CloseCase(w.ctx, id, CaseStep{Text: "decision sent"}, 0) // by the actor, "system": no person
		if !errors.As(err, &ve) || !strings.Contains(ve.Msg, "--by") {
			t.Fatalf("closed by nobody: %v", err)
		}
		w.must(w.svc.As(Actor{PersonID: ivy, Name: "Ivy Independent"}).CloseCase(w.ctx, id, CaseStep{Text: "decision sent"}, 0))
		// As of a day before it was decided, the closed appeal was still due.
		if due, _ := view.CaseSchedule(w.ctx, w.svc, day("2025-04-09"), 0); len(due) != 1 || due[0].Step != CaseAcknowledged || due[0].State != StateOverdue {
			t.Fatalf("schedule as of 2025-04-09 after closing: %+v, want the acknowledgement overdue then", due)
		}
		c, _ = w.svc.Case(w.ctx, id)
		if c.Status() != CaseClosed || c.Closed.PersonID != ivy || c.Decided.Name != "Ivy Independent" || c.Decided.Date != day("2025-04-10") {
			t.Fatalf("closed appeal %+v", c)
		}
		replaysToTheSameHead(t, w.ctx, st, "receive-case", "acknowledge-case", "investigate-case", "decide-case", "close-case")
	})
}

// A complaint about a surveillance audit: nobody of its team
// investigates it; decided to call for a special audit, it closes only
// naming one planned for the certification.
func TestComplaintCallsForSpecialAudit(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		w.certify()
		surv := w.runAudit(Surveillance, "2026-03-02", "2026-03-03", "", RecommendMaintain)
		ivy := w.must1(w.svc.AddPerson(w.ctx, Person{Name: "Ivy Independent", Roles: []Role{RoleSchemeManager}}))
		ivyS := w.svc.As(Actor{PersonID: ivy, Name: "Ivy Independent"})
		w.clk.set("2026-04-01")
		id := w.must1(w.svc.ReceiveCase(w.ctx, Case{Kind: CaseComplaint, AuditID: surv, From: CaseParty{Name: "Paul Public"}, Subject: "AI system output misused"}))
		if _, err := w.svc.ReceiveCase(w.ctx, Case{Kind: CaseComplaint, ClientID: 99, From: CaseParty{Name: "X"}, Subject: "y"}); err == nil || !strings.Contains(err.Error(), "there is no client 99") {
			t.Fatalf("a complaint about client 99: %v", err)
		}
		w.must(ivyS.AcknowledgeCase(w.ctx, id, CaseStep{}))
		w.refused(w.svc.InvestigateCase(w.ctx, id, CaseStep{PersonID: w.aud, Text: "x"}), RuleComplaintHandlerInvolved)
		w.must(ivyS.InvestigateCase(w.ctx, id, CaseStep{Text: "the client's monitoring (9.1) missed the drift"}))
		w.must(w.svc.DecideCase(w.ctx, id, CaseStep{PersonID: w.decider, Text: "upheld: a special audit of 9.1 and A.6.2.6"}, true))
		w.refused(w.svc.CloseCase(w.ctx, id, CaseStep{PersonID: ivy}, 0), RuleComplaintSpecialAudit)
		w.refused(w.svc.CloseCase(w.ctx, id, CaseStep{PersonID: ivy}, surv), RuleComplaintSpecialAudit)
		a := w.svc.AtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Special, PlannedStart: day("2026-04-20"), PlannedEnd: day("2026-04-20"), PlannedDays: 1,
			Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}, {PersonID: w.aud, Role: TeamAuditor}}})
		special := w.must1(w.svc.PlanAudit(w.ctx, a))
		w.must(w.svc.CloseCase(w.ctx, id, CaseStep{PersonID: ivy}, special))
		c, _ := w.svc.Case(w.ctx, id)
		if c.SpecialAuditID != special || !c.SpecialAudit || c.CertificationID != w.cert || c.ClientID != w.client {
			t.Fatalf("closed complaint %+v, want special audit %d of certification %d", c, special, w.cert)
		}
		rows, err := view.Cases(w.ctx, w.svc, day("2026-04-02"), view.CaseFilter{Kind: CaseComplaint})
		w.must(err)
		if len(rows) != 1 || rows[0].Status != CaseClosed || rows[0].ClientName != "Acme Analytics GmbH" {
			t.Fatalf("cases %+v", rows)
		}
		if mine, _ := view.Cases(w.ctx, w.svc, day("2026-04-02"), view.CaseFilter{ClientID: w.client}); len(mine) != 1 || mine[0].ID != id {
			t.Fatalf("the client's cases %+v", mine)
		}
		if theirs, _ := view.Cases(w.ctx, w.svc, day("2026-04-02"), view.CaseFilter{ClientID: w.client + 1}); len(theirs) != 0 {
			t.Fatalf("another client's cases %+v", theirs)
		}
		if open, _ := view.Cases(w.ctx, w.svc, day("2026-04-02"), view.CaseFilter{OpenOnly: true}); len(open) != 0 {
			t.Fatalf("open cases %+v", open)
		}
	})
}
