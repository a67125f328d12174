package app

import (
	"context"
	"slices"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// planCheckDelay is how long the plan form waits after the last change
// before asking the domain whether the plan is allowed.
var planCheckDelay = 200 * time.Millisecond // a variable only for BenchmarkPlanDialog

// planForm plans an audit. Every change is checked against the planning
// rules by svc.DraftAudit (the form's live check, off the UI goroutine,
// debounced); the domain's refusal shows under the form and Save stays
// disabled while it stands.
type planForm struct {
	p *programme
	u *ui
	d *dialog.CustomDialog

	clientQ   *entry
	matches   *widget.List
	matchBox  *fyne.Container
	matchInfo *widget.Label
	found     []view.ClientRow
	// settingClient silences clientQ.OnChanged while the form sets it.
	settingClient bool
	clientID      certification.ID
	view          *view.ClientDetail
	// wantCert is preselected once the client's certifications load.
	wantCert certification.ID

	cert    *widget.Select
	certIDs map[string]certification.ID
	kind    *widget.Select
	// kindChosen: the user chose the kind; until then it follows the
	// certification's file (suggesting is set while the form sets it).
	kindChosen, suggesting bool
	start                  *entry
	end                    *entry
	days                   *entry
	sites                  *widget.CheckGroup
	siteCode               map[string]string
	siteInfo               *widget.Label
	// picker chooses the team (team_picker.go); poolKey is the
	// certification and dates its candidates were read for, and
	// stage1Team the certification whose stage 1 team a stage 2 started
	// from.
	picker     *teamPicker
	poolKey    string
	stage1Team certification.ID
	gap        *entry
	// Rows shown or hidden, and the boxes to lay out again then.
	gapRow, matchRow      *fyne.Container
	left, right, sitesBox *fyne.Container
	notes                 *entry

	// The domain's verdict on the plan: shown in place of the form's
	// problem label.
	verdictIcon  *widget.Icon
	verdictTitle *widget.Label
	verdict      *widget.Label
	recordForm[plannedAudit]

	// team shows the team check (team_builder.go); teamGen counts its
	// requests as gen does; people is the register by id.
	team    *teamPanel
	teamGen atomic.Int64
	people  map[certification.ID]certification.Person

	// smp is the multi-site sample (sampling_dialog.go).
	smp planSampling
	// integ is the "Integrated with" row (programme_integrated.go).
	integ planIntegration
	// body holds the form's columns, the team check and the verdict.
	body *fyne.Container
	// time is the required audit time and its justification (programme_plan_time.go).
	time planTime
}

// planAudit opens the plan form (certID preselects a certification).
func (p *programme) planAudit(certID certification.ID) {
	if p.form != nil && p.form.isOpen() {
		if certID != 0 {
			p.form.preselect(certID)
		}
		p.u.win.Canvas().Focus(p.form.clientQ)
		return
	}
	f := &planForm{p: p, u: p.u, certIDs: map[string]certification.ID{}, siteCode: map[string]string{}}
	f.read, f.show = f.planned, f.showDraft
	f.check = &liveCheck[plannedAudit]{u: p.u, delay: planCheckDelay, run: func(ctx context.Context, svc *certification.Service, v plannedAudit) error {
		f.time.calculate(ctx, svc, v.audit, v.parts)
		return draftPlan(ctx, svc, v.audit, v.parts) // alone or integrated (programme_integrated.go)
	}}
	p.form = f
	f.build()
	f.loadRegisters()
	if certID != 0 {
		f.preselect(certID)
	} else {
		p.u.win.Canvas().Focus(f.clientQ)
	}
	f.changed()
}

func (f *planForm) isOpen() bool {
	return f.d != nil && slices.Contains(f.u.dialogs, dialog.Dialog(f.d))
}

func (f *planForm) build() {
	u := f.u
	f.clientQ = u.newEntry()
	f.clientQ.SetPlaceHolder("Type part of the client's name, Enter picks the first match")
	f.clientQ.OnChanged = func(string) { f.clientTyped() }
	f.clientQ.OnSubmitted = func(string) {
		if f.clientID == 0 && len(f.found) > 0 {
			f.chooseClient(f.found[0].ID, f.found[0].Name(), 0)
		}
	}
	f.matches, f.matchInfo, f.matchBox = newClientMatchList(&f.found, 150, func(r view.ClientRow) { f.chooseClient(r.ID, r.Name(), 0) })

	f.cert = widget.NewSelect(nil, func(string) { f.certChosen() })
	f.cert.PlaceHolder = "(choose the client first)"
	kinds := make([]string, len(certification.AuditKinds))
	for i, k := range certification.AuditKinds {
		kinds[i] = k.Label()
	}
	f.kind = widget.NewSelect(kinds, func(string) {
		if !f.suggesting {
			f.kindChosen = f.kind.Selected != ""
		}
		f.showGap()
		f.changed()
	})
	f.kind.PlaceHolder = "(choose the kind of audit)"
	f.start = u.newDateEntry(true)
	f.start.OnChanged = func(string) { f.changed() }
	f.end = u.newDateEntry(true)
	f.end.OnChanged = func(string) { f.changed() }
	f.days = u.newEntry()
	f.days.SetPlaceHolder("e.g. 2.5")
	f.days.Validator = number(0.5, 1000)
	f.days.OnChanged = func(string) { f.changed() }
	f.sites = widget.NewCheckGroup(nil, func([]string) { f.changed() })
	f.siteInfo = widget.NewLabel("(choose the client first)")
	f.siteInfo.Importance = widget.LowImportance
	f.picker = u.newTeamPicker(certification.Audit{}, func([]certification.TeamMember) { f.changed() })
	f.poolKey = "?" // not yet synced: the first change empties the picker or loads it
	f.gap = u.newMultiLineEntry()
	f.gap.SetMinRowsVisible(3)
	f.gap.SetPlaceHolder("Why stage 1 is still valid although more than the policy's gap has passed")
	f.gap.OnChanged = func(string) { f.changed() }
	required, timeRow := f.time.build(f)
	f.notes = u.newEntry()
	f.notes.SetPlaceHolder("Optional: travel, interpreter, remote parts…")
	f.notes.OnChanged = func(string) { f.changed() }

	to := widget.NewLabel("to")
	dates := container.NewGridWithColumns(2, f.start, container.NewBorder(nil, nil, to, nil, f.end))
	f.sitesBox = container.NewVBox(f.siteInfo, f.sites)
	sitesScroll := container.NewVScroll(f.sitesBox)
	sitesScroll.SetMinSize(fyne.NewSize(0, 112))
	f.matchRow = formRow("", f.matchBox)
	f.left = container.NewVBox(
		formRow("Client", f.clientQ),
		f.matchRow,
		formRow("Certification", f.cert),
		formRow("Audit kind", f.kind),
		formRow("Planned dates", dates),
		formRow("Auditor-days", daysRow(f.days, required)),
		formRow("Sites", f.withSampling(sitesScroll)),
		formRow("Notes", f.notes),
		formRow("Integrated with", f.integ.build(f)),
	)
	// Notes and integration sit left, so that the team picker has the
	// right column and the team check below keeps its room on a laptop.
	f.gapRow = formRow("Gap justification", f.gap)
	f.right = container.NewBorder(nil, container.NewVBox(f.gapRow, timeRow), nil, nil, formRow("Team", f.picker))
	f.team = newTeamPanel()
	f.showGap()

	f.verdictIcon = widget.NewIcon(theme.InfoIcon())
	f.verdictTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.verdict = widget.NewLabel("")
	f.verdict.Wrapping = fyne.TextWrapWord
	verdictBG := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	verdictBG.CornerRadius = theme.InputRadiusSize()
	verdict := container.NewStack(verdictBG, container.NewBorder(nil, nil, container.NewPadded(container.NewCenter(f.verdictIcon)), nil,
		container.NewVBox(f.verdictTitle, f.verdict)))

	f.body = container.NewBorder(container.NewGridWithColumns(2, f.left, f.right), container.NewVBox(widget.NewSeparator(), verdict), nil, nil,
		f.team.content)

	f.save = widget.NewButtonWithIcon("Plan audit", theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.save.Disable()
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { f.d.Hide() })
	f.d = dialog.NewCustomWithoutButtons("Plan an audit", f.body, u.win)
	f.d.SetButtons([]fyne.CanvasObject{cancel, f.save})
	u.openDialog(f.d, 1100, 780)
}

// loadRegisters loads the people for the team fields and, if stale, the
// client list for the picker.
func (f *planForm) loadRegisters() {
	p := f.p
	needClients := p.clients == nil || p.clientsStale
	if needClients {
		f.matchInfo.SetText("Loading the client list…")
	}
	type regs struct {
		people  []certification.Person
		clients []view.ClientRow
	}
	today := f.u.today()
	query(f.u, "the registers", func(ctx context.Context, svc *certification.Service) (regs, error) {
		var r regs
		var err error
		if r.people, err = view.People(ctx, svc); err != nil || !needClients {
			return r, err
		}
		r.clients, err = view.ClientRows(ctx, svc, today)
		return r, err
	}, func(r regs) {
		if needClients {
			p.clients, p.clientsStale = r.clients, false
		}
		f.setPeople(r.people)
		f.clientTyped()
	})
}

// setPeople keeps the register by id for the team check's panel (the
// picker reads its own candidates).
func (f *planForm) setPeople(people []certification.Person) {
	f.people = map[certification.ID]certification.Person{}
	for _, x := range people {
		f.people[x.ID] = x
	}
	f.changed()
}
