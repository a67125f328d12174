package app

import (
	"context"
	"os"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"certdesk/certification"
	"certdesk/storage"
)

// BenchmarkOpenWorkspace measures opening each workspace (loading its
// snapshot off the UI goroutine and showing it) on a data folder made by
// `certctl demo --clients 10000`, named by CERTDESK_BENCH_DATA. See
// BENCHMARKS.md. Without the variable it is skipped.
func BenchmarkOpenWorkspace(b *testing.B) {
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
	for i, ws := range u.spaces {
		b.Run(ws.name(), func(b *testing.B) {
			u.show(i)
			bg.drain()
			for b.Loop() {
				ws.reload()
				bg.drain()
			}
		})
	}
	// One keystroke in the client search: filtering the 10,000-row
	// snapshot and refreshing the table, on the UI goroutine.
	b.Run("Clients/search-keystroke", func(b *testing.B) {
		u.goTo("Clients", recordRef{})
		bg.drain()
		c := u.spaces[u.current].(*clients)
		words := []string{"a", "ar", "ard", "arde", "arden"}
		i := 0
		for b.Loop() {
			c.search.SetText(words[i%len(words)])
			i++
		}
		b.ReportMetric(float64(len(c.all)), "clients")
	})
}
