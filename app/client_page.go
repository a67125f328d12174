package app

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/view"
)

// clientPage shows one client: details, sites, contacts, AI, and each
// certification with the timeline of its cycle. All fields belong to
// the UI goroutine.
type clientPage struct {
	c    *clients
	id   certification.ID
	gen  int
	view *view.ClientDetail
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

	// auditTime opens the audit-time calculator.
	auditTime *widget.Button
	// responses exports the response form or imports a filled one (xlsx_responses.go).
	responses *widget.Button
}

// clientCertSection is one certification on the page, a part of it.
type clientCertSection struct {
	part
	id        certification.ID
	planAudit *widget.Button
	showEarly *widget.Button
	tl        view.Timeline // the certification's story as of the page's date

	// soa opens the Statement of Applicability (a standard with Annex A
	// controls: 42001, 27001).
	soa *widget.Button
	// transfer opens the pre-transfer review (client_transfer.go).
	transfer *widget.Button
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
			showCertificationForm(c.u, p.view)
		}
	})
	p.auditTime = widget.NewButtonWithIcon("Audit time…", theme.HistoryIcon(), func() {
		if p.view != nil {
			showAudittimeCalc(c.u, p.view)
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
func (p *clientPage) show(v *view.ClientDetail, asOf certification.Date) {
	first := p.view == nil
	p.view, p.asOf = v, asOf
	cl := &v.Client
	p.title.SetText(cl.LegalName)
	p.edit.Enable()
	p.addCert.Enable()
	p.auditTime.Enable()
	if len(openStandards(v)) == len(certification.AllStandards()) {
		p.addCert.Disable()
	}
	objs := []fyne.CanvasObject{p.detailsSection(cl), p.certificationsSection(v), p.sitesSection(cl), p.contactsSection(cl), p.aiSection(cl)}
	p.body.Objects = objs
	p.body.Refresh()
	if first {
		p.scroll.ScrollToTop()
	}
}

// openStandards are the standards the client holds an open certification for.
func openStandards(v *view.ClientDetail) []certification.Standard {
	var out []certification.Standard
	for _, f := range v.Files {
		if f.Certification.Closed.IsZero() {
			out = append(out, f.Certification.Standard)
		}
	}
	return out
}

func (p *clientPage) detailsSection(cl *certification.Client) fyne.CanvasObject {
	trading := cl.TradingName
	if trading == "" {
		trading = "—"
	}
	var sectors []string
	for _, s := range cl.Sectors {
		sectors = append(sectors, fmt.Sprintf("%d  %s", s, sectorTitle(s)))
	}
	if len(sectors) == 0 {
		sectors = []string{"—"}
	}
	var roles []string
	for _, r := range cl.AIRoles {
		roles = append(roles, r.Label())
	}
	if len(roles) == 0 {
		roles = []string{"—"}
	}
	left := container.New(layout.NewFormLayout(),
		pageKey("Legal name"), pageValue(cl.LegalName),
		pageKey("Trading name"), pageValue(trading),
		pageKey("Registered address"), pageValue(cl.RegisteredAddress),
		pageKey("Client since"), pageValue(cl.Created.String()+"  (client #"+cl.ID.String()+")"),
	)
	right := container.New(layout.NewFormLayout(),
		pageKey("Effective personnel"), pageValue(numberText(cl.EffectivePersonnel)+" full-time equivalents"),
		pageKey("IAF sectors"), pageValue(strings.Join(sectors, "\n")),
		pageKey("AI roles"), pageValue(strings.Join(roles, ", ")),
	)
	return pageSection("Details", container.NewGridWithColumns(2, left, right))
}

func (p *clientPage) sitesSection(cl *certification.Client) fyne.CanvasObject {
	if len(cl.Sites) == 0 {
		return pageSection("Sites", lowLabel("No sites recorded: the registered address is the client's only site."))
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
			gridCell(s.Code, widget.MediumImportance), gridCell(s.Name, widget.MediumImportance), gridCell(s.Address, widget.MediumImportance),
			gridCell(pers, widget.MediumImportance), gridCell(central, widget.HighImportance),
		})
	}
	return pageSection(fmt.Sprintf("Sites (%d)", len(cl.Sites)),
		valueGrid([]float32{80, 200, 0, 100, 170}, []string{"Code", "Name", "Address", "Personnel", ""}, rows))
}

func (p *clientPage) contactsSection(cl *certification.Client) fyne.CanvasObject {
	if len(cl.Contacts) == 0 {
		return pageSection("Contacts", lowLabel("No contacts recorded."))
	}
	var rows [][]fyne.CanvasObject
	for _, ct := range cl.Contacts {
		rows = append(rows, []fyne.CanvasObject{
			gridCell(ct.Name, widget.MediumImportance), gridCell(ct.Role, widget.MediumImportance),
			gridCell(ct.Email, widget.MediumImportance), gridCell(ct.Phone, widget.MediumImportance),
		})
	}
	return pageSection("Contacts", valueGrid([]float32{220, 200, 0, 180}, []string{"Name", "Role", "Email", "Phone"}, rows))
}

func (p *clientPage) aiSection(cl *certification.Client) fyne.CanvasObject {
	if len(cl.AISystems) == 0 {
		return pageSection("AI systems", lowLabel("No AI systems recorded."))
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
			gridCell(s.Name, widget.MediumImportance), gridCell(s.Purpose, widget.MediumImportance),
			gridCell(s.RiskClass.Label(), risk), gridCell(pd, widget.MediumImportance), gridCell(s.Autonomy.Label(), widget.MediumImportance),
		})
	}
	return pageSection(fmt.Sprintf("AI systems (%d)", len(cl.AISystems)),
		valueGrid([]float32{220, 0, 110, 120, 170}, []string{"Name", "Purpose", "Risk class", "Personal data", "Autonomy"}, rows))
}

func (p *clientPage) certificationsSection(v *view.ClientDetail) fyne.CanvasObject {
	if len(v.Files) == 0 {
		return pageSection("Certifications", lowLabel("No certification yet: use Add certification to record the client's application."))
	}
	box := container.NewVBox()
	files := slices.Clone(v.Files)
	// Open certifications first, then by standard.
	slices.SortStableFunc(files, func(a, b *certification.File) int {
		if c := clBool(!a.Certification.Closed.IsZero(), !b.Certification.Closed.IsZero()); c != 0 {
			return c
		}
		all := certification.AllStandards()
		return slices.Index(all, a.Certification.Standard) - slices.Index(all, b.Certification.Standard)
	})
	for _, f := range files {
		box.Add(p.certificationCard(f, v.Obligations[f.Certification.ID], v.People))
	}
	return pageSection(fmt.Sprintf("Certifications (%d)", len(v.Files)), box)
}

// certificationCard is one certification: what it covers, its
// certificate, and the timeline of its cycle.
func (p *clientPage) certificationCard(f *certification.File, obs []certification.Obligation, people map[certification.ID]certification.Person) fyne.CanvasObject {
	c := &f.Certification
	sec := &clientCertSection{id: c.ID}

	title := header(string(c.Standard))
	title.SizeName = theme.SizeNameSubHeadingText
	status, imp := certificationStatus(f, p.asOf)
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
	if len(c.Cycles) == 0 && c.Closed.IsZero() { // a transfer comes before the first decision (client_transfer.go)
		cert := *c
		sec.transfer = widget.NewButtonWithIcon("Transfer…", theme.LoginIcon(), func() { p.showTransfer(cert) })
		actions.Objects = append([]fyne.CanvasObject{sec.transfer}, actions.Objects...)
	}
	controls := len(soaControls(c.Standard))
	if controls > 0 {
		clientName := p.view.Client.LegalName
		sec.soa = widget.NewButtonWithIcon("Statement of Applicability…", theme.ListIcon(), func() {
			showSoA(p.c.u, clientName, *c)
		})
		if !c.Closed.IsZero() {
			sec.soa.Disable()
		}
		actions.Objects = append([]fyne.CanvasObject{sec.soa}, actions.Objects...)
	}
	top := container.NewBorder(nil, nil, container.NewHBox(title, badge), actions)

	info := []fyne.CanvasObject{pageKey("Scope"), pageValue(c.Scope)}
	if len(c.SiteScopes) > 0 {
		var lines []string
		for _, code := range slices.Sorted(maps.Keys(c.SiteScopes)) {
			lines = append(lines, code+": "+c.SiteScopes[code])
		}
		info = append(info, pageKey("Scope per site"), pageValue(strings.Join(lines, "\n")))
	}
	if cert, ok := f.Certificate(); ok {
		st := cert.StatusOn(p.asOf)
		text := fmt.Sprintf("%s  revision %d  ·  %s  ·  issued %s, expires %s  ·  first certified %s",
			cert.Number, cert.Revision, st.Label(), cert.IssueDate, cert.Expiry, cert.OriginalDate)
		if since, ok := cert.SuspendedSince(p.asOf); ok && st == certification.CertSuspended {
			text += "  ·  suspended since " + since.String()
		}
		if cert.TransferredFrom != "" {
			text += "  ·  transferred from " + cert.TransferredFrom
		}
		info = append(info, pageKey("Certificate"), pageValue(text))
	} else {
		info = append(info, pageKey("Certificate"), pageValue("not issued yet"))
	}
	if cur, ok := c.Current(); ok {
		kind := "renewal"
		switch {
		case cur.Initial:
			kind = "initial certification"
		case cur.Number == 1 && c.Transfer != nil:
			kind = "transferred"
		}
		info = append(info, pageKey("Cycle"), pageValue(fmt.Sprintf("%d (%s): %s to %s, decided %s", cur.Number, kind, cur.Start, cur.Expiry, cur.Decided)))
	} else {
		info = append(info, pageKey("Cycle"), pageValue("initial certification in progress (applied "+c.Applied.String()+")"))
	}
	if c.Transfer != nil {
		info = append(info, pageKey("Transfer"), pageValue(transferText(c.Transfer, func(id certification.ID) string { return people[id].Name })))
	}
	if !c.Closed.IsZero() {
		info = append(info, pageKey("Closed"), pageValue(c.Closed.String()+": refused or withdrawn; nothing more falls due"))
	}
	if controls > 0 {
		info = append(info, pageKey("Applicability"), pageValue(soaSummary(c, controls)))
	}
	if cov := p.coverageBlock(f); cov != nil {
		info = append(info, pageKey("Checklist coverage"), cov)
	}
	details := container.New(layout.NewFormLayout(), info...)

	sec.tl = view.CycleTimeline(f, obs, people, p.asOf)
	timeline := p.timeline(sec)
	card := container.NewVBox(top, details, timeline)
	return sec.as(sec, container.NewPadded(card))
}

// certificationStatus is a certification's status for its badge.
func certificationStatus(f *certification.File, asOf certification.Date) (string, widget.Importance) {
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

// Labels of the client's AI fields.
