package app

import (
	"context"
	"errors"
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

// The Findings workspace: the register of findings across clients, with
// a detail pane that runs a nonconformity's workflow (the client's
// response, the body's review, the verification).

const (
	allGrades   = "All grades"
	allStatuses = "All statuses"
)

// findingStatusOrder is the order statuses are offered in the filter.
var findingStatusOrder = []certification.FindingStatus{
	certification.FindingAwaitingResponse,
	certification.FindingResponded,
	certification.FindingPlanRejected,
	certification.FindingPlanAccepted,
	certification.FindingVerified,
	certification.FindingNoAction,
}

type findingsSpace struct {
	space
	noCreate
	u    *ui
	body fyne.CanvasObject

	// all is the loaded snapshot; rows the filtered view of it.
	all    []view.FindingRow
	folded []string // folded client name and reference per row of all
	rows   []*view.FindingRow
	people map[certification.ID]string

	search   *entry
	grade    *widget.Select
	status   *widget.Select
	lateOnly *widget.Check
	openOnly *widget.Check
	count    *widget.Label
	filters  *fyne.Container
	table    *widget.Table

	// The selected finding and its detail.
	selID     certification.ID
	det       *findingDetail
	detail    *fyne.Container // stack: empty note or the detail
	emptyNote fyne.CanvasObject
	detBody   fyne.CanvasObject
	ev        *evidenceBox // the files attached to the finding (evidence.go)
	detTitle  *widget.Label
	detStatus *widget.Label
	hint      *widget.Label
	respond   *widget.Button
	accept    *widget.Button
	reject    *widget.Button
	verify    *widget.Button
	escalate  *widget.Button
	toClient  *widget.Button
	finding   *infoPane
	response  *infoPane
	review    *infoPane

	loads                chain
	needRows, needDetail bool
}

func newFindings(u *ui) workspace {
	f := &findingsSpace{space: space{title: "Findings", ic: theme.WarningIcon()}, u: u, people: map[certification.ID]string{}}
	f.build()
	return f
}

func (f *findingsSpace) content() fyne.CanvasObject { return f.body }
func (f *findingsSpace) focusSearch() bool {
	f.u.win.Canvas().Focus(f.search)
	return true
}

var findingColumns = []column[*view.FindingRow]{
	{title: "Client", width: 142, text: func(p **view.FindingRow) string { return (*p).ClientName }},
	{title: "Std.", width: 64, text: func(p **view.FindingRow) string { return (*p).Standard.Short() }},
	{title: "Audit", width: 104, text: func(p **view.FindingRow) string { return (*p).AuditKind.Label() }},
	{title: "#", width: 30, text: func(p **view.FindingRow) string { return fmt.Sprint((*p).Number) }},
	{title: "Grade", width: 90, text: func(p **view.FindingRow) string { return (*p).Grade.ShortLabel() },
		importance: func(p **view.FindingRow) widget.Importance { return gradeImportance((*p).Grade) }},
	{title: "Ref", width: 72, text: func(p **view.FindingRow) string { return (*p).Reference }},
	{title: "Raised", width: 92, text: func(p **view.FindingRow) string { return (*p).Raised.String() }},
	{title: "Response due", width: 104, text: func(p **view.FindingRow) string { return (*p).ResponseDue.String() }},
	{title: "Close due", width: 92, text: func(p **view.FindingRow) string { return (*p).CloseDue.String() }},
	{title: "Status", width: 160, text: func(p **view.FindingRow) string { return (*p).Status.Label((*p).Grade) },
		importance: func(p **view.FindingRow) widget.Importance {
			r := *p
			return findingStatusImportance(r.Status, r.Grade)
		}},
	{title: "Late", width: 50, text: func(p **view.FindingRow) string {
		r := *p
		if r.Late {
			return "Late"
		}
		return ""
	}, importance: func(p **view.FindingRow) widget.Importance {
		r := *p
		if r.Late {
			return widget.DangerImportance
		}
		return widget.MediumImportance
	}},
}

func (f *findingsSpace) build() {
	u := f.u
	f.search = u.newEntry()
	f.search.SetPlaceHolder("Search client or clause…")
	f.search.OnChanged = func(string) { f.applyFilter() }
	grades := []string{allGrades}
	for _, g := range certification.Grades {
		grades = append(grades, g.Label())
	}
	f.grade = widget.NewSelect(grades, func(string) { f.applyFilter() })
	f.grade.SetSelected(allGrades)
	statuses := []string{allStatuses}
	for _, st := range findingStatusOrder {
		statuses = append(statuses, findingStatusFilterText(st))
	}
	f.status = widget.NewSelect(statuses, func(string) { f.applyFilter() })
	f.status.SetSelected(allStatuses)
	f.lateOnly = widget.NewCheck("Late only", func(bool) { f.applyFilter() })
	f.openOnly = widget.NewCheck("Open only", func(bool) {
		f.needRows = true
		f.loads.start(f.load)
	})
	f.openOnly.Checked = true
	f.count = widget.NewLabel("")
	f.count.Importance = widget.LowImportance

	f.table = newTable(findingColumns, func() []*view.FindingRow { return f.rows }, nil)
	f.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(f.rows) && f.rows[id.Row].ID != f.selID {
			f.selectFinding(f.rows[id.Row].ID)
		}
	}

	searchBox := container.NewGridWrap(fyne.NewSize(260, f.search.MinSize().Height), f.search)
	f.filters = container.NewHBox(searchBox, f.grade, f.status, f.lateOnly, f.openOnly, layout.NewSpacer(), f.count)
	top := container.NewPadded(f.filters)

	f.buildDetail()
	split := container.NewVSplit(f.table, f.detail)
	split.Offset = 0.5
	f.body = container.NewBorder(top, nil, nil, nil, split)
}

func (f *findingsSpace) buildDetail() {
	f.detTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.detTitle.Truncation = fyne.TextTruncateEllipsis
	f.detStatus = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	f.hint = widget.NewLabel("")
	f.hint.Importance = widget.LowImportance
	f.hint.Truncation = fyne.TextTruncateEllipsis
	f.respond = widget.NewButtonWithIcon("Record response…", theme.MailReplyIcon(), f.showResponseForm)
	f.accept = widget.NewButtonWithIcon("Accept…", theme.ConfirmIcon(), func() { f.showReviewForm(true) })
	f.reject = widget.NewButtonWithIcon("Reject…", theme.CancelIcon(), func() { f.showReviewForm(false) })
	f.verify = widget.NewButtonWithIcon("Verify…", theme.VisibilityIcon(), f.showVerifyForm)
	f.escalate = widget.NewButtonWithIcon("Escalate to major…", theme.WarningIcon(), f.confirmEscalate)
	f.toClient = widget.NewButtonWithIcon("Open client", theme.AccountIcon(), func() {
		if f.det != nil {
			f.u.goTo("Clients", recordRef{certification.KindClient, f.det.x.ClientID})
		}
	})

	f.finding = newInfoPane("Requirement", "Evidence", "Audit", "Raised", "Response due", "Close due")
	f.response = newInfoPane("Received", "Root cause", "Correction", "Correction by", "Corrective action", "Action by", "Earlier")
	f.review = newInfoPane("Review", "Comment", "Verified", "Method", "Notes")

	head := container.NewBorder(nil, nil, nil, f.detStatus, f.detTitle)
	actions := container.NewBorder(nil, nil,
		container.NewHBox(f.respond, f.accept, f.reject, f.verify, f.escalate), f.toClient, f.hint)
	f.ev = newEvidenceBox(f.u)
	cols := container.NewGridWithColumns(2,
		container.NewVBox(section("Finding", f.finding.form), f.ev.box),
		container.NewVBox(
			section("Client's response", f.response.form),
			section("Review and verification", f.review.form)))
	f.detBody = container.NewBorder(container.NewVBox(head, actions, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(cols))
	note := widget.NewLabel("Select a finding to see its requirement and evidence, record the client's response, review it and verify the correction.")
	note.Wrapping = fyne.TextWrapWord
	note.Alignment = fyne.TextAlignCenter
	note.Importance = widget.LowImportance
	f.emptyNote = container.NewCenter(container.NewGridWrap(fyne.NewSize(520, 80), note))
	f.detail = container.NewStack(f.emptyNote)
	f.showDetail()
}

// reload loads the register (and the selected finding) again.
func (f *findingsSpace) reload() {
	f.needRows = true
	f.needDetail = f.selID != 0
	f.loads.start(f.load)
}

// load reads what is needed: the register and the people, and the
// selected finding.
func (f *findingsSpace) load(done func()) {
	openOnly := f.openOnly.Checked
	today := f.u.today()
	sel, rows, detail := f.selID, f.needRows, f.needDetail && f.selID != 0
	f.needRows, f.needDetail = false, false
	if !rows && !detail {
		done()
		return
	}
	type result struct {
		rows   []view.FindingRow
		people []certification.Person
		det    *findingDetail
	}
	queryThen(f.u, func(ctx context.Context, svc *certification.Service) (result, error) {
		var r result
		var err error
		if r.people, err = view.People(ctx, svc); err != nil {
			return r, err
		}
		if rows {
			if r.rows, err = view.FindingRows(ctx, svc, today, openOnly); err != nil {
				return r, err
			}
		}
		if detail {
			r.det, err = loadFindingDetail(ctx, svc, sel, r.people)
			if errors.Is(err, certification.ErrNotFound) {
				err = nil
			}
		}
		return r, err
	}, func(r result, err error) {
		defer done()
		if err != nil {
			f.u.showError("load the findings", err)
			return
		}
		f.people = map[certification.ID]string{}
		for _, p := range r.people {
			f.people[p.ID] = p.Name
		}
		if detail && f.selID == sel {
			f.det = r.det
			if r.det == nil {
				f.selID = 0
			}
			f.showDetail()
		}
		if rows {
			f.all = r.rows
			f.folded = make([]string, len(r.rows))
			for i := range r.rows {
				f.folded[i] = certification.Fold(r.rows[i].ClientName + " " + r.rows[i].Reference)
			}
			f.applyFilter()
		} else {
			f.markSelected()
		}
	})
}

// applyFilter recomputes the shown rows from the snapshot (no store access).
func (f *findingsSpace) applyFilter() {
	if f.table == nil {
		return
	}
	q := certification.Fold(f.search.Text)
	var grade certification.Grade
	for _, g := range certification.Grades {
		if g.Label() == f.grade.Selected {
			grade = g
		}
	}
	var status certification.FindingStatus
	for _, st := range findingStatusOrder {
		if findingStatusFilterText(st) == f.status.Selected {
			status = st
		}
	}
	rows := make([]*view.FindingRow, 0, len(f.all))
	late := 0
	for i := range f.all {
		r := &f.all[i]
		if grade != "" && r.Grade != grade || status != "" && r.Status != status || f.lateOnly.Checked && !r.Late {
			continue
		}
		if q != "" && !strings.Contains(f.folded[i], q) {
			continue
		}
		if r.Late {
			late++
		}
		rows = append(rows, r)
	}
	f.rows = rows
	what := "open findings"
	if !f.openOnly.Checked {
		what = "findings"
	}
	if len(rows) == len(f.all) {
		f.count.SetText(fmt.Sprintf("%d %s, %d late", len(rows), what, late))
	} else {
		f.count.SetText(fmt.Sprintf("%d of %d %s, %d late", len(rows), len(f.all), what, late))
	}
	f.filters.Refresh()
	f.table.Refresh()
	f.markSelected()
}

// markSelected highlights the selected finding's row if it is shown.
func (f *findingsSpace) markSelected() {
	selectRowOf(f.table, f.rows, func(r *view.FindingRow) bool { return f.selID != 0 && r.ID == f.selID })
}

// open shows a finding (the dashboard opens findings this way).
func (f *findingsSpace) open(ref recordRef) {
	if ref.kind == certification.KindFinding {
		f.selectFinding(ref.id)
	}
}

// selectFinding loads one finding into the detail pane.
func (f *findingsSpace) selectFinding(id certification.ID) {
	f.selID = id
	f.needDetail = true
	f.loads.start(f.load)
}

func (f *findingsSpace) personName(id certification.ID) string {
	if id == 0 {
		return ""
	}
	if n, ok := f.people[id]; ok {
		return n
	}
	return "person " + id.String()
}
