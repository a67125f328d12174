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
