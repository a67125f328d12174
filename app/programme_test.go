package app

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/certification"
	"certdesk/certification/demo"
	"certdesk/certification/view"
)

// worldFixture is realistic set-up data: a certification body's staff and
// clients at several points of their cycle, with audits around the
// test's today (2026-11-24).
type worldFixture struct {
	t      *testing.T
	h      *harness
	svc    *certification.Service
	ctx    context.Context
	people map[string]certification.ID
	certs  map[string]certification.ID // by client legal name
	audits map[string]certification.ID // by label given in set-up
}

// newWorldFixture is an empty world on h's store.
func newWorldFixture(t *testing.T, h *harness) *worldFixture {
	return &worldFixture{t: t, h: h, svc: h.svc(), ctx: context.Background(),
		people: map[string]certification.ID{}, certs: map[string]certification.ID{}, audits: map[string]certification.ID{}}
}

func dateText(s string) certification.Date {
	d, err := certification.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func (w *worldFixture) person(name string, roles ...certification.Role) {
	comp := fixtureCompetence(roles...)
	id, err := w.svc.AddPerson(w.ctx, certification.Person{Name: name, Roles: roles, Competence: comp})
	if err != nil {
		w.t.Fatal(err)
	}
	w.people[name] = id
}

func (w *worldFixture) client(name, trading string, std certification.Standard, personnel float64, sites ...certification.Site) certification.ID {
	cid, err := w.svc.AddClient(w.ctx, certification.Client{
		LegalName: name, TradingName: trading, RegisteredAddress: "Registered office of " + name,
		EffectivePersonnel: personnel, Sites: sites, Sectors: []int{33}, AIRoles: []certification.AIRole{certification.AIUser}, Created: dateText("2024-01-10"),
	})
	if err != nil {
		w.t.Fatal(err)
	}
	id, err := w.svc.AddCertification(w.ctx, certification.Certification{ClientID: cid, Standard: std,
		Scope: "Development and operation of AI-based services for " + name, Applied: dateText("2024-02-01")})
	if err != nil {
		w.t.Fatal(err)
	}
	w.certs[name] = id
	return id
}

func (w *worldFixture) team(lead string, others ...string) []certification.TeamMember {
	team := []certification.TeamMember{{PersonID: w.people[lead], Role: certification.TeamLead}}
	for _, o := range others {
		role := certification.TeamAuditor
		if strings.HasPrefix(o, "TE:") {
			o, role = strings.TrimPrefix(o, "TE:"), certification.TeamTechnicalExpert
		}
		team = append(team, certification.TeamMember{PersonID: w.people[o], Role: role})
	}
	return team
}

// plan plans an audit and returns its id.
func (w *worldFixture) plan(label, client string, kind certification.AuditKind, start, end string, days float64, team []certification.TeamMember, sites ...string) certification.ID {
	w.t.Helper()
	id, err := w.svc.PlanAtRequiredTime(w.ctx, certification.Audit{CertificationID: w.certs[client], Kind: kind,
		PlannedStart: dateText(start), PlannedEnd: dateText(end), PlannedDays: days, Team: team, Sites: sites})
	if err != nil {
		w.t.Fatalf("plan %s: %v", label, err)
	}
	w.audits[label] = id
	return id
}

func (w *worldFixture) change(id certification.ID, ch certification.AuditChange) {
	w.t.Helper()
	if err := w.svc.ChangeAudit(w.ctx, id, ch); err != nil {
		w.t.Fatalf("change audit %d: %v", id, err)
	}
}

// fill answers every item audit id must cover before its report.
func (w *worldFixture) fill(id certification.ID) {
	w.t.Helper()
	if err := w.svc.FillChecklist(w.ctx, id, certification.ChecklistEntry{Result: certification.ResultConform}); err != nil {
		w.t.Fatalf("fill the checklist of audit %d: %v", id, err)
	}
}

// carryOut runs an audit to the end: confirmed, started and finished
// on its planned dates, the report drafted and (closed) closed.
func (w *worldFixture) carryOut(id certification.ID, outcome certification.Stage1Outcome, rec certification.Recommendation, closed bool) {
	w.t.Helper()
	a, _, err := view.AuditFile(w.ctx, w.svc, id)
	if err != nil {
		w.t.Fatal(err)
	}
	st := func(s certification.AuditStatus) *certification.AuditStatus { return &s }
	w.change(id, certification.AuditChange{Status: st(certification.AuditConfirmed)})
	start, end, days := a.PlannedStart, a.PlannedEnd, a.PlannedDays
	w.change(id, certification.AuditChange{ActualStart: &start, Status: st(certification.AuditInProgress)})
	if outcome == "" && rec == "" {
		return
	}
	w.fill(id)
	ch := certification.AuditChange{ActualEnd: &end, ActualDays: &days, Status: st(certification.AuditReportDrafted)}
	if outcome != "" {
		ch.Stage1Outcome = &outcome
	}
	if rec != "" {
		ch.Recommendation = &rec
	}
	w.change(id, ch)
	if closed {
		rd := end.AddDays(7)
		w.change(id, certification.AuditChange{ReportDate: &rd, Status: st(certification.AuditClosed)})
	}
}

func (w *worldFixture) grant(client, on string) {
	w.t.Helper()
	if _, err := w.svc.Decide(w.ctx, certification.Decision{CertificationID: w.certs[client], Kind: certification.Grant,
		Date: dateText(on), Makers: []certification.ID{w.people["Margaret O'Neill"]}, Reasons: "Stage 2 closed, no open nonconformity"}); err != nil {
		w.t.Fatalf("grant %s: %v", client, err)
	}
}

// newProgrammeWorld sets up the body and its clients.
func newProgrammeWorld(t *testing.T, h *harness) *worldFixture {
	t.Helper()
	w := newWorldFixture(t, h)
	w.person("Hannah Becker", certification.RoleSchemeManager)
	w.person("Ingrid Solberg", certification.RoleLeadAuditor, certification.RoleAuditor)
	w.person("Marcus Webb", certification.RoleLeadAuditor, certification.RoleAuditor)
	w.person("Priya Raman", certification.RoleLeadAuditor, certification.RoleAuditor)
	w.person("Lea Martin", certification.RoleAuditor)
	w.person("Samuel Osei", certification.RoleAuditor)
	w.person("Elena Petrova", certification.RoleTechnicalExpert)
	w.person("Kenji Watanabe", certification.RoleTechnicalExpert)
	w.person("Margaret O'Neill", certification.RoleDecisionMaker)

	hq := func(city string) certification.Site {
		return certification.Site{Code: "HQ", Name: "Head office " + city, Address: "Main street 1, " + city, Central: true, Personnel: 120}
	}
	site := func(code, city string) certification.Site {
		return certification.Site{Code: code, Name: city, Address: "Harbour road 7, " + city, Personnel: 40}
	}
	w.client("Nordlicht Analytics GmbH", "", certification.ISO42001, 160, hq("Berlin"), site("S2", "Leipzig"))
	w.client("Brightwave Health Ltd", "Brightwave", certification.ISO42001, 85, hq("Manchester"))
	w.client("Kestrel Robotics AB", "", certification.ISO42001, 240, hq("Gothenburg"), site("S2", "Malmö"), site("S3", "Uppsala"))
	w.client("Meridian Logistics BV", "", certification.ISO9001, 420, hq("Rotterdam"), site("S2", "Antwerp"))
	w.client("Solace Insurance plc", "", certification.ISO27001, 900, hq("Dublin"))
	w.client("Vireo Retail SA", "", certification.ISO42001, 310, hq("Lyon"))
	w.client("Aurora Fintech Oy", "Aurora", certification.ISO42001, 60, hq("Helsinki"))
	w.client("Caldera Energy SpA", "", certification.ISO9001, 150, hq("Turin"))

	// Certified in 2025: Meridian, Solace, Vireo (stage 1, stage 2, grant).
	for i, c := range []string{"Meridian Logistics BV", "Solace Insurance plc", "Vireo Retail SA"} {
		m := []string{"03", "04", "05"}[i]
		s1 := w.plan(c+" s1", c, certification.Stage1, "2025-"+m+"-03", "2025-"+m+"-04", 1.5, w.team("Marcus Webb"), "HQ")
		w.carryOut(s1, certification.Stage1Ready, "", true)
		s2 := w.plan(c+" s2", c, certification.Stage2, "2025-"+m+"-20", "2025-"+m+"-22", 4, w.team("Marcus Webb", "Samuel Osei"), "HQ")
		w.carryOut(s2, "", certification.RecommendGrant, true)
		w.grant(c, "2025-"+m+"-30")
	}
	// Kestrel: stage 1 done and ready; stage 2 planned for this week.
	k1 := w.plan("Kestrel s1", "Kestrel Robotics AB", certification.Stage1, "2026-10-05", "2026-10-06", 2, w.team("Ingrid Solberg", "TE:Elena Petrova"), "HQ")
	w.carryOut(k1, certification.Stage1Ready, "", true)
	w.plan("Kestrel s2", "Kestrel Robotics AB", certification.Stage2, "2026-11-23", "2026-11-26", 6, w.team("Ingrid Solberg", "Lea Martin", "TE:Elena Petrova"), "HQ", "S2")
	// Brightwave: stage 1 planned in December, not carried out.
	w.plan("Brightwave s1", "Brightwave Health Ltd", certification.Stage1, "2026-12-01", "2026-12-02", 1.5, w.team("Priya Raman"), "HQ")
	// December and around: surveillance of the certified clients.
	w.plan("Meridian surv", "Meridian Logistics BV", certification.Surveillance, "2026-12-08", "2026-12-09", 3, w.team("Marcus Webb", "Samuel Osei"), "HQ", "S2")
	w.plan("Solace surv", "Solace Insurance plc", certification.Surveillance, "2026-12-15", "2026-12-17", 4.5, w.team("Priya Raman", "Samuel Osei"), "HQ")
	sv := w.plan("Vireo surv", "Vireo Retail SA", certification.Surveillance, "2026-11-10", "2026-11-11", 2.5, w.team("Ingrid Solberg", "TE:Kenji Watanabe"), "HQ")
	w.carryOut(sv, "", "", false) // in progress
	w.plan("Aurora s1", "Aurora Fintech Oy", certification.Stage1, "2026-12-10", "2026-12-10", 1, w.team("Ingrid Solberg"), "HQ")
	c1 := w.plan("Caldera s1", "Caldera Energy SpA", certification.Stage1, "2026-12-03", "2026-12-04", 2, w.team("Marcus Webb"), "HQ")
	st := certification.AuditConfirmed
	w.change(c1, certification.AuditChange{Status: &st})
	w.plan("Caldera special", "Caldera Energy SpA", certification.Special, "2027-01-19", "2027-01-20", 2, nil, "HQ")
	return w
}

// fillPlan types the plan form's dates and days and picks its lead.
func fillPlan(t *testing.T, h *harness, f *planForm, start, end, days, lead string) {
	t.Helper()
	test.Type(f.start, start)
	test.Type(f.end, end)
	test.Type(f.days, days)
	pickMember(t, h, f.picker, lead, "Lead")
}

// saveMeetingPlan saves the plan form once its verdict says the plan
// meets the rules, capturing the form as shot first.
func saveMeetingPlan(t *testing.T, h *harness, f *planForm, shot string) {
	t.Helper()
	h.settle()
	if f.save.Disabled() || !strings.Contains(f.verdictTitle.Text, "meets") {
		t.Fatalf("Save disabled (%v) with verdict %q / %q", f.save.Disabled(), f.verdictTitle.Text, f.verdict.Text)
	}
	h.capture(shot)
	test.Tap(f.save)
	h.settle()
}

// plannedFor is the (last) audit of a certification planned between from
// and to, nil when there is none.
func plannedFor(t *testing.T, h *harness, cert certification.ID, from, to string) *view.AuditRow {
	t.Helper()
	rows, err := view.AuditsBetween(context.Background(), h.svc(), dateText(from), dateText(to))
	if err != nil {
		t.Fatal(err)
	}
	var got *view.AuditRow
	for i := range rows {
		if rows[i].CertificationID == cert {
			got = &rows[i]
		}
	}
	return got
}

func openProgramme(t *testing.T, h *harness) *programme {
	t.Helper()
	return h.showSpace("Audit programme").(*programme)
}

func TestProgrammePlansStage1(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newProgrammeWorld(t, h)
	p := openProgramme(t, h)
	if p.title.Text != "November 2026" {
		t.Fatalf("title %q, want the current month", p.title.Text)
	}
	test.Tap(p.cells[11]) // December
	h.settle()
	if p.month != 12 || len(p.shown) != 5 {
		t.Fatalf("December shows %d audits, want 5: %+v", len(p.shown), p.shown)
	}
	if p.counts[9] != 1 || p.counts[10] != 2 || p.counts[11] != 5 {
		t.Errorf("strip counts Oct %d Nov %d Dec %d, want 1, 2 and 5", p.counts[9], p.counts[10], p.counts[11])
	}

	// Plan stage 1 for Nordlicht: pick the client by typing, the dates,
	// days and the lead.
	test.Tap(p.planBtn)
	h.settle()
	f := p.form
	if f == nil || !f.isOpen() {
		t.Fatal("the plan form did not open")
	}
	test.Type(f.clientQ, "a")
	h.settle()
	if len(f.found) != 8 || f.found[0].LegalName != "Aurora Fintech Oy" {
		t.Errorf("matches for a: %d, first %q; want all 8, Aurora first", len(f.found), f.found[0].LegalName)
	}
	h.capture("programme-plan-pick-client")
	f.clientQ.SetText("")
	test.Type(f.clientQ, "nordl")
	h.settle()
	if len(f.found) != 1 {
		t.Fatalf("%d matches for nordl, want 1", len(f.found))
	}
	f.clientQ.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	if !strings.Contains(f.cert.Selected, "42001") || f.kind.Selected != "Stage 1" {
		t.Fatalf("certification %q kind %q after choosing the client", f.cert.Selected, f.kind.Selected)
	}
	if got := f.sites.Selected; !slices.Equal(got, []string{"HQ · Head office Berlin (central)"}) {
		t.Errorf("sites ticked %v, want the central site", got)
	}
	if !f.save.Disabled() {
		t.Error("Save enabled before dates were given")
	}
	fillPlan(t, h, f, "2026-12-14", "2026-12-15", "4", "Ingrid Solberg")
	pickMember(t, h, f.picker, "Elena Petrova", "Expert")
	saveMeetingPlan(t, h, f, "programme-plan-form")

	// In the store.
	got := plannedFor(t, h, w.certs["Nordlicht Analytics GmbH"], "2026-12-01", "2026-12-31")
	if got == nil {
		t.Fatal("no audit planned for Nordlicht")
	}
	if got.Kind != certification.Stage1 || got.PlannedStart != dateText("2026-12-14") || got.PlannedEnd != dateText("2026-12-15") ||
		got.PlannedDays != 4 || got.Lead() != w.people["Ingrid Solberg"] || !got.OnTeam(w.people["Elena Petrova"]) ||
		got.Status != certification.AuditPlanned {
		t.Fatalf("planned audit %+v", got.AuditSummary)
	}
	if a, _ := storedAudit(t, h, got.ID); !slices.Equal(a.Sites, []string{"HQ"}) {
		t.Fatalf("planned audit's sites %v, want HQ", a.Sites)
	}
	// On the screen: the form closed and December lists it.
	if f.isOpen() {
		t.Error("the plan form is still open after saving")
	}
	if p.month != 12 || p.year != 2026 {
		t.Errorf("showing %d-%d after planning, want 2026-12", p.year, p.month)
	}
	found := false
	for _, r := range p.shown {
		found = found || r.ID == got.ID && r.ClientName == "Nordlicht Analytics GmbH" && r.LeadName == "Ingrid Solberg"
	}
	if !found || !strings.HasPrefix(p.summary.Text, "6 audits in December 2026") {
		t.Errorf("December does not show the new audit: %q", p.summary.Text)
	}
	h.capture("programme-month")

	// Filters: by auditor and by search.
	p.auditor.SetSelected("Ingrid Solberg")
	if len(p.shown) != 2 {
		t.Errorf("Ingrid's December audits: %d, want 2 (Aurora, Nordlicht)", len(p.shown))
	}
	test.Type(p.search, "aur")
	if len(p.shown) != 1 || p.shown[0].ClientName != "Aurora" {
		t.Errorf("search aur: %+v", p.shown)
	}
	p.clearFilters()
	if len(p.shown) != 6 {
		t.Errorf("after clearing the filters: %d rows", len(p.shown))
	}

	// Whole year, next year.
	test.Tap(p.yearCell)
	if p.month != 0 || len(p.shown) != 9 {
		t.Errorf("whole year: month %d, %d rows", p.month, len(p.shown))
	}
	test.Tap(p.cells[11])
	p.stepMonth(1)
	h.settle()
	if p.year != 2027 || p.month != 1 || len(p.shown) != 1 {
		t.Errorf("January 2027: %d-%d with %d rows", p.year, p.month, len(p.shown))
	}

	// Selecting a row opens the audit in the audit workspace.
	p.table.Select(widget.TableCellID{Row: 0, Col: 2})
	h.settle()
	if h.u.title.Text != "Audit workspace" {
		t.Fatalf("selecting a row shows %q", h.u.title.Text)
	}
	aw := h.u.spaces[h.u.current].(*auditWS)
	if aw.audit == nil || aw.audit.ID != w.audits["Caldera special"] {
		t.Errorf("the workspace opened %+v", aw.audit)
	}
}

func TestProgrammeShowsRefusalsInline(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newProgrammeWorld(t, h)
	p := openProgramme(t, h)

	// The Clients page opens the form on a certification.
	h.u.goTo("Audit programme", recordRef{certification.KindCertification, w.certs["Brightwave Health Ltd"]})
	h.settle()
	f := p.form
	if f == nil || !f.isOpen() || f.clientID == 0 || !strings.Contains(f.cert.Selected, "42001") {
		t.Fatalf("form not preselected: %+v", f)
	}
	if f.kind.Selected != "Stage 1" {
		t.Errorf("suggested kind %q, want Stage 1", f.kind.Selected)
	}
	// Stage 2 before stage 1 has been carried out.
	f.kind.SetSelected("Stage 2")
	fillPlan(t, h, f, "2027-01-11", "2027-01-13", "4", "Priya Raman")
	pickMember(t, h, f.picker, "Lea Martin", "Auditor")
	if !f.save.Disabled() {
		t.Error("Save enabled for a stage 2 before stage 1")
	}
	if !strings.Contains(f.verdictTitle.Text, certification.RuleStage2NeedsReadyStage1) || !strings.Contains(f.verdict.Text, "stage 1") {
		t.Errorf("verdict %q / %q", f.verdictTitle.Text, f.verdict.Text)
	}
	if f.gap.Hidden {
		t.Error("gap justification hidden for a stage 2")
	}
	h.capture("programme-plan-refusal")

	// Dates backwards.
	f.kind.SetSelected("Stage 1")
	f.end.SetText("2027-01-09")
	h.settle()
	if !f.save.Disabled() || !strings.Contains(f.verdictTitle.Text, certification.RuleDatesBackwards) {
		t.Errorf("dates backwards: verdict %q, save disabled %v", f.verdictTitle.Text, f.save.Disabled())
	}
	f.end.SetText("2027-01-12")
	h.settle()
	if f.save.Disabled() {
		t.Errorf("valid stage 1 still refused: %q %q", f.verdictTitle.Text, f.verdict.Text)
	}
	tapDialogButton(t, h, "Cancel")
	if f.isOpen() {
		t.Error("Cancel did not close the form")
	}

	// A stage 2 more than 6 months after stage 1 needs a justification.
	h.u.goTo("Audit programme", recordRef{certification.KindCertification, w.certs["Kestrel Robotics AB"]})
	h.settle()
	f = p.form
	if f.kind.Selected != "Stage 2" {
		t.Errorf("suggested kind %q after a ready stage 1, want Stage 2", f.kind.Selected)
	}
	fillPlan(t, h, f, "2027-06-01", "2027-06-03", "11", "Ingrid Solberg")
	h.settle()
	if !f.save.Disabled() || !strings.Contains(f.verdictTitle.Text, certification.RuleStage2GapJustification) {
		t.Errorf("gap: verdict %q", f.verdictTitle.Text)
	}
	test.Type(f.gap, "Stage 1 documents re-checked remotely on 2027-05-10; no change to the AI systems in scope.")
	h.settle()
	if f.save.Disabled() {
		t.Errorf("justified gap still refused: %q %q", f.verdictTitle.Text, f.verdict.Text)
	}
	tapDialogButton(t, h, "Cancel")

	// Opening an audit shows its month.
	h.u.goTo("Audit programme", recordRef{certification.KindAudit, w.audits["Caldera special"]})
	h.settle()
	if p.year != 2027 || p.month != 1 {
		t.Errorf("opening the Caldera audit shows %d-%d", p.year, p.month)
	}
}

// TestProgrammeDemoScreens captures the programme and the audit
// workspace on demonstration data (40 clients); it runs only when
// screenshots are asked for (CERTDESK_SCREENS).
func TestProgrammeDemoScreens(t *testing.T) {
	if os.Getenv("CERTDESK_SCREENS") == "" {
		t.Skip("set CERTDESK_SCREENS=dir to capture the demo screens")
	}
	h := newHarness(t, "2026-11-24")
	if _, err := demo.Generate(context.Background(), h.st, demo.Options{Clients: 40, Seed: 7, AsOf: dateText("2026-11-24")}); err != nil {
		t.Fatal(err)
	}
	p := openProgramme(t, h)
	p.reload()
	h.settle()
	h.capture("demo-programme-month")
	test.Tap(p.yearCell)
	h.settle()
	h.capture("demo-programme-year")
	// An audit with findings, in the workspace.
	var pick certification.ID
	for _, r := range p.rows {
		if r.Status == certification.AuditInProgress || r.Status == certification.AuditReportDrafted {
			pick = r.ID
		}
	}
	if pick == 0 && len(p.rows) > 0 {
		pick = p.rows[len(p.rows)/2].ID
	}
	h.u.goTo("Audit workspace", recordRef{certification.KindAudit, pick})
	h.settle()
	h.capture("demo-audit-workspace")
}
