package demo_test

import (
	"context"
	"testing"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/memstore"
)

// On the demo body, the suggested team of every audit still to come
// covers the audit and passes the team gate (CheckTeam through the
// service, then CheckTeamGate without any justification).
func TestSuggestedTeamsPassTheGate(t *testing.T) {
	ctx := context.Background()
	st := memstore.New()
	if _, err := demo.Generate(ctx, st, demo.Options{Clients: 120, Seed: 3, AsOf: asOf}); err != nil {
		t.Fatal(err)
	}
	svc := certification.NewService(st, certification.FixedClock(asOf.Time()))
	p, err := svc.Policy(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.TeamGapJustification = false // the suggestion must need none
	var todo []certification.Audit
	err = st.View(ctx, func(tx certification.Tx) error {
		return certification.EachRecord(ctx, tx, certification.KindAudit, func(a *certification.Audit) {
			if a.Status == certification.AuditPlanned || a.Status == certification.AuditConfirmed {
				todo = append(todo, *a)
			}
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(todo) < 10 {
		t.Fatalf("only %d audits to come in the demo", len(todo))
	}
	for _, a := range todo {
		sug, err := svc.SuggestTeam(ctx, certification.Audit{ID: a.ID})
		if err != nil {
			t.Fatal(err)
		}
		if len(sug.Uncovered) > 0 {
			t.Errorf("audit %d: the suggestion leaves %q uncovered (its own team: %+v)", a.ID, sug.Uncovered, a.Team)
			continue
		}
		a.Team = sug.Team
		tc, err := svc.CheckAuditTeam(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		if err := certification.CheckTeamGate(&a, tc, p); err != nil {
			t.Errorf("audit %d: the suggested team %+v fails the gate: %v", a.ID, a.Team, err)
		}
	}
	t.Logf("%d audits to come, each with a suggested team that passes the gate", len(todo))
}
