package app

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/audit/audittime"
	"certdesk/certification"
	"certdesk/certification/view"
)

// The audit programme: the scheme manager's view of every audit, month
// by month. A year's audits are loaded in one snapshot (through the
// month index); month, filters and search work on that snapshot.

// Filter choices that mean "no filter".
const (
	anyAuditor   = "All auditors"
	anyStandard  = "All standards"
	anyKind      = "All kinds"
	notCancelled = "Not cancelled"
	anyStatus    = "All statuses"
)

type programme struct {
	space
	u    *ui
	body fyne.CanvasObject

	// year and month (1–12; 0 = the whole year) on screen.
	year, month int
	// rows is the snapshot of the year loadedYear; people the register.
	rows       []view.AuditRow
	loadedYear int
	people     []certification.Person
	personIDs  map[string]certification.ID // auditor filter option → person
	// shown are the rows of the month that pass the filters.
	shown  []view.AuditRow
	counts [12]int
	// focus is an audit to scroll to once its month is on screen.
	focus certification.ID

	// clients is the client list for the plan form's picker, loaded
	// when a form first needs it after a change.
	clients      []view.ClientRow
	clientsStale bool
	form         *planForm

	title    *widget.Label
	summary  *widget.Label
	yearCell *monthCell
	cells    [12]*monthCell
	search   *entry
	auditor  *widget.Select
	standard *widget.Select
	kind     *widget.Select
	status   *widget.Select
	table    *widget.Table
	empty    *widget.Label
	planBtn  *widget.Button
}

func newProgramme(u *ui) workspace {
	p := &programme{space: space{title: "Audit programme", ic: theme.CalendarIcon()}, u: u, clientsStale: true}
	t := u.today()
	p.year, p.month = t.Year(), int(t.Month())
	p.build()
	return p
}

func (p *programme) content() fyne.CanvasObject { return p.body }

func (p *programme) create() bool {
	p.planAudit(0)
	return true
}

func (p *programme) focusSearch() bool {
	p.u.win.Canvas().Focus(p.search)
	return true
}

func (p *programme) build() {
	p.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.stepMonth(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.stepMonth(1) })
	thisMonth := widget.NewButton("This month", func() { t := p.u.today(); p.showMonth(t.Year(), int(t.Month())) })
	p.planBtn = widget.NewButtonWithIcon("Plan audit…", theme.ContentAddIcon(), func() { p.planAudit(0) })
	p.planBtn.Importance = widget.HighImportance
	top := container.NewHBox(prev, next, thisMonth, p.title, layout.NewSpacer(), p.planBtn)

	p.yearCell = newMonthCell(func() { p.showMonth(p.year, 0) })
	cells := []fyne.CanvasObject{p.yearCell}
	for i := range p.cells {
		m := i + 1
		p.cells[i] = newMonthCell(func() { p.showMonth(p.year, m) })
		cells = append(cells, p.cells[i])
	}
	strip := container.NewGridWithColumns(13, cells...)

	p.search = p.u.newEntry()
	p.search.SetPlaceHolder("Search client…")
	p.search.OnChanged = func(string) { p.refilter() }
	p.auditor = widget.NewSelect([]string{anyAuditor}, func(string) { p.refilter() })
	p.auditor.SetSelected(anyAuditor)
	p.standard = widget.NewSelect(append([]string{anyStandard}, toStrings(certification.AllStandards())...), func(string) { p.refilter() })
	p.standard.SetSelected(anyStandard)
	kinds := []string{anyKind}
	for _, k := range certification.AuditKinds {
		kinds = append(kinds, k.Label())
	}
	p.kind = widget.NewSelect(kinds, func(string) { p.refilter() })
	p.kind.SetSelected(anyKind)
	statuses := []string{notCancelled, anyStatus}
	for _, s := range certification.AuditStatuses {
		statuses = append(statuses, s.Label())
	}
	p.status = widget.NewSelect(statuses, func(string) { p.refilter() })
	p.status.SetSelected(notCancelled)
	clear := widget.NewButtonWithIcon("", theme.ContentClearIcon(), p.clearFilters)
	wide := func(o fyne.CanvasObject, w float32) fyne.CanvasObject {
		r := canvas.NewRectangle(color.Transparent)
		r.SetMinSize(fyne.NewSize(w, 0))
		return container.NewStack(r, o)
	}
	filters := container.NewBorder(nil, nil, nil, container.NewHBox(wide(p.auditor, 170), wide(p.standard, 170),
		wide(p.kind, 150), wide(p.status, 150), clear), p.search)

	p.table = newTable(programmeColumns(p.u.today), func() []view.AuditRow { return p.shown }, func(i int) {
		p.u.goTo("Audit workspace", recordRef{certification.KindAudit, p.shown[i].ID})
	})
	p.empty = widget.NewLabel("")
	p.empty.Alignment = fyne.TextAlignCenter
	p.empty.Importance = widget.LowImportance
	p.empty.Hide()
	p.summary = widget.NewLabel("Loading…")
	p.summary.Importance = widget.LowImportance
	hint := widget.NewLabel("Ctrl+N plan · Ctrl+F search · select a row to open it in the Audit workspace")
	hint.Importance = widget.LowImportance

	head := container.NewVBox(container.NewPadded(top), strip, container.NewPadded(filters))
	foot := container.NewHBox(p.summary, layout.NewSpacer(), hint)
	p.body = container.NewBorder(head, foot, nil, nil, container.NewStack(p.table, container.NewCenter(p.empty)))
	p.showTitle()
}

// programmeColumns are the programme table's columns; today marks audits
// whose planned start has passed without the audit starting.
func programmeColumns(today func() certification.Date) []column[view.AuditRow] {
	return []column[view.AuditRow]{
		{title: "Start", width: 100, text: func(r *view.AuditRow) string { return r.Start().String() }},
		{title: "End", width: 100, text: func(r *view.AuditRow) string { return r.LastDay().String() }},
		{title: "Client", width: 230, text: func(r *view.AuditRow) string { return r.ClientName }},
		{title: "Standard", width: 120, text: func(r *view.AuditRow) string { return stdName(r.Standard) }},
		{title: "Kind", width: 135, text: func(r *view.AuditRow) string { return r.Kind.Label() }},
		{title: "Status", width: 125, text: func(r *view.AuditRow) string { return auditRowStatus(&r.AuditSummary, today()) },
			importance: func(r *view.AuditRow) widget.Importance { return auditStatusImportance(&r.AuditSummary, today()) }},
		{title: "Lead auditor", width: 145, text: func(r *view.AuditRow) string {
			if r.LeadName == "" {
				return "— none yet"
			}
			return r.LeadName
		}, importance: func(r *view.AuditRow) widget.Importance {
			if r.LeadName == "" {
				return widget.WarningImportance
			}
			return widget.MediumImportance
		}},
		{title: "Days", width: 64, text: func(r *view.AuditRow) string { return auditDaysText(&r.AuditSummary) }},
	}
}

// reload loads the year on screen and the register.
func (p *programme) reload() {
	p.clientsStale = true
	year := p.year
	type snap struct {
		rows   []view.AuditRow
		people []certification.Person
	}
	query(p.u, "the audit programme", func(ctx context.Context, svc *certification.Service) (snap, error) {
		rows, err := view.AuditsBetween(ctx, svc, certification.NewDate(year, time.January, 1), certification.NewDate(year, time.December, 31))
		if err != nil {
			return snap{}, err
		}
		people, err := view.People(ctx, svc)
		return snap{rows, people}, err
	}, func(s snap) {
		if year != p.year {
			return // another year was chosen meanwhile; its load follows
		}
		p.rows, p.loadedYear, p.people = s.rows, year, s.people
		p.setPeople()
		p.refilter()
	})
}

// setPeople fills the auditor filter from the register, keeping the
// choice.
func (p *programme) setPeople() {
	p.personIDs = map[string]certification.ID{}
	opts := []string{anyAuditor}
	for _, x := range p.people {
		if !x.Has(certification.RoleLeadAuditor) && !x.Has(certification.RoleAuditor) && !x.Has(certification.RoleTechnicalExpert) {
			continue
		}
		label := x.Name
		if _, dup := p.personIDs[label]; dup {
			label = fmt.Sprintf("%s (%d)", x.Name, x.ID)
		}
		p.personIDs[label] = x.ID
		opts = append(opts, label)
	}
	sel := p.auditor.Selected
	p.auditor.Options = opts
	if !slices.Contains(opts, sel) {
		sel = anyAuditor
	}
	p.auditor.Selected = sel
	p.auditor.Refresh()
}

// stepMonth moves by n months (from the whole year: to its first or last month).
func (p *programme) stepMonth(n int) {
	y, m := p.year, p.month
	if m == 0 {
		if n > 0 {
			m = 0
		} else {
			m = 13
		}
	}
	m += n
	for m < 1 {
		m += 12
		y--
	}
	for m > 12 {
		m -= 12
		y++
	}
	p.showMonth(y, m)
}

// showMonth shows month m of year y (m = 0: the whole year), loading the
// year if it is not the one in memory.
func (p *programme) showMonth(y, m int) {
	p.year, p.month = y, m
	p.showTitle()
	if y != p.loadedYear {
		p.rows, p.shown = nil, nil
		p.summary.SetText("Loading " + fmt.Sprint(y) + "…")
		p.table.Refresh()
		p.reload()
		return
	}
	p.refilter()
}

func (p *programme) showTitle() {
	if p.month == 0 {
		p.title.SetText(fmt.Sprintf("Year %d", p.year))
		return
	}
	p.title.SetText(fmt.Sprintf("%s %d", time.Month(p.month), p.year))
}

func (p *programme) clearFilters() {
	p.search.SetText("")
	p.auditor.SetSelected(anyAuditor)
	p.standard.SetSelected(anyStandard)
	p.kind.SetSelected(anyKind)
	p.status.SetSelected(notCancelled)
	p.refilter()
}

// passes reports whether an audit passes the filters and the search.
func (p *programme) passes(r *view.AuditRow, q string) bool {
	if q != "" && !strings.Contains(certification.Fold(r.ClientName), q) {
		return false
	}
	if s := p.standard.Selected; s != "" && s != anyStandard && string(r.Standard) != s {
		return false
	}
	if k := p.kind.Selected; k != "" && k != anyKind && r.Kind.Label() != k {
		return false
	}
	switch s := p.status.Selected; s {
	case "", anyStatus:
	case notCancelled:
		if r.Status == certification.AuditCancelled {
			return false
		}
	default:
		if r.Status.Label() != s {
			return false
		}
	}
	if a := p.auditor.Selected; a != "" && a != anyAuditor && !r.OnTeam(p.personIDs[a]) {
		return false
	}
	return true
}

// refilter applies month, filters and search to the snapshot.
func (p *programme) refilter() {
	if p.table == nil || p.status == nil {
		return // still building
	}
	q := certification.Fold(p.search.Text)
	p.counts = [12]int{}
	shown := p.shown[:0:0]
	days, inProgress := 0.0, 0
	for i := range p.rows {
		r := &p.rows[i]
		if !p.passes(r, q) {
			continue
		}
		m := int(r.Start().Month())
		if r.Start().Year() == p.year && m >= 1 && m <= 12 {
			p.counts[m-1]++
		}
		if p.month != 0 && (r.Start().Year() != p.year || m != p.month) {
			continue
		}
		shown = append(shown, *r)
		days += auditDays(&r.AuditSummary)
		if r.Status == certification.AuditInProgress {
			inProgress++
		}
	}
	p.shown = shown
	p.table.Refresh()
	p.updateStrip()

	period := p.title.Text
	if p.month == 0 {
		period = fmt.Sprint(p.year)
	}
	if p.loadedYear != p.year {
		p.summary.SetText("Loading " + period + "…")
		return
	}
	txt := fmt.Sprintf("%s in %s · %s %s", countText(len(shown), "audit"), period, numText(days), audittime.DayUnit(days))
	if inProgress > 0 {
		txt += fmt.Sprintf(" · %d in progress", inProgress)
	}
	if len(shown) != 0 && p.filtered() {
		txt += " (filtered)"
	}
	p.summary.SetText(txt)
	switch {
	case len(shown) > 0:
		p.empty.Hide()
	case len(p.rows) > 0 && p.filtered():
		p.empty.SetText("No audit in " + period + " matches the filters.\nClear them with the × button beside the filters.")
		p.empty.Show()
	default:
		p.empty.SetText("No audit is planned in " + period + ".\nPlan one with Ctrl+N or the Plan audit button.")
		p.empty.Show()
	}
	if p.focus != 0 {
		for i := range p.shown {
			if p.shown[i].ID == p.focus {
				p.table.ScrollTo(widget.TableCellID{Row: i, Col: 0})
				p.focus = 0
				break
			}
		}
	}
}

func (p *programme) filtered() bool {
	return strings.TrimSpace(p.search.Text) != "" || p.auditor.Selected != anyAuditor || p.standard.Selected != anyStandard ||
		p.kind.Selected != anyKind || p.status.Selected != notCancelled
}

func (p *programme) updateStrip() {
	most, total := 1, 0
	for _, n := range p.counts {
		most = max(most, n)
		total += n
	}
	t := p.u.today()
	p.yearCell.set(fmt.Sprint(p.year), total, 0, p.month == 0, false)
	for i, c := range p.cells {
		c.set(time.Month(i + 1).String()[:3], p.counts[i], float32(p.counts[i])/float32(most), p.month == i+1,
			t.Year() == p.year && int(t.Month()) == i+1)
	}
}

// open shows a record: a certification opens the plan form for it; an
// audit shows its month.
func (p *programme) open(ref recordRef) {
	switch ref.kind {
	case certification.KindCertification:
		p.planAudit(ref.id)
	case certification.KindAudit:
		id := ref.id
		query(p.u, "the audit", func(ctx context.Context, svc *certification.Service) (certification.Date, error) {
			a, _, err := view.AuditFile(ctx, svc, id)
			if err != nil {
				return 0, err
			}
			return a.Start(), nil
		}, func(d certification.Date) {
			p.focus = id
			p.showMonth(d.Year(), int(d.Month()))
		})
	}
}

// isLate reports a planned or confirmed audit whose planned start has
// passed without it starting.
func auditRowStatus(a *certification.AuditSummary, today certification.Date) string {
	if a.LateToStart(today) {
		return a.Status.Label() + " · late"
	}
	return a.Status.Label()
}

// auditDays is the audit time: actual once recorded, else planned.
func auditDays(a *certification.AuditSummary) float64 {
	if a.ActualDays > 0 {
		return a.ActualDays
	}
	return a.PlannedDays
}

func auditDaysText(a *certification.AuditSummary) string {
	if a.ActualDays > 0 && a.ActualDays != a.PlannedDays {
		return numText(a.PlannedDays) + " → " + numText(a.ActualDays)
	}
	return numText(a.PlannedDays)
}

// numText writes a number of days without needless decimals.
func numText(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "" || s == "-0" {
		return "0"
	}
	return s
}

// countText is "1 audit", "3 audits", "2 matches".
func countText(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	if strings.HasSuffix(what, "ch") || strings.HasSuffix(what, "s") {
		return fmt.Sprintf("%d %ses", n, what)
	}
	if stem, ok := strings.CutSuffix(what, "y"); ok && !strings.HasSuffix(stem, "a") && !strings.HasSuffix(stem, "e") && !strings.HasSuffix(stem, "o") {
		return fmt.Sprintf("%d %sies", n, stem) // activity → activities, not day → daies
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func toStrings[T ~string](v []T) []string {
	out := make([]string, len(v))
	for i, s := range v {
		out[i] = string(s)
	}
	return out
}
