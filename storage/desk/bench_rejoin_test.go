package desk_test

import (
	"fmt"
	"testing"
	"time"
)

// The rejoin the offline-desks issue sets a target for: a desk with
// rejoinWaiting changes made offline comes back rejoinBehind entries
// behind the body. The findings take turns on rejoinAudits audits (25
// each at the end, about twice the demo body's density per
// certification): on a few audits each finding would load a file of
// hundreds, which measures a file's growth, not a rejoin.
const (
	rejoinWaiting = 200
	rejoinBehind  = 10_000
	rejoinAudits  = 400
)

// BenchmarkRejoin times one rejoin: the desk undoes its waiting
// changes, applies the entries it missed, and proposes its changes
// again, each one appended and applied (-benchtime 1x: the setup of
// 10,000 proposals is most of the run).
func BenchmarkRejoin(b *testing.B) {
	ctx := testCtx(b)
	for range b.N {
		b.StopTimer()
		body := newBenchBodyOf(b, ctx, rejoinAudits)
		cab := newCable(b, body.office.URL())
		site, siteDB := joinDesk(b, ctx, cab.URL())
		if _, err := site.Sync(ctx); err != nil {
			b.Fatal(err)
		}
		cab.cut()
		waitFor(b, "the site desk to be cut off", func() bool { return !site.Connected() })
		onSite := benchService(site.Store(), body.fx, "Site")
		for k := range rejoinWaiting {
			x := benchFindingOf(body.audits, k)
			x.Evidence = fmt.Sprintf("offline finding %d", k+1)
			if _, err := onSite.RecordFinding(ctx, x); err != nil {
				b.Fatal(err)
			}
		}
		atHQ := benchService(body.desk.Store(), body.fx, "Office")
		for k := range rejoinBehind {
			benchFinding(b, ctx, atHQ, body.audits, k)
		}
		before, _ := siteDB.Head(ctx)
		cab.mend()
		waitFor(b, "the site desk to reconnect", site.Connected)
		b.StartTimer()
		start := time.Now()
		n, err := site.Sync(ctx)
		took := time.Since(start)
		b.StopTimer()
		after, _ := siteDB.Head(ctx)
		switch {
		case err != nil:
			b.Fatal(err)
		case site.Waiting() != 0 || after.Seq != before.Seq+rejoinBehind+rejoinWaiting || n != rejoinBehind:
			b.Fatalf("rejoined %d entries, head %d → %d, %d waiting", n, before.Seq, after.Seq, site.Waiting())
		}
		b.ReportMetric(took.Seconds(), "s/rejoin")
		b.ReportMetric(float64(rejoinBehind)/took.Seconds(), "entries/s")
		cab.cut()
		b.StartTimer()
	}
}
