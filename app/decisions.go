package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// The Decisions workspace: the committee's queue, and the decision view
// that shows the file and every gate of the draft decision, recomputed
// as the committee fills in the form.

// defaultDecision is the decision a queue item asks for.
func defaultDecision(k certification.ObligationKind) certification.DecisionKind {
	switch k {
	case certification.ObInitialDecision:
		return certification.Grant
	case certification.ObRecertDecision:
		return certification.Renew
	case certification.ObRestoration:
		return certification.Restore
	}
	return certification.Maintain
}

func certStatusImportance(s certification.CertificateStatus) widget.Importance {
	switch s {
	case certification.CertActive:
		return widget.SuccessImportance
	case certification.CertSuspended:
		return widget.WarningImportance
	case certification.CertWithdrawn:
		return widget.DangerImportance
	case certification.CertExpired, certification.CertSuperseded, certification.CertNotYet:
		return widget.LowImportance
	}
	return widget.MediumImportance
}

func queueStateImportance(s certification.ObligationState) widget.Importance {
	switch s {
	case certification.StateOverdue:
		return widget.DangerImportance
	case certification.StateDueSoon:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

var queueColumns = []column[certification.Obligation]{
	{title: "Client", width: 200, text: func(o *certification.Obligation) string { return o.ClientName }},
	{title: "Standard", width: 150, text: func(o *certification.Obligation) string { return string(o.Standard) }},
	{title: "To decide", width: 380, text: func(o *certification.Obligation) string { return o.Label }},
	{title: "Due", width: 100, text: func(o *certification.Obligation) string { return o.Due.String() }},
	{title: "State", width: 100, text: func(o *certification.Obligation) string { return o.State.Label() },
		importance: func(o *certification.Obligation) widget.Importance { return queueStateImportance(o.State) }},
}

type decisionsSpace struct {
	u    *ui
	body fyne.CanvasObject

	queue  []certification.Obligation
	qtable *widget.Table
	qcount *widget.Label
	note   *widget.Label // what was last recorded
	people []certification.Person

	// The decision view: certID is the certification under decision,
	// item the queue item it came from (nil when opened from a certificate).
	certID   certification.ID
	item     *certification.Obligation
	nextKind certification.DecisionKind
	file     *certification.File
	gates    []certification.Gate
	// gatesFor is the draft the gates were computed for.
	gatesFor decisionDraftKey
	// loads runs one load at a time; the flags say what the next reads.
	loads                        chain
	needQueue, needDraft, refill bool
	// pendingOpen is a certification to open when the load in flight is
	// shown, with the kind asked for.
	pendingOpen certification.ID
	pendingKind certification.DecisionKind
	// filling suppresses re-evaluation while openItem fills the form;
	// wantActor ticks the user as decision maker once the register loads.
	filling   bool
	wantActor bool

	view      *fyne.Container // stack: empty note or the decision view
	emptyNote fyne.CanvasObject
	viewBody  fyne.CanvasObject
	title     *widget.Label
	subtitle  *widget.Label
	fileBox   *fyne.Container
	gatesBox  *fyne.Container
	gateSum   *widget.Label

	kind     *widget.Select
	date     *entry
	makerBox *fyne.Container
	makers   map[certification.ID]*widget.Check
	reasons  *entry
	scope    *entry
	scopeLbl *widget.Label
	form     *fyne.Container
	record   *widget.Button
	why      *widget.Label
}

// decisionDraftKey is what the gates depend on.
type decisionDraftKey struct {
	cert   certification.ID
	kind   certification.DecisionKind
	date   certification.Date
	makers string
}

func newDecisions(u *ui) workspace {
	d := &decisionsSpace{u: u, makers: map[certification.ID]*widget.Check{}}
	d.build()
	return d
}

func (d *decisionsSpace) name() string               { return "Decisions" }
func (d *decisionsSpace) icon() fyne.Resource        { return theme.ConfirmIcon() }
func (d *decisionsSpace) content() fyne.CanvasObject { return d.body }
func (d *decisionsSpace) create() bool               { return false }
func (d *decisionsSpace) focusSearch() bool          { return false }

func (d *decisionsSpace) build() {
	u := d.u
	d.qcount = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.note = widget.NewLabel("")
	d.note.Importance = widget.SuccessImportance
	d.note.Truncation = fyne.TextTruncateEllipsis
	d.qtable = newTable(queueColumns, func() []certification.Obligation { return d.queue }, nil)
	d.qtable.OnSelected = func(id widget.TableCellID) {
		if id.Row < 0 || id.Row >= len(d.queue) {
			return
		}
		o := d.queue[id.Row]
		if d.item != nil && d.item.CertificationID == o.CertificationID && d.item.Kind == o.Kind {
			return
		}
		d.openItem(&o, "")
	}
	queue := container.NewBorder(container.NewPadded(container.NewBorder(nil, nil, d.qcount, nil, d.note)), nil, nil, nil, d.qtable)

	// The decision view.
	d.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.title.Truncation = fyne.TextTruncateEllipsis
	d.subtitle = widget.NewLabel("")
	d.subtitle.Importance = widget.LowImportance
	d.subtitle.Truncation = fyne.TextTruncateEllipsis
	d.fileBox = container.NewVBox()
	d.gatesBox = container.NewVBox()
	d.gateSum = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	var kinds []string
	for _, k := range certification.DecisionKinds {
		kinds = append(kinds, k.Label())
	}
	d.kind = widget.NewSelect(kinds, func(string) { d.draftChanged() })
	d.kind.PlaceHolder = "Choose the decision"
	d.date = u.newDateEntry(true)
	d.date.OnChanged = func(string) { d.draftChanged() }
	d.makerBox = container.NewGridWithColumns(3)
	d.reasons = u.newMultiLineEntry()
	d.reasons.SetMinRowsVisible(3)
	d.reasons.SetPlaceHolder("Why the committee decides so, on the file shown")
	d.reasons.Validator = required("the reasons")
	d.reasons.OnChanged = func(string) { d.updateRecord() }
	d.scope = u.newEntry()
	d.scope.SetPlaceHolder("The scope after the change")
	d.scope.OnChanged = func(string) { d.updateRecord() }
	formLabel := func(text string) *widget.Label {
		return widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	}
	d.scopeLbl = formLabel("New scope")
	d.form = container.New(layout.NewFormLayout(),
		formLabel("Decision"), d.kind,
		formLabel("Date"), d.date,
		formLabel("Decision makers"), d.makerBox,
		formLabel("Reasons"), d.reasons,
		d.scopeLbl, d.scope,
	)
	d.record = widget.NewButtonWithIcon("Record decision", theme.DocumentSaveIcon(), d.recordDecision)
	d.record.Importance = widget.HighImportance
	d.why = widget.NewLabel("")
	d.why.Wrapping = fyne.TextWrapWord
	d.why.Importance = widget.LowImportance
	closeBtn := widget.NewButtonWithIcon("Close", theme.CancelIcon(), d.closeView)

	right := container.NewBorder(
		container.NewVBox(d.form, container.NewBorder(nil, nil, nil, container.NewVBox(d.record), d.why), widget.NewSeparator(), d.gateSum),
		nil, nil, nil, container.NewVScroll(d.gatesBox))
	left := container.NewVScroll(container.NewPadded(d.fileBox))
	split := container.NewHSplit(left, right)
	split.Offset = 0.43
	head := container.NewBorder(nil, nil, nil, container.NewCenter(closeBtn), container.NewVBox(d.title, d.subtitle))
	d.viewBody = container.NewBorder(container.NewVBox(head, widget.NewSeparator()), nil, nil, nil, split)

	note := widget.NewLabel("Select a file in the queue to see it with every gate of the decision. Suspensions, withdrawals and scope changes start from the Certificates register.")
	note.Wrapping = fyne.TextWrapWord
	note.Alignment = fyne.TextAlignCenter
	note.Importance = widget.LowImportance
	d.emptyNote = container.NewCenter(container.NewGridWrap(fyne.NewSize(560, 80), note))
	d.view = container.NewStack(d.emptyNote)

	vsplit := container.NewVSplit(queue, d.view)
	vsplit.Offset = 0.36
	d.body = vsplit
}

// reload loads the queue and the people register; the open decision
// view is recomputed too.
func (d *decisionsSpace) reload() {
	d.needQueue = true
	if d.certID != 0 {
		d.needDraft, d.refill = true, true
	}
	d.loads.start(d.load)
}

// load reads what is needed, in one go: the queue with the people
// register, and the file with the gates of the draft decision.
func (d *decisionsSpace) load(done func()) {
	today := d.u.today()
	queue, draft, refill := d.needQueue, d.needDraft && d.certID != 0, d.refill
	d.needQueue, d.needDraft, d.refill = false, false, false
	if !queue && !draft {
		done()
		return
	}
	dec := d.draft()
	key := draftKey(dec)
	if dec.Date.IsZero() {
		dec.Date = today // an unfinished date: evaluate as of today
	}
	type result struct {
		queue  []certification.Obligation
		people []certification.Person
		file   *certification.File
		gates  []certification.Gate
	}
	queryThen(d.u, func(ctx context.Context, svc *certification.Service) (result, error) {
		var r result
		var err error
		if queue {
			if r.queue, err = svc.DecisionQueue(ctx, today); err != nil {
				return r, err
			}
			if r.people, err = svc.People(ctx); err != nil {
				return r, err
			}
		}
		if draft {
			if dec.Kind == "" {
				r.file, err = svc.File(ctx, dec.CertificationID)
			} else {
				r.file, r.gates, err = svc.DraftDecision(ctx, dec)
			}
		}
		return r, err
	}, func(r result, err error) {
		defer done()
		if err != nil {
			d.u.showError("load the decision queue", err)
			return
		}
		if queue {
			d.showQueue(r.queue, r.people)
		}
		if draft && d.certID == dec.CertificationID {
			if refill || d.file == nil {
				d.file = r.file
				d.showFile()
			}
			d.file, d.gates, d.gatesFor = r.file, r.gates, key
			d.showGates()
			d.updateRecord()
		}
		if d.pendingOpen != 0 {
			d.openPending()
		}
		if d.certID != 0 && draftKey(d.draft()) != d.gatesFor {
			// The form changed meanwhile (or the register ticked the user).
			d.needDraft = true
			d.loads.start(d.load)
		}
	})
}

// showQueue shows the queue and the decision makers.
func (d *decisionsSpace) showQueue(queue []certification.Obligation, people []certification.Person) {
	d.queue = queue
	d.setPeople(people)
	switch n := len(d.queue); n {
	case 0:
		d.qcount.SetText("No file awaits a decision")
	case 1:
		d.qcount.SetText("1 file awaits a decision")
	default:
		d.qcount.SetText(fmt.Sprintf("%d files await a decision", n))
	}
	d.qtable.Refresh()
	d.markQueue()
}

// setPeople rebuilds the decision-maker checks, keeping what is ticked.
func (d *decisionsSpace) setPeople(people []certification.Person) {
	d.people = people
	ticked := d.chosenMakers()
	if d.wantActor {
		ticked = append(ticked, d.u.actor.PersonID)
		d.wantActor = false
	}
	d.makers = map[certification.ID]*widget.Check{}
	var objs []fyne.CanvasObject
	for _, p := range people {
		if !p.Has(certification.RoleDecisionMaker) || p.Inactive {
			continue
		}
		c := widget.NewCheck(p.Name, func(bool) { d.draftChanged() })
		c.Checked = slices.Contains(ticked, p.ID)
		d.makers[p.ID] = c
		objs = append(objs, c)
	}
	if len(objs) == 0 {
		l := widget.NewLabel("Nobody holds the decision-maker role: add one in Settings.")
		l.Importance = widget.WarningImportance
		objs = append(objs, l)
	}
	d.makerBox.Objects = objs
	d.makerBox.Refresh()
}

// chosenMakers lists the ticked decision makers in register order.
func (d *decisionsSpace) chosenMakers() []certification.ID {
	var ids []certification.ID
	for _, p := range d.people {
		if c, ok := d.makers[p.ID]; ok && c.Checked {
			ids = append(ids, p.ID)
		}
	}
	return ids
}

// markQueue highlights the queue item under decision, if any.
func (d *decisionsSpace) markQueue() {
	idx := -1
	if d.item != nil {
		for i, o := range d.queue {
			if o.CertificationID == d.item.CertificationID && o.Kind == d.item.Kind {
				idx = i
			}
		}
	}
	selectRow(d.qtable, idx)
}

// open shows the decision view for a certification (from the
// certificates register or the dashboard). A pending queue item for it
// is used unless a kind was asked for. While the queue is loading, the
// view opens once it has loaded.
func (d *decisionsSpace) open(ref recordRef) {
	if ref.kind != certification.KindCertification {
		return
	}
	d.pendingOpen, d.pendingKind = ref.id, d.nextKind
	d.nextKind = ""
	if !d.loads.busy {
		d.openPending()
	}
}

// openPending opens the certification that open asked for.
func (d *decisionsSpace) openPending() {
	id, kind := d.pendingOpen, d.pendingKind
	d.pendingOpen, d.pendingKind = 0, ""
	if id == 0 {
		return
	}
	if kind == "" {
		for i := range d.queue {
			if d.queue[i].CertificationID == id {
				o := d.queue[i]
				d.openItem(&o, "")
				return
			}
		}
	}
	d.openItem(&certification.Obligation{CertificationID: id}, kind)
}

// decide opens the decision view for a certification with the kind
// preselected (the Certificates workspace's Suspend, Restore, Withdraw
// and scope buttons).
func (d *decisionsSpace) decide(certID certification.ID, kind certification.DecisionKind) {
	d.nextKind = kind
	// Selecting the sidebar entry shows the workspace, as a click does;
	// its loading starts last, so nothing else touches the screen while
	// it runs.
	for i, ws := range d.u.spaces {
		if ws == workspace(d) && d.u.current != i {
			d.u.nav.Select(i)
		}
	}
	d.open(recordRef{certification.KindCertification, certID})
}

// openItem fills the decision form for a queue item (Kind empty: no queue
// item) and loads the file.
func (d *decisionsSpace) openItem(o *certification.Obligation, kind certification.DecisionKind) {
	d.certID = o.CertificationID
	d.item = nil
	if o.Kind != "" {
		d.item = o
		if kind == "" {
			kind = defaultDecision(o.Kind)
		}
	}
	d.file, d.gates, d.gatesFor = nil, nil, decisionDraftKey{}
	d.filling = true
	defer func() { d.filling = false }()
	d.note.SetText("")
	d.kind.ClearSelected()
	if kind != "" {
		d.kind.SetSelected(kind.Label())
	}
	d.date.SetText(d.u.today().String())
	for _, c := range d.makers {
		c.SetChecked(false)
	}
	d.wantActor = false
	if c, ok := d.makers[d.u.actor.PersonID]; ok && d.u.actor.PersonID != 0 {
		c.SetChecked(true)
	} else if len(d.people) == 0 {
		d.wantActor = true // the register is still loading
	}
	d.reasons.SetText("")
	d.scope.SetText("")
	d.markQueue()
	d.title.SetText("Loading the file…")
	d.subtitle.SetText("")
	d.fileBox.Objects = nil
	d.gatesBox.Objects = nil
	d.view.Objects = []fyne.CanvasObject{d.viewBody}
	d.view.Refresh()
	d.updateScopeField()
	d.loadFile()
}

// closeView returns to the queue.
func (d *decisionsSpace) closeView() {
	d.certID, d.item, d.file, d.gates = 0, nil, nil, nil
	d.gatesFor = decisionDraftKey{}
	d.view.Objects = []fyne.CanvasObject{d.emptyNote}
	d.view.Refresh()
	d.markQueue()
}

// draft is the decision the form describes.
func (d *decisionsSpace) draft() certification.Decision {
	return certification.Decision{
		CertificationID: d.certID,
		Kind:            d.selectedKind(),
		Date:            date(d.date),
		Makers:          d.chosenMakers(),
		Reasons:         strings.TrimSpace(d.reasons.Text),
		NewScope:        strings.TrimSpace(d.scope.Text),
	}
}

func (d *decisionsSpace) selectedKind() certification.DecisionKind {
	for _, k := range certification.DecisionKinds {
		if k.Label() == d.kind.Selected {
			return k
		}
	}
	return ""
}

func draftKey(dec certification.Decision) decisionDraftKey {
	return decisionDraftKey{cert: dec.CertificationID, kind: dec.Kind, date: dec.Date, makers: fmt.Sprint(dec.Makers)}
}

// loadFile loads the file and evaluates the draft.
func (d *decisionsSpace) loadFile() {
	d.needDraft, d.refill = true, true
	d.loads.start(d.load)
}

// draftChanged re-evaluates the gates when what they depend on changes.
func (d *decisionsSpace) draftChanged() {
	if d.certID == 0 || d.filling {
		return
	}
	d.updateScopeField()
	d.updateRecord()
	if draftKey(d.draft()) != d.gatesFor {
		d.needDraft = true
		d.loads.start(d.load)
	}
}

// updateScopeField shows the new-scope field for scope decisions only.
func (d *decisionsSpace) updateScopeField() {
	k := d.selectedKind()
	if k == certification.ExtendScope || k == certification.ReduceScope {
		if d.scope.Text == "" && d.file != nil {
			d.scope.SetText(d.file.Certification.Scope)
		}
		d.scopeLbl.Show()
		d.scope.Show()
	} else {
		d.scopeLbl.Hide()
		d.scope.Hide()
	}
	d.form.Refresh()
}

// updateRecord enables Record only when the form is complete and every
// gate of the current draft passes, and says what is missing.
func (d *decisionsSpace) updateRecord() {
	dec := d.draft()
	var why []string
	switch {
	case d.file == nil:
		why = append(why, "Loading the file…")
	case dec.Kind == "":
		why = append(why, "Choose the decision.")
	}
	if dec.Date.IsZero() {
		why = append(why, "Give the decision date as YYYY-MM-DD.")
	}
	if len(dec.Makers) == 0 {
		why = append(why, "Tick the decision maker(s).")
	}
	if dec.Reasons == "" {
		why = append(why, "Write the reasons.")
	}
	if (dec.Kind == certification.ExtendScope || dec.Kind == certification.ReduceScope) && dec.NewScope == "" {
		why = append(why, "Give the new scope.")
	}
	blocking := 0
	for _, g := range d.gates {
		if !g.Passed {
			blocking++
		}
	}
	fresh := draftKey(dec) == d.gatesFor && d.file != nil
	switch {
	case dec.Kind == "" || d.file == nil:
	case !fresh:
		why = append(why, "Checking the gates…")
	case blocking == 1:
		why = append(why, "One gate blocks this decision.")
	case blocking > 1:
		why = append(why, fmt.Sprintf("%d gates block this decision.", blocking))
	}
	if len(why) == 0 {
		d.record.Enable()
		d.why.Importance = widget.SuccessImportance
		d.why.SetText("Every gate passes: the decision can be recorded.")
		return
	}
	d.record.Disable()
	d.why.Importance = widget.LowImportance
	d.why.SetText(strings.Join(why, " "))
}

// recordDecision records the decision; the domain checks every gate again.
func (d *decisionsSpace) recordDecision() {
	dec := d.draft()
	if d.file == nil || dec.Kind == "" {
		return
	}
	client, std := d.file.Client.DisplayName(), d.file.Certification.Standard
	d.u.do(command{what: "record the decision", run: func(ctx context.Context, svc *certification.Service) error {
		_, err := svc.Decide(ctx, dec)
		return err
	}, done: func() {
		d.closeView()
		d.note.SetText(fmt.Sprintf("Recorded: %s for %s (%s) on %s.", strings.ToLower(dec.Kind.Label()), client, std, dec.Date))
	}, actor: true})
}

func (d *decisionsSpace) personName(id certification.ID) string {
	for _, p := range d.people {
		if p.ID == id {
			return p.Name
		}
	}
	return "person " + id.String()
}

// showFile lays out the file the committee decides on.
func (d *decisionsSpace) showFile() {
	f := d.file
	if f == nil {
		return
	}
	c := &f.Certification
	d.title.SetText(fmt.Sprintf("%s — %s", f.Client.DisplayName(), c.Standard))
	sub := "Scope: " + c.Scope
	if d.item != nil {
		sub = fmt.Sprintf("%s · due %s · %s", d.item.Label, d.item.Due, sub)
	} else {
		sub = "Decision on the certification (not from the queue) · " + sub
	}
	d.subtitle.SetText(sub)
	if d.selectedKind() == certification.ExtendScope || d.selectedKind() == certification.ReduceScope {
		d.updateScopeField()
	}

	today := d.u.today()
	var objs []fyne.CanvasObject
	line := func(text string, imp widget.Importance, bold bool) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		l.TextStyle.Bold = bold
		objs = append(objs, l)
	}
	heading := func(text string) {
		objs = append(objs, header(text))
	}

	heading("Certificate")
	if cert, ok := f.Certificate(); ok {
		st := cert.StatusOn(today)
		line(fmt.Sprintf("%s revision %d — %s on %s", cert.Number, cert.Revision, st.Label(), today), certStatusImportance(st), true)
		line(fmt.Sprintf("Original certification %s · issued %s · expires %s · %d site(s)", cert.OriginalDate, cert.IssueDate, cert.Expiry, len(cert.Sites)), widget.MediumImportance, false)
	} else {
		line("No certificate issued yet (applied "+c.Applied.String()+").", widget.LowImportance, false)
	}
	for _, cy := range c.Cycles {
		kind := "renewal"
		if cy.Initial {
			kind = "initial certification"
		}
		line(fmt.Sprintf("Cycle %d: %s decided %s, runs %s to %s", cy.Number, kind, cy.Decided, cy.Start, cy.Expiry), widget.LowImportance, false)
	}

	heading("Audits and findings")
	if len(f.Audits) == 0 {
		line("No audit yet.", widget.LowImportance, false)
	}
	for i := len(f.Audits) - 1; i >= 0; i-- {
		a := &f.Audits[i]
		title := fmt.Sprintf("%s · cycle %d · %s to %s · %s", a.Kind.Label(), a.Cycle, a.Start(), a.LastDay(), auditStatusWords(a.Status))
		imp := widget.MediumImportance
		if a.Status == certification.AuditCancelled {
			imp = widget.LowImportance
		}
		line(title, imp, true)
		var facts []string
		if !a.ReportDate.IsZero() {
			facts = append(facts, "report "+a.ReportDate.String())
		}
		if a.Recommendation != "" {
			facts = append(facts, "team recommends: "+recommendationWords(a.Recommendation))
		}
		if a.Stage1Outcome != "" {
			facts = append(facts, "stage 1 outcome: "+string(a.Stage1Outcome))
		}
		days := a.ActualDays
		if days == 0 {
			days = a.PlannedDays
		}
		if days > 0 {
			facts = append(facts, fmt.Sprintf("%.1f auditor days", days))
		}
		var team []string
		for _, m := range a.Team {
			team = append(team, fmt.Sprintf("%s (%s)", d.personName(m.PersonID), strings.ReplaceAll(string(m.Role), "-", " ")))
		}
		if len(team) > 0 {
			facts = append(facts, "team: "+strings.Join(team, ", "))
		}
		if len(facts) > 0 {
			line(strings.Join(facts, " · "), widget.MediumImportance, false)
		}
		if a.TeamJustification != "" {
			line("    Team confirmed with a competence gap, justified: "+a.TeamJustification, widget.WarningImportance, false)
		}
		for _, x := range f.FindingsOf([]*certification.Audit{a}) {
			st := x.Status()
			imp := findingStatusImportance(st, x.Grade)
			if x.LateOn(today) {
				imp = widget.DangerImportance
			}
			text := fmt.Sprintf("    %s #%d (%s): %s", x.Grade.Label(), x.Number, x.Reference, st.Label(x.Grade))
			if x.LateOn(today) {
				text += ", late"
			}
			line(text, imp, false)
		}
	}

	if len(f.Decisions) > 0 {
		heading("Earlier decisions")
		for i := len(f.Decisions) - 1; i >= 0; i-- {
			dec := &f.Decisions[i]
			var makers []string
			for _, id := range dec.Makers {
				makers = append(makers, d.personName(id))
			}
			line(fmt.Sprintf("%s · %s by %s", dec.Date, dec.Kind.Label(), strings.Join(makers, ", ")), widget.MediumImportance, true)
			line(dec.Reasons, widget.LowImportance, false)
		}
	}
	d.fileBox.Objects = objs
	d.fileBox.Refresh()
}

// showGates lists every gate as passed or blocking, blocking ones first
// with what blocks and the rule.
func (d *decisionsSpace) showGates() {
	var blockingRows, passedRows []fyne.CanvasObject
	for _, g := range d.gates {
		if g.Passed {
			icon := widget.NewIcon(theme.NewSuccessThemedResource(theme.ConfirmIcon()))
			text := g.Title
			if g.Detail != "" {
				text += " — " + g.Detail
			}
			l := widget.NewLabel(text)
			l.Truncation = fyne.TextTruncateEllipsis
			passedRows = append(passedRows, container.NewBorder(nil, nil, icon, nil, l))
			continue
		}
		icon := widget.NewIcon(theme.NewErrorThemedResource(theme.CancelIcon()))
		title := widget.NewLabelWithStyle(g.Title+": blocking", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Importance = widget.DangerImportance
		body := widget.NewLabel(sentence(g.Detail) + "\nRule: " + g.Rule)
		body.Wrapping = fyne.TextWrapWord
		blockingRows = append(blockingRows, container.NewBorder(nil, nil, container.NewVBox(icon), nil, container.NewVBox(title, body)))
	}
	switch {
	case d.selectedKind() == "":
		d.gateSum.Importance = widget.LowImportance
		d.gateSum.SetText("Choose the decision to see its gates.")
	case len(d.gates) == 0:
		d.gateSum.Importance = widget.LowImportance
		d.gateSum.SetText("Checking the gates…")
	case len(blockingRows) == 0:
		d.gateSum.Importance = widget.SuccessImportance
		d.gateSum.SetText(fmt.Sprintf("All %d gates pass", len(d.gates)))
	default:
		d.gateSum.Importance = widget.DangerImportance
		d.gateSum.SetText(fmt.Sprintf("%d of %d gates block", len(blockingRows), len(d.gates)))
	}
	d.gatesBox.Objects = append(blockingRows, passedRows...)
	d.gatesBox.Refresh()
}

func auditStatusWords(s certification.AuditStatus) string {
	return strings.ReplaceAll(string(s), "-", " ")
}

func recommendationWords(r certification.Recommendation) string {
	if r == certification.RecommendNotYet {
		return "not until the NCs are closed"
	}
	return strings.ReplaceAll(string(r), "-", " ")
}
