package certification_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	. "certdesk/certification"
	"certdesk/storage"
)

// startedAudit plans a stage 1 of w's certification for 2025-02-03 to 04
// and starts it; it returns its id.
func (w *world) startedAudit() ID {
	w.t.Helper()
	a := w.svc.AtRequiredTime(w.ctx, Audit{CertificationID: w.cert, Kind: Stage1, PlannedStart: day("2025-02-03"), PlannedEnd: day("2025-02-04"), PlannedDays: 2,
		Team: []TeamMember{{PersonID: w.lead, Role: TeamLead}, {PersonID: w.aud, Role: TeamAuditor}}})
	id := w.must1(w.svc.PlanAudit(w.ctx, a))
	w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{Status: ptr(AuditConfirmed)}))
	w.clk.reach(day("2025-02-03"))
	w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{ActualStart: ptr(day("2025-02-03")), Status: ptr(AuditInProgress)}))
	return id
}

func (w *world) hold(id ID) *AuditHold {
	w.t.Helper()
	var a Audit
	w.must(w.svc.View(w.ctx, func(tx Tx) error { return tx.Get(id, &a) }))
	return a.Hold
}

func (w *world) lastEntry() JournalEntry {
	w.t.Helper()
	es, err := w.svc.Journal(w.ctx, 1, 0)
	w.must(err)
	return es[len(es)-1]
}

// A desk holds an audit and its holder or a scheme manager releases it,
// each a journal entry; closing the audit ends the hold; and every entry
// replays to the same hash on another store (a desk of the body).
func TestHoldAndRelease(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		sam := w.must1(w.svc.AddPerson(w.ctx, Person{Name: "Sam Scheme", Roles: []Role{RoleSchemeManager}}))
		as := func(id ID, name string) *Service { return w.svc.As(Actor{PersonID: id, Name: name}) }
		lena, ada, dora, manager := as(w.lead, "Lena Lead"), as(w.aud, "Ada Auditor"), as(w.decider, "Dora Decider"), as(sam, "Sam Scheme")
		id := w.startedAudit()

		w.refused(dora.HoldAudit(w.ctx, id, "dora-desk"), RuleHoldTeamMember)
		w.must(lena.HoldAudit(w.ctx, id, "lena-laptop"))
		if h := w.hold(id); h == nil || *h != (AuditHold{Desk: "lena-laptop", PersonID: w.lead, Name: "Lena Lead", Since: day("2025-02-03")}) {
			t.Fatalf("hold %+v, want Lena Lead's on lena-laptop since 2025-02-03", h)
		}
		if e := w.lastEntry(); e.Command != "hold-audit" || e.Actor.PersonID != w.lead || !strings.Contains(e.Summary, "lena-laptop") {
			t.Errorf("journal entry %s %q by %v, want hold-audit naming the desk, by Lena", e.Command, e.Summary, e.Actor)
		}
		w.refused(ada.HoldAudit(w.ctx, id, "ada-desk"), RuleAlreadyHeld)
		w.refused(lena.HoldAudit(w.ctx, id, "lena-laptop"), RuleAlreadyHeld)

		// A hold is advisory: another member records on the held audit.
		w.must(ada.RecordChecklist(w.ctx, id, ChecklistEntry{Ref: "S1.1", Result: ResultConform, Notes: "seen"}))

		// Lena's laptop is lost: Ada may not release it, a scheme manager
		// may with a reason, which the journal keeps.
		w.refused(ada.ReleaseAudit(w.ctx, id, "she is away"), RuleReleaseHolder)
		w.refused(manager.ReleaseAudit(w.ctx, id, ""), RuleReleaseHolder)
		w.must(manager.ReleaseAudit(w.ctx, id, "Lena's laptop was stolen on 2025-02-03"))
		if h := w.hold(id); h != nil {
			t.Fatalf("still held after the release: %+v", h)
		}
		if e := w.lastEntry(); e.Command != "release-audit" || e.Actor.PersonID != sam || !strings.Contains(e.Summary, "stolen") || !strings.Contains(string(e.Args), "stolen") {
			t.Errorf("journal entry %s %q %s by %v, want release-audit with the reason, by Sam", e.Command, e.Summary, e.Args, e.Actor)
		}
		w.refused(manager.HoldAudit(w.ctx, id, "office"), RuleHoldTeamMember) // releasing is not holding
		w.refusedInput(lena.ReleaseAudit(w.ctx, id, ""), "hold")

		// Ada's desk holds it now; she releases it herself, without reason.
		w.must(ada.HoldAudit(w.ctx, id, "ada-desk"))
		w.must(ada.ReleaseAudit(w.ctx, id, ""))
		w.must(lena.HoldAudit(w.ctx, id, "lena-laptop-2"))

		// Drafting the report keeps the hold; closing ends it.
		w.fill(id)
		w.clk.reach(day("2025-02-04"))
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{ActualEnd: ptr(day("2025-02-04")), ActualDays: ptr(2.0), Stage1Outcome: ptr(Stage1Ready), Status: ptr(AuditReportDrafted)}))
		if w.hold(id) == nil {
			t.Fatal("drafting the report ended the hold")
		}
		w.clk.reach(day("2025-02-06"))
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{ReportDate: ptr(day("2025-02-06")), Status: ptr(AuditClosed)}))
		if h := w.hold(id); h != nil {
			t.Fatalf("closing the audit left the hold %+v", h)
		}
		w.refused(lena.HoldAudit(w.ctx, id, "lena-laptop-2"), RuleAuditNotOpen)

		replaysToTheSameHead(t, w.ctx, st, "hold-audit", "release-audit")
	})
}

// Cancelling an audit ends its hold, in the same entry.
func TestCancellingEndsTheHold(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newWorld(t, st)
		id := w.startedAudit()
		w.must(w.svc.As(Actor{PersonID: w.aud, Name: "Ada Auditor"}).HoldAudit(w.ctx, id, "ada-desk"))
		w.must(w.svc.ChangeAudit(w.ctx, id, AuditChange{Status: ptr(AuditCancelled)}))
		if h := w.hold(id); h != nil {
			t.Fatalf("cancelling the audit left the hold %+v", h)
		}
		if e := w.lastEntry(); e.Command != "change-audit" {
			t.Errorf("the last entry is %s, want the cancellation (one entry)", e.Command)
		}
	})
}

// An integrated audit is one visit: holding one of its audits holds
// them all, releasing releases them all, and cancelling ends every hold.
func TestHoldingAnIntegratedAudit(t *testing.T) {
	forEachStore(t, func(t *testing.T, st Store) {
		w := newIntegratedWorld(t, st)
		ids, err := w.plan(Stage1, "2025-02-03", "2025-02-04", IntegratedPart{CertificationID: w.c9001, PlannedDays: 1.5})
		w.must(err)
		w.start(ids[0], "2025-02-03")
		lena := w.svc.As(Actor{PersonID: w.lead, Name: "Lena Lead"})
		w.must(lena.HoldAudit(w.ctx, ids[1], "lena-laptop"))
		for _, id := range ids {
			if h := w.hold(id); h == nil || h.Desk != "lena-laptop" {
				t.Errorf("audit %d: hold %+v, want lena-laptop's", id, h)
			}
		}
		w.refused(w.svc.As(Actor{PersonID: w.aud, Name: "Ada Auditor"}).HoldAudit(w.ctx, ids[0], "ada-desk"), RuleAlreadyHeld)
		w.must(lena.ReleaseAudit(w.ctx, ids[0], ""))
		for _, id := range ids {
			if h := w.hold(id); h != nil {
				t.Errorf("audit %d still held after the release: %+v", id, h)
			}
		}
		w.must(lena.HoldAudit(w.ctx, ids[0], "lena-laptop"))
		w.must(w.svc.ChangeAudit(w.ctx, ids[0], AuditChange{Status: ptr(AuditCancelled)}))
		for _, id := range ids {
			if h := w.hold(id); h != nil {
				t.Errorf("audit %d still held after the visit was cancelled: %+v", id, h)
			}
		}
	})
}

// replaysToTheSameHead runs every entry of st's journal again on a new
// store, as a desk of the body applies them: the same hash each time;
// the journal holds each command of want.
func replaysToTheSameHead(t *testing.T, ctx context.Context, st Store, want ...string) {
	t.Helper()
	dst, err := storage.OpenMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	commands := map[string]bool{}
	err = st.Journal(ctx, 1, func(e JournalEntry) error {
		commands[e.Command] = true
		ap := dst.Applying(storage.Apply{Recorded: e.Recorded, Sealed: func(got JournalEntry) error {
			if got.Hash != e.Hash {
				return fmt.Errorf("entry %d (%s) replayed to hash %s, first made %s", e.Seq, e.Command, got.Hash, e.Hash)
			}
			return nil
		}})
		_, err := Replay(ctx, ap, e, nil, nil)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range want {
		if !commands[c] {
			t.Fatalf("the journal replayed has no %s: %v", c, commands)
		}
	}
}
