package app

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/assets"
	"certdesk/certification"
)

// clientPage shows one client: details, sites, contacts, AI, and each
// certification with the timeline of its cycle. All fields belong to
// the UI goroutine.
type clientPage struct {
	c    *clients
	id   certification.ID
	gen  int
	view *certification.ClientView
	asOf certification.Date

	root    fyne.CanvasObject
	title   *widget.Label
	back    *widget.Button
	edit    *widget.Button
	addCert *widget.Button
	body    *fyne.Container
	scroll  *container.Scroll

	// history lists the certifications whose earlier cycles are shown.
	history map[certification.ID]bool
	// certs are the certification sections shown (for tests).
	certs map[certification.ID]*clientCertSection

	// auditTime opens the audit-time calculator; soa and timeCalc are
	// the last dialogs opened (for tests).
	auditTime *widget.Button
	soa       *soaEditor
	timeCalc  *audittimeCalc
	// responses exports the response form or imports a filled one (xlsx_responses.go).
	responses *widget.Button
}

// clientCertSection is one certification on the page.
type clientCertSection struct {
	planAudit  *widget.Button
	openAudit  map[certification.ID]*widget.Button
	showEarly  *widget.Button
	past, next []clientEvent
	cutoff     certification.Date

	// soa opens the Statement of Applicability (42001); coverage is the
	// Annex A coverage line; unaudited the controls not yet audited in
	// the cycle (folded into unauditedFold when many); clauseGaps the
	// stage 2 and recertification clause gaps.
	soa           *widget.Button
	coverage      *widget.Label
	unaudited     []string
	unauditedFold *widget.Accordion
	clauseGaps    []string
}

func newClientPage(c *clients, id certification.ID) *clientPage {
	p := &clientPage{c: c, id: id, history: map[certification.ID]bool{}}
	p.back = widget.NewButtonWithIcon("Clients", theme.NavigateBackIcon(), c.showList)
	p.title = widget.NewLabelWithStyle("Loading…", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.title.SizeName = theme.SizeNameSubHeadingText
	p.title.Truncation = fyne.TextTruncateEllipsis
	p.edit = widget.NewButtonWithIcon("Edit client", theme.DocumentCreateIcon(), func() {
		if p.view != nil {
			c.editClient(p.view.Client)
		}
	})
	p.addCert = widget.NewButtonWithIcon("Add certification", theme.ContentAddIcon(), func() {
		if p.view != nil {
			c.certForm = newCFCertificationForm(c.u, p.view)
		}
	})
	p.auditTime = widget.NewButtonWithIcon("Audit time…", theme.HistoryIcon(), func() {
		if p.view != nil {
			p.timeCalc = showAudittimeCalc(c.u, p.view)
		}
	})
	p.responses = clientResponsesButton(c.u, id)
	p.edit.Disable()
	p.addCert.Disable()
	p.auditTime.Disable()
	p.body = container.NewVBox()
	p.scroll = container.NewVScroll(p.body)
	bar := container.NewBorder(nil, nil, p.back, container.NewHBox(p.responses, p.auditTime, p.edit, p.addCert), p.title)
	p.root = container.NewBorder(container.NewVBox(container.NewPadded(bar), widget.NewSeparator()), nil, nil, nil, p.scroll)
	return p
}

// show lays the page out for a loaded view.
func (p *clientPage) show(v *certification.ClientView, asOf certification.Date) {
	first := p.view == nil
	p.view, p.asOf = v, asOf
	cl := &v.Client
	p.title.SetText(cl.LegalName)
	p.edit.Enable()
	p.addCert.Enable()
	p.auditTime.Enable()
	if len(cpOpenStandards(v)) == len(certification.Standards) {
		p.addCert.Disable()
	}
	p.certs = map[certification.ID]*clientCertSection{}
	objs := []fyne.CanvasObject{p.detailsSection(cl), p.certificationsSection(v), p.sitesSection(cl), p.contactsSection(cl), p.aiSection(cl)}
	p.body.Objects = objs
	p.body.Refresh()
	if first {
		p.scroll.ScrollToTop()
	}
}

// cpOpenStandards are the standards the client holds an open certification for.
func cpOpenStandards(v *certification.ClientView) []certification.Standard {
	var out []certification.Standard
	for _, f := range v.Files {
		if f.Certification.Closed.IsZero() {
			out = append(out, f.Certification.Standard)
		}
	}
	return out
}

// cpSection is a titled block of the page.
func cpSection(title string, body fyne.CanvasObject, right ...fyne.CanvasObject) fyne.CanvasObject {
	h := header(title)
	h.SizeName = theme.SizeNameSubHeadingText
	top := fyne.CanvasObject(h)
	if len(right) > 0 {
		top = container.NewBorder(nil, nil, h, container.NewHBox(right...))
	}
	return container.NewPadded(container.NewVBox(widget.NewSeparator(), top, body))
}

// cpKey is the name of a value in a details block.
func cpKey(s string) *widget.Label {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func cpValue(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func cpLow(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Importance = widget.LowImportance
	return l
}

func (p *clientPage) detailsSection(cl *certification.Client) fyne.CanvasObject {
	trading := cl.TradingName
	if trading == "" {
		trading = "—"
	}
	var sectors []string
	for _, s := range cl.Sectors {
		sectors = append(sectors, fmt.Sprintf("%d  %s", s, cpSectorTitle(s)))
	}
	if len(sectors) == 0 {
		sectors = []string{"—"}
	}
	var roles []string
	for _, r := range cl.AIRoles {
		roles = append(roles, cpAIRole(r))
	}
	if len(roles) == 0 {
		roles = []string{"—"}
	}
	left := container.New(layout.NewFormLayout(),
		cpKey("Legal name"), cpValue(cl.LegalName),
		cpKey("Trading name"), cpValue(trading),
		cpKey("Registered address"), cpValue(cl.RegisteredAddress),
		cpKey("Client since"), cpValue(cl.Created.String()+"  (client #"+cl.ID.String()+")"),
	)
	right := container.New(layout.NewFormLayout(),
		cpKey("Effective personnel"), cpValue(cpNum(cl.EffectivePersonnel)+" full-time equivalents"),
		cpKey("IAF sectors"), cpValue(strings.Join(sectors, "\n")),
		cpKey("AI roles"), cpValue(strings.Join(roles, ", ")),
	)
	return cpSection("Details", container.NewGridWithColumns(2, left, right))
}

func cpNum(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// cpGrid lays out rows of cells in fixed columns (width 0: the rest).
func cpGrid(widths []float32, head []string, rows [][]fyne.CanvasObject) fyne.CanvasObject {
	box := container.NewVBox()
	if head != nil {
		var hs []fyne.CanvasObject
		for _, h := range head {
			l := header(h)
			l.Truncation = fyne.TextTruncateEllipsis
			hs = append(hs, l)
		}
		box.Add(container.New(&cpColumns{widths: widths}, hs...))
	}
	for _, r := range rows {
		box.Add(container.New(&cpColumns{widths: widths}, r...))
	}
	return box
}

// cpCell is a truncating label for a grid row.
func cpCell(s string, imp widget.Importance) *widget.Label {
	l := widget.NewLabel(s)
	l.Truncation = fyne.TextTruncateEllipsis
	l.Importance = imp
	l.TextStyle.Bold = imp == widget.DangerImportance
	return l
}

func (p *clientPage) sitesSection(cl *certification.Client) fyne.CanvasObject {
	if len(cl.Sites) == 0 {
		return cpSection("Sites", cpLow("No sites recorded: the registered address is the client's only site."))
	}
	var rows [][]fyne.CanvasObject
	for _, s := range cl.Sites {
		central := ""
		if s.Central {
			central = "★ Central function"
		}
		pers := ""
		if s.Personnel > 0 {
			pers = strconv.Itoa(s.Personnel)
		}
		rows = append(rows, []fyne.CanvasObject{
			cpCell(s.Code, widget.MediumImportance), cpCell(s.Name, widget.MediumImportance), cpCell(s.Address, widget.MediumImportance),
			cpCell(pers, widget.MediumImportance), cpCell(central, widget.HighImportance),
		})
	}
	return cpSection(fmt.Sprintf("Sites (%d)", len(cl.Sites)),
		cpGrid([]float32{80, 200, 0, 100, 170}, []string{"Code", "Name", "Address", "Personnel", ""}, rows))
}

func (p *clientPage) contactsSection(cl *certification.Client) fyne.CanvasObject {
	if len(cl.Contacts) == 0 {
		return cpSection("Contacts", cpLow("No contacts recorded."))
	}
	var rows [][]fyne.CanvasObject
	for _, ct := range cl.Contacts {
		rows = append(rows, []fyne.CanvasObject{
			cpCell(ct.Name, widget.MediumImportance), cpCell(ct.Role, widget.MediumImportance),
			cpCell(ct.Email, widget.MediumImportance), cpCell(ct.Phone, widget.MediumImportance),
		})
	}
	return cpSection("Contacts", cpGrid([]float32{220, 200, 0, 180}, []string{"Name", "Role", "Email", "Phone"}, rows))
}

func (p *clientPage) aiSection(cl *certification.Client) fyne.CanvasObject {
	if len(cl.AISystems) == 0 {
		return cpSection("AI systems", cpLow("No AI systems recorded."))
	}
	var rows [][]fyne.CanvasObject
	for _, s := range cl.AISystems {
		risk := widget.MediumImportance
		switch s.RiskClass {
		case certification.RiskProhibited:
			risk = widget.DangerImportance
		case certification.RiskHigh:
			risk = widget.WarningImportance
		}
		pd := "no"
		if s.PersonalData {
			pd = "yes"
		}
		rows = append(rows, []fyne.CanvasObject{
			cpCell(s.Name, widget.MediumImportance), cpCell(s.Purpose, widget.MediumImportance),
			cpCell(cpRisk(s.RiskClass), risk), cpCell(pd, widget.MediumImportance), cpCell(cpAutonomy(s.Autonomy), widget.MediumImportance),
		})
	}
	return cpSection(fmt.Sprintf("AI systems (%d)", len(cl.AISystems)),
		cpGrid([]float32{220, 0, 110, 120, 170}, []string{"Name", "Purpose", "Risk class", "Personal data", "Autonomy"}, rows))
}

func (p *clientPage) certificationsSection(v *certification.ClientView) fyne.CanvasObject {
	if len(v.Files) == 0 {
		return cpSection("Certifications", cpLow("No certification yet: use Add certification to record the client's application."))
	}
	box := container.NewVBox()
	files := slices.Clone(v.Files)
	// Open certifications first, then by standard.
	slices.SortStableFunc(files, func(a, b *certification.File) int {
		if c := clBool(!a.Certification.Closed.IsZero(), !b.Certification.Closed.IsZero()); c != 0 {
			return c
		}
		return slices.Index(certification.Standards, a.Certification.Standard) - slices.Index(certification.Standards, b.Certification.Standard)
	})
	for _, f := range files {
		box.Add(p.certificationCard(f, v.Obligations[f.Certification.ID], v.People))
	}
	return cpSection(fmt.Sprintf("Certifications (%d)", len(v.Files)), box)
}

// certificationCard is one certification: what it covers, its
// certificate, and the timeline of its cycle.
func (p *clientPage) certificationCard(f *certification.File, obs []certification.Obligation, people map[certification.ID]certification.Person) fyne.CanvasObject {
	c := &f.Certification
	sec := &clientCertSection{openAudit: map[certification.ID]*widget.Button{}}
	p.certs[c.ID] = sec

	title := header(string(c.Standard))
	title.SizeName = theme.SizeNameSubHeadingText
	status, imp := cpCertificationStatus(f, p.asOf)
	badge := widget.NewLabel(status)
	badge.Importance = imp
	badge.TextStyle.Bold = true
	id := c.ID
	sec.planAudit = widget.NewButtonWithIcon("Plan audit", theme.CalendarIcon(), func() {
		p.c.u.goTo("Audit programme", recordRef{certification.KindCertification, id})
	})
	if !c.Closed.IsZero() {
		sec.planAudit.Disable()
	}
	actions := container.NewHBox(sec.planAudit)
	controls := len(soaControls(c.Standard))
	if controls > 0 {
		clientName := p.view.Client.LegalName
		sec.soa = widget.NewButtonWithIcon("Statement of Applicability…", theme.ListIcon(), func() {
			p.soa = showSoA(p.c.u, clientName, *c)
		})
		if !c.Closed.IsZero() {
			sec.soa.Disable()
		}
		actions.Objects = append([]fyne.CanvasObject{sec.soa}, actions.Objects...)
	}
	top := container.NewBorder(nil, nil, container.NewHBox(title, badge), actions)

	info := []fyne.CanvasObject{cpKey("Scope"), cpValue(c.Scope)}
	if len(c.SiteScopes) > 0 {
		var lines []string
		for _, code := range slices.Sorted(maps.Keys(c.SiteScopes)) {
			lines = append(lines, code+": "+c.SiteScopes[code])
		}
		info = append(info, cpKey("Scope per site"), cpValue(strings.Join(lines, "\n")))
	}
	if cert, ok := f.Certificate(); ok {
		st := cert.StatusOn(p.asOf)
		text := fmt.Sprintf("%s  revision %d  ·  %s  ·  issued %s, expires %s  ·  first certified %s",
			cert.Number, cert.Revision, st.Label(), cert.IssueDate, cert.Expiry, cert.OriginalDate)
		if since, ok := cert.SuspendedSince(p.asOf); ok && st == certification.CertSuspended {
			text += "  ·  suspended since " + since.String()
		}
		info = append(info, cpKey("Certificate"), cpValue(text))
	} else {
		info = append(info, cpKey("Certificate"), cpValue("not issued yet"))
	}
	if cur, ok := c.Current(); ok {
		kind := "renewal"
		if cur.Initial {
			kind = "initial certification"
		}
		info = append(info, cpKey("Cycle"), cpValue(fmt.Sprintf("%d (%s): %s to %s, decided %s", cur.Number, kind, cur.Start, cur.Expiry, cur.Decided)))
	} else {
		info = append(info, cpKey("Cycle"), cpValue("initial certification in progress (applied "+c.Applied.String()+")"))
	}
	if !c.Closed.IsZero() {
		info = append(info, cpKey("Closed"), cpValue(c.Closed.String()+": refused or withdrawn; nothing more falls due"))
	}
	if controls > 0 {
		info = append(info, cpKey("Applicability"), cpValue(soaSummary(c, controls)))
	}
	if cov := p.coverageBlock(sec, f); cov != nil {
		info = append(info, cpKey("Checklist coverage"), cov)
	}
	details := container.New(layout.NewFormLayout(), info...)

	sec.past, sec.next, sec.cutoff = clientTimeline(f, obs, people, p.asOf)
	timeline := p.timeline(sec, id)
	card := container.NewVBox(top, details, timeline)
	return container.NewPadded(card)
}

// cpCertificationStatus is a certification's status for its badge.
func cpCertificationStatus(f *certification.File, asOf certification.Date) (string, widget.Importance) {
	c := &f.Certification
	if cert, ok := f.Certificate(); ok {
		st := cert.StatusOn(asOf)
		return st.Label(), certStatusImportance(st)
	}
	if !c.Closed.IsZero() {
		return "Refused", widget.DangerImportance
	}
	return "Application", widget.HighImportance
}

// Widths of the timeline's columns.
var cpTimelineWidths = []float32{100, 100, 0, 130, 90}

// timeline lays out a certification's history (earlier cycles folded
// away) and what comes next.
func (p *clientPage) timeline(sec *clientCertSection, certID certification.ID) fyne.CanvasObject {
	box := container.NewVBox()
	head := cpGrid(cpTimelineWidths, []string{"Date", "", "What", "Status", ""}, nil)
	box.Add(head)
	early := 0
	for _, e := range sec.past {
		if e.date < sec.cutoff {
			early++
		}
	}
	if early > 0 {
		shown := p.history[certID]
		text := fmt.Sprintf("Show %d entries of earlier cycles", early)
		icon := theme.MenuExpandIcon()
		if shown {
			text, icon = "Hide earlier cycles", theme.MenuDropUpIcon()
		}
		sec.showEarly = widget.NewButtonWithIcon(text, icon, func() {
			p.history[certID] = !p.history[certID]
			if p.view != nil {
				p.show(p.view, p.asOf)
			}
		})
		sec.showEarly.Importance = widget.LowImportance
		box.Add(container.NewHBox(sec.showEarly))
	}
	for _, e := range sec.past {
		if e.date < sec.cutoff && !p.history[certID] {
			continue
		}
		box.Add(p.eventRow(sec, e))
	}
	today := header("Today, " + p.asOf.String())
	today.Importance = widget.HighImportance
	box.Add(container.NewBorder(nil, nil, nil, nil, container.NewVBox(widget.NewSeparator(), today)))
	if len(sec.next) == 0 {
		box.Add(cpLow("Nothing planned and nothing falls due."))
	}
	for _, e := range sec.next {
		box.Add(p.eventRow(sec, e))
	}
	return box
}

func (p *clientPage) eventRow(sec *clientCertSection, e clientEvent) fyne.CanvasObject {
	kind := cpCell(e.kind, widget.MediumImportance)
	what := cpCell(e.text, widget.MediumImportance)
	status := cpCell(e.status, e.imp)
	var action fyne.CanvasObject = layout.NewSpacer()
	if e.auditID != 0 {
		id := e.auditID
		b := widget.NewButtonWithIcon("Open", theme.NavigateNextIcon(), func() {
			p.c.u.goTo("Audit workspace", recordRef{certification.KindAudit, id})
		})
		b.Importance = widget.LowImportance
		sec.openAudit[id] = b
		action = b
	} else if d := e.decision; d != nil {
		b := widget.NewButtonWithIcon("Record", theme.DownloadIcon(), func() { p.c.u.exportDecision(d, p.view.Client.DisplayName()) })
		b.Importance = widget.LowImportance
		action = b
	}
	return container.New(&cpColumns{widths: cpTimelineWidths}, cpCell(e.date.String(), widget.MediumImportance), kind, what, status, action)
}

// clientEvent is one line of a certification's timeline.
type clientEvent struct {
	date    certification.Date
	order   int // among events of one day: application, audit, decision, certificate, obligation
	kind    string
	text    string
	status  string
	imp     widget.Importance
	auditID certification.ID
	// decision is the decision of a decision line (its record can be exported).
	decision *certification.Decision
}

// clientTimeline lists what happened in a certification (past) and what
// is planned or falls due (next), each in date order. cutoff is the
// first date of the current cycle's story: earlier entries belong to
// earlier cycles.
func clientTimeline(f *certification.File, obs []certification.Obligation, people map[certification.ID]certification.Person, asOf certification.Date) (past, next []clientEvent, cutoff certification.Date) {
	c := &f.Certification
	past = append(past, clientEvent{date: c.Applied, order: 0, kind: "Application", text: "Application for " + string(c.Standard), status: "received"})

	findings := map[certification.ID][]*certification.Finding{}
	for i := range f.Findings {
		x := &f.Findings[i]
		findings[x.AuditID] = append(findings[x.AuditID], x)
	}
	for i := range f.Audits {
		a := &f.Audits[i]
		e := clientEvent{date: a.Start(), order: 1, kind: "Audit", text: cpAuditText(a, findings[a.ID], people),
			status: a.Status.Label(), auditID: a.ID}
		switch a.Status {
		case certification.AuditClosed, certification.AuditReportDrafted:
			e.imp = widget.SuccessImportance
			past = append(past, e)
		case certification.AuditCancelled:
			e.imp = widget.LowImportance
			past = append(past, e)
		default:
			e.imp = widget.HighImportance
			if a.Status == certification.AuditPlanned && a.Start() < asOf {
				e.imp = widget.DangerImportance
			}
			next = append(next, e)
		}
	}
	opened := map[certification.ID]certification.Cycle{}
	for _, cy := range c.Cycles {
		opened[cy.DecisionID] = cy
	}
	certs := map[certification.ID]*certification.Certificate{}
	for i := range f.Certificates {
		certs[f.Certificates[i].ID] = &f.Certificates[i]
	}
	for i := range f.Decisions {
		d := &f.Decisions[i]
		text := cpDecisionText(d, opened, certs)
		past = append(past, clientEvent{date: d.Date, order: 2, kind: "Decision", text: text, status: cpDecisionDone(d.Kind), imp: cpDecisionImportance(d.Kind), decision: d})
	}
	for i := range f.Certificates {
		ct := &f.Certificates[i]
		st := ct.StatusOn(asOf)
		text := fmt.Sprintf("Certificate %s revision %d issued, expires %s", ct.Number, ct.Revision, ct.Expiry)
		if ct.Revision == 1 {
			text = fmt.Sprintf("Certificate %s issued, expires %s", ct.Number, ct.Expiry)
		}
		past = append(past, clientEvent{date: ct.IssueDate, order: 3, kind: "Certificate", text: text, status: st.Label(), imp: certStatusImportance(st)})
	}
	for _, o := range obs {
		if o.Done || o.State == certification.StateLapsed || o.State == certification.StateNotOpen {
			continue
		}
		text := o.Label
		if o.WindowStart != 0 && o.WindowStart > asOf {
			text += " · from " + o.WindowStart.String()
		}
		next = append(next, clientEvent{date: o.Due, order: 4, kind: "Due", text: text, status: o.State.Label(), imp: stateImportance(o.State)})
	}
	byDate := func(a, b clientEvent) int {
		if a.date != b.date {
			return int(a.date) - int(b.date)
		}
		return a.order - b.order
	}
	slices.SortStableFunc(past, byDate)
	slices.SortStableFunc(next, byDate)

	// The current cycle's story starts with the audit that led to the
	// decision opening it: the recertification audit of the cycle
	// before, or the stage 1 and 2 of a certification after a lapse.
	if cur, ok := c.Current(); ok && cur.Number > 1 {
		cutoff = cur.Decided
		for i := range f.Audits {
			a := &f.Audits[i]
			if a.Status == certification.AuditCancelled || a.Start() > cur.Decided {
				continue
			}
			renewal := a.Cycle == cur.Number-1 && a.Kind == certification.Recertification
			initial := a.Cycle == cur.Number && (a.Kind == certification.Stage1 || a.Kind == certification.Stage2)
			if renewal || initial {
				cutoff = min(cutoff, a.Start())
			}
		}
	}
	return past, next, cutoff
}

func cpAuditText(a *certification.Audit, xs []*certification.Finding, people map[certification.ID]certification.Person) string {
	parts := []string{a.Kind.Label()}
	end := a.PlannedEnd
	if a.ActualEnd != 0 {
		end = a.ActualEnd
	}
	if end != a.Start() {
		parts = append(parts, a.Start().String()+" to "+end.String())
	}
	switch a.Stage1Outcome {
	case certification.Stage1Ready:
		parts = append(parts, "ready for stage 2")
	case certification.Stage1NotReady:
		parts = append(parts, "not ready for stage 2")
	}
	if a.Recommendation != "" {
		parts = append(parts, "recommends "+strings.ReplaceAll(string(a.Recommendation), "-", " "))
	}
	if s := cpFindingSummary(xs); s != "" {
		parts = append(parts, s)
	}
	if lead := a.Lead(); lead != 0 {
		if pr, ok := people[lead]; ok {
			parts = append(parts, "lead "+pr.Name)
		}
	}
	days := a.PlannedDays
	if a.ActualDays > 0 {
		days = a.ActualDays
	}
	if days > 0 {
		parts = append(parts, strconv.FormatFloat(days, 'f', -1, 64)+" auditor-days")
	}
	return strings.Join(parts, " · ")
}

// cpFindingSummary counts findings by grade: "1 major (open), 2 minor, 1 OFI".
func cpFindingSummary(xs []*certification.Finding) string {
	if len(xs) == 0 {
		return ""
	}
	var parts []string
	for _, g := range certification.Grades {
		n, open := 0, 0
		for _, x := range xs {
			if x.Grade == g {
				n++
				if x.Open() {
					open++
				}
			}
		}
		if n == 0 {
			continue
		}
		name := map[certification.Grade]string{certification.Major: "major", certification.Minor: "minor", certification.OFI: "OFI",
			certification.Observation: "observation", certification.Positive: "positive"}[g]
		if n > 1 && g == certification.Observation {
			name += "s"
		}
		s := fmt.Sprintf("%d %s", n, name)
		if open > 0 {
			s += fmt.Sprintf(" (%d open)", open)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

func cpDecisionText(d *certification.Decision, opened map[certification.ID]certification.Cycle, certs map[certification.ID]*certification.Certificate) string {
	text := d.Kind.Label()
	if cy, ok := opened[d.ID]; ok {
		text += fmt.Sprintf(": opens cycle %d, valid to %s", cy.Number, cy.Expiry)
	}
	switch d.Kind {
	case certification.Suspend:
		text += ": certificate suspended"
	case certification.Withdraw:
		text += ": certificate withdrawn"
	case certification.ExtendScope, certification.ReduceScope:
		text += ": new scope " + d.NewScope
	}
	if r := strings.TrimSpace(d.Reasons); r != "" {
		if i := strings.IndexByte(r, '\n'); i >= 0 {
			r = r[:i]
		}
		text += " — " + r
	}
	return text
}

// cpDecisionDone is what a decision did: "Granted".
func cpDecisionDone(k certification.DecisionKind) string {
	switch k {
	case certification.Grant:
		return "Granted"
	case certification.Refuse:
		return "Refused"
	case certification.Renew:
		return "Renewed"
	case certification.Maintain:
		return "Maintained"
	case certification.ExtendScope:
		return "Scope extended"
	case certification.ReduceScope:
		return "Scope reduced"
	case certification.Suspend:
		return "Suspended"
	case certification.Restore:
		return "Restored"
	case certification.Withdraw:
		return "Withdrawn"
	}
	return string(k)
}

func cpDecisionImportance(k certification.DecisionKind) widget.Importance {
	switch k {
	case certification.Grant, certification.Renew, certification.Restore, certification.Maintain:
		return widget.SuccessImportance
	case certification.Suspend:
		return widget.WarningImportance
	case certification.Refuse, certification.Withdraw:
		return widget.DangerImportance
	}
	return widget.MediumImportance
}

// Labels of the client's AI fields.

func cpAIRole(r certification.AIRole) string {
	switch r {
	case certification.AIProducer:
		return "AI producer"
	case certification.AIProvider:
		return "AI provider"
	case certification.AIDeveloper:
		return "AI developer"
	case certification.AIUser:
		return "AI user"
	case certification.AIPartner:
		return "AI partner"
	}
	return string(r)
}

func cpRisk(r certification.RiskClass) string {
	switch r {
	case certification.RiskProhibited:
		return "Prohibited"
	case certification.RiskHigh:
		return "High"
	case certification.RiskLimited:
		return "Limited"
	case certification.RiskMinimal:
		return "Minimal"
	}
	return string(r)
}

func cpAutonomy(a certification.Autonomy) string {
	switch a {
	case certification.AutonomyAssistive:
		return "Assistive"
	case certification.AutonomyHumanInLoop:
		return "Human in the loop"
	case certification.AutonomyHumanOnLoop:
		return "Human on the loop"
	case certification.AutonomyFullyAutonomy:
		return "Autonomous"
	}
	return string(a)
}

// cpSector is an IAF sector code with its title.
type cpSector struct {
	code  int
	title string
}

// cpSectors reads the embedded list of IAF sectors once.
var cpSectors = sync.OnceValue(func() []cpSector {
	var out []cpSector
	for i, line := range strings.Split(assets.IAFSectors, "\n") {
		code, title, ok := strings.Cut(strings.TrimRight(line, "\r"), "\t")
		if i == 0 || !ok {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSpace(code))
		if err != nil {
			continue
		}
		out = append(out, cpSector{n, strings.TrimSpace(title)})
	}
	return out
})

// cpSectorTitle is an IAF code's title.
func cpSectorTitle(code int) string {
	for _, s := range cpSectors() {
		if s.code == code {
			return s.title
		}
	}
	return "unknown sector"
}

// cpColumns places objects side by side in fixed widths; columns of
// width 0 share what is left.
type cpColumns struct {
	widths []float32
}

func (l *cpColumns) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	var w, h float32
	for i, o := range objs {
		if i < len(l.widths) && l.widths[i] > 0 {
			w += l.widths[i]
		} else {
			w += max(o.MinSize().Width, 80)
		}
		h = max(h, o.MinSize().Height)
	}
	if len(objs) > 1 {
		w += pad * float32(len(objs)-1)
	}
	return fyne.NewSize(w, h)
}

func (l *cpColumns) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	fixed, flex := float32(0), 0
	for i := range objs {
		if i < len(l.widths) && l.widths[i] > 0 {
			fixed += l.widths[i]
		} else {
			flex++
		}
	}
	rest := size.Width - fixed - pad*float32(max(len(objs)-1, 0))
	each := float32(0)
	if flex > 0 {
		each = max(rest/float32(flex), 0)
	}
	x := float32(0)
	for i, o := range objs {
		w := each
		if i < len(l.widths) && l.widths[i] > 0 {
			w = l.widths[i]
		}
		h := o.MinSize().Height
		o.Resize(fyne.NewSize(w, h))
		o.Move(fyne.NewPos(x, (size.Height-h)/2))
		x += w + pad
	}
}
