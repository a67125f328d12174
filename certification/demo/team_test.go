package demo_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/memstore"
)

// checkTeams runs the service's team check on every audit of store that
// is under way or done (confirmed, in progress, report drafted, closed)
// and fails on any blocking problem. It returns the number checked.
func checkTeams(t *testing.T, store certification.Store) int {
	t.Helper()
	ctx := context.Background()
	svc := certification.NewService(store, certification.FixedClock(asOf.Time()))
	var ids []certification.ID
	err := store.View(ctx, func(tx certification.Tx) error {
		return tx.Each(certification.KindAudit, func(id certification.ID, decode func(certification.Record) error) error {
			var a certification.Audit
			if err := decode(&a); err != nil {
				return err
			}
			switch a.Status {
			case certification.AuditConfirmed, certification.AuditInProgress, certification.AuditReportDrafted, certification.AuditClosed:
				ids = append(ids, id)
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	bad := 0
	for _, id := range ids {
		tc, err := svc.CheckAuditTeam(ctx, certification.Audit{ID: id})
		if err != nil {
			t.Fatalf("audit %d: %v", id, err)
		}
		if b := tc.Blocking(); len(b) > 0 {
			if bad++; bad <= 20 {
				var msgs []string
				for _, p := range b {
					msgs = append(msgs, fmt.Sprintf("%s: %s", p.Kind, p.Msg))
				}
				t.Errorf("audit %d: %s", id, strings.Join(msgs, "; "))
			}
		}
	}
	if bad > 0 {
		t.Errorf("%d of %d audits have a team with blocking problems", bad, len(ids))
	}
	if len(ids) == 0 {
		t.Error("no audit under way or done to check")
	}
	return len(ids)
}

// peopleFor returns the size of the register of a demo of n clients.
func peopleFor(t *testing.T, n int) int {
	t.Helper()
	sum, err := demo.Generate(context.Background(), memstore.New(), demo.Options{Clients: n, Seed: 2, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	return sum.People
}

// Every audit the demo confirmed has a team that passes the team check:
// a qualified lead, the client's sectors and AI areas covered, nobody
// double-booked, barred or inactive. The register grows with the body:
// a fixed roster would be double-booked many times over.
func TestTeamsPassCheck(t *testing.T) {
	db, sum := generate(t, 300, 5)
	n := checkTeams(t, db)
	small := peopleFor(t, 10)
	t.Logf("300 clients: %d people, %d audits checked; 10 clients: %d people", sum.People, n, small)
	if small < 14 || small > 30 {
		t.Errorf("10 clients: %d people, want the 14 core staff and a few experts", small)
	}
	if sum.People < 3*small {
		t.Errorf("300 clients: %d people, want several times the %d of 10 clients", sum.People, small)
	}
}

// The same at a larger size, on the demo's fast store.
func TestTeamsPassCheckLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large demo")
	}
	st := memstore.New()
	sum, err := demo.Generate(context.Background(), st, demo.Options{Clients: 2000, Seed: 11, AsOf: asOf})
	if err != nil {
		t.Fatal(err)
	}
	n := checkTeams(t, st)
	small := peopleFor(t, 10)
	t.Logf("2000 clients: %d people, %d audits checked; 10 clients: %d people", sum.People, n, small)
	if sum.People < 8*small {
		t.Errorf("2000 clients: %d people, want many times the %d of 10 clients", sum.People, small)
	}
}
