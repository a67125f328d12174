package app

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/audit/catalogue"
	"certdesk/certification"
	"certdesk/certification/view"
)

// The audit workspace: where a lead auditor works through one audit on
// site — its plan and status, the standard's checklist with results and
// notes, and the findings. Everything is local, so it works offline.
//
// With no audit open it lists the user's audits to pick from.

// pickerMonthsBack and pickerMonthsAhead bound the picker's window.
const (
	pickerMonthsBack  = 6
	pickerMonthsAhead = 6
)

type auditWS struct {
	space
	u    *ui
	body *fyne.Container // the picker or the open audit

	// The picker.
	picker     fyne.CanvasObject
	pickRows   []view.AuditRow
	pickShown  []view.AuditRow
	pickSearch *entry
	pickMine   *widget.Check
	pickTable  *widget.Table
	pickEmpty  *widget.Label
	pickInfo   *widget.Label

	// The open audit (auditID 0: none) and what was loaded with it.
	auditID  certification.ID
	audit    *certification.Audit
	file     *certification.File
	people   map[certification.ID]certification.Person
	cat      *catalogue.Catalogue
	items    []catalogue.Item // the checklist: the catalogue less the SoA's exclusions, with the kind's own items
	due      map[string]bool  // the refs the audit must cover before its report (certification.DueItems)
	entries  map[string]certification.ChecklistEntry
	findings []certification.Finding
	byRef    map[string][]int // findings (indexes) per checklist ref

	view     fyne.CanvasObject
	hTitle   *widget.Label
	hStatus  *widget.Label
	hPlan    *widget.Label
	hTeam    *widget.Label
	hOutcome *widget.Label
	smp      recordedSample // the recorded sample, if any (sampling_dialog.go)
	actions  *fyne.Container
	hold     holdState // who holds the audit (auditws_hold.go)
	// again is a refused finding whose form opens once its audit is
	// loaded (office_review_redo.go).
	again *findingAgain
	// titleRow and headBox are laid out again when the header changes.
	titleRow, headBox *fyne.Container

	cl checklistPane
}

func newAuditWorkspace(u *ui) workspace {
	w := &auditWS{space: space{title: "Audit workspace", ic: theme.DocumentCreateIcon()}, u: u}
	w.buildPicker()
	w.buildView()
	w.body = container.NewStack(w.picker)
	return w
}

func (w *auditWS) content() fyne.CanvasObject { return w.body }

// create adds a finding to the selected checklist item (Ctrl+N).
func (w *auditWS) create() bool {
	if w.audit == nil {
		return false
	}
	w.cl.addFinding() // on the audit of the selected item (integrated audits)
	return true
}

func (w *auditWS) focusSearch() bool {
	if w.audit != nil {
		w.u.win.Canvas().Focus(w.cl.search)
	} else {
		w.u.win.Canvas().Focus(w.pickSearch)
	}
	return true
}

func (w *auditWS) reload() {
	if w.auditID != 0 {
		w.loadAudit()
		return
	}
	w.loadPicker()
}

// leave saves the checklist item being edited: the user is going to
// another workspace, or closing the window.
func (w *auditWS) leave() { w.cl.flush() }

// whenSaved calls done once the checklist saves have finished.
func (w *auditWS) whenSaved(done func(ok bool)) { w.cl.whenSaved(done) }

// open shows an audit.
func (w *auditWS) open(ref recordRef) {
	if ref.kind != certification.KindAudit || ref.id == 0 {
		return
	}
	if w.auditID != ref.id {
		w.cl.flush()
		w.auditID, w.audit = ref.id, nil
		w.hold.confirmed = map[certification.ID]certification.AuditHold{}
		w.cl.reset()
	}
	w.show(w.view)
	w.loadAudit()
}

// closeAudit goes back to the picker.
func (w *auditWS) closeAudit() {
	w.cl.flush()
	w.auditID, w.audit = 0, nil
	w.u.refreshXLSXMenu()
	w.show(w.picker)
	w.loadPicker()
}

func (w *auditWS) show(o fyne.CanvasObject) {
	w.body.Objects = []fyne.CanvasObject{o}
	w.body.Refresh()
}

// ---- picker ----

func (w *auditWS) buildPicker() {
	u := w.u
	w.pickSearch = u.newEntry()
	w.pickSearch.SetPlaceHolder("Search client…")
	w.pickSearch.OnChanged = func(string) { w.refilterPicker() }
	w.pickSearch.OnSubmitted = func(string) {
		if len(w.pickShown) > 0 {
			w.open(recordRef{certification.KindAudit, w.pickShown[0].ID})
		}
	}
	w.pickMine = widget.NewCheck("Only audits I am on", nil)
	w.pickMine.SetChecked(true)
	w.pickMine.OnChanged = func(bool) { w.refilterPicker() }
	w.pickTable = newTable(programmeColumns(u.today), func() []view.AuditRow { return w.pickShown }, func(i int) {
		w.open(recordRef{certification.KindAudit, w.pickShown[i].ID})
	})
	w.pickEmpty = widget.NewLabel("")
	w.pickEmpty.Alignment = fyne.TextAlignCenter
	w.pickEmpty.Importance = widget.LowImportance
	w.pickEmpty.Hide()
	w.pickInfo = widget.NewLabel("Loading…")
	w.pickInfo.Importance = widget.LowImportance
	intro := widget.NewLabel("Choose an audit to work on: in progress and drafted reports first, then what is coming up.")
	top := container.NewBorder(intro, nil, nil, w.pickMine, w.pickSearch)
	w.picker = container.NewBorder(container.NewPadded(top), container.NewPadded(w.pickInfo), nil, nil,
		container.NewStack(w.pickTable, container.NewCenter(w.pickEmpty)))
}

func (w *auditWS) loadPicker() {
	t := w.u.today()
	from, to := t.AddMonths(-pickerMonthsBack), t.AddMonths(pickerMonthsAhead)
	query(w.u, "your audits", func(ctx context.Context, svc *certification.Service) ([]view.AuditRow, error) {
		rows, err := view.AuditsWhere(ctx, svc, from, to, func(a *certification.AuditSummary) bool {
			return a.Status != certification.AuditClosed && a.Status != certification.AuditCancelled
		})
		if err != nil {
			return nil, err
		}
		sortAuditPicker(rows)
		return rows, nil
	}, func(rows []view.AuditRow) {
		w.pickRows = rows
		w.refilterPicker()
	})
}

// sortAuditPicker puts audits being worked on first (latest start first),
// then the ones to come (soonest first).
func sortAuditPicker(rows []view.AuditRow) {
	rank := func(s certification.AuditStatus) int {
		switch s {
		case certification.AuditInProgress:
			return 0
		case certification.AuditReportDrafted:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(rows, func(a, b view.AuditRow) int {
		ra, rb := rank(a.Status), rank(b.Status)
		if ra != rb {
			return ra - rb
		}
		if ra < 2 {
			return int(b.Start()) - int(a.Start())
		}
		return int(a.Start()) - int(b.Start())
	})
}

func (w *auditWS) refilterPicker() {
	me := w.u.actor.PersonID
	if me == 0 {
		w.pickMine.Disable()
	} else {
		w.pickMine.Enable()
	}
	mine := me != 0 && w.pickMine.Checked
	q := certification.Fold(w.pickSearch.Text)
	shown := []view.AuditRow{}
	for _, r := range w.pickRows {
		if mine && !r.OnTeam(me) {
			continue
		}
		if q != "" && !strings.Contains(certification.Fold(r.ClientName), q) {
			continue
		}
		shown = append(shown, r)
	}
	w.pickShown = shown
	w.pickTable.Refresh()
	who := "everyone's audits (choose who you are in Settings to see only yours)"
	if mine {
		who = "the audits you are on as " + w.u.actor.Name
	} else if me != 0 {
		who = "everyone's audits"
	}
	w.pickInfo.SetText(fmt.Sprintf("%s · %s, from %d months back to %d months ahead, not closed or cancelled", countText(len(shown), "audit"), who, pickerMonthsBack, pickerMonthsAhead))
	if len(shown) == 0 {
		w.pickEmpty.SetText("No audit to work on here.\nPlan audits in the Audit programme, or untick “Only audits I am on”.")
		w.pickEmpty.Show()
	} else {
		w.pickEmpty.Hide()
	}
}

// ---- the open audit ----

func (w *auditWS) buildView() {
	w.hTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.hTitle.Truncation = fyne.TextTruncateEllipsis
	w.hStatus = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	w.hPlan = widget.NewLabel("")
	w.hPlan.Truncation = fyne.TextTruncateEllipsis
	w.hTeam = widget.NewLabel("")
	w.hTeam.Wrapping = fyne.TextWrapWord
	w.hOutcome = widget.NewLabel("")
	w.hOutcome.Truncation = fyne.TextTruncateEllipsis
	w.hOutcome.Hide()
	w.actions = container.NewHBox()
	w.initHold()
	back := widget.NewButtonWithIcon("My audits", theme.NavigateBackIcon(), w.closeAudit)
	inProg := widget.NewButtonWithIcon("In programme", theme.CalendarIcon(), func() {
		if w.auditID != 0 {
			w.u.goTo("Audit programme", recordRef{certification.KindAudit, w.auditID})
		}
	})
	w.titleRow = container.NewBorder(nil, nil, nil, container.NewHBox(w.hStatus, w.actions, w.u.auditExportButton(w), widget.NewSeparator(), inProg, back), w.hTitle)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	w.headBox = container.NewVBox(w.titleRow, w.hPlan, w.hTeam, w.hold.line, w.sampleLine(), w.hOutcome)
	head := container.NewStack(bg, container.NewPadded(w.headBox))

	w.cl.init(w)
	w.view = container.NewBorder(head, nil, nil, nil, w.cl.content)
}

// loadAudit loads the open audit with its file and the register.
func (w *auditWS) loadAudit() {
	id := w.auditID
	type snap struct {
		a      *certification.Audit
		f      *certification.File
		people []certification.Person
	}
	query(w.u, "the audit", func(ctx context.Context, svc *certification.Service) (snap, error) {
		a, f, err := view.AuditFile(ctx, svc, id)
		if err != nil {
			return snap{}, err
		}
		people, err := view.People(ctx, svc)
		return snap{a, f, people}, err
	}, func(s snap) {
		if id != w.auditID {
			return
		}
		w.setAudit(s.a, s.f, s.people)
	})
}

// setAudit swaps in a freshly loaded audit.
func (w *auditWS) setAudit(a *certification.Audit, f *certification.File, people []certification.Person) {
	w.audit, w.file = a, f
	w.people = map[certification.ID]certification.Person{}
	for _, p := range people {
		w.people[p.ID] = p
	}
	cat, err := catalogue.For(string(f.Certification.Standard))
	if err != nil {
		w.u.showError("open the checklist", err)
		return
	}
	// The audit's kind adds its own list: stage 1 readiness, surveillance.
	items, err := certification.AuditItems(&f.Certification, a.Kind)
	if err != nil {
		w.u.showError("open the checklist", err)
		return
	}
	w.cat, w.items = cat, items
	w.due = map[string]bool{}
	if d, err := certification.DueItems(f, a); err == nil {
		for _, ref := range d.Required {
			w.due[ref] = true
		}
	}
	w.entries = map[string]certification.ChecklistEntry{}
	for _, e := range a.Checklist {
		w.entries[e.Ref] = e
	}
	w.findings = w.findings[:0]
	for _, x := range f.FindingsOf([]*certification.Audit{a}) {
		w.findings = append(w.findings, *x)
	}
	slices.SortFunc(w.findings, func(x, y certification.Finding) int { return x.Number - y.Number })
	w.byRef = map[string][]int{}
	for i, x := range w.findings {
		w.byRef[x.Reference] = append(w.byRef[x.Reference], i)
	}
	w.showHeader()
	w.cl.refresh()
	if w.cl.ref == "" {
		w.cl.chooseFirst()
	}
	if g := w.again; g != nil && g.x.AuditID == w.auditID {
		w.again = nil
		w.addFindingWith(g) // office_review_redo.go
	}
}

func (w *auditWS) personName(id certification.ID) string {
	if p, ok := w.people[id]; ok {
		return p.Name
	}
	if id == 0 {
		return "—"
	}
	return "person " + id.String()
}

// editable: the checklist and findings are recorded while the audit is
// in progress or its report is being drafted.
func (w *auditWS) editable() bool {
	return w.audit != nil && (w.audit.Status == certification.AuditInProgress || w.audit.Status == certification.AuditReportDrafted)
}

func (w *auditWS) showHeader() {
	a, f := w.audit, w.file
	w.hTitle.SetText(fmt.Sprintf("%s · %s", clientDisplayName(&f.Client), a.Kind.Label()))
	sum := a.Summary()
	w.hStatus.SetText(auditRowStatus(&sum, w.u.today()))
	w.hStatus.Importance = auditStatusImportance(&sum, w.u.today())
	w.hStatus.Refresh()

	plan := fmt.Sprintf("%s · audit %s · cycle %d · planned %s → %s, %s days", f.Certification.Standard, a.ID, a.Cycle, a.PlannedStart, a.PlannedEnd, numText(a.PlannedDays))
	if !a.ActualStart.IsZero() {
		end := "…"
		if !a.ActualEnd.IsZero() {
			end = a.ActualEnd.String()
		}
		plan += fmt.Sprintf(" · actual %s → %s", a.ActualStart, end)
		if a.ActualDays > 0 {
			plan += ", " + numText(a.ActualDays) + " days"
		}
	}
	w.hPlan.SetText(plan)

	var sites []string
	for _, code := range a.Sites {
		s, _ := f.Client.Site(code)
		label := code
		if s.Name != "" {
			label += " " + s.Name
		}
		if s.Central {
			label += " (central)"
		}
		sites = append(sites, label)
	}
	siteText := "registered address"
	if len(sites) > 0 {
		siteText = strings.Join(sites, ", ")
	}
	var team []string
	for _, m := range a.Team {
		n := w.personName(m.PersonID)
		switch m.Role {
		case certification.TeamLead:
			n += " (lead)"
		case certification.TeamAuditor:
		default:
			n += " (" + strings.ReplaceAll(string(m.Role), "-", " ") + ")"
		}
		team = append(team, n)
	}
	teamText := "no team yet"
	if len(team) > 0 {
		teamText = strings.Join(team, ", ")
	}
	w.hTeam.SetText("Sites: " + siteText + "   ·   Team: " + teamText)
	w.showSample()

	var out []string
	if a.Stage1Outcome != "" {
		out = append(out, "Stage 1 outcome: "+a.Stage1Outcome.Label())
	}
	if a.Recommendation != "" {
		out = append(out, "Team recommendation: "+a.Recommendation.Label())
	}
	if !a.ReportDate.IsZero() {
		out = append(out, "Report dated "+a.ReportDate.String())
	}
	if len(a.Activities) > 0 {
		share := certification.RemoteShareOf(a)
		out = append(out, fmt.Sprintf("%s, %s %% remote", countText(len(a.Activities), "activity"), numberText(math.Round(share.Percent()*10)/10)))
	}
	if a.GapJustification != "" {
		out = append(out, "Gap justification: "+shorten(a.GapJustification, 80))
	}
	if a.TeamJustification != "" {
		out = append(out, "Team justification: "+shorten(a.TeamJustification, 80))
	}
	if len(out) > 0 {
		w.hOutcome.SetText(strings.Join(out, "   ·   "))
		w.hOutcome.Show()
	} else {
		w.hOutcome.Hide()
	}
	w.showHold()
	w.showActions()
}

// showActions offers the status steps the domain allows from here.
func (w *auditWS) showActions() {
	a := w.audit
	var objs []fyne.CanvasObject
	btn := func(text string, icon fyne.Resource, imp widget.Importance, f func()) {
		b := widget.NewButtonWithIcon(text, icon, f)
		b.Importance = imp
		objs = append(objs, b)
	}
	switch a.Status {
	case certification.AuditPlanned:
		btn("Confirm", theme.ConfirmIcon(), widget.HighImportance, w.confirmAudit)
	case certification.AuditConfirmed:
		btn("Start…", theme.MediaPlayIcon(), widget.HighImportance, w.startAudit)
	case certification.AuditInProgress:
		btn("Finish…", theme.MediaStopIcon(), widget.HighImportance, w.finishAudit)
	case certification.AuditReportDrafted:
		btn("Close…", theme.DocumentSaveIcon(), widget.HighImportance, w.closeReport)
	}
	switch a.Status {
	case certification.AuditPlanned, certification.AuditConfirmed, certification.AuditInProgress:
		btn("Team…", theme.AccountIcon(), widget.MediumImportance, w.editTeam)
		btn("Activities…", theme.ListIcon(), widget.MediumImportance, w.editActivities) // audit_activities.go
		btn("Cancel audit…", theme.CancelIcon(), widget.MediumImportance, w.cancelAudit)
	}
	switch a.Status {
	case certification.AuditInProgress, certification.AuditReportDrafted, certification.AuditClosed:
		btn("Report details…", theme.DocumentCreateIcon(), widget.MediumImportance, w.editReportDetails) // report_details.go
	}
	objs = append(objs, w.holdButtons()...) // auditws_hold.go
	w.u.refreshXLSXMenu()                   // the Export menu's plan and report of the open audit
	w.actions.Objects = objs
	w.actions.Refresh()
	w.titleRow.Refresh()
	w.headBox.Refresh()
	if v, ok := w.view.(*fyne.Container); ok {
		v.Refresh()
	}
}
