package app

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// The Complaints workspace: the register of complaints and appeals
// (ISO/IEC 17021-1 9.7, 9.8) with their deadlines, read through
// view.Cases as certctl complaint|appeal list reads it, and a detail pane
// that shows a case's steps and takes the next one
// (complaints_detail.go, complaints_forms.go).

const (
	allKinds      = "All kinds"
	complaintsTab = "Complaints"
)

type complaintsSpace struct {
	space
	u    *ui
	body fyne.CanvasObject

	// all is the loaded snapshot (every case); rows the filtered view.
	all  []view.CaseRow
	rows []*view.CaseRow

	search   *entry
	kind     *widget.Select
	openOnly *widget.Check
	lateOnly *widget.Check
	count    *widget.Label
	filters  *fyne.Container
	table    *widget.Table

	selID certification.ID
	det   *caseDetail

	loads chain
}

func newComplaints(u *ui) workspace {
	c := &complaintsSpace{space: space{title: complaintsTab, ic: theme.MailComposeIcon()}, u: u}
	c.build()
	return c
}

func (c *complaintsSpace) content() fyne.CanvasObject { return c.body }

func (c *complaintsSpace) focusSearch() bool {
	c.u.win.Canvas().Focus(c.search)
	return true
}

// create starts a new complaint (Ctrl+N).
func (c *complaintsSpace) create() bool {
	showCaseForm(c.u, certification.CaseComplaint)
	return true
}

// caseLate says whether a case has a deadline not met and past: the
// domain's state of its deadlines (certification.Case.Deadlines).
func caseLate(r *view.CaseRow) bool {
	for _, d := range r.Deadlines {
		if d.State == certification.StateOverdue {
			return true
		}
	}
	return false
}

// caseNextDue is the first deadline of r not met yet, nil when none (as
// certctl's list shows it).
func caseNextDue(r *view.CaseRow) *certification.CaseDue {
	for i := range r.Deadlines {
		if r.Deadlines[i].State != certification.StateDone {
			return &r.Deadlines[i]
		}
	}
	return nil
}

// caseStatusText is a case's status (or a step's verb) with a capital.
func caseStatusText[S ~string](s S) string {
	if s == "" {
		return ""
	}
	return strings.ToUpper(string(s[:1])) + string(s[1:])
}

// caseAbout says what a case is about beyond its client.
func caseAbout(r *view.CaseRow) string {
	var parts []string
	if r.DecisionID != 0 {
		parts = append(parts, fmt.Sprintf("decision %d", r.DecisionID))
	}
	if r.CertificationID != 0 {
		parts = append(parts, fmt.Sprintf("certification %d", r.CertificationID))
	}
	if r.AuditID != 0 {
		parts = append(parts, fmt.Sprintf("audit %d", r.AuditID))
	}
	return strings.Join(parts, ", ")
}

func lateImportance(p **view.CaseRow) widget.Importance {
	if caseLate(*p) {
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// caseColumns are the register's columns; the client's takes the width
// left (the subject is in the detail pane, and the search finds it).
var caseColumns = []column[*view.CaseRow]{
	{title: "No.", width: 64, text: func(p **view.CaseRow) string { return (*p).ID.String() }},
	{title: "Kind", width: 84, text: func(p **view.CaseRow) string { return (*p).Kind.Label() }},
	{title: "Received", width: 96, text: func(p **view.CaseRow) string { return (*p).Received.String() }},
	{title: "From", width: 140, text: func(p **view.CaseRow) string { return (*p).From.Name }},
	{title: "Client", width: 150, text: func(p **view.CaseRow) string { return (*p).ClientName }},
	{title: "About", width: 120, text: func(p **view.CaseRow) string { return caseAboutShort(*p) }},
	{title: "Status", width: 120, text: func(p **view.CaseRow) string { return caseStatusText((*p).Status) }},
	{title: "Next deadline", width: 214, text: func(p **view.CaseRow) string {
		if d := caseNextDue(*p); d != nil {
			return caseStatusText(d.Step.Verb()) + " by " + d.Due.String()
		}
		return "—"
	}, importance: func(p **view.CaseRow) widget.Importance {
		if d := caseNextDue(*p); d != nil {
			return stateImportance(d.State)
		}
		return widget.LowImportance
	}},
	{title: "Late", width: 50, text: func(p **view.CaseRow) string {
		if caseLate(*p) {
			return "late"
		}
		return ""
	}, importance: lateImportance},
}

// caseColumnFlex is the column that takes the room left: the client.
const caseColumnFlex = 4

// caseAboutShort is what a case is about in a cell: the decision an
// appeal is against, else the audit or the certification a complaint
// names.
func caseAboutShort(r *view.CaseRow) string {
	switch {
	case r.DecisionID != 0:
		return fmt.Sprintf("decision %d", r.DecisionID)
	case r.AuditID != 0:
		return fmt.Sprintf("audit %d", r.AuditID)
	case r.CertificationID != 0:
		return fmt.Sprintf("certification %d", r.CertificationID)
	}
	return "the client"
}

func (c *complaintsSpace) build() {
	u := c.u
	c.search = u.newEntry()
	c.search.SetPlaceHolder("Search client, sender or subject…")
	c.search.OnChanged = func(string) { c.applyFilter() }
	c.kind = widget.NewSelect([]string{allKinds, certification.CaseComplaint.Label() + "s", certification.CaseAppeal.Label() + "s"}, func(string) { c.applyFilter() })
	c.kind.SetSelected(allKinds)
	c.openOnly = widget.NewCheck("Open only", func(bool) { c.applyFilter() })
	c.openOnly.Checked = true
	c.lateOnly = widget.NewCheck("Late only", func(bool) { c.applyFilter() })
	c.count = widget.NewLabel("")
	c.count.Importance = widget.LowImportance
	newComplaint := widget.NewButtonWithIcon("New complaint…", theme.ContentAddIcon(), func() { showCaseForm(u, certification.CaseComplaint) })
	newAppeal := widget.NewButtonWithIcon("New appeal…", theme.ContentAddIcon(), func() { showCaseForm(u, certification.CaseAppeal) })

	c.table = newTable(caseColumns, func() []*view.CaseRow { return c.rows }, nil)
	c.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(c.rows) && c.rows[id.Row].ID != c.selID {
			c.selectCase(c.rows[id.Row].ID)
		}
	}
	searchBox := container.NewGridWrap(fyne.NewSize(240, c.search.MinSize().Height), c.search)
	c.filters = container.NewHBox(searchBox, c.kind, c.openOnly, c.lateOnly, layout.NewSpacer(), c.count, newComplaint, newAppeal)
	c.det = newCaseDetail(c)
	split := container.NewVSplit(fillColumn(c.table, columnWidths(caseColumns), caseColumnFlex), c.det.pane)
	split.Offset = 0.42 // the history needs the room more than the list
	c.body = container.NewBorder(container.NewPadded(c.filters), nil, nil, nil, split)
}

// reload loads the register again (every case; the filters apply here).
func (c *complaintsSpace) reload() { c.loads.start(c.load) }

func (c *complaintsSpace) load(done func()) {
	today := c.u.today()
	type result struct {
		rows   []view.CaseRow
		people []certification.Person
	}
	queryThen(c.u, func(ctx context.Context, svc *certification.Service) (result, error) {
		var r result
		var err error
		if r.rows, err = view.Cases(ctx, svc, today, view.CaseFilter{}); err != nil {
			return r, err
		}
		r.people, err = view.People(ctx, svc)
		return r, err
	}, func(r result, err error) {
		defer done()
		if err != nil {
			c.u.showError("load the complaints and appeals", err)
			return
		}
		c.all = r.rows
		c.det.people = r.people
		c.applyFilter()
		c.det.show(c.selected())
	})
}

// selected is the selected case's row in the snapshot, nil when none.
func (c *complaintsSpace) selected() *view.CaseRow {
	if c.selID == 0 {
		return nil
	}
	return rowOf(c.all, func(r *view.CaseRow) bool { return r.ID == c.selID })
}

// applyFilter recomputes the shown rows from the snapshot.
func (c *complaintsSpace) applyFilter() {
	if c.table == nil {
		return
	}
	var kind certification.CaseKind
	for _, k := range certification.CaseKinds {
		if k.Label()+"s" == c.kind.Selected {
			kind = k
		}
	}
	q := certification.Fold(c.search.Text)
	rows := make([]*view.CaseRow, 0, len(c.all))
	late := 0
	for i := range c.all {
		r := &c.all[i]
		if kind != "" && r.Kind != kind || c.openOnly.Checked && r.Closed != nil || c.lateOnly.Checked && !caseLate(r) {
			continue
		}
		if q != "" && !strings.Contains(certification.Fold(r.ClientName+" "+r.From.Name+" "+r.From.Organisation+" "+r.Subject), q) {
			continue
		}
		if caseLate(r) {
			late++
		}
		rows = append(rows, r)
	}
	c.rows = rows
	c.count.SetText(fmt.Sprintf("%s shown of %d, %d late", countText(len(rows), "case"), len(c.all), late))
	c.filters.Refresh()
	c.table.Refresh()
	selectRowOf(c.table, c.rows, func(r *view.CaseRow) bool { return c.selID != 0 && r.ID == c.selID })
}

// open shows a case, or (no id: the dashboard's tile) the open ones.
func (c *complaintsSpace) open(ref recordRef) {
	if ref.kind == certification.KindCase && ref.id != 0 {
		c.selectCase(ref.id)
		return
	}
	c.openOnly.SetChecked(true)
}

func (c *complaintsSpace) selectCase(id certification.ID) {
	c.selID = id
	c.det.show(c.selected())
}
