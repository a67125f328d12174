package app

import (
	"context"
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// The Decisions workspace: the committee's queue, and the decision view
// that shows the file and every gate of the draft decision, recomputed
// as the committee fills in the form.

var queueColumns = []column[certification.Obligation]{
	{title: "Client", width: 200, text: func(o *certification.Obligation) string { return o.ClientName }},
	{title: "Standard", width: 150, text: func(o *certification.Obligation) string { return string(o.Standard) }},
	{title: "To decide", width: 380, text: func(o *certification.Obligation) string { return o.Label }},
	{title: "Due", width: 100, text: func(o *certification.Obligation) string { return o.Due.String() }},
	{title: "State", width: 100, text: func(o *certification.Obligation) string { return o.State.Label() },
		importance: func(o *certification.Obligation) widget.Importance { return stateImportance(o.State) }},
}

type decisionsSpace struct {
	space
	noCreate
	noSearch
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
	reviews  map[certification.ID]certification.AuditReview
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
	vsplit    *container.Split // the queue above d.view
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

func newDecisions(u *ui) workspace {
	d := &decisionsSpace{space: space{title: "Decisions", ic: theme.ConfirmIcon()}, u: u, makers: map[certification.ID]*widget.Check{}}
	d.build()
	return d
}

func (d *decisionsSpace) content() fyne.CanvasObject { return d.body }

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

	d.vsplit = container.NewVSplit(queue, d.view)
	d.vsplit.Offset = queueOffsetAlone // showView gives an open file the room
	d.body = d.vsplit
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
		queue   []certification.Obligation
		people  []certification.Person
		file    *certification.File
		reviews map[certification.ID]certification.AuditReview
		gates   []certification.Gate
	}
	queryThen(d.u, func(ctx context.Context, svc *certification.Service) (result, error) {
		var r result
		var err error
		if queue {
			if r.queue, err = view.DecisionQueue(ctx, svc, today); err != nil {
				return r, err
			}
			if r.people, err = view.People(ctx, svc); err != nil {
				return r, err
			}
		}
		if draft {
			if refill {
				if _, r.reviews, err = svc.CommitteeFile(ctx, dec.CertificationID); err != nil {
					return r, err
				}
			}
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
				if r.reviews != nil {
					d.reviews = r.reviews
				}
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
	selectRowOf(d.qtable, d.queue, func(o certification.Obligation) bool {
		return d.item != nil && o.CertificationID == d.item.CertificationID && o.Kind == d.item.Kind
	})
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

func (d *decisionsSpace) personName(id certification.ID) string {
	for _, p := range d.people {
		if p.ID == id {
			return p.Name
		}
	}
	return "person " + id.String()
}
