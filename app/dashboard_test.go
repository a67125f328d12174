package app

import (
	"strconv"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

func TestDashboard(t *testing.T) {
	h, _, ids := cdBody(t)
	d := h.showSpace("Dashboard").(*dashboard)
	d.reload() // the data was set up behind the UI's back
	h.settle()

	want := [view.Lists]int{view.ListOverdue: 3, view.ListDueSoon: 1, view.ListDueLater: 2, view.ListExpiring: 1, view.ListSuspensions: 1, view.ListLate: 1}
	for l := range view.Lists {
		if got := d.data.Count(l); got != want[l] {
			t.Errorf("%s: %d rows, want %d", dashboardLists[l].heading, got, want[l])
		}
		if got := d.tiles[l].count.Text; got != cdItoa(want[l]) {
			t.Errorf("%s tile shows %q, want %d", dashboardLists[l].caption, got, want[l])
		}
	}

	// Overdue: Northwind's first surveillance (due 12 months after the
	// grant), Delta's second, Corvid's response to its minor NC.
	ov := d.data.Overdue
	if len(ov) == 3 {
		if ov[0].ClientID != ids.northwind || ov[0].Kind != certification.ObSurveillance || ov[0].Due != cdDay("2026-04-01") {
			t.Errorf("first overdue = %+v", ov[0])
		}
		if ov[1].ClientID != ids.delta || ov[1].Kind != certification.ObSurveillance {
			t.Errorf("second overdue = %+v", ov[1])
		}
		if ov[2].ClientID != ids.corvid || ov[2].Kind != certification.ObClientResponse || ov[2].FindingID != ids.corvidFinding {
			t.Errorf("third overdue = %+v", ov[2])
		}
	}
	if got := cdCell(d.tables[view.ListOverdue], 0, 1); got != "237 days" {
		t.Errorf("overdue by %q, want 237 days", got)
	}
	if got := cdCell(d.tables[view.ListOverdue], 0, 2); got != "Northwind" {
		t.Errorf("client cell %q", got)
	}
	if imp := cdCellImportance(d.tables[view.ListOverdue], 0, 0); imp != widget.DangerImportance {
		t.Errorf("overdue due date not coloured as danger: %v", imp)
	}
	if d.data.DueSoon[0].Kind != certification.ObSuspensionLimit || d.data.DueSoon[0].ClientID != ids.delta {
		t.Errorf("due in 30 days = %+v", d.data.DueSoon[0])
	}
	for _, o := range d.data.DueLater {
		if o.ClientID != ids.bluefin {
			t.Errorf("due in 31–90 days: %+v", o)
		}
	}
	if e := d.data.Expiring[0]; e.ClientID != ids.bluefin || e.Expiry != cdDay("2027-01-19") {
		t.Errorf("expiring = %+v", e)
	}
	if got := cdCell(d.tables[view.ListExpiring], 0, 1); got != "56 days" {
		t.Errorf("expires in %q", got)
	}
	if s := d.data.Suspensions[0]; s.ClientID != ids.delta || s.Limit != cdDay("2026-12-10") {
		t.Errorf("suspension = %+v", s)
	}
	if got := cdCell(d.tables[view.ListSuspensions], 0, 1); got != "16 days left" {
		t.Errorf("suspension cell %q", got)
	}
	if f := d.data.Late[0]; f.ID != ids.corvidFinding {
		t.Errorf("late = %+v", f)
	}
	if got := cdCell(d.tables[view.ListLate], 0, 4); got != "Client response" {
		t.Errorf("late awaited %q", got)
	}
	h.capture("dashboard")

	// Tiles choose the list.
	test.Tap(d.tiles[view.ListLate])
	if d.current != view.ListLate || d.stack.Objects[0] != d.bodies[view.ListLate] {
		t.Error("tapping the late tile does not show the late list")
	}
	if d.title.Text != "Open findings past their deadline (1)" {
		t.Errorf("title %q", d.title.Text)
	}
	h.capture("dashboard-late")

	// A late response opens the finding.
	d.tables[view.ListLate].Select(widget.TableCellID{Row: 0, Col: 0})
	h.settle()
	if name := h.u.spaces[h.u.current].name(); name != "Findings" {
		t.Errorf("late response opens %q", name)
	}

	// An obligation row opens the client's page.
	d = h.showSpace("Dashboard").(*dashboard)
	test.Tap(d.tiles[view.ListOverdue])
	d.tables[view.ListOverdue].Select(widget.TableCellID{Row: 0, Col: 2})
	h.settle()
	c, ok := h.u.spaces[h.u.current].(*clients)
	if !ok {
		t.Fatalf("overdue row opens %q", h.u.spaces[h.u.current].name())
	}
	if c.page == nil || c.page.id != ids.northwind || c.page.title.Text != "Northwind Analytics GmbH" {
		t.Fatal("the overdue row does not open Northwind's page")
	}
	cdHas(t, cdTexts(c.page.root), "Surveillance 1 (within 12 months of the certification decision)", "Overdue")

	// A certificate row opens its client too.
	d = h.showSpace("Dashboard").(*dashboard)
	test.Tap(d.tiles[view.ListExpiring])
	d.tables[view.ListExpiring].Select(widget.TableCellID{Row: 0, Col: 0})
	h.settle()
	if c.page == nil || c.page.id != ids.bluefin {
		t.Error("the expiring certificate does not open Bluefin")
	}
}

func TestDashboardEmpty(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	d := h.showSpace("Dashboard").(*dashboard)
	for l := range view.Lists {
		if d.data.Count(l) != 0 || !d.empty[l].Visible() {
			t.Errorf("%s: not empty", dashboardLists[l].heading)
		}
	}
	h.capture("dashboard-empty")
}

// cdCell renders one cell of a table built with newTable.
func cdCell(t *widget.Table, row, col int) string {
	l := t.CreateCell().(*widget.Label)
	t.UpdateCell(widget.TableCellID{Row: row, Col: col}, l)
	return l.Text
}

func cdCellImportance(t *widget.Table, row, col int) widget.Importance {
	l := t.CreateCell().(*widget.Label)
	t.UpdateCell(widget.TableCellID{Row: row, Col: col}, l)
	return l.Importance
}

func cdItoa(n int) string { return strconv.Itoa(n) }

// Until its first load is in, the dashboard says it is loading: no zero
// counts, no "Nothing is overdue".
func TestDashboardLoadingIsNotEmpty(t *testing.T) {
	h, _, _ := cdBody(t)
	d := newDashboard(h.u).(*dashboard)
	for l := range view.Lists {
		if got := d.tiles[l].count.Text; got != "…" {
			t.Errorf("%s tile shows %q before loading, want …", dashboardLists[l].caption, got)
		}
		if d.empty[l].Hidden || d.empty[l].Text != "Loading…" {
			t.Errorf("%s list says %q (hidden %v) before loading, want Loading…", dashboardLists[l].caption, d.empty[l].Text, d.empty[l].Hidden)
		}
	}
	if d.title.Text != dashboardLists[view.ListOverdue].heading || !d.refresh.Disabled() {
		t.Errorf("title %q, refresh disabled %v: want the heading without a count, refresh off", d.title.Text, d.refresh.Disabled())
	}
	d.reload()
	h.settle()
	if got := d.tiles[view.ListOverdue].count.Text; got != "3" {
		t.Errorf("overdue tile shows %q after loading, want 3", got)
	}
	if d.empty[view.ListOverdue].Visible() || d.empty[view.ListDueSoon].Text == "Loading…" {
		t.Error("the lists still say loading after the load")
	}
}
