package app

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// pgDebounce is how long the plan form waits after the last change
// before asking the domain whether the plan is allowed.
const pgDebounce = 200 * time.Millisecond

// pgMaxMatches caps the client picker's list.
const pgMaxMatches = 200

// planForm plans an audit. Every change is checked against the planning
// rules by svc.DraftAudit (off the UI goroutine, debounced); the domain's
// refusal shows under the form and Save stays disabled while it stands.
type planForm struct {
	p *programme
	u *ui
	d *dialog.CustomDialog

	clientQ   *entry
	matches   *widget.List
	matchBox  *fyne.Container
	matchInfo *widget.Label
	found     []certification.ClientRow
	// settingClient silences clientQ.OnChanged while the form sets it.
	settingClient bool
	clientID      certification.ID
	view          *certification.ClientView
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
	lead                   *widget.Select
	auditors               *widget.CheckGroup
	experts                *widget.CheckGroup
	// allAuditors are the auditors offered besides the lead.
	allAuditors []string
	// personIDs maps the names shown in the team fields to people.
	personIDs map[string]certification.ID
	gap       *entry
	// Rows shown or hidden, and the boxes to lay out again then.
	gapRow, matchRow      *fyne.Container
	left, right, sitesBox *fyne.Container
	notes                 *entry

	verdictIcon  *widget.Icon
	verdictTitle *widget.Label
	verdict      *widget.Label
	save         *widget.Button

	// gen counts changes: a check whose generation is not the latest is
	// dropped. It is read by the debounce goroutine, hence atomic.
	gen atomic.Int64
	ok  bool

	// team shows the team check (team_builder.go); teamGen counts its
	// requests as gen does; people is the register by id.
	team    *teamPanel
	teamGen atomic.Int64
	people  map[certification.ID]certification.Person

	// smp is the multi-site sample (sampling_dialog.go).
	smp planSampling
	// integ is the "Integrated with" row (programme_integrated.go).
	integ planIntegration
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
	f := &planForm{p: p, u: p.u, certIDs: map[string]certification.ID{}, siteCode: map[string]string{}, personIDs: map[string]certification.ID{}}
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
	f.matches = widget.NewList(
		func() int { return len(f.found) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(f.found) {
				r := &f.found[i]
				o.(*widget.Label).SetText(r.Name() + pgStandardsSuffix(r.Standards))
			}
		})
	f.matches.OnSelected = func(i widget.ListItemID) {
		if i < len(f.found) {
			f.chooseClient(f.found[i].ID, f.found[i].Name(), 0)
		}
		f.matches.UnselectAll()
	}
	f.matchInfo = widget.NewLabel("")
	f.matchInfo.Importance = widget.LowImportance
	f.matchInfo.Truncation = fyne.TextTruncateEllipsis
	box := canvas.NewRectangle(color.Transparent)
	box.SetMinSize(fyne.NewSize(0, 150))
	f.matchBox = container.NewBorder(nil, f.matchInfo, nil, nil, container.NewStack(box, f.matches))

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
	f.lead = widget.NewSelect(nil, func(string) { f.setAuditorOptions(); f.changed() })
	f.lead.PlaceHolder = "(choose a lead auditor)"
	f.auditors = widget.NewCheckGroup(nil, func([]string) { f.changed() })
	f.experts = widget.NewCheckGroup(nil, func([]string) { f.changed() })
	f.gap = u.newMultiLineEntry()
	f.gap.SetMinRowsVisible(3)
	f.gap.SetPlaceHolder("Why stage 1 is still valid although more than the policy's gap has passed")
	f.gap.OnChanged = func(string) { f.changed() }
	f.notes = u.newEntry()
	f.notes.SetPlaceHolder("Optional: travel, interpreter, remote parts…")
	f.notes.OnChanged = func(string) { f.changed() }

	to := widget.NewLabel("to")
	dates := container.NewGridWithColumns(2, f.start, container.NewBorder(nil, nil, to, nil, f.end))
	f.sitesBox = container.NewVBox(f.siteInfo, f.sites)
	sitesScroll := container.NewVScroll(f.sitesBox)
	sitesScroll.SetMinSize(fyne.NewSize(0, 112))
	f.matchRow = pgRow("", f.matchBox)
	f.left = container.NewVBox(
		pgRow("Client", f.clientQ),
		f.matchRow,
		pgRow("Certification", f.cert),
		pgRow("Audit kind", f.kind),
		pgRow("Planned dates", dates),
		pgRow("Auditor-days", f.days),
		pgRow("Sites", f.withSampling(sitesScroll)),
	)
	teamScroll := func(c *widget.CheckGroup) fyne.CanvasObject {
		s := container.NewVScroll(c)
		s.SetMinSize(fyne.NewSize(0, 150))
		return s
	}
	team := container.NewGridWithColumns(2,
		container.NewBorder(widget.NewLabel("Auditors"), nil, nil, nil, teamScroll(f.auditors)),
		container.NewBorder(widget.NewLabel("Technical experts"), nil, nil, nil, teamScroll(f.experts)))
	f.gapRow = pgRow("Gap justification", f.gap)
	f.right = container.NewVBox(
		pgRow("Lead auditor", f.lead),
		pgRow("Team", team),
		f.gapRow,
		pgRow("Notes", f.notes),
		pgRow("Integrated with", f.integ.build(f)),
	)
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

	body := container.NewBorder(container.NewGridWithColumns(2, f.left, f.right), container.NewVBox(widget.NewSeparator(), verdict), nil, nil,
		f.team.content)

	f.save = widget.NewButtonWithIcon("Plan audit", theme.ConfirmIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.save.Disable()
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { f.d.Hide() })
	f.d = dialog.NewCustomWithoutButtons("Plan an audit", body, u.win)
	f.d.SetButtons([]fyne.CanvasObject{cancel, f.save})
	f.d.Resize(fyne.NewSize(1100, 780))
	u.showDialog(f.d)
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
		clients []certification.ClientRow
	}
	today := f.u.today()
	query(f.u, "the registers", func(ctx context.Context, svc *certification.Service) (regs, error) {
		var r regs
		var err error
		if r.people, err = svc.People(ctx); err != nil || !needClients {
			return r, err
		}
		r.clients, err = svc.ClientRows(ctx, today)
		return r, err
	}, func(r regs) {
		if needClients {
			p.clients, p.clientsStale = r.clients, false
		}
		f.setPeople(r.people)
		f.clientTyped()
	})
}

// setPeople fills the lead and team fields, keeping what is chosen.
func (f *planForm) setPeople(people []certification.Person) {
	var leads, auditors, experts []string
	f.personIDs = map[string]certification.ID{}
	f.people = map[certification.ID]certification.Person{}
	for _, x := range people {
		f.people[x.ID] = x
		if x.Inactive {
			continue
		}
		name := x.Name
		if _, dup := f.personIDs[name]; dup {
			name = fmt.Sprintf("%s (%d)", x.Name, x.ID)
		}
		f.personIDs[name] = x.ID
		if x.Has(certification.RoleLeadAuditor) {
			leads = append(leads, name)
		}
		if x.Has(certification.RoleAuditor) || x.Has(certification.RoleLeadAuditor) {
			auditors = append(auditors, name)
		}
		if x.Has(certification.RoleTechnicalExpert) {
			experts = append(experts, name)
		}
	}
	f.lead.Options = leads
	if !slices.Contains(leads, f.lead.Selected) {
		f.lead.ClearSelected()
	}
	f.lead.Refresh()
	keep := func(c *widget.CheckGroup, opts []string) {
		if c == nil {
			return
		}
		sel := slices.DeleteFunc(slices.Clone(c.Selected), func(s string) bool { return !slices.Contains(opts, s) })
		c.Options = opts
		c.Selected = sel
		c.Refresh()
	}
	f.allAuditors = auditors
	f.setAuditorOptions()
	keep(f.experts, experts)
	f.changed()
}

// setAuditorOptions offers every auditor but the lead as team member.
func (f *planForm) setAuditorOptions() {
	if f.auditors == nil {
		return
	}
	opts := slices.DeleteFunc(slices.Clone(f.allAuditors), func(s string) bool { return s == f.lead.Selected })
	f.auditors.Options = opts
	f.auditors.Selected = slices.DeleteFunc(slices.Clone(f.auditors.Selected), func(s string) bool { return !slices.Contains(opts, s) })
	f.auditors.Refresh()
}

// clientTyped filters the picker as the user types; typing after a
// client was chosen starts the choice again.
func (f *planForm) clientTyped() {
	if f.settingClient {
		return
	}
	if f.clientID != 0 && f.clientQ.Text != f.chosenName() {
		f.clientID, f.view = 0, nil
		f.setCertifications()
	}
	if f.clientID != 0 {
		f.showMatches(false)
		return
	}
	f.showMatches(true)
	q := certification.Fold(f.clientQ.Text)
	var prefix, inner []certification.ClientRow
	for _, r := range f.p.clients {
		if len(prefix) >= pgMaxMatches {
			break
		}
		name := certification.Fold(r.Name())
		switch {
		case q == "" || strings.HasPrefix(name, q):
			prefix = append(prefix, r)
		case strings.Contains(name, q):
			if len(inner) < pgMaxMatches {
				inner = append(inner, r)
			}
		}
	}
	f.found = append(prefix, inner...)
	if len(f.found) > pgMaxMatches {
		f.found = f.found[:pgMaxMatches]
	}
	f.matches.Refresh()
	f.matches.ScrollToTop()
	switch {
	case f.p.clients == nil || f.p.clientsStale:
		f.matchInfo.SetText("Loading the client list…")
	case len(f.found) == 0:
		f.matchInfo.SetText("No client matches “" + strings.TrimSpace(f.clientQ.Text) + "”.")
	case len(f.found) >= pgMaxMatches:
		f.matchInfo.SetText("Many clients match: type more of the name.")
	default:
		f.matchInfo.SetText(pgCount(len(f.found), "match") + ": Enter picks the first, or click one.")
	}
	f.changed()
}

// showMatches shows or hides the client picker's list.
func (f *planForm) showMatches(show bool) {
	if show != f.matchRow.Visible() {
		f.matchRow.Hidden = !show
		f.left.Refresh()
	}
}

func (f *planForm) chosenName() string {
	if f.view != nil {
		return pgClientName(&f.view.Client)
	}
	for _, r := range f.p.clients {
		if r.ID == f.clientID {
			return r.Name()
		}
	}
	return f.clientQ.Text
}

// preselect opens the form on a certification (from the Clients page).
func (f *planForm) preselect(certID certification.ID) {
	query(f.u, "the certification", func(ctx context.Context, svc *certification.Service) (*certification.File, error) {
		return svc.File(ctx, certID)
	}, func(file *certification.File) {
		if !f.isOpen() {
			return
		}
		f.chooseClient(file.Client.ID, pgClientName(&file.Client), certID)
	})
}

// chooseClient sets the client and loads its certifications and sites.
func (f *planForm) chooseClient(id certification.ID, name string, certID certification.ID) {
	f.clientID, f.view, f.wantCert = id, nil, certID
	f.settingClient = true
	f.clientQ.SetText(name)
	f.settingClient = false
	f.showMatches(false)
	f.setCertifications()
	f.u.win.Canvas().Focus(f.cert)
	today := f.u.today()
	query(f.u, "the client", func(ctx context.Context, svc *certification.Service) (*certification.ClientView, error) {
		return svc.ClientView(ctx, id, today)
	}, func(v *certification.ClientView) {
		if !f.isOpen() || f.clientID != id {
			return
		}
		f.view = v
		f.settingClient = true
		f.clientQ.SetText(pgClientName(&v.Client))
		f.settingClient = false
		f.setCertifications()
		f.setSites()
		if f.cert.Selected != "" && f.kind.Selected != "" && f.start.Text == "" {
			f.u.win.Canvas().Focus(f.start)
		}
	})
}

// setCertifications lists the chosen client's open certifications.
func (f *planForm) setCertifications() {
	f.certIDs = map[string]certification.ID{}
	var opts []string
	if f.view != nil {
		for _, file := range f.view.Files {
			c := &file.Certification
			if !c.Closed.IsZero() {
				continue
			}
			label := string(c.Standard) + " — " + pgShorten(c.Scope, 60)
			f.certIDs[label] = c.ID
			opts = append(opts, label)
		}
	}
	f.cert.Options = opts
	f.cert.ClearSelected()
	switch {
	case f.clientID == 0:
		f.cert.PlaceHolder = "(choose the client first)"
	case f.view == nil:
		f.cert.PlaceHolder = "Loading…"
	case len(opts) == 0:
		f.cert.PlaceHolder = "(no open certification)"
	default:
		f.cert.PlaceHolder = "(choose the certification)"
	}
	want := ""
	for label, id := range f.certIDs {
		if id == f.wantCert || len(opts) == 1 {
			want = label
		}
	}
	if want != "" {
		f.cert.SetSelected(want)
	}
	f.cert.Refresh()
	if f.view == nil {
		f.setSites()
	}
	f.changed()
}

// setSites offers the client's sites, the central one (or the only one)
// ticked: it is in every audit.
func (f *planForm) setSites() {
	f.siteCode = map[string]string{}
	var opts, sel []string
	if f.view != nil {
		for _, s := range f.view.Client.Sites {
			label := s.Code
			if s.Name != "" {
				label += " · " + s.Name
			}
			if s.Central {
				label += " (central)"
			}
			f.siteCode[label] = s.Code
			opts = append(opts, label)
			if s.Central || len(f.view.Client.Sites) == 1 {
				sel = append(sel, label)
			}
		}
	}
	f.sites.Options, f.sites.Selected = opts, sel
	f.sites.Refresh()
	switch {
	case f.view == nil:
		f.siteInfo.SetText("(choose the client first)")
		f.siteInfo.Show()
	case len(opts) == 0:
		f.siteInfo.SetText("No sites registered: the audit covers the registered address.")
		f.siteInfo.Show()
	default:
		f.siteInfo.Hide()
	}
	f.sitesBox.Refresh()
	f.changed()
}

// certChosen suggests the kind of audit from the certification's file.
func (f *planForm) certChosen() {
	if file := f.file(); file != nil && !f.kindChosen {
		f.suggesting = true
		f.kind.SetSelected(pgSuggestKind(file, f.u.today()).Label())
		f.suggesting = false
	}
	f.changed()
}

func (f *planForm) file() *certification.File {
	id := f.certIDs[f.cert.Selected]
	if f.view == nil || id == 0 {
		return nil
	}
	for _, file := range f.view.Files {
		if file.Certification.ID == id {
			return file
		}
	}
	return nil
}

// pgSuggestKind is the audit a certification most likely needs next.
func pgSuggestKind(f *certification.File, today certification.Date) certification.AuditKind {
	if cur, ok := f.Certification.Current(); ok && f.Live(today) {
		if today >= cur.Expiry.AddMonths(-12) {
			return certification.Recertification
		}
		return certification.Surveillance
	}
	for _, a := range f.AuditsIn(f.PendingCycle(), certification.Stage1) {
		if a.Done() && a.Stage1Outcome == certification.Stage1Ready {
			return certification.Stage2
		}
	}
	return certification.Stage1
}

func (f *planForm) kindValue() certification.AuditKind {
	for _, k := range certification.AuditKinds {
		if k.Label() == f.kind.Selected {
			return k
		}
	}
	return ""
}

// showGap shows the gap justification for a stage 2 (or when written).
func (f *planForm) showGap() {
	if f.gapRow == nil || f.right == nil {
		return
	}
	show := f.kindValue() == certification.Stage2 || strings.TrimSpace(f.gap.Text) != ""
	if show != f.gapRow.Visible() {
		f.gapRow.Hidden = !show
		f.right.Refresh()
	}
}

// draft builds the audit the form describes; missing lists what is
// still to fill in before the rules can be checked.
func (f *planForm) draft() (a certification.Audit, missing []string) {
	a.CertificationID = f.certIDs[f.cert.Selected]
	if f.clientID == 0 {
		missing = append(missing, "the client")
	} else if a.CertificationID == 0 {
		missing = append(missing, "the certification")
	}
	if a.Kind = f.kindValue(); a.Kind == "" {
		missing = append(missing, "the kind of audit")
	}
	if f.start.Validator(f.start.Text) != nil || f.end.Validator(f.end.Text) != nil {
		missing = append(missing, "the planned dates (YYYY-MM-DD)")
	}
	a.PlannedStart, a.PlannedEnd = date(f.start), date(f.end)
	if f.days.Validator(f.days.Text) != nil {
		missing = append(missing, "the auditor-days")
	}
	a.PlannedDays = parseFloat(f.days.Text)
	for _, s := range f.sites.Selected {
		a.Sites = append(a.Sites, f.siteCode[s])
	}
	missing = f.sampleDraft(&a, missing)
	seen := map[certification.ID]bool{}
	add := func(name string, role certification.TeamRole) {
		id := f.personIDs[name]
		if id == 0 || seen[id] {
			return
		}
		seen[id] = true
		a.Team = append(a.Team, certification.TeamMember{PersonID: id, Role: role})
	}
	add(f.lead.Selected, certification.TeamLead)
	for _, n := range f.auditors.Selected {
		add(n, certification.TeamAuditor)
	}
	for _, n := range f.experts.Selected {
		add(n, certification.TeamTechnicalExpert)
	}
	if a.Kind == certification.Stage2 {
		a.GapJustification = strings.TrimSpace(f.gap.Text)
	}
	a.Notes = strings.TrimSpace(f.notes.Text)
	return a, missing
}

// changed re-checks the form: what is missing at once, the rules after
// the debounce, off the UI goroutine.
func (f *planForm) changed() {
	if f.save == nil {
		return // still building
	}
	f.checkTeam()
	g := f.gen.Add(1)
	f.ok = false
	f.save.Disable()
	a, missing := f.draft()
	missing = f.integ.sync(f, missing)
	parts := f.integ.parts()
	if len(missing) > 0 {
		f.setVerdict(theme.InfoIcon(), widget.MediumImportance, "Still to fill in", sentence(pgJoin(missing)))
		return
	}
	svc := f.u.svc()
	f.u.bg.Go(func(ctx context.Context) func() {
		select {
		case <-time.After(pgDebounce):
		case <-ctx.Done():
			return nil
		}
		if f.gen.Load() != g {
			return nil
		}
		err := draftPlan(ctx, svc, a, parts) // alone or integrated (programme_integrated.go)
		return func() {
			if f.gen.Load() != g || !f.isOpen() {
				return
			}
			f.showDraft(err)
		}
	})
}

// showDraft shows the domain's answer on the plan.
func (f *planForm) showDraft(err error) {
	var re *certification.RuleError
	var ve *certification.ValidationError
	switch {
	case err == nil:
		f.ok = true
		f.save.Enable()
		f.setVerdict(theme.ConfirmIcon(), widget.SuccessImportance, "The plan meets the planning rules",
			f.integ.okText("Plan audit adds it to the programme as planned; confirm it once the client agrees the dates."))
	case errors.As(err, &re):
		f.setVerdict(theme.ErrorIcon(), widget.DangerImportance, "Not allowed — rule "+re.Rule, sentence(re.Msg))
	case errors.As(err, &ve):
		f.setVerdict(theme.WarningIcon(), widget.WarningImportance, "Please check the input", sentence(ve.Error()))
	default:
		f.setVerdict(theme.ErrorIcon(), widget.DangerImportance, "Could not check the plan", sentence(err.Error()))
	}
}

func (f *planForm) setVerdict(icon fyne.Resource, imp widget.Importance, title, text string) {
	switch imp {
	case widget.DangerImportance:
		icon = theme.NewErrorThemedResource(icon)
	case widget.SuccessImportance:
		icon = theme.NewSuccessThemedResource(icon)
	case widget.WarningImportance:
		icon = theme.NewWarningThemedResource(icon)
	}
	f.verdictIcon.SetResource(icon)
	f.verdictTitle.Importance = imp
	f.verdictTitle.SetText(title)
	f.verdict.SetText(text)
}

// submit plans the audit; on success the programme shows its month.
func (f *planForm) submit() {
	a, missing := f.draft()
	if !f.ok || len(missing) > 0 {
		return
	}
	f.save.Disable()
	var id certification.ID
	parts := f.integ.parts()
	p := f.p
	f.u.do(command{what: "plan the audit", run: func(ctx context.Context, svc *certification.Service) error {
		var err error
		id, err = planPlan(ctx, svc, a, parts)
		return err
	}, done: func() {
		f.d.Hide()
		p.focus = id
		p.year, p.month = a.PlannedStart.Year(), int(a.PlannedStart.Month())
		p.showTitle()
	}, doneFirst: true, failed: f.changed})
}

// pgRow is a form row: a bold label of fixed width, the field beside it.
func pgRow(label string, field fyne.CanvasObject) *fyne.Container {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	box := container.New(layout.NewGridWrapLayout(fyne.NewSize(136, l.MinSize().Height)), l)
	return container.NewBorder(nil, nil, container.NewVBox(box), nil, field)
}

func pgClientName(c *certification.Client) string {
	if c.TradingName != "" && c.TradingName != c.LegalName {
		return c.LegalName + " (" + c.TradingName + ")"
	}
	return c.LegalName
}

func pgStandardsSuffix(ss []certification.Standard) string {
	if len(ss) == 0 {
		return "  ·  no certification yet"
	}
	var parts []string
	for _, s := range ss {
		parts = append(parts, pgStandardShort(s))
	}
	return "  ·  " + strings.Join(parts, ", ")
}

// pgShorten cuts s to n runes with an ellipsis.
func pgShorten(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

// pgJoin is "a, b and c".
func pgJoin(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}
