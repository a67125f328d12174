package app

import (
	"os"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification/demo"
)

// TestDemoRegisters opens the Findings, Decisions, Certificates and
// Settings workspaces on generated demo data (40 clients; set
// CERTDESK_DEMO_CLIENTS for more, e.g. 10000, to time the loads) and
// selects a record in each.
func TestDemoRegisters(t *testing.T) {
	n := 40
	if s := os.Getenv("CERTDESK_DEMO_CLIENTS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	h := fxHarness(t)
	start := time.Now()
	if _, err := demo.Generate(h.ctx, h.st, demo.Options{Clients: n, Seed: 42, AsOf: h.u.today()}); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d clients generated in %v", n, time.Since(start))

	timed := func(what string, fn func()) {
		start := time.Now()
		fn()
		t.Logf("%s: %v", what, time.Since(start))
	}
	var f *findingsSpace
	timed("findings (open)", func() { f = fxShow(h, "Findings").(*findingsSpace) })
	if len(f.rows) == 0 {
		t.Fatal("no open findings in the demo data")
	}
	timed("findings search", func() { test.Type(f.search, "a") })
	f.search.SetText("")
	f.table.Select(widget.TableCellID{Row: 0, Col: 0})
	fxSettle(h)
	if f.det == nil {
		t.Error("no finding shown")
	}
	fxCapture(h, "demo-findings")
	timed("findings (all)", func() { test.Tap(f.openOnly); fxSettle(h) })
	t.Logf("%d findings, %d open", len(f.all), len(f.rows))

	var d *decisionsSpace
	timed("decision queue", func() { d = fxShow(h, "Decisions").(*decisionsSpace) })
	if len(d.queue) > 0 {
		timed("decision view", func() {
			d.qtable.Select(widget.TableCellID{Row: 0, Col: 0})
			fxSettle(h)
		})
		if d.file == nil {
			t.Error("no file shown")
		}
		fxCapture(h, "demo-decision")
	}

	var c *certificatesSpace
	timed("certificates", func() { c = fxShow(h, "Certificates").(*certificatesSpace) })
	if len(c.rows) == 0 {
		t.Fatal("no certificates in the demo data")
	}
	timed("certificates search", func() { test.Type(c.search, "gmbh") })
	c.search.SetText("")
	c.table.Select(widget.TableCellID{Row: 0, Col: 0})
	fxSettle(h)
	fxCapture(h, "demo-certificates")
	fxShow(h, "Settings")
	fxCapture(h, "demo-settings")
}
