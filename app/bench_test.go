package app

import "testing"

// BenchmarkOpenWorkspace measures opening each workspace (loading its
// snapshot off the UI goroutine and showing it) on a data folder made by
// `certctl demo --clients 10000`, named by CERTDESK_BENCH_DATA. See
// BENCHMARKS.md. Without the variable it is skipped.
func BenchmarkOpenWorkspace(b *testing.B) {
	u, bg := benchUI(b)
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
