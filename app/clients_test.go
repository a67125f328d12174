package app

import (
	"certdesk/certification/view"
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
)

// cdWorld sets up data through the domain service for the dashboard and
// clients tests: staff, clients, and certifications walked through
// their audits and decisions.
type cdWorld struct {
	t                  *testing.T
	ctx                context.Context
	svc                *certification.Service
	lead, aud, decider certification.ID
}

func newCDWorld(h *harness) *cdWorld {
	w := &cdWorld{t: h.t, ctx: context.Background(), svc: h.svc()}
	w.lead = w.id(w.svc.AddPerson(w.ctx, certification.Person{Name: "Ingrid Solberg", Roles: []certification.Role{certification.RoleLeadAuditor, certification.RoleAuditor}, Competence: fixtureCompetence(certification.RoleAuditor)}))
	w.aud = w.id(w.svc.AddPerson(w.ctx, certification.Person{Name: "Samuel Osei", Roles: []certification.Role{certification.RoleAuditor, certification.RoleTechnicalExpert}, Competence: fixtureCompetence(certification.RoleAuditor)}))
	w.decider = w.id(w.svc.AddPerson(w.ctx, certification.Person{Name: "Margaret O'Neill", Roles: []certification.Role{certification.RoleDecisionMaker}}))
	return w
}

func cdDay(s string) certification.Date {
	d, err := certification.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func cdPtr[T any](v T) *T { return &v }

func (w *cdWorld) must(err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
}

func (w *cdWorld) id(id certification.ID, err error) certification.ID {
	w.t.Helper()
	w.must(err)
	return id
}

func (w *cdWorld) client(legal, trading string, personnel float64, sectors ...int) certification.ID {
	w.t.Helper()
	return w.id(w.svc.AddClient(w.ctx, certification.Client{LegalName: legal, TradingName: trading,
		RegisteredAddress: "Industriestrasse 12, 8005 Zürich", EffectivePersonnel: personnel, Sectors: sectors,
		AIRoles: []certification.AIRole{certification.AIProvider},
		Sites: []certification.Site{
			{Code: "HQ", Name: "Head office", Address: "Industriestrasse 12, 8005 Zürich", Central: true, Personnel: int(personnel * 0.7)},
			{Code: "S2", Name: "Development centre", Address: "Rue du Rhône 4, 1204 Genève", Personnel: int(personnel * 0.3)},
		},
		Contacts:  []certification.Contact{{Name: "Anna Meier", Role: "Quality manager", Email: "anna.meier@example.com", Phone: "+41 44 123 45 67"}},
		AISystems: []certification.AISystem{{Name: "Claims triage", Purpose: "ranks incoming claims", RiskClass: certification.RiskHigh, PersonalData: true, Autonomy: certification.AutonomyHumanInLoop}},
	}))
}

func (w *cdWorld) cert(client certification.ID, std certification.Standard, scope, applied string) certification.ID {
	w.t.Helper()
	return w.id(w.svc.AddCertification(w.ctx, certification.Certification{ClientID: client, Standard: std, Scope: scope, Applied: cdDay(applied)}))
}

// audit plans an audit and walks it to closed, recording findings while
// it is in progress.
func (w *cdWorld) audit(cert certification.ID, kind certification.AuditKind, start, end string, findings ...certification.Finding) certification.ID {
	w.t.Helper()
	a := w.svc.AtRequiredTime(w.ctx, certification.Audit{CertificationID: cert, Kind: kind, PlannedStart: cdDay(start), PlannedEnd: cdDay(end), PlannedDays: 2,
		Team: []certification.TeamMember{{PersonID: w.lead, Role: certification.TeamLead}, {PersonID: w.aud, Role: certification.TeamAuditor}}})
	id := w.id(w.svc.PlanAudit(w.ctx, a))
	w.must(w.svc.ChangeAudit(w.ctx, id, certification.AuditChange{Status: cdPtr(certification.AuditConfirmed)}))
	w.must(w.svc.ChangeAudit(w.ctx, id, certification.AuditChange{ActualStart: cdPtr(cdDay(start)), Status: cdPtr(certification.AuditInProgress)}))
	for _, f := range findings {
		f.AuditID, f.RaisedBy, f.Raised = id, w.lead, cdDay(end)
		w.id(w.svc.RecordFinding(w.ctx, f))
	}
	w.must(w.svc.FillChecklist(w.ctx, id, certification.ChecklistEntry{Result: certification.ResultConform}))
	ch := certification.AuditChange{ActualEnd: cdPtr(cdDay(end)), ActualDays: cdPtr(a.PlannedDays), Status: cdPtr(certification.AuditReportDrafted)}
	switch kind {
	case certification.Stage1:
		ch.Stage1Outcome = cdPtr(certification.Stage1Ready)
	case certification.Stage2:
		ch.Recommendation = cdPtr(certification.RecommendGrant)
		if len(findings) > 0 {
			ch.Recommendation = cdPtr(certification.RecommendNotYet)
		}
	case certification.Recertification:
		ch.Recommendation = cdPtr(certification.RecommendRenew)
	default:
		ch.Recommendation = cdPtr(certification.RecommendMaintain)
	}
	w.must(w.svc.ChangeAudit(w.ctx, id, ch))
	w.must(w.svc.ChangeAudit(w.ctx, id, certification.AuditChange{ReportDate: cdPtr(cdDay(end).AddDays(3)), Status: cdPtr(certification.AuditClosed)}))
	return id
}

func (w *cdWorld) decide(cert certification.ID, kind certification.DecisionKind, on string) certification.ID {
	w.t.Helper()
	return w.id(w.svc.Decide(w.ctx, certification.Decision{CertificationID: cert, Kind: kind, Date: cdDay(on),
		Makers: []certification.ID{w.decider}, Reasons: "The committee reviewed the audit file and the team's recommendation."}))
}

// cdMinor is a minor nonconformity.
func cdMinor(ref string) certification.Finding {
	return certification.Finding{Grade: certification.Minor, Reference: ref,
		Requirement: "The organization shall retain documented information on the results of internal audits.",
		Evidence:    "No internal audit report for the second half of the year could be shown."}
}

// cdIDs of the clients set up by cdSetUp.
type cdIDs struct {
	northwind, bluefin, corvid, delta                 certification.ID
	northwindCert, bluefinCert, corvidCert, deltaCert certification.ID
	corvidFinding                                     certification.ID
}

// cdSetUp makes four clients as of 2026-11-24: Northwind's first
// surveillance is overdue, Bluefin's certificate expires in 56 days,
// Corvid has not answered a minor NC of its stage 2, and Delta's
// suspension reaches its 6-month limit in 16 days.
// cdBody is a harness on 2026-11-24 with cdSetUp's clients in its store.
func cdBody(t *testing.T) (*harness, *cdWorld, cdIDs) {
	t.Helper()
	h := newHarness(t, "2026-11-24")
	w := newCDWorld(h)
	return h, w, cdSetUp(w)
}

func cdSetUp(w *cdWorld) cdIDs {
	var ids cdIDs
	ids.northwind = w.client("Northwind Analytics GmbH", "Northwind", 42, 33, 35)
	ids.northwindCert = w.cert(ids.northwind, certification.ISO42001, "Development and operation of AI-based demand forecasting services", "2025-01-10")
	w.audit(ids.northwindCert, certification.Stage1, "2025-02-03", "2025-02-04")
	w.audit(ids.northwindCert, certification.Stage2, "2025-03-10", "2025-03-12")
	w.decide(ids.northwindCert, certification.Grant, "2025-04-01")

	ids.bluefin = w.client("Bluefin Logistics Ltd", "", 180, 31)
	ids.bluefinCert = w.cert(ids.bluefin, certification.ISO9001, "Warehousing and road freight forwarding", "2023-09-01")
	w.audit(ids.bluefinCert, certification.Stage1, "2023-10-09", "2023-10-10")
	w.audit(ids.bluefinCert, certification.Stage2, "2023-11-13", "2023-11-15")
	w.decide(ids.bluefinCert, certification.Grant, "2024-01-20")
	w.audit(ids.bluefinCert, certification.Surveillance, "2024-11-04", "2024-11-05")
	w.decide(ids.bluefinCert, certification.Maintain, "2024-12-02")
	w.audit(ids.bluefinCert, certification.Surveillance, "2025-12-01", "2025-12-02")
	w.decide(ids.bluefinCert, certification.Maintain, "2026-01-05")

	ids.corvid = w.client("Corvid Health Services SA", "Corvid Health", 260, 38)
	ids.corvidCert = w.cert(ids.corvid, certification.ISO27001, "Information security of telemedicine services", "2026-06-15")
	w.audit(ids.corvidCert, certification.Stage1, "2026-08-03", "2026-08-04")
	st2 := w.audit(ids.corvidCert, certification.Stage2, "2026-09-14", "2026-09-16", cdMinor("9.2"))
	rows, err := view.FindingRows(w.ctx, w.svc, cdDay("2026-11-24"), true)
	w.must(err)
	for _, r := range rows {
		if r.AuditID == st2 {
			ids.corvidFinding = r.ID
		}
	}

	ids.delta = w.client("Delta Fintech BV", "", 75, 32, 33)
	ids.deltaCert = w.cert(ids.delta, certification.ISO42001, "AI-based credit scoring and fraud detection", "2024-01-15")
	w.audit(ids.deltaCert, certification.Stage1, "2024-03-04", "2024-03-05")
	w.audit(ids.deltaCert, certification.Stage2, "2024-04-08", "2024-04-10")
	w.decide(ids.deltaCert, certification.Grant, "2024-05-06")
	w.audit(ids.deltaCert, certification.Surveillance, "2025-04-07", "2025-04-08")
	w.decide(ids.deltaCert, certification.Maintain, "2025-05-05")
	w.decide(ids.deltaCert, certification.Suspend, "2026-06-10")
	return ids
}

// cdTexts collects the text of the labels, buttons and checks under o
// (hidden objects left out).
func cdTexts(o fyne.CanvasObject) []string {
	if o == nil || !o.Visible() {
		return nil
	}
	switch x := o.(type) {
	case *widget.Label:
		return []string{x.Text}
	case *widget.Button:
		return []string{x.Text}
	case *widget.Check:
		return []string{x.Text}
	case *canvas.Text:
		return []string{x.Text}
	case *fyne.Container:
		var out []string
		for _, c := range x.Objects {
			out = append(out, cdTexts(c)...)
		}
		return out
	case *container.Scroll:
		return cdTexts(x.Content)
	case *clientCertSection:
		return cdTexts(x.body)
	}
	return nil
}

func cdHas(t *testing.T, texts []string, want ...string) {
	t.Helper()
	all := strings.Join(texts, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("screen does not show %q", w)
		}
	}
}

// cdButton finds the button with the given text among the objects a
// widget renders (a table's header, say).
func cdButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	b := findButton(o, text)
	if b == nil {
		t.Fatalf("no button %q", text)
	}
	return b
}

// cdMenu runs the main menu item with the given label (as its shortcut would).
func cdMenu(t *testing.T, h *harness, label string) {
	t.Helper()
	for _, m := range h.w.MainMenu().Items {
		for _, it := range m.Items {
			if it.Label == label {
				it.Action()
				h.settle()
				return
			}
		}
	}
	t.Fatalf("no menu item %q", label)
}

func TestClientCreatedThroughTheForm(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newCDWorld(h)
	w.client("Alpine Data AG", "", 12, 33)
	w.client("Zephyr Insurance plc", "Zephyr", 900, 32)
	c := h.showSpace("Clients").(*clients)
	if len(c.shown) != 2 {
		t.Fatalf("list shows %d clients, want 2", len(c.shown))
	}

	// Ctrl+N opens the form; Save stays disabled until the client is valid.
	cdMenu(t, h, "New")
	f := clientFormShown(t, h)
	if f == nil {
		t.Fatal("Ctrl+N did not open the client form")
	}
	if !f.save.Disabled() {
		t.Error("Save is enabled on an empty form")
	}
	test.Type(f.legal, "Helios Robotics AG")
	test.Type(f.trading, "Helios")
	test.Type(f.address, "Bahnhofstrasse 1, 6300 Zug")
	test.Type(f.personnel, "0")
	if !f.save.Disabled() || !strings.Contains(f.problem.Text, "above 0") {
		t.Errorf("personnel 0: save disabled %v, problem %q", f.save.Disabled(), f.problem.Text)
	}
	f.personnel.SetText("")
	test.Type(f.personnel, "85")
	if f.save.Disabled() {
		t.Fatalf("Save disabled on a valid client: %q", f.problem.Text)
	}

	// Sectors: filter by typing, then tick.
	test.Type(f.sectors.filter, "machinery")
	if !f.sectors.checks[18].Visible() || f.sectors.checks[33].Visible() {
		t.Error("the sector filter does not narrow the list to machinery")
	}
	test.Tap(f.sectors.checks[18])
	f.sectors.filter.SetText("")
	test.Tap(f.sectors.checks[33])
	if !strings.Contains(f.sectors.summary.Text, "18 Machinery and equipment") {
		t.Errorf("sector summary = %q", f.sectors.summary.Text)
	}
	test.Tap(f.roleChecks[certification.AIProducer])
	test.Tap(f.roleChecks[certification.AIUser])

	// Two sites: the first is the central function; marking the second
	// central unmarks the first.
	test.Tap(f.addSite)
	test.Tap(f.addSite)
	if len(f.sites) != 2 || !f.sites[0].central.Checked {
		t.Fatalf("sites: %d, first central %v", len(f.sites), f.sites[0].central.Checked)
	}
	test.Type(f.sites[0].code, "HQ")
	test.Type(f.sites[0].name, "Head office")
	test.Type(f.sites[0].address, "Bahnhofstrasse 1, 6300 Zug")
	test.Type(f.sites[0].personnel, "60")
	test.Type(f.sites[1].code, "HQ")
	test.Type(f.sites[1].address, "Via Cantonale 3, 6900 Lugano")
	if !f.save.Disabled() || !strings.Contains(f.problem.Text, "used twice") {
		t.Errorf("duplicate site code: save disabled %v, problem %q", f.save.Disabled(), f.problem.Text)
	}
	f.sites[1].code.SetText("")
	test.Type(f.sites[1].code, "TI")
	test.Type(f.sites[1].personnel, "25")
	test.Tap(f.sites[1].central)
	if f.sites[0].central.Checked || !f.sites[1].central.Checked {
		t.Error("central function is not exclusive")
	}
	test.Tap(f.sites[0].central)

	test.Tap(f.addContact)
	test.Type(f.contacts[0].name, "Marco Bernasconi")
	test.Type(f.contacts[0].role, "Head of compliance")
	test.Type(f.contacts[0].email, "m.bernasconi@helios.example")

	test.Tap(f.addSystem)
	test.Type(f.systems[0].name, "Pick-and-place vision")
	test.Type(f.systems[0].purpose, "guides robot arms from camera images")
	f.systems[0].risk.SetSelected("High")
	f.systems[0].autonomy.SetSelected("Human on the loop")
	if f.save.Disabled() {
		t.Fatalf("Save disabled on a valid client: %q", f.problem.Text)
	}
	h.capture("client-form")

	test.Tap(f.save)
	h.settle()

	// In the store.
	rows, err := view.ClientRows(h.ctx, h.svc(), h.u.today())
	if err != nil {
		t.Fatal(err)
	}
	var id certification.ID
	for _, r := range rows {
		if r.LegalName == "Helios Robotics AG" {
			id = r.ID
		}
	}
	if id == 0 {
		t.Fatal("the new client is not in the store")
	}
	v, err := view.Client(h.ctx, h.svc(), id, h.u.today())
	if err != nil {
		t.Fatal(err)
	}
	got := v.Client
	if got.TradingName != "Helios" || got.EffectivePersonnel != 85 || !slices.Equal(got.Sectors, []int{18, 33}) ||
		!slices.Equal(got.AIRoles, []certification.AIRole{certification.AIProducer, certification.AIUser}) ||
		len(got.Sites) != 2 || !got.Sites[0].Central || got.Sites[1].Code != "TI" || got.Sites[1].Personnel != 25 ||
		len(got.Contacts) != 1 || got.Contacts[0].Email != "m.bernasconi@helios.example" ||
		len(got.AISystems) != 1 || got.AISystems[0].RiskClass != certification.RiskHigh || got.AISystems[0].Autonomy != certification.AutonomyHumanOnLoop {
		t.Errorf("stored client = %+v", got)
	}

	// The new client's page opened; back on the list it is there.
	if c.page == nil || c.page.id != id || c.page.title.Text != "Helios Robotics AG" {
		t.Fatalf("the new client's page is not shown")
	}
	test.Tap(c.page.back)
	if len(c.shown) != 3 {
		t.Errorf("list shows %d clients, want 3", len(c.shown))
	}

	// Ctrl+F focuses the search; typing part of the name finds it.
	cdMenu(t, h, "Find")
	if h.w.Canvas().Focused() != c.search {
		t.Error("Ctrl+F does not focus the search")
	}
	test.Type(c.search, "heli")
	if len(c.shown) != 1 || c.shown[0].ID != id {
		t.Fatalf("search 'heli' shows %d rows", len(c.shown))
	}
	if !strings.Contains(c.count.Text, "1 of 3") {
		t.Errorf("count = %q", c.count.Text)
	}
	c.search.SetText("")
	test.Type(c.search, "zephyr")
	if len(c.shown) != 1 || c.shown[0].LegalName != "Zephyr Insurance plc" {
		t.Errorf("search by trading name: %d rows", len(c.shown))
	}
	c.search.SetText("")

	// Sort by personnel by tapping its header, twice for descending.
	test.Tap(cdButton(t, c.table, "Personnel"))
	test.Tap(cdButton(t, c.table, "Personnel"))
	var names []string
	for _, r := range c.shown {
		names = append(names, r.LegalName)
	}
	if want := []string{"Zephyr Insurance plc", "Helios Robotics AG", "Alpine Data AG"}; !slices.Equal(names, want) {
		t.Errorf("by personnel, descending: %v, want %v", names, want)
	}
	h.capture("clients-list")

	// Search again and open the page from the list; Enter in the search
	// opens the first client found.
	test.Type(c.search, "Helios Rob")
	c.table.Select(widget.TableCellID{Row: 0, Col: 0})
	h.settle()
	if c.page == nil || c.page.id != id {
		t.Fatal("selecting the row does not open the client")
	}
	test.Tap(c.page.back)
	c.search.SetText("")
	test.Type(c.search, "zeph")
	c.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if c.page == nil || c.page.title.Text != "Zephyr Insurance plc" {
		t.Fatal("Enter in the search does not open the client found")
	}
	test.Tap(c.page.back)
	c.search.SetText("")
	test.Type(c.search, "Helios Rob")
	c.table.Select(widget.TableCellID{Row: 0, Col: 0})
	h.settle()
	texts := cdTexts(c.page.root)
	cdHas(t, texts, "Helios Robotics AG", "Bahnhofstrasse 1, 6300 Zug", "85 full-time equivalents",
		"18  Machinery and equipment", "33  Information technology", "AI producer, AI user",
		"★ Central function", "Via Cantonale 3, 6900 Lugano", "Marco Bernasconi", "Head of compliance",
		"Pick-and-place vision", "High", "Human on the loop", "No certification yet")

	// Add a certification.
	test.Tap(c.page.addCert)
	cf := certFormShown(t, h)
	if cf == nil {
		t.Fatal("Add certification did not open its form")
	}
	if cf.standard.Selected != string(certification.ISO42001) {
		t.Errorf("default standard %q", cf.standard.Selected)
	}
	if !cf.save.Disabled() {
		t.Error("Add certification is enabled without a scope")
	}
	test.Type(cf.scope, "Design and manufacture of vision-guided industrial robots")
	if cf.save.Disabled() {
		t.Fatalf("Add certification disabled: %q", cf.problem.Text)
	}
	test.Tap(cf.save)
	h.settle()
	v, err = view.Client(h.ctx, h.svc(), id, h.u.today())
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Files) != 1 || v.Files[0].Certification.Standard != certification.ISO42001 ||
		!strings.HasPrefix(v.Files[0].Certification.Scope, "Design and manufacture") || v.Files[0].Certification.Applied != h.u.today() {
		t.Fatalf("certification not stored: %+v", v.Files)
	}
	cdHas(t, cdTexts(c.page.root), "Certifications (1)", "ISO/IEC 42001:2023", "Application", "Design and manufacture of vision-guided",
		"initial certification in progress", "Plan audit")

	// A second application for the same standard is not offered.
	test.Tap(c.page.addCert)
	cf = certFormShown(t, h)
	if slices.Contains(cf.standard.Options, string(certification.ISO42001)) {
		t.Error("the form offers a standard the client already holds")
	}
	cf.dlg.Hide()

	// Edit: change the personnel; the page shows it.
	test.Tap(c.page.edit)
	ef := clientFormShown(t, h)
	if ef.legal.Text != "Helios Robotics AG" || len(ef.sites) != 2 || !ef.sectors.checks[18].Checked {
		t.Fatal("the edit form is not filled in")
	}
	ef.personnel.SetText("")
	test.Type(ef.personnel, "90.5")
	test.Tap(ef.save)
	h.settle()
	v, _ = view.Client(h.ctx, h.svc(), id, h.u.today())
	if v.Client.EffectivePersonnel != 90.5 || len(v.Client.Sites) != 2 {
		t.Errorf("after edit: personnel %v, sites %d", v.Client.EffectivePersonnel, len(v.Client.Sites))
	}
	cdHas(t, cdTexts(c.page.root), "90.5 full-time equivalents")
}
