package app

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// The Findings workspace: the register of findings across clients, with
// a detail pane that runs a nonconformity's workflow (the client's
// response, the body's review, the verification).

const (
	allGrades   = "All grades"
	allStatuses = "All statuses"
)

// Verification methods the body records (Verification.Method).
var verifyMethods = []string{"documents", "follow-up visit", "next audit"}

// findingStatusOrder is the order statuses are offered in the filter.
var findingStatusOrder = []certification.FindingStatus{
	certification.FindingAwaitingResponse,
	certification.FindingResponded,
	certification.FindingPlanRejected,
	certification.FindingPlanAccepted,
	certification.FindingVerified,
	certification.FindingNoAction,
}

// findingStatusFilterText names a status in the status filter, where
// one entry covers minors and majors.
func findingStatusFilterText(st certification.FindingStatus) string {
	if st == certification.FindingPlanAccepted {
		return "Plan accepted / to verify"
	}
	return st.Label(certification.Minor)
}

// findingStatusImportance colours a status: what waits for the body is
// blue, what waits for the client orange, what is done green.
func findingStatusImportance(st certification.FindingStatus, g certification.Grade) widget.Importance {
	switch st {
	case certification.FindingResponded:
		return widget.HighImportance
	case certification.FindingPlanRejected:
		return widget.WarningImportance
	case certification.FindingPlanAccepted:
		if g == certification.Major {
			return widget.HighImportance
		}
		return widget.SuccessImportance
	case certification.FindingVerified:
		return widget.SuccessImportance
	case certification.FindingNoAction:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// gradeShort is a grade as it fits a table column.
func gradeShort(g certification.Grade) string {
	switch g {
	case certification.OFI:
		return "OFI"
	case certification.Positive:
		return "Positive"
	}
	return g.Label()
}

func gradeImportance(g certification.Grade) widget.Importance {
	switch g {
	case certification.Major:
		return widget.DangerImportance
	case certification.Minor:
		return widget.WarningImportance
	case certification.Observation, certification.Positive:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

// stdName is a standard without its edition, for narrow columns.
func stdName(s certification.Standard) string {
	n, _, _ := strings.Cut(string(s), ":")
	return n
}

// orDash shows an empty value as a dash.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// infoPane shows named values as a read-only two-column form whose
// values wrap.
type infoPane struct {
	form *widget.Form
	vals map[string]*widget.Label
}

func newInfoPane(names ...string) *infoPane {
	p := &infoPane{form: widget.NewForm(), vals: map[string]*widget.Label{}}
	for _, n := range names {
		l := widget.NewLabel("—")
		l.Wrapping = fyne.TextWrapWord
		p.vals[n] = l
		p.form.Append(n, l)
	}
	return p
}

// set shows value beside name ("—" when empty).
func (p *infoPane) set(name, value string) {
	l := p.vals[name]
	l.Importance = widget.MediumImportance
	l.SetText(orDash(value))
}

// setStyled shows a coloured value.
func (p *infoPane) setStyled(name, value string, imp widget.Importance) {
	l := p.vals[name]
	l.Importance = imp
	l.SetText(orDash(value))
}

// selectRow keeps a master table's selection on the row showing the
// record with the given id (or clears it when the record is not shown).
func selectRow(t *widget.Table, index int) {
	if index < 0 {
		t.UnselectAll()
		return
	}
	t.Select(widget.TableCellID{Row: index, Col: 0})
}

// chain runs a workspace's loads one at a time. Each load reads what the
// workspace needs when it starts; a request made while a load is in
// flight starts another once that one has been shown. So results never
// overlap (the test driver shows them on worker goroutines) and the
// latest state wins.
type chain struct{ busy, again bool }

// start runs run now, or after the load in flight; run must call done on
// the UI goroutine once its result is shown (or failed).
func (c *chain) start(run func(done func())) {
	if c.busy {
		c.again = true
		return
	}
	c.busy = true
	run(func() {
		c.busy = false
		if c.again {
			c.again = false
			c.start(run)
		}
	})
}

// findingDetail is what the detail pane shows about one finding.
type findingDetail struct {
	x      certification.Finding
	a      certification.Audit
	client string
	std    certification.Standard
	lead   string
}

type findingsSpace struct {
	u    *ui
	body fyne.CanvasObject

	// all is the loaded snapshot; rows the filtered view of it.
	all    []certification.FindingRow
	folded []string // folded client name and reference per row of all
	rows   []*certification.FindingRow
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

	// form is the workflow form last opened (tests fill it in).
	form *findingForm

	loads                chain
	needRows, needDetail bool
}

// findingForm holds the fields of an open workflow dialog.
type findingForm struct {
	dlg                     dialog.Dialog
	received, corrBy, actBy *entry
	rootCause, correction   *entry
	action, comment, notes  *entry
	on                      *entry
	method                  *widget.Select
}

func newFindings(u *ui) workspace {
	f := &findingsSpace{u: u, people: map[certification.ID]string{}}
	f.build()
	return f
}

func (f *findingsSpace) name() string               { return "Findings" }
func (f *findingsSpace) icon() fyne.Resource        { return theme.WarningIcon() }
func (f *findingsSpace) content() fyne.CanvasObject { return f.body }
func (f *findingsSpace) create() bool               { return false }
func (f *findingsSpace) focusSearch() bool {
	f.u.win.Canvas().Focus(f.search)
	return true
}

var findingColumns = []column[*certification.FindingRow]{
	{title: "Client", width: 142, text: func(p **certification.FindingRow) string { return (*p).ClientName }},
	{title: "Std.", width: 64, text: func(p **certification.FindingRow) string { return (*p).Standard.Short() }},
	{title: "Audit", width: 104, text: func(p **certification.FindingRow) string { return (*p).AuditKind.Label() }},
	{title: "#", width: 30, text: func(p **certification.FindingRow) string { return fmt.Sprint((*p).Number) }},
	{title: "Grade", width: 90, text: func(p **certification.FindingRow) string { return gradeShort((*p).Grade) },
		importance: func(p **certification.FindingRow) widget.Importance { return gradeImportance((*p).Grade) }},
	{title: "Ref", width: 72, text: func(p **certification.FindingRow) string { return (*p).Reference }},
	{title: "Raised", width: 92, text: func(p **certification.FindingRow) string { return (*p).Raised.String() }},
	{title: "Response due", width: 104, text: func(p **certification.FindingRow) string { return (*p).ResponseDue.String() }},
	{title: "Close due", width: 92, text: func(p **certification.FindingRow) string { return (*p).CloseDue.String() }},
	{title: "Status", width: 160, text: func(p **certification.FindingRow) string { return (*p).Status.Label((*p).Grade) },
		importance: func(p **certification.FindingRow) widget.Importance {
			r := *p
			return findingStatusImportance(r.Status, r.Grade)
		}},
	{title: "Late", width: 50, text: func(p **certification.FindingRow) string {
		r := *p
		if r.Late {
			return "Late"
		}
		return ""
	}, importance: func(p **certification.FindingRow) widget.Importance {
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

	f.table = newTable(findingColumns, func() []*certification.FindingRow { return f.rows }, nil)
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
	cols := container.NewGridWithColumns(2,
		section("Finding", f.finding.form),
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
		rows   []certification.FindingRow
		people []certification.Person
		det    *findingDetail
	}
	queryThen(f.u, func(ctx context.Context, svc *certification.Service) (result, error) {
		var r result
		var err error
		if r.people, err = svc.People(ctx); err != nil {
			return r, err
		}
		if rows {
			if r.rows, err = svc.FindingRows(ctx, today, openOnly); err != nil {
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

// loadFindingDetail reads a finding with its audit and client.
func loadFindingDetail(ctx context.Context, svc *certification.Service, id certification.ID, people []certification.Person) (*findingDetail, error) {
	var x certification.Finding
	// A point read: the service has no "finding by id" view.
	if err := svc.Store().View(ctx, func(tx certification.Tx) error { return tx.Get(id, &x) }); err != nil {
		return nil, err
	}
	a, file, err := svc.AuditFile(ctx, x.AuditID)
	if err != nil {
		return nil, err
	}
	d := &findingDetail{x: x, a: *a, client: file.Client.DisplayName(), std: file.Certification.Standard}
	for _, p := range people {
		if p.ID == a.Lead() {
			d.lead = p.Name
		}
	}
	return d, nil
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
	rows := make([]*certification.FindingRow, 0, len(f.all))
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
	idx := -1
	for i := range f.rows {
		if f.rows[i].ID == f.selID && f.selID != 0 {
			idx = i
			break
		}
	}
	selectRow(f.table, idx)
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

// showDetail fills the detail pane from f.det and enables the actions
// the finding's status allows.
func (f *findingsSpace) showDetail() {
	d := f.det
	if d == nil {
		f.detail.Objects = []fyne.CanvasObject{f.emptyNote}
		f.detail.Refresh()
		return
	}
	x := &d.x
	st := x.Status()
	f.detTitle.SetText(fmt.Sprintf("%s #%d · %s · %s (%s)", x.Grade.Label(), x.Number, x.Reference, d.client, d.std))
	f.detStatus.Importance = findingStatusImportance(st, x.Grade)
	status := st.Label(x.Grade)
	if x.LateOn(f.u.today()) {
		status += " · late"
		f.detStatus.Importance = widget.DangerImportance
	}
	f.detStatus.SetText(status)

	f.finding.set("Requirement", x.Requirement)
	f.finding.set("Evidence", x.Evidence)
	audit := fmt.Sprintf("%s, %s to %s", d.a.Kind.Label(), d.a.Start(), d.a.LastDay())
	if d.lead != "" {
		audit += ", led by " + d.lead
	}
	f.finding.set("Audit", audit)
	raised := x.Raised.String()
	if x.RaisedBy != 0 {
		raised += " by " + f.personName(x.RaisedBy)
	}
	if x.EscalatedFrom != "" {
		raised += " (escalated from " + x.EscalatedFrom.Label() + ")"
	}
	f.finding.set("Raised", raised)
	today := f.u.today()
	due := func(name string, dd certification.Date, done bool) {
		if dd.IsZero() {
			f.finding.set(name, "none")
			return
		}
		switch {
		case done:
			f.finding.setStyled(name, dd.String()+" (met)", widget.SuccessImportance)
		case today > dd:
			f.finding.setStyled(name, fmt.Sprintf("%s (%d days overdue)", dd, dd.DaysUntil(today)), widget.DangerImportance)
		default:
			f.finding.set(name, fmt.Sprintf("%s (in %d days)", dd, today.DaysUntil(dd)))
		}
	}
	responseDone := st == certification.FindingPlanAccepted || st == certification.FindingVerified || st == certification.FindingResponded
	due("Response due", x.ResponseDue, responseDone)
	due("Close due", x.CloseDue, x.Verification != nil)

	if r := x.Response; r != nil {
		f.response.set("Received", r.Received.String())
		f.response.set("Root cause", r.RootCause)
		f.response.set("Correction", r.Correction)
		f.response.set("Correction by", r.CorrectionDate.String())
		f.response.set("Corrective action", r.CorrectiveAction)
		f.response.set("Action by", r.ActionDate.String())
	} else {
		for _, n := range []string{"Root cause", "Correction", "Correction by", "Corrective action", "Action by"} {
			f.response.set(n, "")
		}
		if x.Grade.IsNC() {
			f.response.setStyled("Received", "no response yet", widget.WarningImportance)
		} else {
			f.response.set("Received", "no response needed")
		}
	}
	var earlier []string
	for _, rv := range x.Rejected {
		earlier = append(earlier, fmt.Sprintf("Rejected on %s by %s: %s", rv.On, orDash(f.personName(rv.By)), orDash(rv.Comment)))
	}
	f.response.set("Earlier", strings.Join(earlier, "\n"))

	if rv := x.Review; rv != nil {
		verdict, imp := "Accepted", widget.SuccessImportance
		if !rv.Accepted {
			verdict, imp = "Rejected", widget.WarningImportance
		}
		text := verdict + " on " + rv.On.String()
		if rv.By != 0 {
			text += " by " + f.personName(rv.By)
		}
		f.review.setStyled("Review", text, imp)
		f.review.set("Comment", rv.Comment)
	} else {
		f.review.set("Review", "not reviewed")
		f.review.set("Comment", "")
	}
	if v := x.Verification; v != nil {
		text := v.On.String()
		if v.By != 0 {
			text += " by " + f.personName(v.By)
		}
		f.review.setStyled("Verified", text, widget.SuccessImportance)
		f.review.set("Method", v.Method)
		f.review.set("Notes", v.Notes)
	} else {
		what := "not verified"
		if x.Grade == certification.Minor {
			what = "checked at the next audit"
		} else if !x.Grade.IsNC() {
			what = "not applicable"
		}
		f.review.set("Verified", what)
		f.review.set("Method", "")
		f.review.set("Notes", "")
	}

	setEnabled(f.respond, st == certification.FindingAwaitingResponse || st == certification.FindingResponded || st == certification.FindingPlanRejected)
	setEnabled(f.accept, st == certification.FindingResponded)
	setEnabled(f.reject, st == certification.FindingResponded)
	setEnabled(f.verify, st == certification.FindingPlanAccepted)
	// Only an unanswered minor past its response deadline; whether the
	// body's policy allows escalation is the domain's answer.
	f.escalate.Hidden = !(x.Grade == certification.Minor && (st == certification.FindingAwaitingResponse || st == certification.FindingPlanRejected) &&
		x.ResponseDue != 0 && f.u.today() > x.ResponseDue)
	f.escalate.Refresh()
	f.respond.SetText("Record response…")
	if st == certification.FindingResponded {
		f.respond.SetText("Revise response…")
	}
	f.hint.SetText(findingNextStep(x))
	f.detail.Objects = []fyne.CanvasObject{f.detBody}
	f.detail.Refresh()
}

// findingNextStep says what the finding waits for.
func findingNextStep(x *certification.Finding) string {
	switch x.Status() {
	case certification.FindingAwaitingResponse:
		return "Waiting for the client's root cause, correction and corrective action."
	case certification.FindingResponded:
		return "The response is in: accept it or ask for a better one."
	case certification.FindingPlanRejected:
		return "The response was rejected: record the client's new response."
	case certification.FindingPlanAccepted:
		if x.Grade == certification.Major {
			return "Verify the correction (documents or a follow-up visit) before any decision."
		}
		return "Closed for the decision; implementation is checked at the next audit."
	case certification.FindingVerified:
		return "Closed: the correction was verified."
	}
	return "Not a nonconformity: nothing is required."
}

func setEnabled(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// primeFormValidation makes a form dialog know every invalid field from
// the start. widget.Form records only that a field is invalid, not its
// error, when it is built; then the first field made valid enables the
// confirm button although others are still invalid. Reporting each
// field's error once through its validation callback fixes that.
func primeFormValidation(items []*widget.FormItem) {
	for _, it := range items {
		switch w := it.Widget.(type) {
		case *entry:
			if w.Validator != nil {
				w.SetValidationError(nil)
				w.Validate()
			}
		case *roleChecks:
			if w.onValid != nil {
				w.onValid(nil)
				w.onValid(w.Validate())
			}
		}
	}
}

// notBefore validates a date field as a date on or after min.
func notBefore(e *entry, min certification.Date, what string) {
	base := e.Validator
	e.Validator = func(s string) error {
		if err := base(s); err != nil {
			return err
		}
		if d, err := certification.ParseDate(strings.TrimSpace(s)); err == nil && d < min {
			return fmt.Errorf("before %s (%s)", what, min)
		}
		return nil
	}
}

// showResponseForm records (or revises) the client's response.
func (f *findingsSpace) showResponseForm() {
	if f.det == nil {
		return
	}
	x := f.det.x
	u := f.u
	ff := &findingForm{}
	ff.received = u.newDateEntry(true)
	ff.received.SetText(u.today().String())
	notBefore(ff.received, x.Raised, "the finding was raised")
	ff.rootCause = u.newMultiLineEntry()
	ff.rootCause.SetMinRowsVisible(3)
	ff.rootCause.Validator = required("the root cause")
	ff.correction = u.newMultiLineEntry()
	ff.correction.SetMinRowsVisible(3)
	ff.corrBy = u.newDateEntry(false)
	ff.action = u.newMultiLineEntry()
	ff.action.SetMinRowsVisible(3)
	ff.action.Validator = required("the corrective action")
	ff.actBy = u.newDateEntry(false)
	if r := x.Response; r != nil {
		ff.rootCause.SetText(r.RootCause)
		ff.correction.SetText(r.Correction)
		ff.corrBy.SetText(r.CorrectionDate.String())
		ff.action.SetText(r.CorrectiveAction)
		ff.actBy.SetText(r.ActionDate.String())
	}
	items := []*widget.FormItem{
		{Text: "Received", Widget: ff.received, HintText: "The date the client's response arrived"},
		{Text: "Root cause", Widget: ff.rootCause, HintText: "Why the nonconformity happened"},
		{Text: "Correction", Widget: ff.correction, HintText: "What fixes this occurrence"},
		{Text: "Correction by", Widget: ff.corrBy, HintText: "Planned date (optional)"},
		{Text: "Corrective action", Widget: ff.action, HintText: "What removes the cause so it does not recur"},
		{Text: "Action by", Widget: ff.actBy, HintText: "Planned date (optional)"},
	}
	id := x.ID
	title := fmt.Sprintf("Client's response to %s #%d (%s)", x.Grade.Label(), x.Number, x.Reference)
	f.form = ff
	ff.dlg = u.formDialog(title, "Record", items, func() {
		r := certification.Response{
			RootCause: strings.TrimSpace(ff.rootCause.Text), Correction: strings.TrimSpace(ff.correction.Text),
			CorrectiveAction: strings.TrimSpace(ff.action.Text), CorrectionDate: date(ff.corrBy),
			ActionDate: date(ff.actBy), Received: date(ff.received),
		}
		u.do(command{what: "record the response", run: func(ctx context.Context, svc *certification.Service) error {
			return svc.RecordResponse(ctx, id, r)
		}, actor: true})
	}, fyne.NewSize(680, 640))
	primeFormValidation(items)
}

// showReviewForm accepts or rejects the client's response.
func (f *findingsSpace) showReviewForm(accept bool) {
	if f.det == nil || f.det.x.Response == nil {
		return
	}
	x := f.det.x
	u := f.u
	ff := &findingForm{}
	ff.on = u.newDateEntry(true)
	ff.on.SetText(u.today().String())
	notBefore(ff.on, x.Response.Received, "the response was received")
	ff.comment = u.newMultiLineEntry()
	ff.comment.SetMinRowsVisible(3)
	title, confirm, hint := "Accept the response", "Accept", "Optional: what the acceptance rests on"
	if x.Grade == certification.Major {
		hint = "Optional. The correction must still be verified before a decision"
	}
	if !accept {
		title, confirm, hint = "Reject the response", "Reject", "Required: what the client must improve"
		ff.comment.Validator = required("a comment")
	}
	title += fmt.Sprintf(" to %s #%d (%s)", x.Grade.Label(), x.Number, x.Reference)
	items := []*widget.FormItem{
		{Text: "Reviewed on", Widget: ff.on},
		{Text: "Comment", Widget: ff.comment, HintText: hint},
	}
	id := x.ID
	f.form = ff
	ff.dlg = u.formDialog(title, confirm, items, func() {
		rv := certification.Review{Accepted: accept, On: date(ff.on), Comment: strings.TrimSpace(ff.comment.Text)}
		u.do(command{what: "review the response", run: func(ctx context.Context, svc *certification.Service) error {
			return svc.ReviewResponse(ctx, id, rv)
		}, actor: true})
	}, fyne.NewSize(600, 380))
	primeFormValidation(items)
}

// showVerifyForm records the verification of the corrective action.
// confirmEscalate raises an overdue minor to a major after confirmation.
func (f *findingsSpace) confirmEscalate() {
	if f.det == nil {
		return
	}
	x := f.det.x
	id := x.ID
	msg := fmt.Sprintf("Minor NC #%d (%s) is unanswered since its response was due on %s.\n\nEscalate it to a major nonconformity? It will then need verification before any grant, renewal or maintain decision. The body's policy (Settings › Policies) must allow escalation.", x.Number, x.Reference, x.ResponseDue)
	d := dialog.NewConfirm("Escalate to major", msg, func(yes bool) {
		if !yes {
			return
		}
		f.u.do(command{what: "escalate the finding", run: func(ctx context.Context, svc *certification.Service) error {
			return svc.EscalateFinding(ctx, id, 0)
		}, actor: true})
	}, f.u.win)
	f.u.showDialog(d)
}

func (f *findingsSpace) showVerifyForm() {
	if f.det == nil || f.det.x.Review == nil {
		return
	}
	x := f.det.x
	u := f.u
	ff := &findingForm{}
	ff.on = u.newDateEntry(true)
	ff.on.SetText(u.today().String())
	notBefore(ff.on, x.Review.On, "the response was accepted")
	ff.method = widget.NewSelect(verifyMethods, nil)
	if x.Grade == certification.Major {
		ff.method.SetSelected("documents")
	} else {
		ff.method.SetSelected("next audit")
	}
	ff.notes = u.newMultiLineEntry()
	ff.notes.SetMinRowsVisible(3)
	items := []*widget.FormItem{
		{Text: "Verified on", Widget: ff.on},
		{Text: "Method", Widget: ff.method, HintText: "How the body checked that the corrective action works"},
		{Text: "Notes", Widget: ff.notes, HintText: "What was seen (records, interviews, the visit)"},
	}
	id := x.ID
	f.form = ff
	title := fmt.Sprintf("Verify the correction of %s #%d (%s)", x.Grade.Label(), x.Number, x.Reference)
	ff.dlg = u.formDialog(title, "Verify", items, func() {
		v := certification.Verification{On: date(ff.on), Method: ff.method.Selected, Notes: strings.TrimSpace(ff.notes.Text)}
		u.do(command{what: "verify the finding", run: func(ctx context.Context, svc *certification.Service) error {
			return svc.VerifyFinding(ctx, id, v)
		}, actor: true})
	}, fyne.NewSize(600, 400))
	primeFormValidation(items)
}
