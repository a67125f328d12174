package storage

import (
	"context"
	"testing"

	"certdesk/certification"
	"certdesk/certification/view"
)

// BenchmarkLists reads the lists the workspaces open on from their read
// models, each beside the bare key-only scan of the indexes it reads
// (bareScanOf): on the same body as BenchmarkDashboard.
func BenchmarkLists(b *testing.B) {
	db := openDash(b)
	ctx := context.Background()
	b.Run("clients", func(b *testing.B) {
		n := 0
		for b.Loop() {
			rows, err := view.ClientRows(ctx, db, dashAsOf)
			if err != nil {
				b.Fatal(err)
			}
			n = len(rows)
		}
		b.ReportMetric(float64(n), "rows")
	})
	b.Run("clients-bare-key-scan", func(b *testing.B) {
		n := 0
		for b.Loop() {
			var err error
			if n, err = bareScanOf(db, certification.IndexClientRow, certification.IndexClientStandard, certification.IndexClientObligations); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n), "keys")
	})
}

// BenchmarkTeamCheck runs the team check the plan form asks for on every
// change to the team (issue 18: under 20 ms per change) on an audit
// planned after the as-of day, its team as planned.
func BenchmarkTeamCheck(b *testing.B) {
	db := openDash(b)
	ctx := context.Background()
	rows, err := view.AuditsBetween(ctx, db, dashAsOf.AddDays(7), dashAsOf.AddDays(60))
	if err != nil || len(rows) == 0 {
		b.Fatalf("no audit planned after the as-of day: %v", err)
	}
	var a certification.Audit
	if err := db.View(ctx, func(tx certification.Tx) error { return tx.Get(rows[0].ID, &a) }); err != nil {
		b.Fatal(err)
	}
	a.ID = 0 // as the form's draft: not yet saved
	svc := certification.NewService(db, certification.FixedClock(dashAsOf.Time()))
	for b.Loop() {
		if _, err := svc.CheckAuditTeam(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(a.Team)), "members")
}
