package app

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// The dashboard is what a scheme manager looks at on Monday morning: a
// tile per list with its count, and below the list of the selected tile.
// Every row opens its record.

// dashboard is the Dashboard workspace. All fields belong to the UI
// goroutine.
type dashboard struct {
	space
	noCreate
	noSearch
	u    *ui
	data *view.Board
	gen  int

	root    fyne.CanvasObject
	asOf    *widget.Label
	refresh *widget.Button
	// review opens the review list while changes the body refused wait
	// there (office_review.go); hidden otherwise.
	review *widget.Button
	tiles  [view.Lists]*dashboardTile
	// cases counts the open complaints and appeals, the late ones in its
	// caption; tapping it opens the Complaints workspace (complaints.go).
	cases  *dashboardTile
	tables [view.Lists]*widget.Table
	empty  [view.Lists]*widget.Label
	bodies [view.Lists]fyne.CanvasObject
	title  *widget.Label
	hint   *widget.Label
	// titleRow holds the title and the hint.
	titleRow *fyne.Container
	stack    *fyne.Container
	current  view.List
}

// dashboardLists describes one list: its tile and its heading.
var dashboardLists = [view.Lists]struct {
	caption, sub, heading, empty string
	tone                         widget.Importance
}{
	view.ListOverdue:     {"Overdue", "obligations", "Overdue obligations, the longest overdue first", "Nothing is overdue.", widget.DangerImportance},
	view.ListDueSoon:     {"Due in 30 days", "obligations", "Due in the next 30 days", "Nothing falls due in the next 30 days.", widget.WarningImportance},
	view.ListDueLater:    {"Due in 31–90 days", "obligations", "Due in 31 to 90 days", "Nothing falls due in 31 to 90 days.", widget.MediumImportance},
	view.ListExpiring:    {"Expiring", "certificates, 90 days", "Certificates expiring in the next 90 days", "No certificate expires in the next 90 days.", widget.WarningImportance},
	view.ListSuspensions: {"Suspensions", "near or past the limit", "Suspensions within 30 days of their limit or past it", "No suspension is near its limit.", widget.DangerImportance},
	view.ListLate:        {"Late responses", "open findings", "Open findings past their deadline", "No finding is past its deadline.", widget.DangerImportance},
}

func newDashboard(u *ui) workspace {
	d := &dashboard{space: space{title: "Dashboard", ic: theme.HomeIcon()}, u: u, data: &view.Board{}}
	d.build()
	return d
}

func (d *dashboard) content() fyne.CanvasObject { return d.root }

func (d *dashboard) build() {
	u := d.u
	d.asOf = widget.NewLabel("")
	d.refresh = widget.NewButtonWithIcon("Refresh", theme.ViewRefreshIcon(), d.reload)
	var tiles []fyne.CanvasObject
	for i := range view.Lists {
		l := view.List(i)
		info := dashboardLists[l]
		d.tiles[l] = newDashboardTile(info.caption, info.sub, info.tone, func() { d.selectList(l) })
		d.tiles[l].onEscape = u.escape
		tiles = append(tiles, d.tiles[l])
	}
	d.cases = newDashboardTile("Complaints", "open cases", widget.MediumImportance, func() {
		u.goTo(complaintsTab, recordRef{kind: certification.KindCase})
	})
	d.cases.onEscape = u.escape
	tiles = append(tiles, d.cases)
	var widths [view.Lists][]float32
	// The column that takes the room left: the obligation, else the client.
	flex := [view.Lists]int{view.ListOverdue: 4, view.ListDueSoon: 4, view.ListDueLater: 4, view.ListExpiring: 3, view.ListSuspensions: 4, view.ListLate: 3}
	d.tables[view.ListOverdue], widths[view.ListOverdue] = d.obligationTable(func() []certification.Obligation { return d.data.Overdue }, true)
	d.tables[view.ListDueSoon], widths[view.ListDueSoon] = d.obligationTable(func() []certification.Obligation { return d.data.DueSoon }, false)
	d.tables[view.ListDueLater], widths[view.ListDueLater] = d.obligationTable(func() []certification.Obligation { return d.data.DueLater }, false)
	d.tables[view.ListExpiring], widths[view.ListExpiring] = d.expiringTable()
	d.tables[view.ListSuspensions], widths[view.ListSuspensions] = d.suspensionTable()
	d.tables[view.ListLate], widths[view.ListLate] = d.lateTable()
	d.stack = container.NewStack()
	for i := range view.Lists {
		d.empty[i] = widget.NewLabel(dashboardLists[i].empty)
		d.empty[i].Hide()
		d.bodies[i] = container.NewStack(fillColumn(d.tables[i], widths[i], flex[i]), container.NewCenter(d.empty[i]))
	}
	d.title = header("")
	d.title.SizeName = theme.SizeNameSubHeadingText
	d.hint = widget.NewLabel("Select a row to open its record.")
	d.hint.Importance = widget.LowImportance
	d.titleRow = container.NewBorder(nil, nil, d.title, d.hint)
	d.review = widget.NewButtonWithIcon("", theme.WarningIcon(), u.reviewMenu)
	d.review.Importance = widget.WarningImportance
	d.review.Alignment = widget.ButtonAlignLeading
	d.showReviews(u.office.reviews)
	top := container.NewVBox(
		container.NewHBox(d.asOf, layout.NewSpacer(), d.refresh),
		d.review,
		container.NewGridWithColumns(len(tiles), tiles...),
		d.titleRow,
	)
	d.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, d.stack)
	d.selectList(view.ListOverdue)
	d.showLoading()
}

// showLoading says the lists are loading: no count, no "nothing is
// overdue", until the first snapshot is in.
func (d *dashboard) showLoading() {
	d.asOf.SetText("Loading the dashboard…")
	d.refresh.Disable()
	d.cases.setLoading()
	for i := range view.Lists {
		d.tiles[i].setLoading()
		d.empty[i].SetText("Loading…")
		d.empty[i].Show()
	}
	d.showTitle()
}

// selectList shows the list of one tile.
func (d *dashboard) selectList(l view.List) {
	d.current = l
	for i, t := range d.tiles {
		t.setSelected(view.List(i) == l)
	}
	d.stack.Objects = []fyne.CanvasObject{d.bodies[l]}
	d.stack.Refresh()
	d.showTitle()
}

func (d *dashboard) showTitle() {
	n := d.data.Count(d.current)
	if d.data.AsOf == 0 { // not loaded yet: no count
		d.title.SetText(dashboardLists[d.current].heading)
		d.hint.SetText("")
		d.titleRow.Refresh()
		return
	}
	d.title.SetText(fmt.Sprintf("%s (%d)", dashboardLists[d.current].heading, n))
	// Hiding the hint would leave the row laid out without it: change its text.
	if n == 0 {
		d.hint.SetText("")
	} else {
		d.hint.SetText("Select a row to open its record.")
	}
	d.titleRow.Refresh()
}

func (d *dashboard) reload() {
	d.gen++
	gen := d.gen
	asOf := d.u.today()
	d.refresh.Disable()
	d.asOf.SetText("As of " + longDate(asOf) + " — loading…")
	type result struct {
		board      *view.Board
		open, late int
	}
	query(d.u, "the dashboard", func(ctx context.Context, svc *certification.Service) (result, error) {
		v, err := view.Dashboard(ctx, svc, asOf)
		if err != nil {
			return result{}, err
		}
		r := result{board: &v}
		cases, err := view.Cases(ctx, svc, asOf, view.CaseFilter{OpenOnly: true})
		for i := range cases {
			if caseLate(&cases[i]) {
				r.late++
			}
		}
		r.open = len(cases)
		return r, err
	}, func(r result) {
		if gen != d.gen {
			return
		}
		d.show(r.board)
		d.showCases(r.open, r.late)
	})
}

// show swaps in a snapshot.
func (d *dashboard) show(v *view.Board) {
	d.data = v
	d.refresh.Enable()
	d.showReviews(d.u.office.reviews)
	if v.AsOf != 0 {
		d.asOf.SetText("As of " + longDate(v.AsOf))
	}
	for i := range view.Lists {
		n := v.Count(view.List(i))
		d.tiles[i].setCount(n)
		d.empty[i].SetText(dashboardLists[i].empty)
		if n == 0 {
			d.empty[i].Show()
		} else {
			d.empty[i].Hide()
		}
		d.tables[i].Refresh()
		d.tables[i].ScrollToTop()
	}
	d.showTitle()
}

// showCases shows the count of open complaints and appeals and, in red,
// how many of them are late.
func (d *dashboard) showCases(open, late int) {
	d.cases.alert = late > 0
	d.cases.sub.Text = "open · none late"
	if late > 0 {
		d.cases.sub.Text = fmt.Sprintf("open · %d late", late)
	}
	d.cases.setCount(open)
}

// showReviews shows how many changes the body refused wait on the
// review list (none: the button is hidden).
func (d *dashboard) showReviews(n int) {
	if n == 0 {
		d.review.Hide()
		return
	}
	d.review.SetText(changesWord(n) + " refused by the body — review")
	d.review.Show()
}

// Openers of the rows.

func (d *dashboard) openClient(id certification.ID) {
	d.u.goTo("Clients", recordRef{certification.KindClient, id})
}

func (d *dashboard) openFinding(id certification.ID) {
	d.u.goTo("Findings", recordRef{certification.KindFinding, id})
}

// openObligation opens what an obligation is about: the finding for a
// finding's deadline, else the client.
func (d *dashboard) openObligation(o *certification.Obligation) {
	if o.FindingID != 0 {
		d.openFinding(o.FindingID)
		return
	}
	d.openClient(o.ClientID)
}

func (d *dashboard) obligationTable(rows func() []certification.Obligation, overdue bool) (*widget.Table, []float32) {
	asOf := func() certification.Date { return d.data.AsOf }
	dueImp := func(o *certification.Obligation) widget.Importance { return stateImportance(o.State) }
	when := column[certification.Obligation]{"Due in", 90, func(o *certification.Obligation) string {
		return daysText(asOf().DaysUntil(o.Due))
	}, dueImp}
	if overdue {
		when = column[certification.Obligation]{"Overdue by", 100, func(o *certification.Obligation) string {
			return daysText(o.Due.DaysUntil(asOf()))
		}, dueImp}
	}
	cols := []column[certification.Obligation]{
		{"Due", 100, func(o *certification.Obligation) string { return o.Due.String() }, dueImp},
		when,
		{"Client", 270, func(o *certification.Obligation) string { return o.ClientName }, nil},
		{"Standard", 160, func(o *certification.Obligation) string { return string(o.Standard) }, nil},
		{"Obligation", 320, func(o *certification.Obligation) string { return o.Label }, nil},
	}
	return newTable(cols, rows, func(i int) { d.openObligation(&rows()[i]) }), columnWidths(cols)
}

func (d *dashboard) expiringTable() (*widget.Table, []float32) {
	rows := func() []view.CertificateState { return d.data.Expiring }
	cols := []column[view.CertificateState]{
		{"Expiry", 100, func(c *view.CertificateState) string { return c.Expiry.String() }, func(c *view.CertificateState) widget.Importance {
			if d.data.AsOf.DaysUntil(c.Expiry) <= view.SoonDays {
				return widget.WarningImportance
			}
			return widget.MediumImportance
		}},
		{"Expires in", 90, func(c *view.CertificateState) string { return daysText(d.data.AsOf.DaysUntil(c.Expiry)) }, nil},
		{"Certificate", 190, func(c *view.CertificateState) string { return c.Number }, nil},
		{"Client", 270, func(c *view.CertificateState) string { return c.ClientName }, nil},
		{"Standard", 160, func(c *view.CertificateState) string { return string(c.Standard) }, nil},
		{"Status", 110, func(c *view.CertificateState) string { return c.Status.Label() }, func(c *view.CertificateState) widget.Importance {
			return certStatusImportance(c.Status)
		}},
	}
	return newTable(cols, rows, func(i int) { d.openClient(rows()[i].ClientID) }), columnWidths(cols)
}

func (d *dashboard) suspensionTable() (*widget.Table, []float32) {
	rows := func() []view.Suspension { return d.data.Suspensions }
	past := func(s *view.Suspension) bool { return s.PastLimit(d.data.AsOf) }
	limitImp := func(s *view.Suspension) widget.Importance {
		if past(s) {
			return widget.DangerImportance
		}
		return widget.WarningImportance
	}
	cols := []column[view.Suspension]{
		{"Limit", 100, func(s *view.Suspension) string { return s.Limit.String() }, limitImp},
		{"Time to limit", 130, func(s *view.Suspension) string {
			if past(s) {
				return daysText(s.Limit.DaysUntil(d.data.AsOf)) + " past"
			}
			return daysText(d.data.AsOf.DaysUntil(s.Limit)) + " left"
		}, limitImp},
		{"Suspended since", 130, func(s *view.Suspension) string { return s.Since.String() }, nil},
		{"Certificate", 190, func(s *view.Suspension) string { return s.Number }, nil},
		{"Client", 250, func(s *view.Suspension) string { return s.ClientName }, nil},
		{"Standard", 160, func(s *view.Suspension) string { return string(s.Standard) }, nil},
	}
	return newTable(cols, rows, func(i int) { d.openClient(rows()[i].ClientID) }), columnWidths(cols)
}

func (d *dashboard) lateTable() (*widget.Table, []float32) {
	rows := func() []view.LateFinding { return d.data.Late }
	red := func(*view.LateFinding) widget.Importance { return widget.DangerImportance }
	cols := []column[view.LateFinding]{
		{"Deadline", 100, func(f *view.LateFinding) string { return f.Deadline.String() }, red},
		{"Late by", 90, func(f *view.LateFinding) string { return daysText(f.Deadline.DaysUntil(d.data.AsOf)) }, red},
		{"Client", 220, func(f *view.LateFinding) string { return f.ClientName }, nil},
		{"Finding", 220, func(f *view.LateFinding) string {
			return fmt.Sprintf("%s #%d · %s", f.Grade.Label(), f.Number, f.Reference)
		}, nil},
		{"Awaited", 180, func(f *view.LateFinding) string { return f.Awaited }, nil},
		{"Audit", 170, func(f *view.LateFinding) string {
			return f.AuditKind.Label() + " · " + f.Standard.Short()
		}, nil},
	}
	return newTable(cols, rows, func(i int) { d.openFinding(rows()[i].ID) }), columnWidths(cols)
}
