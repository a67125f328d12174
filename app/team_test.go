package app

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"certdesk/audit/catalogue"
	"certdesk/certification"
	"certdesk/certification/view"
)

// tmWorld is a certification body with a competence register and
// declared interests, three clients and the history of one 42001
// certification (stage 1, stage 2 with its checklist, grant).
// tmWorld is a worldFixture with its people's competence and clients by
// name; it plans audits and builds teams as the programme tests do.
type tmWorld struct {
	*worldFixture
	clients map[string]certification.ID
}

func (w *tmWorld) ok(err error) {
	w.t.Helper()
	if err != nil {
		w.t.Fatal(err)
	}
}

func tmQual(std certification.Standard, role certification.Role, evidence, until string) certification.Qualification {
	q := certification.Qualification{Standard: std, Role: role, Evidence: evidence}
	if until != "" {
		q.ValidUntil = dateText(until)
	}
	return q
}

func (w *tmWorld) person(p certification.Person) {
	w.t.Helper()
	id, err := w.svc.AddPerson(w.ctx, p)
	w.ok(err)
	w.people[p.Name] = id
}

func (w *tmWorld) client(c certification.Client, std certification.Standard, scope string) {
	w.t.Helper()
	c.RegisteredAddress = "Registered office of " + c.LegalName
	c.Created = dateText("2025-06-02")
	id, err := w.svc.AddClient(w.ctx, c)
	w.ok(err)
	w.clients[c.LegalName] = id
	cid, err := w.svc.AddCertification(w.ctx, certification.Certification{ClientID: id, Standard: std, Scope: scope, Applied: dateText("2026-06-15")})
	w.ok(err)
	w.certs[c.LegalName] = cid
}

func (w *tmWorld) status(id certification.ID, ch certification.AuditChange, s certification.AuditStatus) {
	w.t.Helper()
	ch.Status = &s
	w.ok(w.svc.ChangeAudit(w.ctx, id, ch))
}

// start confirms an audit and starts it on its planned day.
func (w *tmWorld) start(id certification.ID) {
	w.t.Helper()
	a, _, err := view.AuditFile(w.ctx, w.svc, id)
	w.ok(err)
	w.status(id, certification.AuditChange{}, certification.AuditConfirmed)
	start := a.PlannedStart
	w.status(id, certification.AuditChange{ActualStart: &start}, certification.AuditInProgress)
}

// finish drafts the report and closes it a week after the audit.
func (w *tmWorld) finish(id certification.ID, outcome certification.Stage1Outcome, rec certification.Recommendation) {
	w.t.Helper()
	a, _, err := view.AuditFile(w.ctx, w.svc, id)
	w.ok(err)
	end, days := a.PlannedEnd, a.PlannedDays
	ch := certification.AuditChange{ActualEnd: &end, ActualDays: &days}
	if outcome != "" {
		ch.Stage1Outcome = &outcome
	}
	if rec != "" {
		ch.Recommendation = &rec
	}
	w.ok(w.svc.FillChecklist(w.ctx, id, certification.ChecklistEntry{Result: certification.ResultConform}))
	w.status(id, ch, certification.AuditReportDrafted)
	rd := end.AddDays(7)
	w.status(id, certification.AuditChange{ReportDate: &rd}, certification.AuditClosed)
}

func (w *tmWorld) result(id certification.ID, ref string, r certification.ChecklistResult, notes string) {
	w.t.Helper()
	w.ok(w.svc.RecordChecklist(w.ctx, id, certification.ChecklistEntry{Ref: ref, Result: r, Notes: notes}))
}

// tmLeafClauses are the clauses of 42001 results are recorded on.
func tmLeafClauses(t *testing.T) []string {
	cat, err := catalogue.For(string(certification.ISO42001))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	cl := cat.Clauses()
	for _, it := range cl {
		leaf := true
		for _, o := range cl {
			if strings.HasPrefix(o.Ref, it.Ref+".") {
				leaf = false
			}
		}
		if leaf {
			out = append(out, it.Ref)
		}
	}
	return out
}

// legacyGaps keeps in audit id's checklist only the refs keep accepts,
// written to the store as a file recorded before the report gate existed
// (checklist-coverage) could have been: what the client page's coverage
// and the decision gate "Checklist covered" must still show.
func (w *tmWorld) legacyGaps(id certification.ID, keep func(string) bool) {
	w.t.Helper()
	e := certification.JournalEntry{At: w.h.clk.Now().UTC(), Actor: certification.Actor{Name: "test set-up"}, Command: "record-checklist", Summary: "a checklist of an older file"}
	w.ok(w.h.st.Update(w.ctx, e, func(tx certification.Tx) error {
		var a certification.Audit
		if err := tx.Get(id, &a); err != nil {
			return err
		}
		a.Checklist = slices.DeleteFunc(a.Checklist, func(x certification.ChecklistEntry) bool { return !keep(x.Ref) })
		return tx.Put(&a)
	}))
}

func newTmWorld(t *testing.T, h *harness) *tmWorld {
	t.Helper()
	w := &tmWorld{worldFixture: newWorldFixture(t, h), clients: map[string]certification.ID{}}
	lead, aud, te, dm := certification.RoleLeadAuditor, certification.RoleAuditor, certification.RoleTechnicalExpert, certification.RoleDecisionMaker
	w.person(certification.Person{Name: "Hannah Becker", Email: "hannah.becker@certdesk.example", Roles: []certification.Role{certification.RoleSchemeManager}})
	w.person(certification.Person{Name: "Ingrid Solberg", Email: "ingrid.solberg@certdesk.example", Roles: []certification.Role{lead, aud},
		Competence: &certification.PersonCompetence{
			Qualifications: []certification.Qualification{
				tmQual(certification.ISO42001, lead, "ISO/IEC 42001 lead auditor course 2024; witnessed audit 2025-02", "2028-06-30"),
				tmQual(certification.ISO27001, lead, "IRCA 27001 lead auditor, approval 2022-14", "2027-03-31"),
			},
			Sectors: []int{33}, AIAreas: []certification.AIArea{certification.AIRisk, certification.AIRegulation}, Languages: []string{"English", "Norwegian", "German"}}})
	w.person(certification.Person{Name: "Marcus Webb", Email: "marcus.webb@certdesk.example", Roles: []certification.Role{lead, aud},
		Competence: &certification.PersonCompetence{
			Qualifications: []certification.Qualification{tmQual(certification.ISO9001, lead, "IRCA 9001 lead auditor", "")},
			Sectors:        []int{31, 29}, Languages: []string{"English", "Dutch"}}})
	w.person(certification.Person{Name: "Lea Martin", Email: "lea.martin@certdesk.example", Roles: []certification.Role{aud},
		Competence: &certification.PersonCompetence{
			Qualifications: []certification.Qualification{tmQual(certification.ISO42001, aud, "42001 auditor course 2025", "2029-01-31"), tmQual(certification.ISO9001, aud, "9001 auditor course", "")},
			Sectors:        []int{33, 35}, AIAreas: []certification.AIArea{certification.AIData}, Languages: []string{"French", "English"}}})
	w.person(certification.Person{Name: "Elena Petrova", Email: "elena.petrova@certdesk.example", Roles: []certification.Role{te},
		Competence: &certification.PersonCompetence{
			Qualifications: []certification.Qualification{tmQual(certification.ISO42001, te, "PhD machine learning; 6 years ML engineering", "")},
			Sectors:        []int{33, 38}, AIAreas: []certification.AIArea{certification.AILifecycle, certification.AIEthics}, Languages: []string{"English", "Bulgarian"}}})
	w.person(certification.Person{Name: "Margaret O'Neill", Email: "margaret.oneill@certdesk.example", Roles: []certification.Role{dm},
		Competence: &certification.PersonCompetence{Qualifications: []certification.Qualification{tmQual(certification.ISO42001, dm, "committee member since 2019", "")}}})

	w.client(certification.Client{LegalName: "Nordlicht Analytics GmbH", EffectivePersonnel: 160, Sectors: []int{33},
		AIRoles: []certification.AIRole{certification.AIDeveloper, certification.AIProvider},
		Sites: []certification.Site{{Code: "HQ", Name: "Head office Berlin", Address: "Friedrichstraße 1, Berlin", Central: true, Personnel: 120},
			{Code: "S2", Name: "Leipzig", Address: "Hafenweg 7, Leipzig", Personnel: 40}},
		AISystems: []certification.AISystem{
			{Name: "CreditScore", Purpose: "credit decisions", RiskClass: certification.RiskHigh, Autonomy: certification.AutonomyHumanInLoop, PersonalData: true},
			{Name: "DocSort", Purpose: "sorting incoming mail", RiskClass: certification.RiskMinimal, Autonomy: certification.AutonomyAssistive}},
	}, certification.ISO42001, "Development and operation of AI-based credit scoring services")
	w.client(certification.Client{LegalName: "Brightwave Health Ltd", TradingName: "Brightwave", EffectivePersonnel: 85, Sectors: []int{33, 38},
		AIRoles:   []certification.AIRole{certification.AIUser},
		AISystems: []certification.AISystem{{Name: "TriageAssist", Purpose: "patient triage suggestions", RiskClass: certification.RiskLimited, Autonomy: certification.AutonomyAssistive, PersonalData: true}},
	}, certification.ISO42001, "Use of AI for patient triage in outpatient clinics")
	w.client(certification.Client{LegalName: "Meridian Logistics BV", EffectivePersonnel: 420, Sectors: []int{31}}, certification.ISO9001, "Warehousing and road freight forwarding")

	// Kenji consulted for Brightwave last year: barred until 2027-09-30.
	w.person(certification.Person{Name: "Kenji Watanabe", Email: "kenji.watanabe@certdesk.example", Roles: []certification.Role{te},
		Competence: &certification.PersonCompetence{
			Qualifications: []certification.Qualification{tmQual(certification.ISO42001, te, "data scientist, 10 years", "")},
			Sectors:        []int{38}, AIAreas: []certification.AIArea{certification.AILifecycle, certification.AIData}, Languages: []string{"English", "Japanese"}},
		Interests: []certification.Interest{{ClientID: w.clients["Brightwave Health Ltd"], Kind: certification.InterestConsultancy,
			From: dateText("2025-03-01"), To: dateText("2025-09-30"), Notes: "AI risk assessment workshop"}}})

	// Nordlicht: stage 1, stage 2 with its checklist, grant; then the
	// stage 2 as a file recorded before the report needed full coverage
	// (two clauses and most controls without a result: legacyGaps).
	s1 := w.plan("Nordlicht s1", "Nordlicht Analytics GmbH", certification.Stage1, "2026-09-07", "2026-09-08", 2, w.team("Ingrid Solberg", "TE:Elena Petrova"), "HQ")
	w.start(s1)
	w.finish(s1, certification.Stage1Ready, "")
	s2 := w.plan("Nordlicht s2", "Nordlicht Analytics GmbH", certification.Stage2, "2026-10-12", "2026-10-14", 5, w.team("Ingrid Solberg", "Lea Martin", "TE:Elena Petrova"), "HQ", "S2")
	w.start(s2)
	for _, ref := range tmLeafClauses(t) {
		if ref == "9.3" || ref == "10.1" {
			continue
		}
		w.result(s2, ref, certification.ResultConform, "Interviewed the AI system owner; records sampled.")
	}
	cat, _ := catalogue.For(string(certification.ISO42001))
	for _, it := range cat.Controls()[:12] {
		w.result(s2, it.Ref, certification.ResultConform, "Evidence seen.")
	}
	w.finish(s2, "", certification.RecommendGrant)
	_, err := w.svc.Decide(w.ctx, certification.Decision{CertificationID: w.certs["Nordlicht Analytics GmbH"], Kind: certification.Grant,
		Date: dateText("2026-10-30"), Makers: []certification.ID{w.people["Margaret O'Neill"]}, Reasons: "Stage 2 closed without nonconformity"})
	w.ok(err)
	recorded := map[string]bool{}
	for _, ref := range tmLeafClauses(t) {
		recorded[ref] = ref != "9.3" && ref != "10.1"
	}
	for _, it := range cat.Controls()[:12] {
		recorded[it.Ref] = true
	}
	w.legacyGaps(s2, func(ref string) bool { return recorded[ref] })
	// Lea is on Meridian's stage 1 in mid-December, confirmed.
	m1 := w.plan("Meridian s1", "Meridian Logistics BV", certification.Stage1, "2026-12-14", "2026-12-15", 2, w.team("Marcus Webb", "Lea Martin"))
	confirmed := certification.AuditConfirmed
	w.ok(w.svc.ChangeAudit(w.ctx, m1, certification.AuditChange{Status: &confirmed}))
	return w
}

// TestPersonCompetenceAndInterests adds a qualification, a sector, an AI
// area and an interest to a person through the form.
func TestPersonCompetenceAndInterests(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newTmWorld(t, h)
	s := h.showSpace("Settings").(*settingsSpace)
	fxCapture(h, "i4-settings-register")
	if !s.create() {
		t.Fatal("Ctrl+N does not add a person")
	}
	h.settle()
	f := personFormShown(t, h)
	add := fxButton(t, h.w, "Add")
	test.Type(f.name, "Noor Haddad")
	test.Type(f.email, "noor.haddad@certdesk.example")
	f.roles.SetSelected([]string{roleText(certification.RoleAuditor), roleText(certification.RoleTechnicalExpert)})
	if add.Disabled() {
		t.Fatalf("Add disabled for a valid person: %q", f.problem.Text)
	}

	// A qualification: incomplete rows keep Add disabled.
	fxTap(h, fxButton(t, h.w, "Add qualification"))
	if len(f.quals) != 1 || !add.Disabled() || !strings.Contains(f.problem.Text, "Qualification 1: choose the standard") {
		t.Fatalf("after adding an empty qualification: rows %d, Add disabled %v, problem %q", len(f.quals), add.Disabled(), f.problem.Text)
	}
	q := f.quals[0]
	q.standard.SetSelected(string(certification.ISO42001))
	q.role.SetSelected(roleText(certification.RoleAuditor))
	test.Type(q.evidence, "ISO/IEC 42001 auditor course, March 2026")
	test.Type(q.validUntil, "2029-03-31")
	if !f.standards[certification.ISO42001].Checked {
		t.Error("the qualification's standard is not ticked")
	}
	// Sectors and AI areas.
	test.Type(f.sectors.filter, "health")
	if f.sectors.checks[38].Hidden || !f.sectors.checks[33].Hidden {
		t.Error("the sector filter does not narrow the list to health")
	}
	f.sectors.checks[38].SetChecked(true)
	f.sectors.filter.SetText("")
	f.areas[certification.AIEthics].SetChecked(true)
	f.areas[certification.AIData].SetChecked(true)
	test.Type(f.languages, "English, Arabic")

	// An interest: the client is picked by typing its name.
	fxTap(h, fxButton(t, h.w, "Declare an interest"))
	in := f.interests[0]
	if !add.Disabled() {
		t.Error("Add enabled with an interest without its client")
	}
	test.Type(in.client, "bright")
	h.settle()
	if len(f.found) != 1 || f.found[0].LegalName != "Brightwave Health Ltd" || !f.matchRow.Visible() {
		t.Fatalf("matches for bright: %+v (shown %v)", f.found, f.matchRow.Visible())
	}
	fxCapture(h, "i4-person-form-picking")
	in.client.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if in.clientID != w.clients["Brightwave Health Ltd"] || in.client.Text != "Brightwave Health Ltd (Brightwave)" || f.matchRow.Visible() {
		t.Fatalf("picked %d %q", in.clientID, in.client.Text)
	}
	in.kind.SetSelected(interestKindText(certification.InterestTraining))
	test.Type(in.from, "2026-02-01")
	test.Type(in.to, "2026-01-15") // before it began: the domain refuses
	if !add.Disabled() || !strings.Contains(f.problem.Text, "ends (2026-01-15) before it begins") {
		t.Errorf("backwards interest: Add disabled %v, problem %q", add.Disabled(), f.problem.Text)
	}
	in.to.SetText("")
	test.Type(in.to, "2026-02-03")
	test.Type(in.notes, "Internal auditor training, 3 days")
	if add.Disabled() {
		t.Fatalf("Add disabled: %q", f.problem.Text)
	}
	fxCapture(h, "i4-person-form")
	fxTap(h, add)

	// In the store.
	ps, err := view.People(h.ctx, h.svc())
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(ps, func(p certification.Person) bool { return p.Name == "Noor Haddad" })
	if i < 0 {
		t.Fatal("Noor was not added")
	}
	p := ps[i]
	c := p.Competence
	if c == nil || len(c.Qualifications) != 1 {
		t.Fatalf("competence %+v", c)
	}
	if got := c.Qualifications[0]; got.Standard != certification.ISO42001 || got.Role != certification.RoleAuditor ||
		got.Evidence != "ISO/IEC 42001 auditor course, March 2026" || got.ValidUntil != dateText("2029-03-31") {
		t.Errorf("qualification %+v", got)
	}
	if !slices.Equal(c.Standards, []certification.Standard{certification.ISO42001}) || !slices.Equal(c.Sectors, []int{38}) ||
		!slices.Equal(c.AIAreas, []certification.AIArea{certification.AIData, certification.AIEthics}) || !slices.Equal(c.Languages, []string{"English", "Arabic"}) {
		t.Errorf("competence %+v", c)
	}
	if len(p.Interests) != 1 {
		t.Fatalf("interests %+v", p.Interests)
	}
	if got := p.Interests[0]; got.ClientID != w.clients["Brightwave Health Ltd"] || got.Kind != certification.InterestTraining ||
		got.From != dateText("2026-02-01") || got.To != dateText("2026-02-03") || got.Notes != "Internal auditor training, 3 days" {
		t.Errorf("interest %+v", got)
	}
	if i := slices.IndexFunc(s.people, func(p certification.Person) bool { return p.Name == "Noor Haddad" }); i < 0 || competenceText(&s.people[i]) != "42001 auditor to 2029-03-31 · sectors 38 · data quality, ethics and impact" {
		t.Errorf("register shows %q", competenceText(&s.people[max(i, 0)]))
	}

	// Editing shows what is stored; removing the interest saves.
	i = slices.IndexFunc(s.people, func(p certification.Person) bool { return p.Name == "Kenji Watanabe" })
	s.ptable.Select(widget.TableCellID{Row: i, Col: 0})
	fxTap(h, s.editBtn)
	f = personFormShown(t, h)
	h.settle()
	if len(f.interests) != 1 || f.interests[0].client.Text != "Brightwave Health Ltd (Brightwave)" || f.interests[0].from.Text != "2025-03-01" {
		t.Fatalf("Kenji's interest in the form: %+v", f.interests)
	}
	if !f.areas[certification.AILifecycle].Checked || !slices.Equal(f.sectors.chosen(), []int{38}) || f.languages.Text != "English, Japanese" {
		t.Error("Kenji's competence is not in the form")
	}
	fxCapture(h, "i4-person-form-edit")
	test.Tap(f.interests[0].remove)
	fxTap(h, fxButton(t, h.w, "Save"))
	kenji := w.people["Kenji Watanabe"]
	ps, _ = view.People(h.ctx, h.svc())
	for _, p := range ps {
		if p.ID == kenji && (len(p.Interests) != 0 || p.Competence == nil || len(p.Competence.AIAreas) != 2) {
			t.Errorf("Kenji after removing the interest: %+v", p)
		}
	}
}

// TestTeamBuilder assembles a 42001 team in the plan form: the AI life
// cycle is missing until a technical expert who has it joins; an interest
// and a double booking show as problems with the person's name.
func TestTeamBuilder(t *testing.T) {
	h := newHarness(t, "2026-11-24")
	w := newTmWorld(t, h)
	p := openProgramme(t, h)
	p.planAudit(w.certs["Brightwave Health Ltd"])
	h.settle()
	f := p.form
	if f == nil || !f.isOpen() || !strings.Contains(f.cert.Selected, "42001") {
		t.Fatal("the plan form did not open on Brightwave's certification")
	}
	if !strings.Contains(f.team.headline.Text, "planned dates") {
		t.Errorf("team check before the dates: %q", f.team.headline.Text)
	}
	fillPlan(t, h, f, "2026-12-15", "2026-12-16", "4", "Ingrid Solberg")
	h.settle()
	kinds := func() []certification.TeamProblemKind {
		var out []certification.TeamProblemKind
		if f.team.check != nil {
			for _, p := range f.team.check.Problems {
				out = append(out, p.Kind)
			}
		}
		return out
	}
	if !slices.Contains(kinds(), certification.TeamAI) {
		t.Fatalf("no ai-not-covered with Ingrid alone: %v", kinds())
	}
	all := strings.Join(f.team.texts(), "\n")
	for _, want := range []string{"must be resolved or justified before confirming", "Lead auditor: Ingrid Solberg is qualified as lead auditor for 42001",
		"AI competence (ISO/IEC 42006): covered AI risk; missing AI life cycle", "IAF sectors: covered 33", "missing 38"} {
		if !strings.Contains(all, want) {
			t.Errorf("team check lacks %q:\n%s", want, all)
		}
	}
	if f.save.Disabled() {
		t.Errorf("planning is blocked by the team check (verdict %q): it must not be", f.verdictTitle.Text)
	}

	// Lea is on Meridian's stage 1 on the 15th; Kenji consulted for Brightwave.
	pickMember(t, h, f.picker, "Lea Martin", "Auditor")
	pickMember(t, h, f.picker, "Kenji Watanabe", "Expert")
	all = strings.Join(f.team.texts(), "\n")
	for _, want := range []string{"Interest: Kenji Watanabe declared consultancy for this client", "Double booking: Lea Martin is on audit"} {
		if !strings.Contains(all, want) {
			t.Errorf("team check lacks %q:\n%s", want, all)
		}
	}
	if slices.Contains(kinds(), certification.TeamAI) {
		t.Errorf("Kenji has the AI life cycle, still ai-not-covered: %v", kinds())
	}
	fxCapture(h, "i4-team-builder-problems")

	// Elena instead of Kenji, without Lea: competent and impartial.
	dropMember(t, h, f.picker, "Lea Martin")
	dropMember(t, h, f.picker, "Kenji Watanabe")
	pickMember(t, h, f.picker, "Elena Petrova", "Expert")
	if k := kinds(); len(k) != 0 {
		t.Errorf("problems with Ingrid and Elena: %v", f.team.check.Problems)
	}
	if !strings.Contains(f.team.headline.Text, "competent and impartial") {
		t.Errorf("headline %q", f.team.headline.Text)
	}
	fxCapture(h, "i4-team-builder-ok")
	// Without Elena again the gap is back.
	dropMember(t, h, f.picker, "Elena Petrova")
	if !slices.Contains(kinds(), certification.TeamAI) {
		t.Errorf("ai-not-covered did not come back: %v", kinds())
	}
	pickMember(t, h, f.picker, "Elena Petrova", "Expert")
	if slices.Contains(kinds(), certification.TeamAI) {
		t.Errorf("adding Elena does not clear ai-not-covered: %v", kinds())
	}
	test.Tap(f.save)
	h.settle()
	rows, err := view.AuditsBetween(h.ctx, h.svc(), dateText("2026-12-01"), dateText("2026-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range rows {
		if r.ClientID == w.clients["Brightwave Health Ltd"] {
			found = true
		}
	}
	if !found {
		t.Error("the audit was not planned")
	}
}

// texts are the lines the panel shows (what the tests read).
func (tp *teamPanel) texts() []string {
	out := []string{tp.headline.Text}
	for _, box := range []*fyne.Container{tp.problems, tp.coverage} {
		for _, o := range box.Objects {
			if c, ok := o.(*fyne.Container); ok {
				for _, x := range c.Objects {
					if l, ok := x.(*widget.Label); ok {
						out = append(out, l.Text)
					}
				}
			}
		}
	}
	if tp.note.Visible() {
		out = append(out, tp.note.Text)
	}
	return out
}
