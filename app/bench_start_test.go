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

// BenchmarkColdStart measures what the app does between being asked to
// open a data folder and showing its first data: the folder opened for
// changes (as the app opens it), the window built and the Dashboard's
// data read and drawn, on the folder named by CERTDESK_BENCH_DATA; each
// iteration closes the folder again. The driver's window and the
// process's own start (GL, fonts) are not in it: see BENCHMARKS.md for
// the real window.
func BenchmarkColdStart(b *testing.B) {
	dir := os.Getenv("CERTDESK_BENCH_DATA")
	if dir == "" {
		b.Skip("set CERTDESK_BENCH_DATA to a folder made by certctl demo --clients 10000")
	}
	a := test.NewTempApp(b)
	asOf, _ := certification.ParseDate("2026-11-24")
	clk := &testClock{t: asOf.Time().Add(10 * time.Hour)}
	for b.Loop() {
		st, err := storage.OpenWith(dir, storage.Options{ReadOnlyIfFull: true})
		if err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		bg := newWorker(ctx)
		bg.hold = true
		w := test.NewWindow(nil)
		u := newUI(a, w, st, clk, bg)
		w.SetContent(u.build())
		w.Resize(fyne.NewSize(1280, 820))
		a.Preferences().SetInt(prefWorkspace, 0) // the Dashboard
		u.start()
		bg.drain()
		if d, ok := u.spaces[0].(*dashboard); !ok || d.data == nil {
			b.Fatal("the dashboard shows no data after its load")
		}
		b.StopTimer()
		cancel()
		bg.wait()
		w.Close()
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
