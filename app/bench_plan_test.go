package app

import (
	"context"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"certdesk/certification"
	"certdesk/certification/view"
	"certdesk/storage"
)

// benchUI is the app's window on the data folder named by
// CERTDESK_BENCH_DATA (a body made by certctl demo --clients 10000), as
// of 2026-11-24, with the background work held for drain; without the
// variable the benchmark is skipped.
func benchUI(b *testing.B) (*ui, *worker) {
	b.Helper()
	dir := os.Getenv("CERTDESK_BENCH_DATA")
	if dir == "" {
		b.Skip("set CERTDESK_BENCH_DATA to a folder made by certctl demo --clients 10000")
	}
	st, err := storage.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	a := test.NewTempApp(b)
	asOf, _ := certification.ParseDate("2026-11-24")
	clk := &testClock{t: asOf.Time().Add(10 * time.Hour)}
	ctx, cancel := context.WithCancel(context.Background())
	bg := newWorker(ctx)
	bg.hold = true
	b.Cleanup(func() { cancel(); bg.wait() })
	w := test.NewTempWindow(b, nil)
	u := newUI(a, w, st, clk, bg)
	w.SetContent(u.build())
	w.Resize(fyne.NewSize(1280, 820))
	u.start()
	bg.drain()
	return u, bg
}

// BenchmarkPlanDialog opens the plan form on a certification (its client
// chosen, the registers of people and clients loaded, the team and the
// plan checked once) and closes it again: issue 18's "the plan dialog
// with 1,000 people under 200 ms to open". The form's debounce (200 ms
// after the last change, a wait on purpose) is set to nothing here.
func BenchmarkPlanDialog(b *testing.B) {
	u, bg := benchUI(b)
	was := planCheckDelay
	planCheckDelay = 0
	b.Cleanup(func() { planCheckDelay = was })
	u.goTo("Audit programme", recordRef{})
	bg.drain()
	p := u.spaces[u.current].(*programme)
	// A certification with an audit planned in the weeks after the as-of day.
	asOf, _ := certification.ParseDate("2026-11-24")
	rows, err := view.AuditsBetween(context.Background(), u.svc(), asOf.AddDays(7), asOf.AddDays(60))
	if err != nil || len(rows) == 0 {
		b.Fatalf("no audit planned after the as-of day: %v", err)
	}
	certID := rows[0].CertificationID
	people := 0
	for b.Loop() {
		p.planAudit(certID)
		bg.drain()
		f := p.form
		if f == nil || !f.isOpen() || f.file() == nil {
			b.Fatal("the plan form did not open on the certification")
		}
		people = len(f.people)
		b.StopTimer()
		f.d.Hide()
		bg.drain()
		b.StartTimer()
	}
	b.ReportMetric(float64(people), "people")
}
